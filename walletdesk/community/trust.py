"""How far the forum trusts an author: one rule, read from their record in the forum.

- **new**: an account younger than ``COMMUNITY_TRUST_MEMBER_AFTER_DAYS`` days, or with fewer
  than ``COMMUNITY_TRUST_MEMBER_POSTS`` published questions, answers and replies. A fresh or
  silent account is the impersonator's tool: its links are shown as text with their domain.
- **member**: past both. Links in its published posts may be followed.
- **trusted**: a member with ``COMMUNITY_TRUST_TRUSTED_ACCEPTED`` accepted answers or
  ``COMMUNITY_TRUST_TRUSTED_POSTS`` published posts, and nothing a moderator hid (a report a
  moderator upheld hides the text, so an upheld report counts here as a hidden post).
- Staff are always trusted.

Trust never exempts from the impersonation guard (services ``hold_reasons``): a trusted
account that offers help in private is held like any other. The level says who may link and
what a moderator knows of an author; it decides nothing else.

The record is read inside the query that loads the posts (correlated subqueries keyed on the
author, ``with_author_record``), so a page of many authors costs no query per post; a single
item loaded without it is read with one query (``author_trust``).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from django.conf import settings
from django.db.models import (
    Exists,
    Func,
    IntegerField,
    Model,
    OuterRef,
    QuerySet,
    Subquery,
    TextChoices,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from walletdesk.accounts.models import User
from walletdesk.community.models import Post, Topic, Visibility

M = TypeVar("M", bound=Model)

# The annotations ``with_author_record`` adds; ``author_trust`` reads them when present.
_PUBLISHED_TOPICS = "author_published_topics"
_PUBLISHED_POSTS = "author_published_posts"
_ACCEPTED = "author_accepted_answers"
_HIDDEN = "author_has_hidden"
_FIELDS = (_PUBLISHED_TOPICS, _PUBLISHED_POSTS, _ACCEPTED, _HIDDEN)


class TrustLevel(TextChoices):
    NEW = "new", pgettext_lazy("forum trust", "New")
    MEMBER = "member", pgettext_lazy("forum trust", "Member")
    TRUSTED = "trusted", pgettext_lazy("forum trust", "Trusted")


@dataclass(frozen=True)
class AuthorRecord:
    """What the forum knows of an author, as far as trust goes."""

    published: int
    accepted: int
    has_hidden: bool


@dataclass(frozen=True)
class Thresholds:
    member_after: timedelta
    member_posts: int
    trusted_posts: int
    trusted_accepted: int


def thresholds() -> Thresholds:
    """The settings, read at each call so a deployment (or a test) may change them."""
    return Thresholds(
        member_after=timedelta(days=settings.COMMUNITY_TRUST_MEMBER_AFTER_DAYS),
        member_posts=settings.COMMUNITY_TRUST_MEMBER_POSTS,
        trusted_posts=settings.COMMUNITY_TRUST_TRUSTED_POSTS,
        trusted_accepted=settings.COMMUNITY_TRUST_TRUSTED_ACCEPTED,
    )


def trust_level(*, user: User, record: AuthorRecord, now: datetime | None = None) -> TrustLevel:
    """The level of ``user`` given their forum record: the rule of the module docstring. Pure."""
    if user.is_agent:
        return TrustLevel.TRUSTED
    limits = thresholds()
    now = now or timezone.now()
    if now - user.date_joined < limits.member_after or record.published < limits.member_posts:
        return TrustLevel.NEW
    if not record.has_hidden and (
        record.accepted >= limits.trusted_accepted or record.published >= limits.trusted_posts
    ):
        return TrustLevel.TRUSTED
    return TrustLevel.MEMBER


def _count(queryset: QuerySet[Any]) -> Coalesce:
    # COUNT without GROUP BY: one row per outer row, whatever the author wrote. COUNT(*) names
    # no column, so the partial indexes on the author answer it without reading the rows.
    counted = (
        queryset.order_by()
        .annotate(n=Func(template="COUNT(*)", output_field=IntegerField()))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _record_expressions(author: Any) -> dict[str, Any]:
    """The record of the author ``author`` points at (an OuterRef or an expression of them)."""
    published = {"visibility": Visibility.VISIBLE, "deleted_at__isnull": True}
    return {
        _PUBLISHED_TOPICS: _count(Topic.objects.filter(author_id=author, **published)),
        _PUBLISHED_POSTS: _count(Post.objects.filter(author_id=author, **published)),
        _ACCEPTED: _count(
            Topic.objects.filter(
                accepted_answer__author_id=author, accepted_answer__deleted_at__isnull=True
            )
        ),
        # Hidden stays hidden when its author deletes it afterwards: deleted ones count.
        _HIDDEN: Exists(Topic.objects.filter(author_id=author, visibility=Visibility.HIDDEN))
        | Exists(Post.objects.filter(author_id=author, visibility=Visibility.HIDDEN)),
    }


def with_author_record(queryset: QuerySet[M], author: Any = None) -> QuerySet[M]:
    """``queryset`` (of topics or posts) with its author's record read in the same query.

    ``author``: what names the author in the outer row (default the row's ``author_id``; a
    report passes the reported text's author). Five index lookups per row, no query more.
    """
    annotated: QuerySet[M] = queryset.annotate(
        **_record_expressions(author or OuterRef("author_id"))
    )
    return annotated


def _record_of(item: Any) -> AuthorRecord | None:
    if not all(hasattr(item, name) for name in _FIELDS):
        return None
    return AuthorRecord(
        published=getattr(item, _PUBLISHED_TOPICS) + getattr(item, _PUBLISHED_POSTS),
        accepted=getattr(item, _ACCEPTED),
        has_hidden=bool(getattr(item, _HIDDEN)),
    )


def author_record_get(*, user: User) -> AuthorRecord:
    """``user``'s forum record: one query."""
    row = (
        User.objects.filter(pk=user.pk)
        .annotate(**_record_expressions(OuterRef("pk")))
        .values(*_FIELDS)
        .get()
    )
    return AuthorRecord(
        published=row[_PUBLISHED_TOPICS] + row[_PUBLISHED_POSTS],
        accepted=row[_ACCEPTED],
        has_hidden=bool(row[_HIDDEN]),
    )


def author_trust(item: Topic | Post | Any, author: User | None = None) -> TrustLevel:
    """The trust level of the author of ``item`` (a topic, a post, or a report with
    ``author``): from the record its query read (``with_author_record``), else one query.
    Staff are trusted without reading anything."""
    user = author if author is not None else item.author
    if user.is_agent:
        return TrustLevel.TRUSTED
    record = _record_of(item)
    if record is None:
        record = author_record_get(user=user)
    return trust_level(user=user, record=record)

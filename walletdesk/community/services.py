"""Writes of the community forum: ask, answer, reply, accept, vote, report, moderate, promote to
an FAQ draft, open a ticket.

Every text an account writes takes the same steps, in this order:

1. who: a verified account whose display name is not a support or official name
   (accounts.services ``display_name_check``, the one rule over names; staff may use them);
2. limits: per account (tighter for a new account) and per client address, counted by
   core.ratelimit where every process sees the same count;
3. the secret guard (guard.services): a recovery phrase or private key is refused, nothing
   stored, the text comes back masked; the catch is recorded outside the write's transaction;
4. the impersonation guard (community/impersonation.py) for non-staff: the text is stored
   HELD with its reasons for a moderator, never published;
5. the write, in one transaction.

Who hears what, in the app's notification list and by mail (notifications.services
``notification_forum_create``, in the same transaction as the change): the asker, when an
answer to their question is published (at once, or when a moderator publishes a held one);
the answerer, when their answer is accepted or someone replies under it (when the reply is
published); the asker, too, of a reply under any answer to their question. Nobody hears of
their own action, of a held or hidden post, and nobody hears of one post twice.

Moderation actions (approve, hide, lock, move, and report decisions) are staff-only and each
writes an audit event (audit.services ``record``) in the same transaction as the change. An
author's edit takes the same steps as a new text; edits and soft deletes are audited too.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from walletdesk.accounts.errors import AccountError
from walletdesk.accounts.models import User
from walletdesk.accounts.services import display_name_check, user_profile_update
from walletdesk.audit.models import Kind
from walletdesk.audit.services import record
from walletdesk.community import limits
from walletdesk.community.errors import CommunityError
from walletdesk.community.impersonation import impersonation_check, link_is_suspicious, links_in
from walletdesk.community.models import Post, Report, Topic, Visibility, Vote
from walletdesk.community.selectors import moderation_waiting_forget
from walletdesk.community.trust import TrustLevel, author_trust
from walletdesk.core import ratelimit
from walletdesk.guard.models import Channel
from walletdesk.guard.services import secret_guard
from walletdesk.kb import search
from walletdesk.kb.models import Article
from walletdesk.kb.services import article_save
from walletdesk.notifications.models import Kind as NotificationKind
from walletdesk.notifications.services import (
    notification_forum_create,
    notifications_forum_withdraw,
)
from walletdesk.tickets.models import Category, Ticket

# The category a question of general discussion goes to when it becomes an article or ticket.
FALLBACK_CATEGORY = "other"


def own_domains() -> tuple[str, ...]:
    """The site's own hosts and the wallet maker's official ones: links to them are never
    held."""
    host = urlsplit(settings.SITE_URL).hostname or ""
    return ((host,) if host else ()) + tuple(settings.COMMUNITY_OFFICIAL_DOMAINS)


# --- the steps every text takes --------------------------------------------------------------


def poster_check(*, user: User) -> None:
    """Whether ``user`` may post: verified, and (non-staff) a name that is not staff-like.

    Raises CommunityError(UNVERIFIED) or CommunityError(NAME_RESERVED). Names kept from before
    the rule are checked here too: the forum is where a look-alike name does harm.
    """
    if not user.is_verified:
        raise CommunityError(CommunityError.Code.UNVERIFIED)
    try:
        display_name_check(user=user, display_name=user.display_name)
    except AccountError as exc:
        raise CommunityError(CommunityError.Code.NAME_RESERVED) from exc


def is_new_account(user: User) -> bool:
    """Younger than NEW_ACCOUNT_FOR: tighter posting limits. Only the age, read with no query,
    as every write asks; who may link is the trust level's (``links_clickable``)."""
    return not user.is_agent and timezone.now() - user.date_joined < limits.NEW_ACCOUNT_FOR


def links_clickable(item: Topic | Post) -> bool:
    """Whether the links in a text may be followed with a tap: a published text of a member or
    a trusted author (community/trust.py; a new account is the impersonator's tool). Pages and
    the API both ask here, so the app and the site never disagree. Never when the text cites a
    link the guard holds for what it is (``link_is_suspicious``). No query when the item was
    loaded with its author's record (the selectors do), one otherwise."""
    if not item.is_visible or author_trust(item) == TrustLevel.NEW:
        return False
    # A published warning may cite a phishing site ("网址是 x.xyz，根本不是官网"): it is shown
    # with its real domain and never made a link.
    own = own_domains()
    return not any(link_is_suspicious(link, own) for link in links_in(item.body))


def _limits_count(*, user: User, ip: str) -> None:
    account_limit = limits.POSTS_PER_NEW_ACCOUNT if is_new_account(user) else None
    checks = [(limits.POSTS_PER_ACCOUNT, str(user.pk)), (limits.POSTS_PER_IP, ip)]
    if account_limit is not None:
        checks.append((account_limit, str(user.pk)))
    verdict = ratelimit.hit_all(checks)
    if not verdict.allowed:
        minutes = max(1, -(-verdict.retry_after // 60))
        raise CommunityError(CommunityError.Code.TOO_MANY_POSTS, minutes=minutes)


def _text_check(name: str, value: str, *, limit: int, required: CommunityError.Code) -> str:
    value = value.strip()
    if not value:
        raise CommunityError(required, fields=[name])
    if len(value) > limit:
        raise CommunityError(CommunityError.Code.TOO_LONG, limit=limit, fields=[name])
    return value


def _secret_check(*, user: User, fields: dict[str, str], channel: Channel) -> None:
    # Outside the write's transaction: the catch record must survive the refusal.
    scan = secret_guard(fields=fields, user=user, channel=channel)
    if scan.found:
        raise CommunityError(CommunityError.Code.SECRET_DETECTED, **scan.refusal(fields))


def hold_reasons(*, user: User, text: str) -> list[str]:
    """Why a text by ``user`` is held for a moderator; never for staff (their badge is theirs).

    The author's trust level plays no part: a trusted account taken over, or a patient
    impersonator, offers "help" in private like any other.
    """
    if user.is_agent:
        return []
    return [reason.value for reason in impersonation_check(text, own_domains=own_domains()).reasons]


@dataclass(frozen=True)
class Written:
    """What a text became: the topic or post, and why it is held (empty: published)."""

    topic: Topic
    post: Post | None
    hold_reasons: list[str]

    @property
    def held(self) -> bool:
        return bool(self.hold_reasons)


def topic_ask(
    *,
    author: User,
    category: Category | None,
    title: str,
    body: str,
    ip: str = "",
    channel: Channel = Channel.WEB,
) -> Written:
    """Ask a question. Raises CommunityError (UNVERIFIED, NAME_RESERVED, TITLE_REQUIRED,
    BODY_REQUIRED, TOO_LONG, TOO_MANY_POSTS, SECRET_DETECTED with ``fields`` and ``masked``).
    Nothing is stored when it raises, except the secret guard's catch record (naming
    ``channel``, the door the text came through). The topic is HELD with its reasons when the
    impersonation guard holds it."""
    poster_check(user=author)
    title = _text_check(
        "title", title, limit=limits.TITLE_MAX, required=CommunityError.Code.TITLE_REQUIRED
    )
    body = _text_check(
        "body", body, limit=limits.BODY_MAX, required=CommunityError.Code.BODY_REQUIRED
    )
    _secret_check(user=author, fields={"title": title, "body": body}, channel=channel)
    _limits_count(user=author, ip=ip)
    reasons = hold_reasons(user=author, text=f"{title}\n{body}")
    topic = Topic.objects.create(
        category=category,
        author=author,
        title=title,
        body=body,
        visibility=Visibility.HELD if reasons else Visibility.VISIBLE,
        hold_reasons=reasons,
        last_activity_at=timezone.now(),
        search_text=search.document(f"{title}\n{body}"),
    )
    if reasons:
        moderation_waiting_forget()
    return Written(topic=topic, post=None, hold_reasons=reasons)


def _notify(post: Post, *, recipient: User, kind: NotificationKind, actor: User) -> None:
    """Tell ``recipient`` of ``post`` (once per post and kind), inside the caller's transaction.

    The post's row is locked first: two moderators publishing it at once, or two accepts,
    then take turns, and the second finds the first's notification.
    """
    Post.objects.select_for_update().filter(pk=post.pk).exists()
    notification_forum_create(
        recipient=recipient,
        kind=kind,
        actor=actor,
        link=reverse("community:portal-topic", args=[post.topic_id]) + f"#post-{post.pk}",
        source=f"forum-post:{post.pk}",
        # For the mail: it names the topic (never the post's text) and threads per topic.
        title=post.topic.title,
        thread=f"topic-{post.topic_id}",
    )


def _mail_withdraw(posts: QuerySet[Post]) -> None:
    """What was hidden or deleted is not mailed about any more (mails not sent yet)."""
    keys = posts.values_list("pk", flat=True)
    notifications_forum_withdraw(sources=[f"forum-post:{key}" for key in keys])


def _post_published(post: Post, topic: Topic, *, actor: User) -> None:
    """A post others can now read: the asker hears of an answer, the answer's author of a
    reply under it, and the asker of a reply under any answer to their question (once: not
    when the asker wrote the answer, whose author already hears of it); nobody of their own
    post, nor of one under a question that is deleted or not published, nor of a reply under
    an answer that is."""
    if not post.is_visible or post.is_deleted or not topic.is_visible or topic.is_deleted:
        return
    parent = post.parent
    if parent is None:
        if post.author_id != topic.author_id:
            _notify(post, recipient=topic.author, kind=NotificationKind.FORUM_ANSWER, actor=actor)
        return
    if not parent.is_visible or parent.is_deleted:
        return
    if post.author_id != parent.author_id:
        _notify(post, recipient=parent.author, kind=NotificationKind.FORUM_REPLY, actor=actor)
    if topic.author_id not in (post.author_id, parent.author_id):
        _notify(post, recipient=topic.author, kind=NotificationKind.FORUM_TOPIC_REPLY, actor=actor)


def _answer_count(topic: Topic) -> int:
    return topic.posts.filter(
        parent=None, visibility=Visibility.VISIBLE, deleted_at__isnull=True
    ).count()


def post_add(
    *,
    topic: Topic,
    author: User,
    body: str,
    parent: Post | None = None,
    ip: str = "",
    channel: Channel = Channel.WEB,
) -> Written:
    """Answer a question, or reply to one of its answers (``parent``).

    Raises CommunityError (as topic_ask, and LOCKED for a locked topic, NOT_VISIBLE when the
    topic or the answer replied to is not published). A published answer counts on the topic
    and moves it to the top of the list, and its asker is notified (of a reply: the answer's
    author); a held one waits for a moderator (and notifies nobody until published).
    """
    poster_check(user=author)
    body = _text_check(
        "body", body, limit=limits.BODY_MAX, required=CommunityError.Code.BODY_REQUIRED
    )
    if topic.is_locked and not author.is_agent:
        raise CommunityError(CommunityError.Code.LOCKED)
    if not topic.is_visible or (parent is not None and not parent.is_visible):
        raise CommunityError(CommunityError.Code.NOT_VISIBLE)
    if topic.is_deleted or (parent is not None and parent.is_deleted):
        raise CommunityError(CommunityError.Code.DELETED)
    if parent is not None and (parent.topic_id != topic.pk or parent.parent_id is not None):
        raise CommunityError(CommunityError.Code.NOT_AN_ANSWER)
    _secret_check(user=author, fields={"body": body}, channel=channel)
    _limits_count(user=author, ip=ip)
    reasons = hold_reasons(user=author, text=body)
    with transaction.atomic():
        post = Post.objects.create(
            topic=topic,
            parent=parent,
            author=author,
            body=body,
            visibility=Visibility.HELD if reasons else Visibility.VISIBLE,
            hold_reasons=reasons,
        )
        if not reasons:
            changes: dict[str, object] = {"last_activity_at": timezone.now()}
            if parent is None:
                changes["answer_count"] = F("answer_count") + 1
            Topic.objects.filter(pk=topic.pk).update(**changes)
            _post_published(post, topic, actor=author)
    if reasons:
        moderation_waiting_forget()
    return Written(topic=topic, post=post, hold_reasons=reasons)


# --- the author's own edits and deletions ----------------------------------------------------


class AuthorAction:
    EDIT = "edit"
    DELETE = "delete"


def _author_check(item: Topic | Post, actor: User) -> None:
    if item.author_id != actor.pk:
        raise CommunityError(CommunityError.Code.NOT_AUTHOR)
    if item.is_deleted:
        raise CommunityError(CommunityError.Code.DELETED)


def _edit_check(item: Topic | Post, topic: Topic, actor: User) -> None:
    _author_check(item, actor)
    if item.visibility == Visibility.HIDDEN:
        raise CommunityError(CommunityError.Code.HIDDEN)
    if topic.is_locked and not actor.is_agent:
        raise CommunityError(CommunityError.Code.LOCKED)


def _visibility_after_edit(item: Topic | Post, reasons: list[str]) -> str:
    # A held text stays held until a moderator decides, whatever the edit: an edit must not be
    # a way round the queue. A published one is held again when the new text is.
    if reasons or item.visibility == Visibility.HELD:
        return Visibility.HELD
    return Visibility.VISIBLE


def _author_audit(actor: User, action: str, topic: Topic, post: Post | None, **detail: Any) -> None:
    # Ids and codes only, never the text (the audit trail keeps no words a person wrote).
    record(
        Kind.FORUM_AUTHOR_CHANGED,
        actor=actor,
        target=f"forum:{topic.pk}" + (f"/{post.pk}" if post is not None else ""),
        action=action,
        **detail,
    )


def topic_edit(
    *,
    topic: Topic,
    editor: User,
    title: str,
    body: str,
    ip: str = "",
    channel: Channel = Channel.WEB,
) -> Written:
    """The asker edits their question. The new text takes every step a new question takes
    (who, the secret guard, limits, the impersonation guard): refused, nothing changes; held,
    the question waits for a moderator before others see it again.

    Raises CommunityError NOT_AUTHOR (staff moderate, they do not rewrite), DELETED, HIDDEN
    (hidden by a moderator), LOCKED, and every refusal of ``topic_ask``. Audited
    (FORUM_AUTHOR_CHANGED, action "edit", with the visibility before and after and the reasons
    it is held for).
    """
    _edit_check(topic, topic, editor)
    poster_check(user=editor)
    title = _text_check(
        "title", title, limit=limits.TITLE_MAX, required=CommunityError.Code.TITLE_REQUIRED
    )
    body = _text_check(
        "body", body, limit=limits.BODY_MAX, required=CommunityError.Code.BODY_REQUIRED
    )
    _secret_check(user=editor, fields={"title": title, "body": body}, channel=channel)
    _limits_count(user=editor, ip=ip)
    reasons = hold_reasons(user=editor, text=f"{title}\n{body}")
    with transaction.atomic():
        locked = Topic.objects.select_for_update().get(pk=topic.pk)
        _edit_check(locked, locked, editor)
        before = locked.visibility
        locked.title = title
        locked.body = body
        locked.search_text = search.document(f"{title}\n{body}")
        locked.visibility = _visibility_after_edit(locked, reasons)
        locked.hold_reasons = reasons
        locked.edited_at = timezone.now()
        locked.save(
            update_fields=[
                "title",
                "body",
                "search_text",
                "visibility",
                "hold_reasons",
                "edited_at",
                "updated_at",
            ]
        )
        _author_audit(
            editor,
            AuthorAction.EDIT,
            locked,
            None,
            before=before,
            after=locked.visibility,
            hold_reasons=reasons,
        )
    if reasons:
        moderation_waiting_forget()
    return Written(topic=locked, post=None, hold_reasons=reasons)


def post_edit(
    *, post: Post, editor: User, body: str, ip: str = "", channel: Channel = Channel.WEB
) -> Written:
    """The author edits their answer or reply, with every step a new one takes (see
    ``topic_edit``). An answer held by its edit leaves the count of published answers (an
    accepted one stays accepted, shown to others once a moderator publishes it again).

    Raises as ``topic_edit``. Audited the same way.
    """
    topic = post.topic
    _edit_check(post, topic, editor)
    poster_check(user=editor)
    body = _text_check(
        "body", body, limit=limits.BODY_MAX, required=CommunityError.Code.BODY_REQUIRED
    )
    _secret_check(user=editor, fields={"body": body}, channel=channel)
    _limits_count(user=editor, ip=ip)
    reasons = hold_reasons(user=editor, text=body)
    with transaction.atomic():
        locked = Post.objects.select_for_update().select_related("topic").get(pk=post.pk)
        _edit_check(locked, locked.topic, editor)
        before = locked.visibility
        locked.body = body
        locked.visibility = _visibility_after_edit(locked, reasons)
        locked.hold_reasons = reasons
        locked.edited_at = timezone.now()
        locked.save(update_fields=["body", "visibility", "hold_reasons", "edited_at", "updated_at"])
        if locked.parent_id is None and before != locked.visibility:
            Topic.objects.filter(pk=topic.pk).update(answer_count=_answer_count(topic))
        _author_audit(
            editor,
            AuthorAction.EDIT,
            topic,
            locked,
            before=before,
            after=locked.visibility,
            hold_reasons=reasons,
        )
    if reasons:
        moderation_waiting_forget()
    return Written(topic=topic, post=locked, hold_reasons=reasons)


@transaction.atomic
def topic_delete(*, topic: Topic, actor: User) -> Topic:
    """The asker deletes their question (soft: the row and its answers stay). A question with
    answers reads "deleted by its author" above them; one without leaves the forum. Either
    way it leaves the list and search. Raises CommunityError NOT_AUTHOR, DELETED. Audited."""
    locked = Topic.objects.select_for_update().get(pk=topic.pk)
    _author_check(locked, actor)
    locked.deleted_at = timezone.now()
    locked.save(update_fields=["deleted_at", "updated_at"])
    _mail_withdraw(locked.posts.all())
    _author_audit(actor, AuthorAction.DELETE, locked, None, visibility=locked.visibility)
    if locked.visibility == Visibility.HELD:
        moderation_waiting_forget()
    return locked


@transaction.atomic
def post_delete(*, post: Post, actor: User) -> Post:
    """The author deletes their answer or reply (soft). An accepted answer, or one with
    replies, reads "deleted by its author" in its place; others leave the thread. The topic's
    answer count follows. Raises CommunityError NOT_AUTHOR, DELETED. Audited."""
    locked = Post.objects.select_for_update().select_related("topic").get(pk=post.pk)
    _author_check(locked, actor)
    locked.deleted_at = timezone.now()
    locked.save(update_fields=["deleted_at", "updated_at"])
    if locked.parent_id is None:
        Topic.objects.filter(pk=locked.topic_id).update(answer_count=_answer_count(locked.topic))
    _mail_withdraw(Post.objects.filter(pk=locked.pk))
    _author_audit(actor, AuthorAction.DELETE, locked.topic, locked, visibility=locked.visibility)
    if locked.visibility == Visibility.HELD:
        moderation_waiting_forget()
    return locked


def _may_decide(topic: Topic, actor: User) -> bool:
    return actor.is_agent or actor.pk == topic.author_id


@transaction.atomic
def answer_accept(*, topic: Topic, post: Post, actor: User) -> Topic:
    """Mark ``post`` as the accepted answer (replacing any earlier one).

    Raises CommunityError(NOT_ALLOWED) unless the asker or staff, NOT_AN_ANSWER unless a
    published answer (not a reply) of this topic. Its author is notified (once per answer,
    never of accepting their own).
    """
    if not _may_decide(topic, actor):
        raise CommunityError(CommunityError.Code.NOT_ALLOWED)
    if (
        post.topic_id != topic.pk
        or post.parent_id is not None
        or not post.is_visible
        or post.is_deleted
    ):
        raise CommunityError(CommunityError.Code.NOT_AN_ANSWER)
    topic.accepted_answer = post
    topic.save(update_fields=["accepted_answer", "updated_at"])
    _notify(post, recipient=post.author, kind=NotificationKind.FORUM_ACCEPTED, actor=actor)
    return topic


@transaction.atomic
def vote_cast(*, post: Post, user: User, value: int) -> Post:
    """Vote an answer up (+1) or down (-1); the same vote again takes it back.

    Raises CommunityError (UNVERIFIED, OWN_POST, NOT_VISIBLE, TOO_MANY_POSTS). The score moves
    by one UPDATE with F(), so concurrent voters never lose a count; the vote row is unique
    per account and answer, so a double click counts once.
    """
    if not user.is_verified:
        raise CommunityError(CommunityError.Code.UNVERIFIED)
    if post.author_id == user.pk:
        raise CommunityError(CommunityError.Code.OWN_POST)
    if not post.is_visible:
        raise CommunityError(CommunityError.Code.NOT_VISIBLE)
    if post.is_deleted:
        raise CommunityError(CommunityError.Code.DELETED)
    value = 1 if value > 0 else -1
    if not ratelimit.hit(limits.VOTES_PER_ACCOUNT, str(user.pk)).allowed:
        raise CommunityError(CommunityError.Code.TOO_MANY_POSTS, minutes=60)
    existing = Vote.objects.select_for_update().filter(post=post, user=user).first()
    if existing is None:
        try:
            with transaction.atomic():
                Vote.objects.create(post=post, user=user, value=value)
        except IntegrityError:
            return post  # the same vote from another request won the race: counted once
        delta = value
    elif existing.value == value:
        existing.delete()
        delta = -value
    else:
        existing.value = value
        existing.save(update_fields=["value", "updated_at"])
        delta = 2 * value
    Post.objects.filter(pk=post.pk).update(score=F("score") + delta)
    post.refresh_from_db(fields=["score"])
    return post


def report_add(*, topic: Topic, post: Post | None, reporter: User, reason: str) -> Report:
    """Report a topic or post to the moderators; a second report by the same account is the
    first one. Raises CommunityError (UNVERIFIED, OWN_POST, TOO_MANY_POSTS)."""
    if not reporter.is_verified:
        raise CommunityError(CommunityError.Code.UNVERIFIED)
    author_id = post.author_id if post is not None else topic.author_id
    if author_id == reporter.pk:
        raise CommunityError(CommunityError.Code.OWN_POST)
    if not ratelimit.hit(limits.REPORTS_PER_ACCOUNT, str(reporter.pk)).allowed:
        raise CommunityError(CommunityError.Code.TOO_MANY_POSTS, minutes=60)
    reason = reason if reason in Report.Reason.values else Report.Reason.ABUSE
    existing = Report.objects.filter(topic=topic, post=post, reporter=reporter).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            report = Report.objects.create(topic=topic, post=post, reporter=reporter, reason=reason)
    except IntegrityError:
        return Report.objects.get(topic=topic, post=post, reporter=reporter)
    moderation_waiting_forget()
    return report


# --- moderation -------------------------------------------------------------------------------


class ModerationAction:
    APPROVE = "approve"
    HIDE = "hide"
    LOCK = "lock"
    UNLOCK = "unlock"
    MOVE = "move"
    DISMISS_REPORTS = "dismiss_reports"


def _moderator_check(actor: User) -> None:
    if not actor.is_agent:
        raise CommunityError(CommunityError.Code.NOT_ALLOWED)


def _audit(actor: User, action: str, topic: Topic, post: Post | None, **detail: Any) -> None:
    record(
        Kind.FORUM_MODERATED,
        actor=actor,
        target=f"forum:{topic.pk}" + (f"/{post.pk}" if post is not None else ""),
        action=action,
        **detail,
    )


def _reports_resolve(topic: Topic, post: Post | None) -> int:
    return Report.objects.filter(topic=topic, post=post, resolved_at=None).update(
        resolved_at=timezone.now()
    )


@transaction.atomic
def visibility_set(*, actor: User, topic: Topic, post: Post | None, visible: bool) -> None:
    """Approve (publish) or hide a topic or a post; its open reports are resolved.

    Raises CommunityError(NOT_ALLOWED) for non-staff. Records FORUM_MODERATED in the audit
    trail with the reasons the guard had held it for. The topic's answer count follows. A
    post published here is announced as a new one is (``post_add``).
    """
    _moderator_check(actor)
    target: Topic | Post = post if post is not None else topic
    before = target.visibility
    target.visibility = Visibility.VISIBLE if visible else Visibility.HIDDEN
    target.save(update_fields=["visibility", "updated_at"])
    resolved = _reports_resolve(topic, post)
    if post is not None and post.parent_id is None:
        topic.answer_count = _answer_count(topic)
        if not visible and topic.accepted_answer_id == post.pk:
            topic.accepted_answer = None
        if visible:
            topic.last_activity_at = max(topic.last_activity_at, post.created_at)
        topic.save(update_fields=["answer_count", "accepted_answer", "last_activity_at"])
    if post is not None and visible and before != Visibility.VISIBLE:
        _post_published(post, topic, actor=actor)
    if not visible:
        # A hidden question takes its whole thread; a hidden answer, the replies under it.
        _mail_withdraw(
            topic.posts.all()
            if post is None
            else Post.objects.filter(Q(pk=post.pk) | Q(parent=post))
        )
    _audit(
        actor,
        ModerationAction.APPROVE if visible else ModerationAction.HIDE,
        topic,
        post,
        before=before,
        hold_reasons=list(target.hold_reasons),
        reports_resolved=resolved,
    )


@transaction.atomic
def topic_lock_set(*, actor: User, topic: Topic, locked: bool) -> Topic:
    """Lock (no new answers or replies) or unlock a topic. Staff only; audited."""
    _moderator_check(actor)
    topic.is_locked = locked
    topic.save(update_fields=["is_locked", "updated_at"])
    _audit(actor, ModerationAction.LOCK if locked else ModerationAction.UNLOCK, topic, None)
    return topic


@transaction.atomic
def topic_move(*, actor: User, topic: Topic, category: Category | None) -> Topic:
    """Move a topic to another category (None: general discussion). Staff only; audited."""
    _moderator_check(actor)
    before = topic.category.slug if topic.category is not None else ""
    topic.category = category
    topic.save(update_fields=["category", "updated_at"])
    _audit(
        actor,
        ModerationAction.MOVE,
        topic,
        None,
        before=before,
        after=category.slug if category is not None else "",
    )
    return topic


@transaction.atomic
def reports_dismiss(*, actor: User, topic: Topic, post: Post | None) -> int:
    """Close the open reports of a topic or post, leaving it as it is. Staff only; audited."""
    _moderator_check(actor)
    resolved = _reports_resolve(topic, post)
    _audit(actor, ModerationAction.DISMISS_REPORTS, topic, post, reports_resolved=resolved)
    return resolved


def moderation_apply(
    *,
    actor: User,
    topic: Topic,
    post: Post | None,
    action: str,
    category: Category | None = None,
) -> None:
    """One moderator's decision from a form (the console's queue, a topic's page): publish
    ("approve") or hide the topic or ``post``, lock, unlock or move (to ``category``; None is
    general discussion) the topic, or dismiss the open reports of the topic or ``post``.

    Each goes through its own audited service above; raises what they raise
    (CommunityError(NOT_ALLOWED) for non-staff), and CommunityError(NOT_ALLOWED) for an
    action it does not know.
    """
    if action in (ModerationAction.APPROVE, ModerationAction.HIDE):
        visibility_set(
            actor=actor, topic=topic, post=post, visible=action == ModerationAction.APPROVE
        )
    elif action in (ModerationAction.LOCK, ModerationAction.UNLOCK):
        topic_lock_set(actor=actor, topic=topic, locked=action == ModerationAction.LOCK)
    elif action == ModerationAction.MOVE:
        topic_move(actor=actor, topic=topic, category=category)
    elif action in ("dismiss", ModerationAction.DISMISS_REPORTS):
        reports_dismiss(actor=actor, topic=topic, post=post)
    else:
        raise CommunityError(CommunityError.Code.NOT_ALLOWED)
    moderation_waiting_forget()


# --- where a question goes next ---------------------------------------------------------------


def _category_for(topic: Topic) -> Category:
    if topic.category is not None:
        return topic.category
    return Category.objects.get(slug=FALLBACK_CATEGORY)


@transaction.atomic
def topic_promote(*, topic: Topic, actor: User, source_url: str = "") -> Article:
    """Turn a question with an accepted answer into a draft FAQ article, linked both ways:
    the topic names the article, and the draft's body ends with a link to the question.

    Raises CommunityError(NOT_ALLOWED) unless staff, NO_ACCEPTED_ANSWER, ALREADY_PROMOTED.
    The draft holds the question's text in both languages' fields for the author to finish;
    it is published only through the Help Center's own publish step.
    """
    _moderator_check(actor)
    locked = (
        Topic.objects.select_for_update(of=("self",))
        .select_related("accepted_answer")
        .get(pk=topic.pk)
    )
    if locked.article_id is not None:
        raise CommunityError(CommunityError.Code.ALREADY_PROMOTED)
    answer = locked.accepted_answer
    if answer is None:
        raise CommunityError(CommunityError.Code.NO_ACCEPTED_ANSWER)
    source = f"\n\n---\n{source_url}" if source_url else ""
    body = f"{answer.body}{source}"
    article = article_save(
        article=Article(),
        slug=f"forum-{topic.pk.hex[:12]}",
        category=_category_for(locked),
        status=Article.Status.DRAFT,
        title_zh=locked.title,
        title_en=locked.title,
        body_zh=body,
        body_en=body,
    )
    Topic.objects.filter(pk=topic.pk).update(article=article)
    topic.article = article
    return article


@transaction.atomic
def topic_ticket_link(*, topic: Topic, ticket: Ticket, actor: User) -> Topic:
    """Record that the asker turned their question into ``ticket``.

    The ticket itself is opened by the portal's ticket form through the one submission path
    (submissions.services ``ticket_submit``), started from the question: the form comes
    pre-filled with it, and the private details (network, amount, address, screenshots) go to
    the ticket only, never to the forum. Raises CommunityError(NOT_ALLOWED) unless the asker
    is the actor and the ticket's requester, ALREADY_CONVERTED when it has a ticket already.
    """
    if actor.pk != topic.author_id or ticket.requester_id != actor.pk:
        raise CommunityError(CommunityError.Code.NOT_ALLOWED)
    if not Topic.objects.filter(pk=topic.pk, ticket=None).update(ticket=ticket):
        raise CommunityError(CommunityError.Code.ALREADY_CONVERTED)
    topic.ticket = ticket
    return topic


# --- the author's data rights ---------------------------------------------------------------


def author_posts_anonymise(*, author: User, marker: str, now: datetime) -> int:
    """Remove the text of every question, answer and reply ``author`` wrote, for the erasure of
    their account (privacy.services ``user_erase``, inside its transaction).

    The rows stay where they are, so threads keep their shape and other people's answers,
    votes and the accepted answer keep their place; the title and text become ``marker`` and the
    question leaves the search index. The author is shown as a deleted user (the account is
    erased: ``User.is_erased``). Votes and reports the author cast stay as counts on other
    people's posts. Running it again changes nothing more. Returns how many rows changed.
    """
    topics = (
        Topic.objects.filter(author=author)
        .exclude(title=marker, body=marker)
        .update(title=marker, body=marker, search_text="", updated_at=now)
    )
    posts = (
        Post.objects.filter(author=author).exclude(body=marker).update(body=marker, updated_at=now)
    )
    return topics + posts


def forum_name_set(*, user: User, display_name: str) -> User:
    """Set the name the forum shows, through the profile's own service (the one rule over
    names: staff-like names and look-alikes refused for non-staff, secrets refused).

    Raises AccountError(DISPLAY_NAME_RESERVED) or AccountError(SECRET_DETECTED).
    """
    return user_profile_update(
        user=user, display_name=display_name, language=user.language, time_zone=user.time_zone
    )

"""Reads of the community forum: the topic list, one topic, search, the moderator queue.

Who sees what, decided here once: everybody sees published topics and posts; the writer of a
held one sees it (with a notice that it waits for a moderator); staff see everything. Anything
else answers 404, as if it did not exist.

Each page reads a fixed number of queries whatever the forum's size: the list is keyset-paged
on (last_activity_at, id) over an index, with author and category joined; a topic page reads
the topic and its posts with their authors, and (signed in) the reader's votes. Where a text
is shown, its author's trust record (community/trust.py) is read in the same query.
"""

import contextlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from django.core.cache import cache
from django.db import connection
from django.db.models import OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from walletdesk.accounts.models import User
from walletdesk.community.models import Post, Report, Topic, Visibility, Vote
from walletdesk.community.trust import with_author_record
from walletdesk.kb import search

PAGE_SIZE = 20
SEARCH_LIMIT = 20
# Candidates ranked per search on PostgreSQL (as the Help Center's search): the topics with
# every word, then those with any word, each tier as the GIN index finds them.
CANDIDATES = 200
QUEUE_SIZE = 50


def _viewer_scope(viewer: User | None) -> Q:
    if viewer is not None and viewer.is_authenticated and viewer.is_agent:
        return Q()
    visible = Q(visibility=Visibility.VISIBLE)
    if viewer is not None and viewer.is_authenticated:
        return visible | Q(author=viewer)
    return visible


@dataclass(frozen=True)
class TopicPage:
    topics: list[Topic]
    # Cursor for the next (older) page: "<iso time>_<uuid>", empty on the last page.
    next_cursor: str


def _cursor_parse(cursor: str) -> tuple[datetime, UUID] | None:
    when, _, topic_id = cursor.partition("_")
    moment = parse_datetime(when) if when else None
    try:
        return (moment, UUID(topic_id)) if moment is not None else None
    except ValueError:
        return None


def topic_list(
    *,
    category_id: UUID | None = None,
    general: bool = False,
    cursor: str = "",
    author_record: bool = False,
) -> TopicPage:
    """Published topics, most recently active first, PAGE_SIZE a page: one query.

    ``category_id`` one category's topics, ``general`` those of general discussion. ``cursor``
    (from the previous page) continues after it; a cursor that does not parse starts over.
    ``author_record``: read each author's trust record too, for a reader that says whether
    links may be followed (the API); the page lists titles only and skips it.
    """
    topics = Topic.objects.filter(
        visibility=Visibility.VISIBLE, deleted_at__isnull=True
    ).select_related("author", "category")
    if author_record:
        topics = with_author_record(topics)
    if category_id is not None:
        topics = topics.filter(category_id=category_id)
    elif general:
        topics = topics.filter(category=None)
    after = _cursor_parse(cursor) if cursor else None
    if after is not None:
        moment, topic_id = after
        topics = topics.filter(
            Q(last_activity_at__lt=moment) | Q(last_activity_at=moment, id__lt=topic_id)
        )
    rows = list(topics.order_by("-last_activity_at", "-id")[: PAGE_SIZE + 1])
    next_cursor = ""
    if len(rows) > PAGE_SIZE:
        rows = rows[:PAGE_SIZE]
        last = rows[-1]
        next_cursor = f"{last.last_activity_at.isoformat()}_{last.pk}"
    return TopicPage(topics=rows, next_cursor=next_cursor)


def topic_get_for_viewer(*, topic_id: UUID, viewer: User | None) -> Topic:
    """A topic the viewer may see, with its author, category and accepted answer: one query.

    Raises Http404 for an unknown topic, for a held or hidden one the viewer did not write,
    and for one its author deleted before anyone answered (staff see all).
    """
    try:
        topic = with_author_record(
            Topic.objects.select_related("author", "category", "accepted_answer").filter(
                _viewer_scope(viewer)
            )
        ).get(pk=topic_id)
    except Topic.DoesNotExist as exc:
        raise Http404 from exc
    is_staff = viewer is not None and viewer.is_authenticated and viewer.is_agent
    if topic.is_deleted and topic.answer_count == 0 and not is_staff:
        raise Http404
    return topic


def topic_get_for_update(*, topic_id: UUID) -> Topic:
    """Any topic by id, for a staff action or a service that checks itself: 404 if unknown."""
    try:
        return Topic.objects.select_related("author", "category").get(pk=topic_id)
    except Topic.DoesNotExist as exc:
        raise Http404 from exc


def topic_get_for_asker(*, topic_id: UUID, user: User) -> Topic:
    """A topic ``user`` asked that has no ticket yet (to start one from it); Http404 otherwise."""
    try:
        return Topic.objects.select_related("category").get(
            pk=topic_id, author=user, ticket=None, deleted_at__isnull=True
        )
    except Topic.DoesNotExist as exc:
        raise Http404 from exc


def post_get_for_viewer(*, topic: Topic, post_id: UUID, viewer: User | None) -> Post:
    """A post of ``topic`` the viewer may see (rules as for topics); Http404 otherwise."""
    try:
        return with_author_record(Post.objects.filter(_viewer_scope(viewer))).get(
            pk=post_id, topic=topic
        )
    except Post.DoesNotExist as exc:
        raise Http404 from exc


@dataclass(frozen=True)
class Thread:
    """A topic's answers in order (accepted first, then by score and time), each with its
    replies, and the viewer's own votes (post id -> value)."""

    answers: list[Post]
    replies: dict[UUID, list[Post]]
    my_votes: dict[UUID, int]


def thread_for_viewer(*, topic: Topic, viewer: User | None) -> Thread:
    """The posts of a topic the viewer may see, authors joined: one query, plus one for the
    viewer's votes when signed in."""
    posts = list(
        with_author_record(
            Post.objects.filter(topic=topic).filter(_viewer_scope(viewer)).select_related("author")
        ).order_by("created_at", "id")
    )
    is_staff = viewer is not None and viewer.is_authenticated and viewer.is_agent
    if not is_staff:
        # A deleted post stays, as "deleted by its author", only where the thread needs it: the
        # accepted answer, an answer with replies. Staff see every one, marked.
        with_replies = {p.parent_id for p in posts if p.parent_id and not p.is_deleted}
        posts = [
            p
            for p in posts
            if not p.is_deleted
            or (p.parent_id is None and (p.pk == topic.accepted_answer_id or p.pk in with_replies))
        ]
    answers = [p for p in posts if p.parent_id is None]
    answers.sort(key=lambda p: (p.pk != topic.accepted_answer_id, -p.score, p.created_at))
    replies: dict[UUID, list[Post]] = {}
    for post in posts:
        if post.parent_id is not None:
            replies.setdefault(post.parent_id, []).append(post)
    my_votes: dict[UUID, int] = {}
    if viewer is not None and viewer.is_authenticated and posts:
        my_votes = dict(
            Vote.objects.filter(user=viewer, post__topic=topic).values_list("post_id", "value")
        )
    return Thread(answers=answers, replies=replies, my_votes=my_votes)


def vote_value_get(*, post: Post, user: User) -> int:
    """``user``'s vote on ``post``: 1, -1, or 0 when they have none (one query)."""
    value = Vote.objects.filter(post=post, user=user).values_list("value", flat=True).first()
    return value or 0


# --- search -----------------------------------------------------------------------------------


def _sqlite_ranked_ids(query: search.Query, limit: int) -> list[str]:
    match = " OR ".join(f'"{term}"' for term in query.terms)
    sql = (
        "SELECT t.id FROM community_topic_fts f JOIN community_topic t ON t.rowid = f.rowid "
        "WHERE community_topic_fts MATCH %s AND t.visibility = 'visible' AND t.deleted_at IS NULL "
        "ORDER BY bm25(community_topic_fts), t.last_activity_at DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, limit])
        return [str(row[0]) for row in cursor.fetchall()]


_PG_TIER = (
    "(SELECT id FROM community_topic WHERE visibility = 'visible' AND deleted_at IS NULL "
    "AND search_vector @@ to_tsquery('simple', %s) LIMIT %s)"
)
_PG_RANK = (
    "SELECT t.id FROM ({tiers}) c JOIN community_topic t ON t.id = c.id "
    "ORDER BY ts_rank(t.search_vector, to_tsquery('simple', %s)) DESC, "
    "t.last_activity_at DESC LIMIT %s"
)


def _postgresql_ranked_ids(query: search.Query, limit: int) -> list[str]:
    # Ranking reads every candidate's vector, and a common word matches most of a large forum;
    # so candidates come in two bounded tiers found by the GIN index (every word, then any
    # word) and only those are ranked. Only fixed fragments are formatted into the SQL.
    every = " & ".join(query.terms)
    anyone = " | ".join(query.terms)
    sql = _PG_RANK.format(tiers=f"{_PG_TIER} UNION {_PG_TIER}")
    with connection.cursor() as cursor:
        cursor.execute(sql, [every, CANDIDATES, anyone, CANDIDATES, anyone, limit])
        return [str(row[0]) for row in cursor.fetchall()]


@dataclass(frozen=True)
class TopicSearch:
    query: search.Query
    topics: list[Topic]


def topic_search(
    *, text: str, limit: int = SEARCH_LIMIT, author_record: bool = False
) -> TopicSearch:
    """Published topics matching what was typed, best first, read with the Help Center's
    Chinese-aware engine (kb/search.py: jieba, synonyms, stems). Two queries (rank, load),
    none for a query with no searchable word. ``author_record`` as for ``topic_list``."""
    query = search.parse(text)
    if query.is_empty:
        return TopicSearch(query=query, topics=[])
    limit = max(1, min(limit, 50))
    if connection.vendor == "postgresql":
        ids = _postgresql_ranked_ids(query, limit)
    else:
        ids = _sqlite_ranked_ids(query, limit)
    if not ids:
        return TopicSearch(query=query, topics=[])
    found = Topic.objects.select_related("author", "category")
    if author_record:
        found = with_author_record(found)
    loaded = found.in_bulk([UUID(str(topic_id)) for topic_id in ids])
    topics = [loaded[UUID(str(topic_id))] for topic_id in ids if UUID(str(topic_id)) in loaded]
    return TopicSearch(query=query, topics=topics)


# --- moderation -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ModerationQueue:
    held_topics: list[Topic]
    held_posts: list[Post]
    reports: list[Report]


def moderation_queue() -> ModerationQueue:
    """What waits for a moderator, oldest first: held topics, held posts, open reports (each
    with its topic, post and people, and the trust record of the author of each text: of the
    reported text for a report). Three queries, at most QUEUE_SIZE rows each."""
    held_topics: QuerySet[Topic] = with_author_record(
        Topic.objects.filter(visibility=Visibility.HELD, deleted_at__isnull=True)
        .select_related("author", "category")
        .order_by("created_at")
    )
    held_posts: QuerySet[Post] = with_author_record(
        Post.objects.filter(visibility=Visibility.HELD, deleted_at__isnull=True)
        .select_related("author", "topic")
        .order_by("created_at")
    )
    reports: QuerySet[Report] = with_author_record(
        Report.objects.filter(resolved_at=None)
        .select_related("topic", "post", "reporter", "topic__author", "post__author")
        .order_by("created_at"),
        author=Coalesce(OuterRef("post__author_id"), OuterRef("topic__author_id")),
    )
    return ModerationQueue(
        held_topics=list(held_topics[:QUEUE_SIZE]),
        held_posts=list(held_posts[:QUEUE_SIZE]),
        reports=list(reports[:QUEUE_SIZE]),
    )


# What the console's badge counts up to; past it, it reads "99+".
WAITING_CAP = 99


def moderation_waiting_count(*, cap: int = WAITING_CAP) -> int:
    """How many held topics, held posts and open reports wait, counted up to ``cap`` + 1: one
    query, a COUNT over a LIMIT of the three partial indexes (held topics, held posts, open
    reports), so it reads at most ``cap`` + 1 index entries however large the forum is. For a
    badge shown on every console page."""
    waiting = (
        Topic.objects.filter(visibility=Visibility.HELD, deleted_at__isnull=True)
        .order_by()
        .values("pk")
        .union(
            Post.objects.filter(visibility=Visibility.HELD, deleted_at__isnull=True)
            .order_by()
            .values("pk"),
            Report.objects.filter(resolved_at=None).order_by().values("pk"),
            all=True,
        )
    )
    return waiting[: cap + 1].count()


_WAITING_KEY = "community:moderation-waiting"
# A badge may lag a change it was not told of (a post erased with its author) by this long.
_WAITING_KEPT_FOR = 15


def moderation_waiting_kept() -> int:
    """``moderation_waiting_count`` as every console page's navigation shows it: kept in the
    shared cache, so the pages an agent works in all day do not count on each load (the
    forum's own changes drop it: ``moderation_waiting_forget``). Counts when the cache is
    unreachable."""
    try:
        kept = cache.get(_WAITING_KEY)
    except Exception:
        return moderation_waiting_count()
    if isinstance(kept, int):
        return kept
    count = moderation_waiting_count()
    with contextlib.suppress(Exception):
        cache.set(_WAITING_KEY, count, _WAITING_KEPT_FOR)
    return count


def moderation_waiting_forget() -> None:
    """Something entered or left the moderation queue: the next badge counts again."""
    with contextlib.suppress(Exception):
        cache.delete(_WAITING_KEY)


# --- the author's data rights ---------------------------------------------------------------


def _when(value: datetime | None) -> str:
    return timezone.localtime(value).isoformat() if value is not None else ""


def forum_data_for_user(*, user: User) -> dict[str, list[dict[str, Any]]]:
    """What ``user`` wrote and did in the forum, for their data export: their questions, their
    answers and replies (with the question they belong to), and their votes. Plain JSON-ready
    values, times in the active time zone, labels in the active language. Three queries
    whatever the number of posts. Held and hidden posts are theirs too and are included, with
    their state; other people's text is not (a vote names the answer, not its words).
    """
    topics = [
        {
            "id": str(topic.pk),
            "title": topic.title,
            "question": topic.body,
            "category": topic.category.name if topic.category is not None else "",
            "state": topic.get_visibility_display(),
            "answers": topic.answer_count,
            "created_at": _when(topic.created_at),
            "edited_at": _when(topic.edited_at),
            "deleted_at": _when(topic.deleted_at),
        }
        for topic in Topic.objects.filter(author=user)
        .select_related("category")
        .order_by("created_at", "id")
    ]
    posts = [
        {
            "id": str(post.pk),
            "topic": str(post.topic_id),
            "reply_to": str(post.parent_id) if post.parent_id else "",
            "text": post.body,
            "state": post.get_visibility_display(),
            "score": post.score,
            "created_at": _when(post.created_at),
            "edited_at": _when(post.edited_at),
            "deleted_at": _when(post.deleted_at),
        }
        for post in Post.objects.filter(author=user).order_by("created_at", "id")
    ]
    votes = [
        {
            "post": str(vote.post_id),
            "topic": str(vote.post.topic_id),
            "value": vote.value,
            "created_at": _when(vote.created_at),
        }
        for vote in Vote.objects.filter(user=user)
        .select_related("post")
        .only("post_id", "value", "created_at", "post__topic_id")
        .order_by("created_at", "id")
    ]
    return {"topics": topics, "posts": posts, "votes": votes}

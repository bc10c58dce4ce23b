"""The daily rollups, written incrementally from the append-only ticket events.

A beat job reads the events that came in since its last run, in id order from a cursor
(EventCursor "report-rollups"), turns each into at most two metric counts (metric_counts_of)
and adds them to the day's rows. The day is the requester's: an event is counted on the date
its requester's clock showed, so a user in Shanghai and one in Berlin each see their evening
ticket on their own day. The slice is the ticket's category, team and network when the event
is rolled up (a minute or so after it happened).

Counting is not idempotent, so an event is counted once: the cursor row is locked for the
whole run, and it only moves past events old enough that no smaller id can still commit
(REPORTS_SETTLED_AFTER_FOR, as the receipts do). rollups_rebuild counts everything again
from the start, for a changed definition or imported history.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Min
from django.utils import timezone

from walletdesk.notifications.models import EventCursor
from walletdesk.reports.models import Cut, DailyCount, Metric, RatedComment
from walletdesk.tickets.models import ACTIVE_STATUSES, Status, Ticket, TicketEvent
from walletdesk.tickets.selectors import team_calendar

REPORT_ROLLUPS = "report-rollups"

# Upper bounds, in business minutes, of the buckets a duration is counted in; the last bucket
# holds everything longer. Medians and p90 are read as "at most the bucket's bound".
DURATION_BUCKETS = (15, 30, 60, 120, 240, 480, 1440, 2880, 4320, 10080)
SCORES = 5

_ROLLED_KINDS = (
    TicketEvent.Kind.CREATED,
    TicketEvent.Kind.STATUS_CHANGED,
    TicketEvent.Kind.SLA_BREACHED,
    TicketEvent.Kind.AGENT_REPLIED,
    TicketEvent.Kind.RATED,
)
_FINISHED = (Status.RESOLVED, Status.CLOSED)


@dataclass(frozen=True)
class MetricCount:
    metric: str
    agent_id: str = ""
    channel: str = ""
    # Business seconds for a duration, the score for a rating; None for a plain count.
    measure: int | None = None


def duration_bucket(seconds: int) -> int:
    """The index of the bucket a duration of ``seconds`` business seconds falls in."""
    minutes = seconds / 60
    for index, bound in enumerate(DURATION_BUCKETS):
        if minutes <= bound:
            return index
    return len(DURATION_BUCKETS)


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(settings.TIME_ZONE)


def requester_day(event: TicketEvent) -> date:
    """The date on the requester's clock when the event happened."""
    return timezone.localtime(event.created_at, _zone(event.ticket.requester.time_zone)).date()


def _business_seconds(ticket: Ticket, end: datetime) -> int:
    span = team_calendar(ticket.team_id).business_time_between(ticket.created_at, end)
    return max(0, int(span.total_seconds()))


def metric_counts_of(event: TicketEvent, *, first_reply: bool) -> list[MetricCount]:
    """What one event adds to the rollups. ``first_reply``: the event is the ticket's first
    agent reply (the caller knows from the batch)."""
    kind = event.kind
    ticket = event.ticket
    actor = str(event.actor_id or "")
    if kind == TicketEvent.Kind.CREATED:
        return [
            MetricCount(Metric.CREATED, channel=event.from_value),
            MetricCount(Metric.BACKLOG, measure=1),
        ]
    if kind == TicketEvent.Kind.SLA_BREACHED:
        return [MetricCount(Metric.SLA_BREACHED)]
    if kind == TicketEvent.Kind.RATED:
        try:
            score = int(event.to_value)
        except ValueError:
            return []
        # A rating is the assignee's: who worked the ticket when it was rolled up.
        assignee = str(ticket.assignee_id or "")
        if not 1 <= score <= SCORES:
            return []
        return [MetricCount(Metric.RATED, agent_id=assignee, measure=score)]
    if kind == TicketEvent.Kind.AGENT_REPLIED:
        counts = [MetricCount(Metric.AGENT_REPLIED, agent_id=actor)]
        if first_reply:
            seconds = _business_seconds(ticket, event.created_at)
            counts.append(MetricCount(Metric.FIRST_REPLY, measure=seconds))
        return counts
    if kind == TicketEvent.Kind.STATUS_CHANGED:
        return _status_counts(event, actor)
    return []


def _status_counts(event: TicketEvent, actor: str) -> list[MetricCount]:
    counts = []
    if event.to_value == Status.RESOLVED:
        seconds = _business_seconds(event.ticket, event.created_at)
        counts += [
            MetricCount(Metric.RESOLVED, agent_id=actor),
            MetricCount(Metric.RESOLUTION, measure=seconds),
        ]
    elif event.from_value in _FINISHED and event.to_value in ACTIVE_STATUSES:
        counts.append(MetricCount(Metric.REOPENED))
    change = (event.to_value in ACTIVE_STATUSES) - (event.from_value in ACTIVE_STATUSES)
    if change:
        counts.append(MetricCount(Metric.BACKLOG, measure=change))
    return counts


_Key = tuple[str, date, str, str, str, str, str, str, int]


def bucket_of(count: MetricCount) -> int:
    """The bucket a count is kept in: its duration's, its score, or 0."""
    if count.measure is None or count.metric == Metric.BACKLOG:
        return 0
    if count.metric == Metric.RATED:
        return count.measure
    return duration_bucket(count.measure)


class _Tally:
    """The batch's additions, by row."""

    def __init__(self) -> None:
        self.rows: dict[_Key, list[int]] = {}

    def add(self, event: TicketEvent, counts: Iterable[MetricCount]) -> None:
        ticket = event.ticket
        day = requester_day(event)
        category, team = str(ticket.category_id), str(ticket.team_id or "")
        for count in counts:
            bucket = bucket_of(count)
            metric = count.metric
            keys = [
                (
                    Cut.ALL,
                    day,
                    metric,
                    category,
                    team,
                    ticket.network,
                    count.agent_id,
                    count.channel,
                    bucket,
                ),
                (Cut.TEAM, day, metric, "", team, "", "", "", bucket),
                (Cut.CATEGORY, day, metric, category, team, "", "", "", 0),
                (Cut.NETWORK, day, metric, "", team, ticket.network, "", "", 0),
            ]
            if count.agent_id:
                keys.append((Cut.AGENT, day, metric, "", team, "", count.agent_id, "", 0))
            if metric == Metric.CREATED:
                keys.append((Cut.CHANNEL, day, metric, "", team, "", "", count.channel, 0))
            for key in keys:
                added = self.rows.setdefault(key, [0, 0])
                added[0] += 1
                added[1] += count.measure or 0


def _first_reply_ids(events: list[TicketEvent]) -> set[int]:
    """The ids among ``events`` that are their ticket's first agent reply (one query)."""
    ticket_ids = {e.ticket_id for e in events if e.kind == TicketEvent.Kind.AGENT_REPLIED}
    if not ticket_ids:
        return set()
    firsts = (
        TicketEvent.objects.filter(ticket_id__in=ticket_ids, kind=TicketEvent.Kind.AGENT_REPLIED)
        .values("ticket_id")
        .annotate(first=Min("id"))
        .values_list("first", flat=True)
    )
    return set(firsts)


_KEY_COLUMNS = (
    "cut",
    "day",
    "metric",
    "category_id",
    "team_id",
    "network",
    "agent_id",
    "channel",
    "bucket",
)
_UPSERT_ROWS = 500


def _upsert_sql(rows: int) -> str:
    """Add to a day's row, or write it: one statement for many rows, the addition done by the
    database (PostgreSQL and SQLite both speak ON CONFLICT), so no row is read first."""
    quote = connection.ops.quote_name
    table = quote(DailyCount._meta.db_table)
    keys = ", ".join(quote(c) for c in _KEY_COLUMNS)
    count, total = quote("count"), quote("total")
    one = "(" + ", ".join(["%s"] * (len(_KEY_COLUMNS) + 2)) + ")"
    # Only quoted names from the model and placeholders go into the text; values are params.
    return (
        f"INSERT INTO {table} ({keys}, {count}, {total}) VALUES {', '.join([one] * rows)} "  # noqa: S608
        f"ON CONFLICT ({keys}) DO UPDATE SET {count} = {table}.{count} + excluded.{count}, "
        f"{total} = {table}.{total} + excluded.{total}"
    )


def _write(tally: _Tally) -> None:
    items = list(tally.rows.items())
    with connection.cursor() as cursor:
        for start in range(0, len(items), _UPSERT_ROWS):
            chunk = items[start : start + _UPSERT_ROWS]
            params: list[Any] = []
            for key, (count, total) in chunk:
                params += [*key, count, total]
            cursor.execute(_upsert_sql(len(chunk)), params)


def _settled_prefix(events: list[TicketEvent], settled_before: datetime) -> list[TicketEvent]:
    prefix = []
    for event in events:
        if event.created_at > settled_before:
            break
        prefix.append(event)
    return prefix


def rollups_write(
    *, now: datetime | None = None, limit: int | None = None, quiet: bool = False
) -> int:
    """Roll up the settled events since the last run, at most ``limit``; returns how many
    events were read. Safe to run twice at once (the cursor row is locked). ``quiet``: nothing
    else is writing (a seed, a rebuild by hand), so every event is settled."""
    now = now or timezone.now()
    limit = limit or settings.REPORTS_ROLLUP_BATCH_SIZE
    settle_for = 0 if quiet else settings.REPORTS_SETTLED_AFTER_FOR
    settled_before = now - timedelta(seconds=settle_for)
    with transaction.atomic():
        cursor, _created = EventCursor.objects.select_for_update().get_or_create(
            name=REPORT_ROLLUPS
        )
        read = list(
            TicketEvent.objects.filter(pk__gt=cursor.last_event_id)
            .only("id", "ticket_id", "actor_id", "kind", "from_value", "to_value", "created_at")
            .order_by("pk")[:limit]
        )
        events = _settled_prefix(read, settled_before)
        if not events:
            return 0
        _roll(events)
        cursor.last_event_id = events[-1].pk
        cursor.save(update_fields=["last_event_id", "updated_at"])
    return len(events)


def _roll(events: list[TicketEvent]) -> None:
    """Count ``events`` into the rollups: their tickets and requesters are read in one query,
    and only for the kinds that count."""
    counted = [e for e in events if e.kind in _ROLLED_KINDS]
    tickets = Ticket.objects.select_related("requester").only(
        "id",
        "category_id",
        "team_id",
        "assignee_id",
        "network",
        "created_at",
        "rating_comment",
        "requester__id",
        "requester__time_zone",
    )
    by_id = {t.pk: t for t in tickets.filter(pk__in={e.ticket_id for e in counted})}
    firsts = _first_reply_ids(counted)
    tally = _Tally()
    comments = []
    for event in counted:
        ticket = by_id.get(event.ticket_id)
        if ticket is None:
            continue
        event.ticket = ticket
        counts = metric_counts_of(event, first_reply=event.pk in firsts)
        tally.add(event, counts)
        rated = [c for c in counts if c.metric == Metric.RATED]
        if rated and ticket.rating_comment:
            comments.append(_comment_of(event, rated[0]))
    _write(tally)
    RatedComment.objects.bulk_create(comments, ignore_conflicts=True)


def _comment_of(event: TicketEvent, rated: MetricCount) -> RatedComment:
    ticket = event.ticket
    return RatedComment(
        day=requester_day(event),
        ticket=ticket,
        event_id=event.pk,
        category_id=str(ticket.category_id),
        team_id=str(ticket.team_id or ""),
        network=ticket.network,
        score=rated.measure or 0,
    )


def rollups_catch_up(*, deadline_seconds: float = 50.0) -> int:
    """Roll up batch after batch until nothing settled is left or the time is spent (the beat
    job runs every minute); returns how many events were read."""
    started = timezone.now()
    read = 0
    while True:
        batch = rollups_write()
        read += batch
        spent = (timezone.now() - started).total_seconds()
        if batch < settings.REPORTS_ROLLUP_BATCH_SIZE or spent > deadline_seconds:
            return read


def rollups_rebuild(*, quiet: bool = False) -> int:
    """Forget every rollup and count all settled events again (``quiet``: every event)."""
    with transaction.atomic():
        EventCursor.objects.select_for_update().filter(name=REPORT_ROLLUPS).delete()
        DailyCount.objects.all().delete()
        RatedComment.objects.all().delete()
    read = 0
    while batch := rollups_write(quiet=quiet):
        read += batch
    return read


def iter_metric_counts(events: Iterable[TicketEvent]) -> Iterator[tuple[date, MetricCount]]:
    """Every metric count of ``events`` one by one, for checks that count without the rollups."""
    events = list(events)
    firsts = _first_reply_ids(events)
    for event in events:
        for count in metric_counts_of(event, first_reply=event.pk in firsts):
            yield requester_day(event), count

"""What a dashboard shows, read from the daily rollups (models.DailyCount) with a handful of
grouped queries over the range's rows, whatever the number of tickets.

Supervisors read their teams' numbers, administrators every team's (report_team_scope);
anyone else may not read reports at all (report_may_read).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from uuid import UUID

from django.db.models import Count, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from walletdesk.accounts.models import User
from walletdesk.guard.models import Channel
from walletdesk.kb.models import Deflection, SearchQuery
from walletdesk.networks.selectors import network_name
from walletdesk.reports.models import Cut, DailyCount, Metric, RatedComment
from walletdesk.reports.rollups import DURATION_BUCKETS, SCORES
from walletdesk.tickets.models import Team
from walletdesk.tickets.selectors import category_list, sees_every_team, supervised_team_ids_of

# A range longer than this is refused by the form: a year of days is what a chart can show.
MAX_RANGE_DAYS = 366
TOP_ROWS = 10


def report_may_read(user: User) -> bool:
    """Administrators and team supervisors read reports."""
    if not user.is_agent:
        return False
    return sees_every_team(user) or bool(supervised_team_ids_of(user))


def report_team_scope(user: User) -> frozenset[str] | None:
    """The teams whose numbers ``user`` reads: None for every team (administrators)."""
    if sees_every_team(user):
        return None
    return frozenset(str(t) for t in supervised_team_ids_of(user))


def report_teams_for(user: User) -> list[Team]:
    """The teams ``user`` may narrow a report to."""
    scope = report_team_scope(user)
    teams = Team.objects.order_by("name_en")
    if scope is not None:
        teams = teams.filter(pk__in=[UUID(t) for t in scope])
    return list(teams)


@dataclass(frozen=True)
class ReportFilters:
    start: date
    end: date
    # None: every team; otherwise the teams' ids (a chosen team, or a supervisor's own).
    team_ids: frozenset[str] | None = None
    category_id: str = ""
    network: str = ""

    @property
    def days(self) -> list[date]:
        return [self.start + timedelta(days=n) for n in range((self.end - self.start).days + 1)]


@dataclass(frozen=True)
class Duration:
    """A duration metric over the range: how many, the mean and the bucket bounds holding the
    median and the 90th percentile, in business minutes (None: beyond the last bound)."""

    count: int
    mean_minutes: float | None
    median_at_most: int | None
    p90_at_most: int | None
    buckets: list[int]


@dataclass(frozen=True)
class Ratings:
    count: int
    average: float | None
    by_score: list[int]
    satisfied_share: float | None


@dataclass(frozen=True)
class SliceRow:
    key: str
    name: str
    counts: dict[str, int]
    # The average rating in the slice, when it was rated at all.
    rating: float | None = None


@dataclass
class Dashboard:
    filters: ReportFilters
    days: list[date]
    series: dict[str, list[int]]
    totals: dict[str, int]
    first_reply: Duration
    resolution: Duration
    ratings: Ratings
    by_category: list[SliceRow]
    by_network: list[SliceRow]
    by_channel: list[SliceRow]
    agents: list[SliceRow]
    deflections: int
    search_misses: list[tuple[str, int]]
    comments: list[RatedComment] = field(default_factory=list)

    @property
    def reopen_rate(self) -> float | None:
        resolved = self.totals.get(Metric.RESOLVED, 0)
        return self.totals.get(Metric.REOPENED, 0) / resolved if resolved else None

    @property
    def breach_rate(self) -> float | None:
        created = self.totals.get(Metric.CREATED, 0)
        return self.totals.get(Metric.SLA_BREACHED, 0) / created if created else None


def _cut(filters: ReportFilters, cut: str) -> QuerySet[DailyCount]:
    """The rows to read for one part of the page: the cut that keeps only what that part
    groups by (a few hundred rows per day), or, once a topic or network narrows the report,
    the rows with every slice, narrowed to it."""
    narrowed = bool(filters.category_id or filters.network)
    rows = DailyCount.objects.filter(cut=Cut.ALL if narrowed else cut)
    if filters.team_ids is not None:
        rows = rows.filter(team_id__in=filters.team_ids)
    if filters.category_id:
        rows = rows.filter(category_id=filters.category_id)
    if filters.network:
        rows = rows.filter(network=filters.network)
    return rows


def _in_range(filters: ReportFilters, cut: str) -> QuerySet[DailyCount]:
    return _cut(filters, cut).filter(day__gte=filters.start, day__lte=filters.end)


def _backlog_before(filters: ReportFilters) -> int:
    """The tickets being worked at the start of the range: every change before it, summed."""
    before = _cut(filters, Cut.TEAM).filter(metric=Metric.BACKLOG, day__lt=filters.start)
    return int(before.aggregate(t=Sum("total"))["t"] or 0)


def percentile_bound(buckets: list[int], share: float) -> int | None:
    """The upper bound (minutes) of the bucket holding the ``share`` quantile; None when it
    lies in the last, unbounded bucket or there is nothing."""
    total = sum(buckets)
    if not total:
        return None
    seen = 0
    for index, count in enumerate(buckets):
        seen += count
        if seen >= share * total:
            return DURATION_BUCKETS[index] if index < len(DURATION_BUCKETS) else None
    return None


def _duration(counts: dict[int, int], total_seconds: int) -> Duration:
    buckets = [counts.get(i, 0) for i in range(len(DURATION_BUCKETS) + 1)]
    count = sum(buckets)
    return Duration(
        count=count,
        mean_minutes=total_seconds / 60 / count if count else None,
        median_at_most=percentile_bound(buckets, 0.5),
        p90_at_most=percentile_bound(buckets, 0.9),
        buckets=buckets,
    )


def _ratings(counts: dict[int, int], total: int) -> Ratings:
    by_score = [counts.get(score, 0) for score in range(1, SCORES + 1)]
    count = sum(by_score)
    return Ratings(
        count=count,
        average=total / count if count else None,
        by_score=by_score,
        satisfied_share=(by_score[3] + by_score[4]) / count if count else None,
    )


_SLICE_METRICS = (Metric.CREATED, Metric.RESOLVED, Metric.SLA_BREACHED, Metric.RATED)
_AGENT_METRICS = (Metric.AGENT_REPLIED, Metric.RESOLVED, Metric.RATED)


def _slices(
    rows: QuerySet[DailyCount], column: str, metrics: tuple[str, ...]
) -> tuple[dict[str, dict[str, int]], dict[str, float]]:
    """Each metric's count by slice, and the average rating by slice, from one query."""
    grouped: dict[str, dict[str, int]] = defaultdict(dict)
    ratings: dict[str, float] = {}
    for key, metric, count, total in (
        rows.filter(metric__in=metrics)
        .values_list(column, "metric")
        .annotate(n=Sum("count"), t=Sum("total"))
        .values_list(column, "metric", "n", "t")
    ):
        grouped[key][metric] = count
        if metric == Metric.RATED and count:
            ratings[key] = total / count
    return grouped, ratings


def _ranked(
    grouped: dict[str, dict[str, int]],
    names: dict[str, str],
    order_by: str,
    ratings: dict[str, float] | None = None,
) -> list[SliceRow]:
    ratings = ratings or {}
    rows = [
        SliceRow(key, names.get(key, key or "—"), counts, ratings.get(key))
        for key, counts in grouped.items()
    ]
    rows.sort(key=lambda row: (-row.counts.get(order_by, 0), row.name))
    return rows


def dashboard_read(filters: ReportFilters) -> Dashboard:
    """Everything one dashboard page shows: a fixed number of grouped queries whatever the
    range or the data size."""
    rows = _in_range(filters, Cut.TEAM)
    days = filters.days
    index = {day: n for n, day in enumerate(days)}
    series: dict[str, list[int]] = {m: [0] * len(days) for m in Metric.values}
    backlog_change = [0] * len(days)
    for day, metric, count, total in (
        rows.values_list("day", "metric")
        .annotate(n=Sum("count"), t=Sum("total"))
        .values_list("day", "metric", "n", "t")
    ):
        series[metric][index[day]] = count
        if metric == Metric.BACKLOG:
            backlog_change[index[day]] = total
    totals = {metric: sum(values) for metric, values in series.items()}
    # Tickets being worked at the end of each day: what was open before the range, plus each
    # day's net change.
    running = _backlog_before(filters)
    for n, change in enumerate(backlog_change):
        running += change
        series[Metric.BACKLOG][n] = running
    totals[Metric.BACKLOG] = running

    buckets: dict[str, dict[int, int]] = defaultdict(dict)
    sums: dict[str, int] = defaultdict(int)
    for metric, bucket, count, total in (
        rows.filter(metric__in=(Metric.FIRST_REPLY, Metric.RESOLUTION, Metric.RATED))
        .values_list("metric", "bucket")
        .annotate(n=Sum("count"), t=Sum("total"))
        .values_list("metric", "bucket", "n", "t")
    ):
        buckets[metric][bucket] = count
        sums[metric] += total

    categories = {str(c.pk): c.name for c in category_list()}
    by_category, category_ratings = _slices(
        _in_range(filters, Cut.CATEGORY), "category_id", _SLICE_METRICS
    )
    networks, _ratings_unused = _slices(_in_range(filters, Cut.NETWORK), "network", _SLICE_METRICS)
    agent_counts, agent_ratings = _slices(
        _in_range(filters, Cut.AGENT).exclude(agent_id=""), "agent_id", _AGENT_METRICS
    )
    channels, _none = _slices(_in_range(filters, Cut.CHANNEL), "channel", (Metric.CREATED,))
    agents = User.objects.filter(pk__in=[UUID(a) for a in agent_counts])
    agent_names = {str(u.pk): u.short_name for u in agents.only("id", "display_name", "email")}
    return Dashboard(
        filters=filters,
        days=days,
        series=series,
        totals=totals,
        first_reply=_duration(buckets[Metric.FIRST_REPLY], sums[Metric.FIRST_REPLY]),
        resolution=_duration(buckets[Metric.RESOLUTION], sums[Metric.RESOLUTION]),
        ratings=_ratings(buckets[Metric.RATED], sums[Metric.RATED]),
        by_category=_ranked(by_category, categories, Metric.CREATED, category_ratings),
        by_network=_ranked(networks, {k: network_name(k) for k in networks}, Metric.CREATED),
        by_channel=_ranked(channels, _channel_names(), Metric.CREATED),
        agents=_ranked(agent_counts, agent_names, Metric.AGENT_REPLIED, agent_ratings),
        deflections=_deflections(filters),
        search_misses=_search_misses(filters),
        comments=_comments(filters),
    )


def _channel_names() -> dict[str, str]:
    names = {str(value): str(label) for value, label in Channel.choices}
    # Tickets from before the channel was kept on their "created" event.
    names[""] = str(_("Not recorded"))
    return names


def _comments(filters: ReportFilters) -> list[RatedComment]:
    comments = RatedComment.objects.filter(day__gte=filters.start, day__lte=filters.end)
    if filters.team_ids is not None:
        comments = comments.filter(team_id__in=filters.team_ids)
    if filters.category_id:
        comments = comments.filter(category_id=filters.category_id)
    if filters.network:
        comments = comments.filter(network=filters.network)
    return list(
        comments.select_related("ticket")
        .only("day", "score", "ticket__reference", "ticket__rating_comment")
        .order_by("-day", "-id")[:TOP_ROWS]
    )


def _instants(filters: ReportFilters) -> tuple[datetime, datetime]:
    """The range as instants on the desk's clock (these rows have no requester's day)."""
    zone = timezone.get_default_timezone()
    start = datetime.combine(filters.start, time.min, tzinfo=zone)
    end = datetime.combine(filters.end + timedelta(days=1), time.min, tzinfo=zone)
    return start, end


def _deflections(filters: ReportFilters) -> int:
    """Answers that ended without a ticket. Not per team: no ticket, no team."""
    start, end = _instants(filters)
    return Deflection.objects.filter(created_at__gte=start, created_at__lt=end).count()


def _search_misses(filters: ReportFilters) -> list[tuple[str, int]]:
    """The Help Center searches that found nothing, most asked first: what authors should
    write next."""
    start, end = _instants(filters)
    misses = (
        SearchQuery.objects.filter(result_count=0, created_at__gte=start, created_at__lt=end)
        .values("query")
        .annotate(n=Count("id"))
        .order_by("-n", "query")
        .values_list("query", "n")[:TOP_ROWS]
    )
    return list(misses)

"""The daily rollups equal a direct count over the events, for a generated month of activity
written through the ticket services at the times it happened, rolled up week by week as the
beat job would; and an event is counted once, only when it is settled."""

import random
from collections import Counter
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction
from django.db.models import Min, Sum
from hypothesis import given
from hypothesis import strategies as st

from walletdesk.accounts.tests.factories import AgentFactory, UserFactory
from walletdesk.reports import rollups
from walletdesk.reports.models import Cut, DailyCount, Metric, RatedComment
from walletdesk.reports.rollups import DURATION_BUCKETS, duration_bucket, rollups_write
from walletdesk.reports.selectors import percentile_bound
from walletdesk.tickets.models import ACTIVE_STATUSES, Category, Status, Ticket, TicketEvent
from walletdesk.tickets.selectors import team_calendar
from walletdesk.tickets.services import (
    ticket_event_record,
    ticket_rate,
    ticket_reopen,
    ticket_reply_add,
    ticket_resolve,
)
from walletdesk.tickets.tests.factories import TicketFactory

pytestmark = pytest.mark.django_db

MONTH_START = datetime(2026, 3, 1, tzinfo=UTC)
ZONES = ("Asia/Shanghai", "Europe/Berlin", "America/Los_Angeles")


def _at(moment: datetime):
    return time_machine.travel(moment, tick=False)


def _generate_month(seed: int) -> None:
    """Tickets in three time zones, near midnight too, each worked its own way."""
    rng = random.Random(seed)  # noqa: S311 (a repeatable month, not a secret)
    requesters = [UserFactory(time_zone=zone) for zone in ZONES]
    agents = [AgentFactory(), AgentFactory()]
    categories = list(Category.objects.all())
    networks = ["ethereum", "tron", "bitcoin", ""]
    for day in range(30):
        for _ in range(rng.randint(0, 3)):
            opened = MONTH_START + timedelta(days=day, minutes=rng.randint(0, 24 * 60 - 1))
            with _at(opened), transaction.atomic():
                ticket = TicketFactory(
                    requester=rng.choice(requesters),
                    category=rng.choice(categories),
                    network=rng.choice(networks),
                )
                ticket_event_record(
                    ticket=ticket,
                    kind=TicketEvent.Kind.CREATED,
                    actor=None,
                    from_value=rng.choice(["web", "api", "email"]),
                )
            _work(rng, ticket, opened, agents)


def _work(rng: random.Random, ticket: Ticket, at: datetime, agents: list) -> None:
    agent = rng.choice(agents)
    if rng.random() < 0.7:
        Ticket.objects.filter(pk=ticket.pk).update(assignee=agent)
        ticket.refresh_from_db()
    for _ in range(rng.randint(0, 2)):
        at += timedelta(minutes=rng.randint(5, 3000))
        with _at(at):
            ticket_reply_add(ticket=ticket, author=agent, body="我们正在核对这笔交易。")
    if rng.random() < 0.2:
        at += timedelta(minutes=rng.randint(1, 600))
        with _at(at):
            ticket_event_record(
                ticket=ticket, kind=TicketEvent.Kind.SLA_BREACHED, actor=None, from_value="x"
            )
    if rng.random() < 0.6:
        at += timedelta(minutes=rng.randint(1, 6000))
        with _at(at):
            ticket = ticket_resolve(ticket=ticket, actor=agent, body="已经到账，请查看。")
        if rng.random() < 0.5:
            at += timedelta(minutes=rng.randint(1, 600))
            with _at(at):
                comment = rng.choice(["", "很快，谢谢", "Too slow"])
                ticket = ticket_rate(
                    ticket=ticket,
                    customer=ticket.requester,
                    score=rng.randint(1, 5),
                    comment=comment,
                )
        elif rng.random() < 0.4:
            at += timedelta(minutes=rng.randint(1, 600))
            with _at(at):
                ticket = ticket_reopen(ticket=ticket, agent=agent, reason="用户又来信了")


def _direct_count() -> Counter:
    """Each metric's count per requester day, slice and agent, straight from the events."""
    expected: Counter = Counter()
    events = TicketEvent.objects.select_related("ticket__requester").order_by("pk")
    firsts = set(
        TicketEvent.objects.filter(kind=TicketEvent.Kind.AGENT_REPLIED)
        .values("ticket_id")
        .annotate(first=Min("id"))
        .values_list("first", flat=True)
    )
    for event in events:
        ticket = event.ticket
        day = event.created_at.astimezone(ZoneInfo(ticket.requester.time_zone)).date()
        base = (day, str(ticket.category_id), str(ticket.team_id or ""), ticket.network)
        actor = str(event.actor_id or "")
        kind, to = event.kind, event.to_value

        def business(end: datetime, t: Ticket = ticket) -> int:
            span = team_calendar(t.team_id).business_time_between(t.created_at, end)
            return int(span.total_seconds())

        if kind == TicketEvent.Kind.STATUS_CHANGED:
            change = (to in ACTIVE_STATUSES) - (event.from_value in ACTIVE_STATUSES)
            expected[("backlog-change", *base, "")] += change
        if kind == TicketEvent.Kind.CREATED:
            expected[(Metric.CREATED, *base, "", event.from_value)] += 1
            expected[("backlog-change", *base, "")] += 1
        elif kind == TicketEvent.Kind.SLA_BREACHED:
            expected[(Metric.SLA_BREACHED, *base, "")] += 1
        elif kind == TicketEvent.Kind.RATED:
            assignee = str(ticket.assignee_id or "")
            expected[(Metric.RATED, *base, assignee)] += 1
            expected[("rated-score", *base, assignee)] += int(to)
        elif kind == TicketEvent.Kind.AGENT_REPLIED:
            expected[(Metric.AGENT_REPLIED, *base, actor)] += 1
            if event.pk in firsts:
                expected[(Metric.FIRST_REPLY, *base, "")] += 1
                expected[("first-reply-seconds", *base, "")] += business(event.created_at)
        elif kind == TicketEvent.Kind.STATUS_CHANGED and to == Status.RESOLVED:
            expected[(Metric.RESOLVED, *base, actor)] += 1
            expected[(Metric.RESOLUTION, *base, "")] += 1
            expected[("resolution-seconds", *base, "")] += business(event.created_at)
        elif kind == TicketEvent.Kind.STATUS_CHANGED and event.from_value in (
            Status.RESOLVED,
            Status.CLOSED,
        ):
            expected[(Metric.REOPENED, *base, "")] += 1
    # Counter's + drops zero and negative counts: keep the net changes as they are.
    kept = Counter({k: v for k, v in expected.items() if v})
    return kept


def _rolled_up() -> Counter:
    measures = {
        Metric.RATED: "rated-score",
        Metric.FIRST_REPLY: "first-reply-seconds",
        Metric.RESOLUTION: "resolution-seconds",
    }
    found: Counter = Counter()
    for row in DailyCount.objects.filter(cut=Cut.ALL):
        key = (row.day, row.category_id, row.team_id, row.network)
        if row.metric == Metric.BACKLOG:
            found[("backlog-change", *key, "")] += row.total
        elif row.metric == Metric.CREATED:
            found[(row.metric, *key, row.agent_id, row.channel)] += row.count
        else:
            found[(row.metric, *key, row.agent_id)] += row.count
        if row.metric in measures:
            found[(measures[row.metric], *key, row.agent_id)] += row.total
    return Counter({k: v for k, v in found.items() if v})


def _roll_week_by_week() -> None:
    for week in range(1, 8):
        moment = MONTH_START + timedelta(days=7 * week)
        with _at(moment):
            while rollups_write(limit=37):
                pass


@pytest.mark.parametrize("seed", [1, 2])
def test_the_rollups_equal_a_direct_count_over_a_generated_month(seed):
    _generate_month(seed)
    events = TicketEvent.objects.count()
    assert events > 100

    _roll_week_by_week()

    expected = _direct_count()
    assert _rolled_up() == expected
    # Every kind the dashboard shows occurred, so the equality above covers each rule.
    assert {key[0] for key in expected} >= set(Metric.values) - {Metric.BACKLOG}
    assert any(key[0] == "backlog-change" for key in expected)
    _each_cut_sums_the_rows_with_every_slice()
    # And a rebuild from nothing counts the same.
    rollups.rollups_rebuild(quiet=True)
    assert _rolled_up() == expected
    _each_cut_sums_the_rows_with_every_slice()


_CUT_COLUMNS = {
    Cut.TEAM: ("team_id", "bucket"),
    Cut.CATEGORY: ("team_id", "category_id"),
    Cut.NETWORK: ("team_id", "network"),
    Cut.AGENT: ("team_id", "agent_id"),
    Cut.CHANNEL: ("team_id", "channel"),
}


def _each_cut_sums_the_rows_with_every_slice() -> None:
    """What the unfiltered report reads (one slice at a time) adds up to the full rows."""
    for cut, columns in _CUT_COLUMNS.items():
        cut_rows = DailyCount.objects.filter(cut=cut)
        full = DailyCount.objects.filter(cut=Cut.ALL)
        if cut == Cut.AGENT:
            full = full.exclude(agent_id="")
        if cut == Cut.CHANNEL:
            full = full.filter(metric=Metric.CREATED)
        fields = ("day", "metric", *columns)

        def summed(rows, fields=fields):
            grouped = rows.values_list(*fields).annotate(n=Sum("count"), t=Sum("total"))
            return {row[:-2]: row[-2:] for row in grouped.values_list(*fields, "n", "t")}

        found = summed(cut_rows)
        assert found, cut
        assert found == summed(full), cut


def test_the_days_are_the_requesters_days():
    shanghai = UserFactory(time_zone="Asia/Shanghai")
    los_angeles = UserFactory(time_zone="America/Los_Angeles")
    # 20:00 UTC on 1 March: 04:00 on 2 March in Shanghai, 12:00 on 1 March in Los Angeles.
    with _at(datetime(2026, 3, 1, 20, tzinfo=UTC)):
        for requester in (shanghai, los_angeles):
            ticket = TicketFactory(requester=requester)
            ticket_event_record(ticket=ticket, kind=TicketEvent.Kind.CREATED, actor=None)
    rollups.rollups_rebuild(quiet=True)
    created = DailyCount.objects.filter(cut=Cut.ALL, metric=Metric.CREATED)
    days = sorted(created.values_list("day", flat=True))
    assert [d.isoformat() for d in days] == ["2026-03-01", "2026-03-02"]


def test_an_event_is_counted_once_and_only_when_settled(settings):
    settings.REPORTS_SETTLED_AFTER_FOR = 120
    start = datetime(2026, 3, 2, 8, tzinfo=UTC)
    with _at(start):
        ticket = TicketFactory()
        ticket_event_record(ticket=ticket, kind=TicketEvent.Kind.CREATED, actor=None)
    with _at(start + timedelta(seconds=60)):
        assert rollups_write() == 0
    assert not DailyCount.objects.exists()
    with _at(start + timedelta(seconds=121)):
        assert rollups_write() == 1
        assert rollups_write() == 0
    assert DailyCount.objects.get(cut=Cut.ALL, metric=Metric.CREATED).count == 1


def test_a_rating_with_a_comment_is_kept_for_the_dashboard():
    agent = AgentFactory()
    with _at(datetime(2026, 3, 3, 2, tzinfo=UTC)):
        ticket = TicketFactory()
        ticket_reply_add(ticket=ticket, author=agent, body="已处理")
        ticket = ticket_resolve(ticket=ticket, actor=agent)
        ticket_rate(ticket=ticket, customer=ticket.requester, score=2, comment="等了太久")
    rollups.rollups_rebuild(quiet=True)
    comment = RatedComment.objects.get()
    assert (comment.ticket_id, comment.score) == (ticket.pk, 2)


@given(st.integers(min_value=0, max_value=60 * 60 * 24 * 30))
def test_a_duration_falls_in_the_first_bucket_whose_bound_holds_it(seconds):
    bucket = duration_bucket(seconds)
    minutes = seconds / 60
    if bucket < len(DURATION_BUCKETS):
        assert minutes <= DURATION_BUCKETS[bucket]
    else:
        assert minutes > DURATION_BUCKETS[-1]
    if bucket > 0:
        assert minutes > DURATION_BUCKETS[bucket - 1]


@given(st.lists(st.integers(min_value=0, max_value=60 * 24 * 10), min_size=1, max_size=200))
def test_the_percentile_bound_holds_that_share_of_the_durations(minutes):
    buckets = [0] * (len(DURATION_BUCKETS) + 1)
    for m in minutes:
        buckets[duration_bucket(m * 60)] += 1
    for share in (0.5, 0.9):
        bound = percentile_bound(buckets, share)
        at_most = sum(1 for m in minutes if bound is None or m <= bound)
        assert at_most >= share * len(minutes)
        if bound is not None:
            # The bucket below would not have held enough.
            index = DURATION_BUCKETS.index(bound)
            lower = DURATION_BUCKETS[index - 1] if index else -1
            assert sum(1 for m in minutes if m <= lower) < share * len(minutes)

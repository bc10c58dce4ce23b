"""Two people acting on one ticket at the same moment, on real concurrent connections.

Only PostgreSQL runs these: SQLite serialises every writer anyway, so a race cannot happen
there. Each worker thread opens its own database connection and closes it when done.
The flush that ends every transactional test also removes the seeded categories and
reasons; the root conftest seeds them again before each transactional test.
"""

import threading
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from walletdesk.accounts.models import User
from walletdesk.tickets import services
from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.models import Message, Priority, Status, Ticket, TicketEvent
from walletdesk.tickets.services import (
    ticket_category_change,
    ticket_priority_change,
    ticket_reject,
    ticket_reply_add,
    ticket_resolve,
)
from walletdesk.tickets.tests.factories import TicketFactory, category, reason

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL for concurrent writers"
    ),
    pytest.mark.django_db(transaction=True),
]

Kind = TicketEvent.Kind
ROUNDS = 8
# How long a worker keeps the row locked before going on. Long enough that the other worker
# has certainly reached its own SELECT ... FOR UPDATE and is waiting, so without the lock
# both would read the same old row and one action would be lost.
HOLD_FOR = 0.15


def run_together(*calls: Callable[[], Any]) -> list[Any]:
    """Start every call at the same instant, each in its own thread and connection.

    Returns each call's result, or the exception it raised.
    """
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def worker(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except Exception as exc:  # handed to the test, not lost inside the thread
            results[index] = exc
        finally:
            connection.close()

    threads = [
        threading.Thread(target=worker, args=(i, call), daemon=True) for i, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a worker hung (deadlock?)"
    return results


@pytest.fixture
def hold_lock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep each service's row lock a moment longer, so the two workers always overlap."""
    original = services._lock

    def slow_lock(ticket: Ticket) -> Ticket:
        locked = original(ticket)
        time.sleep(HOLD_FOR)
        return locked

    monkeypatch.setattr(services, "_lock", slow_lock)


def events(ticket: Ticket, kind: str) -> list[TicketEvent]:
    return list(TicketEvent.objects.filter(ticket=ticket, kind=kind).order_by("id"))


def test_priority_and_category_changes_at_once_are_both_kept(
    alice: User, carol: User, erin: User, hold_lock: None
) -> None:
    # Also the regression test for a lock taken over a join: a priority change waiting on a
    # category change used to find no row at all once the category had moved.
    ticket = TicketFactory(requester=alice, status=Status.OPEN)
    # Each agent works from the copy they loaded at the start, as a page would.
    carols_copy = Ticket.objects.get(pk=ticket.pk)
    erins_copy = Ticket.objects.get(pk=ticket.pk)
    priorities = [Priority.HIGH if i % 2 == 0 else Priority.LOW for i in range(ROUNDS)]
    slugs = ["deposit" if i % 2 == 0 else "transfer" for i in range(ROUNDS)]
    categories = {slug: category(slug) for slug in set(slugs)}

    for priority, slug in zip(priorities, slugs, strict=True):
        results = run_together(
            lambda p=priority: ticket_priority_change(ticket=carols_copy, priority=p, agent=carol),
            lambda s=slug: ticket_category_change(
                ticket=erins_copy, category=categories[s], agent=erin
            ),
        )
        assert not [r for r in results if isinstance(r, Exception)]

        ticket.refresh_from_db()
        assert ticket.priority == priority
        assert ticket.category.slug == slug

    priority_events = events(ticket, Kind.PRIORITY_CHANGED)
    category_events = events(ticket, Kind.CATEGORY_CHANGED)
    assert [(e.from_value, e.to_value) for e in priority_events] == list(
        zip(
            [str(Priority.NORMAL.value)] + [str(p.value) for p in priorities[:-1]],
            [str(p.value) for p in priorities],
            strict=True,
        )
    )
    assert [(e.from_value, e.to_value) for e in category_events] == list(
        zip(["withdrawal", *slugs[:-1]], slugs, strict=True)
    )
    assert {e.actor_id for e in priority_events} == {carol.pk}
    assert {e.actor_id for e in category_events} == {erin.pk}


def test_resolve_and_reject_at_once_exactly_one_wins(
    alice: User, carol: User, erin: User, hold_lock: None
) -> None:
    incomplete = reason("incomplete_information")
    winners: set[str] = set()

    for _ in range(ROUNDS):
        ticket = TicketFactory(requester=alice, status=Status.OPEN)
        stale = Ticket.objects.get(pk=ticket.pk)

        resolved, rejected = run_together(
            lambda t=stale: ticket_resolve(ticket=t, actor=carol, body="已处理"),
            lambda t=stale: ticket_reject(
                ticket=t, agent=erin, reason=incomplete, message="请补充交易哈希"
            ),
        )

        failures = [r for r in (resolved, rejected) if isinstance(r, Exception)]
        assert len(failures) == 1, (resolved, rejected)
        assert isinstance(failures[0], TicketError)
        assert failures[0].code == TicketError.Code.TRANSITION_NOT_ALLOWED
        ticket.refresh_from_db()
        changes = events(ticket, Kind.STATUS_CHANGED)
        assert len(changes) == 1
        if isinstance(rejected, Exception):
            winners.add("resolve")
            assert ticket.status == Status.RESOLVED
            assert ticket.rejection_reason is None
            assert (changes[0].actor_id, changes[0].to_value) == (carol.pk, Status.RESOLVED)
            assert not events(ticket, Kind.REJECTED)
            assert ticket.messages.count() == 1  # the resolving reply
        else:
            winners.add("reject")
            assert ticket.status == Status.REJECTED
            assert ticket.rejection_reason == incomplete
            assert ticket.resolved_at is None
            assert (changes[0].actor_id, changes[0].to_value) == (erin.pk, Status.REJECTED)
            assert len(events(ticket, Kind.REJECTED)) == 1
            assert not ticket.messages.exists()  # the loser's reply was rolled back

    assert winners  # at least one round ran to a verdict


def test_two_customer_replies_on_waiting_ticket_change_status_once(
    alice: User, hold_lock: None
) -> None:
    for _ in range(ROUNDS // 2):
        ticket = TicketFactory(requester=alice, status=Status.WAITING_ON_CUSTOMER)
        stale = Ticket.objects.get(pk=ticket.pk)

        results = run_together(
            lambda t=stale: ticket_reply_add(ticket=t, author=alice, body="交易哈希是 0xabc"),
            lambda t=stale: ticket_reply_add(ticket=t, author=alice, body="截图已上传"),
        )

        assert all(isinstance(r, Message) for r in results), results
        ticket.refresh_from_db()
        assert ticket.status == Status.OPEN
        assert ticket.messages.count() == 2
        assert len(events(ticket, Kind.CUSTOMER_REPLIED)) == 2
        changes = events(ticket, Kind.STATUS_CHANGED)
        assert [(c.from_value, c.to_value) for c in changes] == [
            (Status.WAITING_ON_CUSTOMER, Status.OPEN)
        ]


def test_without_the_row_lock_one_action_would_be_lost(
    alice: User, carol: User, erin: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The control experiment: it shows the lock, not luck, makes the tests above pass."""

    def unlocked(ticket: Ticket) -> Ticket:
        row = Ticket.objects.select_related("category", "requester", "rejection_reason").get(
            pk=ticket.pk
        )
        time.sleep(HOLD_FOR)
        return row

    monkeypatch.setattr(services, "_lock", unlocked)
    ticket = TicketFactory(requester=alice, status=Status.OPEN)
    incomplete = reason("incomplete_information")

    results = run_together(
        lambda: ticket_resolve(ticket=ticket, actor=carol),
        lambda: ticket_reject(ticket=ticket, agent=erin, reason=incomplete, message="请补充"),
    )

    # Both read "open", both passed the status check, both wrote: two status changes.
    assert not [r for r in results if isinstance(r, Exception)]
    assert len(events(ticket, Kind.STATUS_CHANGED)) == 2


def test_tickets_arriving_at_once_are_routed_evenly_and_each_once() -> None:
    """1,000 tickets written by four writers while three routers run: round robin spreads
    them within one of even, and no ticket is assigned twice."""
    from walletdesk.accounts.tests.factories import AgentFactory, UserFactory
    from walletdesk.tickets.models import Team
    from walletdesk.tickets.routing import tickets_route
    from walletdesk.tickets.tests.factories import TeamFactory

    team = TeamFactory(slug="routed", assignment=Team.Assignment.ROUND_ROBIN)
    agents = [AgentFactory(teams=[team]) for _ in range(7)]
    requester = UserFactory()
    writers, per_writer = 4, 250
    written = threading.Event()

    def write() -> int:
        for _ in range(per_writer):
            TicketFactory(team=team, requester=requester)
        return per_writer

    def route() -> int:
        routed = 0
        while True:
            done = written.is_set()
            routed += tickets_route(batch=25)
            if done and not Ticket.objects.filter(team=team, assignee__isnull=True).exists():
                return routed

    def writers_then_flag() -> int:
        results = run_together(*[write] * writers)
        written.set()
        assert results == [per_writer] * writers, results
        return sum(results)

    results = run_together(writers_then_flag, route, route, route)

    assert not [r for r in results if isinstance(r, Exception)], results
    total = writers * per_writer
    assert sum(results[1:]) == total
    counts = Counter(Ticket.objects.filter(team=team).values_list("assignee_id", flat=True))
    assert None not in counts
    assert set(counts) == {a.pk for a in agents}
    assert max(counts.values()) - min(counts.values()) <= 1
    events = TicketEvent.objects.filter(ticket__team=team, kind=Kind.ASSIGNED)
    assert events.count() == total
    assert events.values("ticket_id").distinct().count() == total

"""The breach sweep: the assignee and the team's supervisors are warned once before a target
is missed (in the app and by e-mail), the miss is marked once, however often and on however
many workers the sweep runs."""

import datetime as dt
import threading
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.db import connection

from walletdesk.accounts.tests.factories import AgentFactory
from walletdesk.notifications.delivery import notification_deliver
from walletdesk.notifications.models import Channel, Notification
from walletdesk.notifications.models import Kind as NotificationKind
from walletdesk.sla.models import TicketDeadline
from walletdesk.sla.services import deadlines_open_new
from walletdesk.sla.sweep import deadlines_sweep
from walletdesk.sla.tests.factories import PolicyFactory
from walletdesk.tickets.models import TeamMembership, Ticket, TicketEvent
from walletdesk.tickets.services import ticket_open, ticket_request_info
from walletdesk.tickets.tests.services.helpers import draft

SHANGHAI = ZoneInfo("Asia/Shanghai")
Kind = TicketDeadline.Kind


def sh(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=SHANGHAI)


@pytest.fixture
def watched(alice, carol) -> Ticket:
    """Alice's ticket of Friday 17:00, given to carol; erin supervises its team. First reply
    due Monday 10:00 (120 business minutes), warned from 09:30 (30 before)."""
    PolicyFactory(warn_before_for=30)
    with time_machine.travel(sh(4, 17), tick=False):
        ticket = ticket_open(requester=alice, draft=draft())
    with time_machine.travel(sh(4, 17, 1), tick=False):
        deadlines_open_new()
    Ticket.objects.filter(pk=ticket.pk).update(assignee=carol)
    erin = AgentFactory(email="erin@walletdesk.example")
    TeamMembership.objects.update_or_create(
        team_id=ticket.team_id, user=erin, defaults={"role": TeamMembership.Role.SUPERVISOR}
    )
    ticket.refresh_from_db()
    return ticket


def warnings() -> list[tuple[str, str]]:
    rows = Notification.objects.filter(kind=NotificationKind.SLA_WARNING)
    return sorted(rows.values_list("recipient__email", "channel"))


WARNED_PEOPLE = [
    ("carol@walletdesk.example", Channel.EMAIL),
    ("carol@walletdesk.example", Channel.INAPP),
    ("erin@walletdesk.example", Channel.EMAIL),
    ("erin@walletdesk.example", Channel.INAPP),
]


@pytest.mark.django_db
def test_nothing_before_the_warning_time(watched):
    assert deadlines_sweep(now=sh(7, 9, 29)) == (0, 0)
    assert warnings() == []


@pytest.mark.django_db
def test_the_assignee_and_supervisors_are_warned_once(watched):
    first = deadlines_sweep(now=sh(7, 9, 31))
    second = deadlines_sweep(now=sh(7, 9, 32))
    for row in Notification.objects.filter(channel=Channel.EMAIL):
        notification_deliver(row.pk)

    assert (first, second) == ((1, 0), (0, 0))
    assert warnings() == WARNED_PEOPLE
    event = TicketEvent.objects.get(ticket=watched, kind=TicketEvent.Kind.SLA_WARNED)
    assert (event.from_value, event.to_value) == (
        Kind.FIRST_REPLY,
        "2026-12-07 10:00 (Asia/Shanghai)",
    )
    assert sorted(m.to[0] for m in mail.outbox) == [
        "carol@walletdesk.example",
        "erin@walletdesk.example",
    ]
    assert watched.reference in mail.outbox[0].subject
    assert "2026-12-07 10:00" in mail.outbox[0].body


@pytest.mark.django_db
def test_a_miss_is_marked_once_and_read_back(watched):
    deadlines_sweep(now=sh(7, 9, 31))

    first = deadlines_sweep(now=sh(7, 10, 1))
    second = deadlines_sweep(now=sh(7, 10, 5))

    assert (first, second) == ((0, 1), (0, 0))
    breached = list(TicketDeadline.objects.breached())
    assert [(d.ticket_id, d.kind) for d in breached] == [(watched.pk, Kind.FIRST_REPLY)]
    assert TicketEvent.objects.filter(kind=TicketEvent.Kind.SLA_BREACHED).count() == 1
    assert warnings() == WARNED_PEOPLE  # the miss warned nobody again


@pytest.mark.django_db
def test_a_paused_clock_is_neither_warned_nor_missed(watched, carol):
    with time_machine.travel(sh(7, 9, 0), tick=False):
        ticket_request_info(ticket=watched, agent=carol, body="请提供交易哈希")

    assert deadlines_sweep(now=sh(9, 17, 59)) == (0, 0)  # resolution was due Tuesday 15:00
    assert warnings() == []


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent writers")
@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_warn_once(watched):
    results: list[tuple[int, int]] = []
    lock = threading.Lock()

    def sweeper(barrier: threading.Barrier) -> None:
        try:
            barrier.wait(timeout=10)
            outcome = deadlines_sweep(now=sh(7, 9, 31))
            with lock:
                results.append(outcome)
        finally:
            connection.close()

    barrier = threading.Barrier(2)
    threads = [threading.Thread(target=sweeper, args=(barrier,)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert sorted(results) == [(0, 0), (1, 0)]
    assert warnings() == WARNED_PEOPLE
    assert TicketEvent.objects.filter(kind=TicketEvent.Kind.SLA_WARNED).count() == 1


@pytest.mark.django_db
def test_a_miss_is_counted_once_for_the_operators(watched):
    from prometheus_client import REGISTRY

    def missed() -> float:
        value = REGISTRY.get_sample_value(
            "walletdesk_sla_breaches_total", {"target": Kind.FIRST_REPLY}
        )
        return value or 0.0

    before = missed()
    deadlines_sweep(now=sh(7, 10, 1))
    deadlines_sweep(now=sh(7, 10, 5))

    assert missed() - before == 1

"""The waiting and resolved sweeps under a moving clock (time_machine): remind after 2
business days, close after 7 with a notification, close resolved tickets after N days, and
every sweep run twice changes nothing the second time."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from walletdesk.notifications.models import Channel, Kind, Notification
from walletdesk.tickets.models import Status, TicketEvent
from walletdesk.tickets.reminders import (
    tickets_resolved_close,
    tickets_waiting_close,
    tickets_waiting_remind,
)
from walletdesk.tickets.services import (
    ticket_reply_add,
    ticket_request_info,
    ticket_resolve,
)
from walletdesk.tickets.tasks import ticket_reminders_task

# A Thursday: two business days later is the next Monday, across a weekend.
THURSDAY = datetime(2026, 1, 8, 10, 0, tzinfo=UTC)
FRIDAY = THURSDAY + timedelta(days=1)
SUNDAY_NIGHT = datetime(2026, 1, 11, 23, 0, tzinfo=UTC)
MONDAY = datetime(2026, 1, 12, 10, 1, tzinfo=UTC)
# Seven business days after Thursday the 8th: Monday the 19th.
SUNDAY_BEFORE_CLOSE = datetime(2026, 1, 18, 12, 0, tzinfo=UTC)
CLOSE_DAY = datetime(2026, 1, 19, 10, 1, tzinfo=UTC)


def reminders(user) -> list[tuple[str, str]]:
    return sorted(
        Notification.objects.filter(recipient=user, kind=Kind.REMINDER).values_list(
            "kind", "channel"
        )
    )


@pytest.fixture
def waiting_ticket(alice_ticket, carol):
    """Carol asks alice for the transaction hash on a Thursday morning."""
    with time_machine.travel(THURSDAY, tick=False):
        ticket_request_info(ticket=alice_ticket, agent=carol, body="请提供交易哈希")
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.WAITING_ON_CUSTOMER
    return alice_ticket


def test_no_reminder_before_two_business_days_even_across_the_weekend(waiting_ticket, alice):
    for moment in (FRIDAY, SUNDAY_NIGHT):
        with time_machine.travel(moment, tick=False):
            assert tickets_waiting_remind() == 0

    assert reminders(alice) == []


def test_reminder_after_two_business_days_once_however_often_the_sweep_runs(waiting_ticket, alice):
    with time_machine.travel(MONDAY, tick=False):
        first = tickets_waiting_remind()
        second = tickets_waiting_remind()
    with time_machine.travel(MONDAY + timedelta(days=1), tick=False):
        third = tickets_waiting_remind()

    assert (first, second, third) == (1, 0, 0)
    # No webhook endpoint is configured, so in-app and e-mail only.
    assert reminders(alice) == [(Kind.REMINDER, Channel.EMAIL), (Kind.REMINDER, Channel.INAPP)]
    wait_event = TicketEvent.objects.get(
        ticket=waiting_ticket,
        kind=TicketEvent.Kind.STATUS_CHANGED,
        to_value=Status.WAITING_ON_CUSTOMER,
    )
    # The reminder is a ticket event of its own, naming the wait it reminds of.
    reminded = TicketEvent.objects.filter(ticket=waiting_ticket, kind=TicketEvent.Kind.REMINDED)
    assert list(reminded.values_list("from_value", "actor_id")) == [(str(wait_event.pk), None)]
    assert set(
        Notification.objects.filter(kind=Kind.REMINDER).values_list("event_id", flat=True)
    ) == {reminded.get().pk}
    waiting_ticket.refresh_from_db()
    assert waiting_ticket.status == Status.WAITING_ON_CUSTOMER


def test_reminder_delay_is_configurable(waiting_ticket, alice, settings):
    settings.REMINDER_WAITING_AFTER_DAYS = 1

    with time_machine.travel(FRIDAY + timedelta(minutes=1), tick=False):
        written = tickets_waiting_remind()

    assert written == 1
    assert len(reminders(alice)) == 2


def test_a_new_wait_gets_its_own_reminder(waiting_ticket, alice, carol):
    with time_machine.travel(MONDAY, tick=False):
        tickets_waiting_remind()
        ticket_reply_add(ticket=waiting_ticket, author=alice, body="哈希是 0xabc")
        ticket_request_info(ticket=waiting_ticket, agent=carol, body="请再提供截图")
    with time_machine.travel(MONDAY + timedelta(days=1), tick=False):
        assert tickets_waiting_remind() == 0  # the second wait is one business day old
    with time_machine.travel(MONDAY + timedelta(days=2), tick=False):
        assert tickets_waiting_remind() == 1
        assert tickets_waiting_remind() == 0

    assert len(reminders(alice)) == 4
    assert Notification.objects.filter(kind=Kind.REMINDER).values("event").distinct().count() == 2


def test_answered_ticket_is_neither_reminded_nor_closed(waiting_ticket, alice):
    with time_machine.travel(FRIDAY, tick=False):
        ticket_reply_add(ticket=waiting_ticket, author=alice, body="哈希是 0xabc")
    with time_machine.travel(CLOSE_DAY, tick=False):
        assert tickets_waiting_remind() == 0
        assert tickets_waiting_close() == 0

    waiting_ticket.refresh_from_db()
    assert waiting_ticket.status == Status.OPEN
    assert reminders(alice) == []


def test_system_closes_after_seven_business_days_and_tells_the_requester(waiting_ticket, alice):
    with time_machine.travel(SUNDAY_BEFORE_CLOSE, tick=False):
        assert tickets_waiting_close() == 0
    with time_machine.travel(CLOSE_DAY, tick=False):
        first = tickets_waiting_close()
        second = tickets_waiting_close()

    assert (first, second) == (1, 0)
    waiting_ticket.refresh_from_db()
    assert waiting_ticket.status == Status.CLOSED
    assert waiting_ticket.closed_at == CLOSE_DAY
    event = TicketEvent.objects.get(
        ticket=waiting_ticket, kind=TicketEvent.Kind.STATUS_CHANGED, to_value=Status.CLOSED
    )
    assert event.actor_id is None
    assert event.from_value == Status.WAITING_ON_CUSTOMER
    assert event.reason == "no_answer"
    closed = Notification.objects.filter(recipient=alice, kind=Kind.CLOSED)
    assert sorted(closed.values_list("channel", flat=True)) == [Channel.EMAIL, Channel.INAPP]
    assert set(closed.values_list("event_id", flat=True)) == {event.pk}


def test_close_delay_is_configurable(waiting_ticket, settings):
    settings.CLOSE_WAITING_AFTER_DAYS = 3  # Thursday + 3 business days: Tuesday

    with time_machine.travel(MONDAY + timedelta(days=1), tick=False):
        assert tickets_waiting_close() == 1

    waiting_ticket.refresh_from_db()
    assert waiting_ticket.status == Status.CLOSED


@pytest.fixture
def resolved_ticket(alice_ticket, carol):
    with time_machine.travel(THURSDAY, tick=False):
        ticket_resolve(ticket=alice_ticket, actor=carol)
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.RESOLVED
    return alice_ticket


def test_resolved_ticket_closes_silently_after_n_calendar_days(resolved_ticket, alice, settings):
    settings.CLOSE_RESOLVED_AFTER_DAYS = 5
    told_before = Notification.objects.filter(recipient=alice).count()

    with time_machine.travel(THURSDAY + timedelta(days=5) - timedelta(minutes=1), tick=False):
        assert tickets_resolved_close() == 0
    with time_machine.travel(THURSDAY + timedelta(days=5), tick=False):
        first = tickets_resolved_close()
        second = tickets_resolved_close()

    assert (first, second) == (1, 0)
    resolved_ticket.refresh_from_db()
    assert resolved_ticket.status == Status.CLOSED
    event = TicketEvent.objects.get(
        ticket=resolved_ticket, kind=TicketEvent.Kind.STATUS_CHANGED, to_value=Status.CLOSED
    )
    assert (event.actor_id, event.from_value, event.reason) == (
        None,
        Status.RESOLVED,
        "resolved_expired",
    )
    # The user was told when it was resolved; the automatic close adds nothing.
    assert Notification.objects.filter(recipient=alice).count() == told_before
    assert not Notification.objects.filter(kind=Kind.CLOSED).exists()


def test_customer_reply_within_the_grace_period_reopens_and_stops_the_close(resolved_ticket, alice):
    with time_machine.travel(THURSDAY + timedelta(days=3), tick=False):
        ticket_reply_add(ticket=resolved_ticket, author=alice, body="还是没有到账")
    with time_machine.travel(THURSDAY + timedelta(days=30), tick=False):
        assert tickets_resolved_close() == 0

    resolved_ticket.refresh_from_db()
    assert resolved_ticket.status == Status.OPEN


def test_the_periodic_task_runs_all_three_sweeps_and_is_safe_twice(
    waiting_ticket, alice, bob, carol
):
    from walletdesk.tickets.tests.factories import TicketFactory

    other = TicketFactory(requester=bob)
    with time_machine.travel(THURSDAY, tick=False):
        ticket_resolve(ticket=other, actor=carol)

    with time_machine.travel(CLOSE_DAY, tick=False):
        first = ticket_reminders_task.apply().get()
        second = ticket_reminders_task.apply().get()

    # The waiting ticket is both due a reminder and past its close: reminded, then closed.
    assert first == {"reminded": 1, "closed_waiting": 1, "closed_resolved": 1}
    assert second == {"reminded": 0, "closed_waiting": 0, "closed_resolved": 0}
    other.refresh_from_db()
    waiting_ticket.refresh_from_db()
    assert (other.status, waiting_ticket.status) == (Status.CLOSED, Status.CLOSED)
    assert len(reminders(alice)) == 2


def test_an_internal_note_while_waiting_does_not_delay_the_reminder(waiting_ticket, alice, carol):
    # The wait is counted from the status change, not from the ticket's last touch.
    with time_machine.travel(SUNDAY_NIGHT, tick=False):
        ticket_reply_add(ticket=waiting_ticket, author=carol, body="等用户回复", internal=True)
    with time_machine.travel(MONDAY, tick=False):
        assert tickets_waiting_remind() == 1
    with time_machine.travel(CLOSE_DAY, tick=False):
        assert tickets_waiting_close() == 1

    assert len(reminders(alice)) == 2


# Spring Festival 2026 on the default (mainland China) calendar: Saturday 14 February is a
# make-up working day, 15–23 February are off. Asked on Friday the 13th, two working days later
# is Tuesday the 24th (the Saturday and the Tuesday), not Monday the 16th as on bare weekdays.
FESTIVAL_EVE = datetime(2026, 2, 13, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai


def test_the_reminder_waits_out_public_holidays_and_counts_make_up_days(alice_ticket, alice, carol):
    with time_machine.travel(FESTIVAL_EVE, tick=False):
        ticket_request_info(ticket=alice_ticket, agent=carol, body="请提供交易哈希")

    for moment in (
        datetime(2026, 2, 16, 3, 0, tzinfo=UTC),  # Monday: two weekdays, but a holiday
        datetime(2026, 2, 24, 1, 59, tzinfo=UTC),  # Tuesday 09:59 Shanghai: not yet
    ):
        with time_machine.travel(moment, tick=False):
            assert tickets_waiting_remind() == 0
    with time_machine.travel(datetime(2026, 2, 24, 2, 1, tzinfo=UTC), tick=False):
        assert tickets_waiting_remind() == 1

    assert reminders(alice) == [(Kind.REMINDER, Channel.EMAIL), (Kind.REMINDER, Channel.INAPP)]

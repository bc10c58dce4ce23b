"""ticket_closure: why a finished ticket ended and what its requester can do next."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from walletdesk.accounts.models import User
from walletdesk.tickets import services
from walletdesk.tickets.closure import Ending, ticket_closure, ticket_may_be_rated
from walletdesk.tickets.models import Status
from walletdesk.tickets.reminders import tickets_waiting_close
from walletdesk.tickets.tests.factories import TicketFactory, reason

pytestmark = pytest.mark.django_db


def test_an_active_ticket_has_no_closure(alice: User) -> None:
    assert ticket_closure(TicketFactory(requester=alice)) is None


def test_a_rejected_ticket_gives_its_reason_and_the_resubmit_step(alice: User, carol: User) -> None:
    ticket = services.ticket_reject(
        ticket=TicketFactory(requester=alice),
        agent=carol,
        reason=reason("incomplete_information"),
        message="请补充哈希",
    )

    closure = ticket_closure(ticket)

    assert closure is not None
    assert closure.ending == Ending.REJECTED
    assert closure.reason == reason("incomplete_information")
    assert closure.may_resubmit
    assert not closure.may_open_new


def test_a_reason_without_resubmission_points_to_a_new_ticket(alice: User, carol: User) -> None:
    ticket = services.ticket_reject(
        ticket=TicketFactory(requester=alice),
        agent=carol,
        reason=reason("out_of_scope"),
        message="请联系交易所",
    )

    closure = ticket_closure(ticket)

    assert closure is not None
    assert not closure.may_resubmit
    assert closure.may_open_new


def test_closed_after_resolution_says_when_and_offers_a_reply_within_grace(
    alice: User, carol: User
) -> None:
    ticket = TicketFactory(requester=alice, status=Status.OPEN)
    services.ticket_reply_add(ticket=ticket, author=carol, body="已处理")
    services.ticket_resolve(ticket=ticket, actor=carol)
    closed = services.ticket_close(ticket=ticket, actor=None, reason="resolved_expired")

    closure = ticket_closure(closed)

    assert closure is not None
    assert closure.ending == Ending.RESOLVED
    assert closure.ended_at == closed.resolved_at
    assert closure.may_reopen_by_reply
    assert not closure.may_open_new
    assert closure.may_rate


def test_after_the_grace_period_the_next_step_is_a_new_ticket(alice: User, carol: User) -> None:
    ticket = TicketFactory(requester=alice, status=Status.OPEN)
    services.ticket_resolve(ticket=ticket, actor=carol)
    closed = services.ticket_close(ticket=ticket, actor=carol)

    with time_machine.travel(timezone.now() + dt.timedelta(days=30)):
        closure = ticket_closure(closed)

    assert closure is not None
    assert not closure.may_reopen_by_reply
    assert closure.may_open_new


def test_closed_by_the_waiting_sweep_says_nobody_answered(alice: User, carol: User) -> None:
    ticket = TicketFactory(requester=alice, status=Status.OPEN)
    services.ticket_request_info(ticket=ticket, agent=carol, body="请提供交易哈希")

    assert tickets_waiting_close(now=timezone.now() + dt.timedelta(days=60)) == 1

    ticket.refresh_from_db()
    closure = ticket_closure(ticket)
    assert closure is not None
    assert closure.ending == Ending.NO_ANSWER
    assert closure.ended_at == ticket.closed_at


def test_closed_by_an_agent_without_resolution(alice: User, carol: User) -> None:
    ticket = services.ticket_close(ticket=TicketFactory(requester=alice), actor=carol)

    closure = ticket_closure(ticket)

    assert closure is not None
    assert closure.ending == Ending.CLOSED_BY_SUPPORT
    assert not closure.may_rate  # nobody answered it


def test_only_a_ticket_an_agent_answered_asks_for_a_rating(alice: User, carol: User) -> None:
    unanswered = TicketFactory(requester=alice, status=Status.OPEN)
    services.ticket_resolve(ticket=unanswered, actor=alice)
    answered = TicketFactory(requester=alice, status=Status.OPEN)
    services.ticket_reply_add(ticket=answered, author=carol, body="已处理")
    services.ticket_resolve(ticket=answered, actor=carol)
    unanswered.refresh_from_db()
    answered.refresh_from_db()

    assert not ticket_may_be_rated(unanswered)
    assert ticket_may_be_rated(answered)

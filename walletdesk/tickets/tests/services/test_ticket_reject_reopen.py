"""ticket_reject and ticket_reopen: a rejection with its reason, and taking it back."""

import pytest

from walletdesk.accounts.models import User
from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.models import Status, Ticket
from walletdesk.tickets.services import ticket_reject, ticket_reopen
from walletdesk.tickets.tests.factories import reason
from walletdesk.tickets.tests.services.helpers import Code, Kind, history, rejected_by, ticket_in


def test_reject_records_reason_and_message(alice_ticket: Ticket, carol: User) -> None:
    ticket_reject(
        ticket=alice_ticket,
        agent=carol,
        reason=reason("incomplete_information"),
        message="  请补充交易哈希。 ",
    )

    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.REJECTED
    assert alice_ticket.rejection_reason == reason("incomplete_information")
    assert alice_ticket.rejection_message == "请补充交易哈希。"
    assert alice_ticket.assignee == carol
    assert alice_ticket.can_be_resubmitted is True
    assert history(alice_ticket) == [
        (Kind.STATUS_CHANGED, carol, Status.NEW, Status.REJECTED, "incomplete_information"),
        (Kind.REJECTED, carol, "", "incomplete_information", "请补充交易哈希。"),
        (Kind.ASSIGNED, carol, "", carol.email, ""),
    ]


@pytest.mark.parametrize(("with_reason", "message"), [(False, "请补充"), (True, "  "), (True, "")])
def test_reject_requires_reason_and_message(
    alice_ticket: Ticket, carol: User, with_reason: bool, message: str
) -> None:
    chosen = reason("incomplete_information") if with_reason else None

    with pytest.raises(TicketError) as caught:
        ticket_reject(ticket=alice_ticket, agent=carol, reason=chosen, message=message)

    assert caught.value.code == Code.REASON_REQUIRED
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.NEW
    assert alice_ticket.rejection_reason is None
    assert history(alice_ticket) == []


def test_reject_refused_on_resolved(alice: User, carol: User) -> None:
    ticket = ticket_in(Status.RESOLVED, alice)

    with pytest.raises(TicketError) as caught:
        rejected_by(carol, ticket)

    assert caught.value.code == Code.TRANSITION_NOT_ALLOWED
    ticket.refresh_from_db()
    assert ticket.rejection_reason is None
    assert history(ticket) == []


def test_customer_cannot_reject(alice: User, alice_ticket: Ticket) -> None:
    with pytest.raises(TicketError) as caught:
        rejected_by(alice, alice_ticket)

    assert caught.value.code == Code.NOT_AGENT


@pytest.mark.parametrize("status", [Status.RESOLVED, Status.CLOSED])
def test_reopen_resolved_or_closed(alice: User, carol: User, status: Status) -> None:
    ticket = ticket_in(status, alice)
    Ticket.objects.filter(pk=ticket.pk).update(
        resolved_at=ticket.created_at, closed_at=ticket.created_at
    )

    ticket_reopen(ticket=ticket, agent=carol, reason="customer called")

    ticket.refresh_from_db()
    assert ticket.status == Status.OPEN
    assert ticket.resolved_at is None
    assert ticket.closed_at is None
    assert history(ticket) == [(Kind.STATUS_CHANGED, carol, status, Status.OPEN, "customer called")]


def test_reopen_rejected_clears_the_rejection(alice_ticket: Ticket, carol: User) -> None:
    rejected_by(carol, alice_ticket)

    ticket_reopen(ticket=alice_ticket, agent=carol)

    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.OPEN
    assert alice_ticket.rejection_reason is None
    assert alice_ticket.rejection_message == ""
    assert history(alice_ticket)[-1] == (
        Kind.STATUS_CHANGED,
        carol,
        Status.REJECTED,
        Status.OPEN,
        "",
    )


def test_reopen_refused_on_open(alice: User, carol: User) -> None:
    ticket = ticket_in(Status.OPEN, alice)

    with pytest.raises(TicketError) as caught:
        ticket_reopen(ticket=ticket, agent=carol)

    assert caught.value.code == Code.TRANSITION_NOT_ALLOWED
    assert history(ticket) == []


def test_customer_cannot_reopen(alice: User) -> None:
    ticket = ticket_in(Status.CLOSED, alice)

    with pytest.raises(TicketError) as caught:
        ticket_reopen(ticket=ticket, agent=alice)

    assert caught.value.code == Code.NOT_AGENT
    ticket.refresh_from_db()
    assert ticket.status == Status.CLOSED


def test_a_rejection_asking_for_the_recovery_phrase_is_held_back(carol, alice_ticket):
    with pytest.raises(TicketError) as caught:
        ticket_reject(
            ticket=alice_ticket,
            agent=carol,
            reason=reason("incomplete_information"),
            message="请把您的助记词发给我们，以便核实资产。",
        )

    assert caught.value.code == TicketError.Code.SECRET_REQUEST
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == "new"
    assert not alice_ticket.events.filter(kind="rejected").exists()

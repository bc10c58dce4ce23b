"""ticket_request_info: asking the customer for more."""

import pytest

from walletdesk.accounts.models import User
from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.models import Message, Status, Ticket
from walletdesk.tickets.services import ticket_request_info
from walletdesk.tickets.tests.services.helpers import Code, Kind, history, ticket_in


def test_request_info_waits_on_customer(alice_ticket: Ticket, carol: User) -> None:
    message = ticket_request_info(ticket=alice_ticket, agent=carol, body="请提供交易哈希。")

    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.WAITING_ON_CUSTOMER
    assert alice_ticket.assignee == carol
    assert alice_ticket.first_responded_at is not None
    assert alice_ticket.is_unread_for_customer is True
    assert message.is_internal is False
    assert message.author_role == Message.AuthorRole.AGENT
    assert history(alice_ticket) == [
        (Kind.STATUS_CHANGED, carol, Status.NEW, Status.WAITING_ON_CUSTOMER, ""),
        (Kind.ASSIGNED, carol, "", carol.email, ""),
        (Kind.INFO_REQUESTED, carol, "", "", ""),
    ]


def test_request_info_refused_when_already_waiting(alice: User, carol: User) -> None:
    ticket = ticket_in(Status.WAITING_ON_CUSTOMER, alice)

    with pytest.raises(TicketError) as caught:
        ticket_request_info(ticket=ticket, agent=carol, body="again?")

    assert caught.value.code == Code.TRANSITION_NOT_ALLOWED
    assert not ticket.messages.exists()
    assert history(ticket) == []


def test_request_info_needs_a_message(alice_ticket: Ticket, carol: User) -> None:
    with pytest.raises(TicketError) as caught:
        ticket_request_info(ticket=alice_ticket, agent=carol, body="  ")

    assert caught.value.code == Code.EMPTY_MESSAGE
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.NEW


def test_customer_cannot_request_info(alice: User, alice_ticket: Ticket) -> None:
    with pytest.raises(TicketError) as caught:
        ticket_request_info(ticket=alice_ticket, agent=alice, body="hm")

    assert caught.value.code == Code.NOT_AGENT

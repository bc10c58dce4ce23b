"""ticket_resolve and ticket_close: who may end a ticket, and when."""

import pytest

from walletdesk.accounts.models import User
from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.models import Message, Status, Ticket
from walletdesk.tickets.services import ticket_close, ticket_resolve
from walletdesk.tickets.tests.services.helpers import Code, Kind, history, ticket_in


def test_agent_resolves_with_closing_reply(alice: User, carol: User) -> None:
    ticket = ticket_in(Status.OPEN, alice)

    ticket_resolve(ticket=ticket, actor=carol, body="已到账 请查收。")

    ticket.refresh_from_db()
    assert ticket.status == Status.RESOLVED
    assert ticket.resolved_at is not None
    assert ticket.last_agent_reply_at is not None
    assert list(ticket.messages.values_list("author_role", "body")) == [
        (Message.AuthorRole.AGENT, "已到账 请查收。")
    ]
    assert history(ticket) == [(Kind.STATUS_CHANGED, carol, Status.OPEN, Status.RESOLVED, "")]


def test_customer_resolves_own_ticket(alice: User, alice_ticket: Ticket) -> None:
    ticket_resolve(ticket=alice_ticket, actor=alice)

    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.RESOLVED
    assert not alice_ticket.messages.exists()
    assert history(alice_ticket) == [(Kind.STATUS_CHANGED, alice, Status.NEW, Status.RESOLVED, "")]


def test_other_customer_cannot_resolve(alice_ticket: Ticket, bob: User) -> None:
    with pytest.raises(TicketError) as caught:
        ticket_resolve(ticket=alice_ticket, actor=bob)

    assert caught.value.code == Code.NOT_REQUESTER
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.NEW


def test_resolve_refused_on_closed(alice: User, carol: User) -> None:
    ticket = ticket_in(Status.CLOSED, alice)

    with pytest.raises(TicketError) as caught:
        ticket_resolve(ticket=ticket, actor=carol, body="done")

    assert caught.value.code == Code.TRANSITION_NOT_ALLOWED
    assert not ticket.messages.exists()
    assert history(ticket) == []


def test_agent_closes_active_ticket(alice: User, carol: User) -> None:
    ticket = ticket_in(Status.OPEN, alice)

    ticket_close(ticket=ticket, actor=carol, reason="spam")

    ticket.refresh_from_db()
    assert ticket.status == Status.CLOSED
    assert ticket.closed_at is not None
    assert history(ticket) == [(Kind.STATUS_CHANGED, carol, Status.OPEN, Status.CLOSED, "spam")]


def test_customer_closes_resolved_ticket(alice: User) -> None:
    ticket = ticket_in(Status.RESOLVED, alice)

    ticket_close(ticket=ticket, actor=alice)

    ticket.refresh_from_db()
    assert ticket.status == Status.CLOSED
    assert history(ticket) == [(Kind.STATUS_CHANGED, alice, Status.RESOLVED, Status.CLOSED, "")]


def test_customer_cannot_close_open_ticket(alice: User) -> None:
    ticket = ticket_in(Status.OPEN, alice)

    with pytest.raises(TicketError) as caught:
        ticket_close(ticket=ticket, actor=alice)

    assert caught.value.code == Code.TRANSITION_NOT_ALLOWED
    ticket.refresh_from_db()
    assert ticket.status == Status.OPEN
    assert ticket.closed_at is None


def test_system_closes_resolved_ticket(alice: User) -> None:
    ticket = ticket_in(Status.RESOLVED, alice)

    ticket_close(ticket=ticket, actor=None, reason="auto_close")

    ticket.refresh_from_db()
    assert ticket.status == Status.CLOSED
    assert history(ticket) == [
        (Kind.STATUS_CHANGED, None, Status.RESOLVED, Status.CLOSED, "auto_close")
    ]


def test_close_refused_on_rejected(alice: User, carol: User) -> None:
    ticket = ticket_in(Status.REJECTED, alice)

    with pytest.raises(TicketError) as caught:
        ticket_close(ticket=ticket, actor=carol)

    assert caught.value.code == Code.TRANSITION_NOT_ALLOWED
    assert history(ticket) == []

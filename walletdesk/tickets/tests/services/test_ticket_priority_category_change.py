"""ticket_priority_change and ticket_category_change: from and to, by agents only."""

import pytest

from walletdesk.accounts.models import User
from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.models import Priority, Ticket
from walletdesk.tickets.services import ticket_category_change, ticket_priority_change
from walletdesk.tickets.tests.factories import category
from walletdesk.tickets.tests.services.helpers import Code, Kind, history


def test_priority_change_records_from_and_to(alice_ticket: Ticket, carol: User) -> None:
    ticket_priority_change(ticket=alice_ticket, priority=Priority.URGENT, agent=carol)

    alice_ticket.refresh_from_db()
    assert alice_ticket.priority == Priority.URGENT
    assert history(alice_ticket) == [(Kind.PRIORITY_CHANGED, carol, "2", "4", "")]


def test_priority_unchanged_records_nothing(alice_ticket: Ticket, carol: User) -> None:
    ticket_priority_change(ticket=alice_ticket, priority=Priority.NORMAL, agent=carol)

    assert history(alice_ticket) == []


def test_customer_cannot_change_priority(alice: User, alice_ticket: Ticket) -> None:
    with pytest.raises(TicketError) as caught:
        ticket_priority_change(ticket=alice_ticket, priority=Priority.URGENT, agent=alice)

    assert caught.value.code == Code.NOT_AGENT
    alice_ticket.refresh_from_db()
    assert alice_ticket.priority == Priority.NORMAL


def test_category_change_records_slugs(alice_ticket: Ticket, carol: User) -> None:
    ticket_category_change(ticket=alice_ticket, category=category("deposit"), agent=carol)

    alice_ticket.refresh_from_db()
    assert alice_ticket.category.slug == "deposit"
    assert history(alice_ticket) == [(Kind.CATEGORY_CHANGED, carol, "withdrawal", "deposit", "")]


def test_category_unchanged_records_nothing(alice_ticket: Ticket, carol: User) -> None:
    ticket_category_change(ticket=alice_ticket, category=category("withdrawal"), agent=carol)

    assert history(alice_ticket) == []


def test_customer_cannot_change_category(alice: User, alice_ticket: Ticket) -> None:
    with pytest.raises(TicketError) as caught:
        ticket_category_change(ticket=alice_ticket, category=category("deposit"), agent=alice)

    assert caught.value.code == Code.NOT_AGENT
    alice_ticket.refresh_from_db()
    assert alice_ticket.category.slug == "withdrawal"


def test_priority_outside_the_scale_is_refused(carol, alice_ticket):
    with pytest.raises(TicketError) as caught:
        ticket_priority_change(ticket=alice_ticket, priority=99, agent=carol)

    assert caught.value.code == TicketError.Code.INVALID_PRIORITY
    alice_ticket.refresh_from_db()
    assert alice_ticket.priority == 2
    assert not alice_ticket.events.filter(kind="priority_changed").exists()

"""ticket_start and ticket_assign: who works on a ticket."""

import pytest

from walletdesk.accounts.models import User
from walletdesk.accounts.tests.factories import UserFactory
from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.models import Status, TeamMembership, Ticket
from walletdesk.tickets.services import ticket_assign, ticket_start
from walletdesk.tickets.tests.services.helpers import Code, Kind, history, kinds, ticket_in


def test_start_opens_and_assigns_to_the_agent(alice_ticket: Ticket, carol: User) -> None:
    ticket_start(ticket=alice_ticket, agent=carol)

    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.OPEN
    assert alice_ticket.assignee == carol
    assert history(alice_ticket) == [
        (Kind.STATUS_CHANGED, carol, Status.NEW, Status.OPEN, ""),
        (Kind.ASSIGNED, carol, "", carol.email, ""),
    ]


def test_start_keeps_an_existing_assignee(alice: User, carol: User, erin: User) -> None:
    ticket = ticket_in(Status.NEW, alice, assignee=erin)

    ticket_start(ticket=ticket, agent=carol)

    ticket.refresh_from_db()
    assert ticket.assignee == erin
    assert kinds(ticket) == [Kind.STATUS_CHANGED]


def test_start_refused_on_open_ticket(alice: User, carol: User) -> None:
    ticket = ticket_in(Status.OPEN, alice)

    with pytest.raises(TicketError) as caught:
        ticket_start(ticket=ticket, agent=carol)

    assert caught.value.code == Code.TRANSITION_NOT_ALLOWED
    assert history(ticket) == []


def test_customer_cannot_start(alice: User, alice_ticket: Ticket) -> None:
    with pytest.raises(TicketError) as caught:
        ticket_start(ticket=alice_ticket, agent=alice)

    assert caught.value.code == Code.NOT_AGENT
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.NEW


def test_assign_reassign_and_unassign(alice_ticket: Ticket, carol: User, erin: User) -> None:
    # Taking a colleague's ticket from them is a supervisor's (see test_supervisors.py).
    TeamMembership.objects.filter(user__in=[carol, erin]).update(
        role=TeamMembership.Role.SUPERVISOR
    )
    ticket_assign(ticket=alice_ticket, assignee=erin, actor=carol)
    ticket_assign(ticket=alice_ticket, assignee=carol, actor=carol)
    ticket_assign(ticket=alice_ticket, assignee=None, actor=erin)

    alice_ticket.refresh_from_db()
    assert alice_ticket.assignee is None
    assert history(alice_ticket) == [
        (Kind.ASSIGNED, carol, "", erin.email, ""),
        (Kind.ASSIGNED, carol, erin.email, carol.email, ""),
        (Kind.ASSIGNED, erin, carol.email, "", ""),
    ]


def test_assign_to_same_agent_records_nothing(alice: User, carol: User) -> None:
    ticket = ticket_in(Status.OPEN, alice, assignee=carol)

    ticket_assign(ticket=ticket, assignee=carol, actor=carol)

    assert history(ticket) == []


def test_assign_to_non_agent_refused(alice_ticket: Ticket, bob: User, carol: User) -> None:
    with pytest.raises(TicketError) as caught:
        ticket_assign(ticket=alice_ticket, assignee=bob, actor=carol)

    assert caught.value.code == Code.NOT_AGENT
    alice_ticket.refresh_from_db()
    assert alice_ticket.assignee is None
    assert history(alice_ticket) == []


def test_admin_may_be_assigned(alice_ticket: Ticket, carol: User, dave: User) -> None:
    ticket_assign(ticket=alice_ticket, assignee=dave, actor=carol)

    alice_ticket.refresh_from_db()
    assert alice_ticket.assignee == dave


def test_customer_cannot_assign(alice: User, alice_ticket: Ticket, carol: User) -> None:
    with pytest.raises(TicketError) as caught:
        ticket_assign(ticket=alice_ticket, assignee=carol, actor=alice)

    assert caught.value.code == Code.NOT_AGENT
    assert history(alice_ticket) == []


def test_deactivated_agent_is_not_an_agent(alice_ticket: Ticket, carol: User) -> None:
    gone = UserFactory(role=User.Role.AGENT, is_active=False)

    with pytest.raises(TicketError) as caught:
        ticket_assign(ticket=alice_ticket, assignee=gone, actor=carol)

    assert caught.value.code == Code.NOT_AGENT

"""Supervisors' rights: only a team's supervisor (or an administrator) takes a colleague's
ticket away; a plain member is refused, not ignored; every such reassignment is audited."""

from datetime import timedelta

import pytest

from walletdesk.accounts.models import User
from walletdesk.accounts.tests.factories import AdminFactory, AgentFactory
from walletdesk.audit.models import AuditEvent
from walletdesk.audit.models import Kind as AuditKind
from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.models import Status, Team, TeamMembership, Ticket, TicketEvent
from walletdesk.tickets.selectors import may_reassign, team_get_for_supervisor
from walletdesk.tickets.services import ticket_assign
from walletdesk.tickets.tests.factories import TeamFactory, TicketFactory, general_team, team_join

pytestmark = pytest.mark.django_db


@pytest.fixture
def team() -> Team:
    return general_team()


@pytest.fixture
def sue(team: Team) -> User:
    """The team's supervisor."""
    user = AgentFactory(display_name="Sue", teams=[])
    team_join(user, team, TeamMembership.Role.SUPERVISOR)
    return user


@pytest.fixture
def held(alice: User, erin: User) -> Ticket:
    """Alice's ticket, held by erin (a plain member)."""
    return TicketFactory(requester=alice, status=Status.OPEN, assignee=erin)


def test_a_member_cannot_take_a_colleagues_ticket(held: Ticket, carol: User, erin: User) -> None:
    with pytest.raises(TicketError) as refused:
        ticket_assign(ticket=held, assignee=carol, actor=carol)

    assert refused.value.code == TicketError.Code.NOT_SUPERVISOR
    held.refresh_from_db()
    assert held.assignee == erin
    assert not held.events.exists()
    assert not AuditEvent.objects.filter(kind=AuditKind.TICKET_REASSIGNED).exists()


def test_a_member_cannot_unassign_a_colleague_either(held: Ticket, carol: User) -> None:
    with pytest.raises(TicketError) as refused:
        ticket_assign(ticket=held, assignee=None, actor=carol)

    assert refused.value.code == TicketError.Code.NOT_SUPERVISOR


def test_a_member_hands_over_their_own_ticket_and_gives_out_unassigned_ones(
    alice: User, carol: User, erin: User
) -> None:
    own = TicketFactory(requester=alice, assignee=carol)
    free = TicketFactory(requester=alice)

    ticket_assign(ticket=own, assignee=erin, actor=carol)
    ticket_assign(ticket=free, assignee=erin, actor=carol)

    assert Ticket.objects.filter(assignee=erin).count() == 2
    assert not AuditEvent.objects.filter(kind=AuditKind.TICKET_REASSIGNED).exists()


def test_the_supervisor_reassigns_and_it_is_audited(
    held: Ticket, sue: User, carol: User, erin: User
) -> None:
    ticket_assign(ticket=held, assignee=carol, actor=sue)

    held.refresh_from_db()
    assert held.assignee == carol
    event = held.events.get()
    assert (event.kind, event.actor, event.from_value, event.to_value) == (
        TicketEvent.Kind.ASSIGNED,
        sue,
        erin.email,
        carol.email,
    )
    audit = AuditEvent.objects.get(kind=AuditKind.TICKET_REASSIGNED)
    assert (audit.actor_id, audit.target) == (sue.pk, held.reference)
    assert audit.detail == {"from_agent": str(erin.pk), "to_agent": str(carol.pk)}


def test_an_administrator_reassigns(held: Ticket, carol: User) -> None:
    admin = AdminFactory()

    ticket_assign(ticket=held, assignee=carol, actor=admin)

    held.refresh_from_db()
    assert held.assignee == carol


def test_a_supervisor_of_another_team_has_no_say(held: Ticket, carol: User) -> None:
    elsewhere = AgentFactory(teams=[])
    team_join(elsewhere, TeamFactory(), TeamMembership.Role.SUPERVISOR)

    assert not may_reassign(elsewhere, held)
    with pytest.raises(TicketError) as refused:
        ticket_assign(ticket=held, assignee=carol, actor=elsewhere)

    assert refused.value.code == TicketError.Code.NOT_SUPERVISOR
    held.refresh_from_db()
    assert held.assignee != carol


def test_the_team_overview_counts_each_members_open_and_waiting_tickets(
    alice: User, sue: User, carol: User, erin: User, team: Team
) -> None:
    TicketFactory(requester=alice, assignee=carol, status=Status.OPEN)
    replied = TicketFactory(requester=alice, assignee=carol, status=Status.OPEN)
    # The agent answered after the customer's last word: not waiting on carol.
    Ticket.objects.filter(pk=replied.pk).update(
        last_agent_reply_at=replied.last_customer_message_at + timedelta(minutes=1)
    )
    TicketFactory(requester=alice, assignee=carol, status=Status.RESOLVED)
    TicketFactory(requester=alice, assignee=erin, status=Status.WAITING_ON_CUSTOMER)
    TicketFactory(requester=alice)

    overview = team_get_for_supervisor(user=sue, slug=team.slug)

    loads = {m.user.email: (m.open_count, m.waiting_count) for m in overview.members}
    assert loads[carol.email] == (2, 1)
    assert loads[erin.email] == (1, 1)
    assert loads[sue.email] == (0, 0)
    assert (overview.active_count, overview.unassigned_count) == (4, 1)
    assert overview.tickets is not None
    assert len(overview.tickets) == 4

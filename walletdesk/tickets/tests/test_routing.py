"""Automatic assignment: who gets a team's new tickets, and who never does."""

from collections import Counter

import pytest
from django.core import mail
from django.utils import timezone

from walletdesk.accounts.tests.factories import AgentFactory, UserFactory
from walletdesk.notifications.models import Notification
from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.models import Status, Team, TeamMembership, Ticket, TicketEvent
from walletdesk.tickets.routing import (
    REASON_AWAY,
    REASON_LEAST_LOAD,
    REASON_ROUND_ROBIN,
    agent_away_set,
    tickets_route,
)
from walletdesk.tickets.tests.factories import TeamFactory, TicketFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team() -> Team:
    return TeamFactory(slug="payments", assignment=Team.Assignment.ROUND_ROBIN)


def _agents(team: Team, count: int) -> list:
    return [AgentFactory(teams=[team]) for _ in range(count)]


def _tickets(team: Team, count: int, **fields) -> list[Ticket]:
    return [TicketFactory(team=team, **fields) for _ in range(count)]


def _assignees(tickets: list[Ticket]) -> list:
    return [Ticket.objects.get(pk=t.pk).assignee_id for t in tickets]


def test_round_robin_spreads_new_tickets_evenly_oldest_first(team) -> None:
    agents = _agents(team, 3)
    tickets = _tickets(team, 7)

    assert tickets_route() == 7

    counts = Counter(_assignees(tickets))
    assert sorted(counts.values()) == [2, 2, 3]
    assert set(counts) == {a.pk for a in agents}
    # Turn by turn: the first three tickets went to three different agents.
    assert len(set(_assignees(tickets[:3]))) == 3


def test_each_assignment_is_an_event_with_its_reason_and_the_agent_hears_of_it(team) -> None:
    (agent,) = _agents(team, 1)
    (ticket,) = _tickets(team, 1)

    tickets_route()

    event = TicketEvent.objects.get(ticket=ticket, kind=TicketEvent.Kind.ASSIGNED)
    assert event.actor is None
    assert event.to_value == agent.email
    assert event.reason == REASON_ROUND_ROBIN
    assert Notification.objects.filter(recipient=agent, ticket=ticket).exists()


def test_running_twice_assigns_each_ticket_once(team) -> None:
    _agents(team, 2)
    tickets = _tickets(team, 4)

    assert tickets_route() == 4
    assert tickets_route() == 0

    events = TicketEvent.objects.filter(ticket__in=tickets, kind=TicketEvent.Kind.ASSIGNED)
    assert events.count() == 4


def test_agents_away_inactive_or_at_their_cap_are_passed_by(team) -> None:
    present, away, gone, capped = _agents(team, 4)
    away.away_since = timezone.now()
    away.save()
    gone.is_active = False
    gone.save()
    TeamMembership.objects.filter(user=capped, team=team).update(cap=1)
    TicketFactory(team=team, assignee=capped, status=Status.OPEN)
    tickets = _tickets(team, 3)

    tickets_route()

    assert set(_assignees(tickets)) == {present.pk}


def test_when_everyone_is_at_their_cap_tickets_wait_unassigned(team) -> None:
    (agent,) = _agents(team, 1)
    TeamMembership.objects.filter(user=agent, team=team).update(cap=2)
    tickets = _tickets(team, 3)

    assert tickets_route() == 2

    assert _assignees(tickets) == [agent.pk, agent.pk, None]


def test_least_load_picks_the_agent_with_fewest_open_tickets_of_the_team(team) -> None:
    team.assignment = Team.Assignment.LEAST_LOAD
    team.save()
    busy, free = _agents(team, 2)
    for _ in range(3):
        TicketFactory(team=team, assignee=busy, status=Status.OPEN)
    # Closed tickets and other teams' tickets are not load.
    TicketFactory(team=team, assignee=free, status=Status.CLOSED)
    tickets = _tickets(team, 4)

    tickets_route()

    assert Counter(_assignees(tickets)) == {free.pk: 3, busy.pk: 1}
    reasons = set(
        TicketEvent.objects.filter(ticket__in=tickets, kind=TicketEvent.Kind.ASSIGNED).values_list(
            "reason", flat=True
        )
    )
    assert reasons == {REASON_LEAST_LOAD}


def test_nobody_outside_the_team_and_no_customer_is_ever_picked(team) -> None:
    other_team = TeamFactory(slug="other")
    outsider = AgentFactory(teams=[other_team])
    customer = UserFactory()
    TeamMembership.objects.create(user=customer, team=team)  # a mistake in the admin
    tickets = _tickets(team, 3)

    assert tickets_route() == 0

    assert _assignees(tickets) == [None, None, None]
    assert not Ticket.objects.filter(assignee__in=[outsider, customer]).exists()


def test_manual_teams_and_assigned_or_finished_tickets_are_left_alone(team) -> None:
    manual = TeamFactory(slug="manual")  # the default: agents take tickets themselves
    AgentFactory(teams=[manual])
    (agent,) = _agents(team, 1)
    other = AgentFactory(teams=[team])
    taken = TicketFactory(team=team, assignee=other, status=Status.OPEN)
    resolved = TicketFactory(team=team, status=Status.RESOLVED)
    waiting_manual = TicketFactory(team=manual)

    tickets_route()

    assert Ticket.objects.get(pk=taken.pk).assignee == other
    assert Ticket.objects.get(pk=resolved.pk).assignee is None
    assert Ticket.objects.get(pk=waiting_manual.pk).assignee is None
    assert agent.pk


def test_going_away_hands_tickets_back_where_the_team_asks_for_it(team) -> None:
    team.unassign_when_away = True
    team.save()
    keeps_team = TeamFactory(slug="keeps")
    agent = AgentFactory(teams=[team, keeps_team])
    colleague = AgentFactory(teams=[team])
    handed = TicketFactory(team=team, assignee=agent, status=Status.OPEN)
    kept = TicketFactory(team=keeps_team, assignee=agent, status=Status.OPEN)

    assert agent_away_set(agent=agent, away=True) == 1

    assert Ticket.objects.get(pk=kept.pk).assignee == agent
    assert Ticket.objects.get(pk=handed.pk).assignee is None
    event = TicketEvent.objects.filter(ticket=handed, kind=TicketEvent.Kind.ASSIGNED).get()
    assert (event.from_value, event.to_value, event.reason) == (agent.email, "", REASON_AWAY)
    # The router gives it to whoever is still there.
    tickets_route()
    assert Ticket.objects.get(pk=handed.pk).assignee == colleague
    # Back again: new tickets reach the agent again; nothing is handed back twice.
    assert agent_away_set(agent=agent, away=False) == 0
    assert agent_away_set(agent=agent, away=False) == 0
    agent.refresh_from_db()
    assert agent.away_since is None


def test_only_agents_can_be_away() -> None:
    with pytest.raises(TicketError) as refused:
        agent_away_set(agent=UserFactory(), away=True)
    assert refused.value.code == TicketError.Code.NOT_AGENT


def test_routing_sends_no_mail_to_customers(team) -> None:
    _agents(team, 1)
    _tickets(team, 2)
    mail.outbox.clear()

    tickets_route()

    customers = {t.requester.email for t in Ticket.objects.filter(team=team)}
    assert not [m for m in mail.outbox if set(m.to) & customers]

"""Reassigning in bulk from the team page: ticked tickets, or all of one member's, each through
the same rule; refusals listed, the rest done."""

import pytest
from django.urls import reverse

from walletdesk.accounts.models import User
from walletdesk.accounts.tests.factories import AgentFactory
from walletdesk.tickets.models import Status, Team, TeamMembership, Ticket, TicketEvent
from walletdesk.tickets.tests.factories import TicketFactory, general_team

pytestmark = pytest.mark.django_db


@pytest.fixture
def team() -> Team:
    return general_team()


@pytest.fixture
def supervisor_client(client, agent: User, team: Team):
    TeamMembership.objects.filter(user=agent, team=team).update(role=TeamMembership.Role.SUPERVISOR)
    client.force_login(agent)
    return client


def url(team: Team) -> str:
    return reverse("console:team-reassign-bulk", args=[team.slug])


def test_ticked_tickets_go_to_the_chosen_member(supervisor_client, team, erin, alice) -> None:
    away = AgentFactory()
    tickets = [TicketFactory(requester=alice, assignee=away, status=Status.OPEN) for _ in range(3)]
    untouched = TicketFactory(requester=alice, assignee=away, status=Status.OPEN)

    response = supervisor_client.post(
        url(team),
        {"references": [t.reference for t in tickets], "assignee": str(erin.pk)},
        follow=True,
    )

    assert response.status_code == 200
    assert "3 tickets reassigned." in response.content.decode()
    assert {Ticket.objects.get(pk=t.pk).assignee_id for t in tickets} == {erin.pk}
    assert Ticket.objects.get(pk=untouched.pk).assignee_id == away.pk
    assert TicketEvent.objects.filter(kind=TicketEvent.Kind.ASSIGNED).count() == 3


def test_all_of_one_members_tickets_move_in_one_go(supervisor_client, team, erin, alice) -> None:
    leaving = AgentFactory()
    theirs = [
        TicketFactory(requester=alice, assignee=leaving, status=Status.OPEN) for _ in range(2)
    ]
    closed = TicketFactory(requester=alice, assignee=leaving, status=Status.CLOSED)

    supervisor_client.post(url(team), {"from_member": str(leaving.pk), "assignee": str(erin.pk)})

    assert {Ticket.objects.get(pk=t.pk).assignee_id for t in theirs} == {erin.pk}
    assert Ticket.objects.get(pk=closed.pk).assignee_id == leaving.pk


def test_a_refused_ticket_is_listed_and_the_others_done(
    supervisor_client, team, erin, alice, monkeypatch
) -> None:
    from walletdesk.tickets import services
    from walletdesk.tickets.errors import TicketError

    tickets = [TicketFactory(requester=alice, status=Status.OPEN) for _ in range(2)]
    original = services.ticket_assign

    def refuse_first(*, ticket, assignee, actor):
        if ticket.pk == tickets[0].pk:
            raise TicketError(TicketError.Code.NOT_IN_TEAM)
        return original(ticket=ticket, assignee=assignee, actor=actor)

    monkeypatch.setattr(services, "ticket_assign", refuse_first)

    page = supervisor_client.post(
        url(team),
        {"references": [t.reference for t in tickets], "assignee": str(erin.pk)},
        follow=True,
    ).content.decode()

    assert "1 tickets reassigned." in page
    assert f"{tickets[0].reference} not reassigned" in page
    assert Ticket.objects.get(pk=tickets[0].pk).assignee_id is None
    assert Ticket.objects.get(pk=tickets[1].pk).assignee_id == erin.pk


def test_nothing_chosen_is_refused_with_a_message(supervisor_client, team, erin) -> None:
    response = supervisor_client.post(url(team), {"assignee": str(erin.pk)})

    assert response.status_code == 400
    assert "Tick the tickets to reassign" in response.content.decode()


def test_a_plain_member_gets_404_and_nothing_moves(client, agent, team, erin, alice) -> None:
    ticket = TicketFactory(requester=alice, assignee=erin, status=Status.OPEN)
    client.force_login(agent)  # a member, not the supervisor

    response = client.post(url(team), {"references": [ticket.reference], "assignee": str(agent.pk)})

    assert response.status_code == 404
    assert Ticket.objects.get(pk=ticket.pk).assignee_id == erin.pk


def test_a_ticket_of_another_team_cannot_be_slipped_in(supervisor_client, team, erin) -> None:
    from walletdesk.tickets.tests.factories import TeamFactory

    elsewhere = TicketFactory(team=TeamFactory(), status=Status.OPEN)

    response = supervisor_client.post(
        url(team), {"references": [elsewhere.reference], "assignee": str(erin.pk)}
    )

    assert response.status_code == 400
    assert Ticket.objects.get(pk=elsewhere.pk).assignee_id is None

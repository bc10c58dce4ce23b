"""The team page: a supervisor's view of the team's work, reassigning between members, the
restricted lane counted but not opened by an administrator outside it, and a fixed number of
queries whatever the data."""

import pytest
from django.urls import reverse

from walletdesk.accounts.models import User
from walletdesk.accounts.tests.factories import AdminFactory, AgentFactory, UserFactory
from walletdesk.console.tests.views.helpers import action_url
from walletdesk.tickets.models import Status, Team, TeamMembership, Ticket
from walletdesk.tickets.tests.factories import TicketFactory, category, general_team, team_join

pytestmark = pytest.mark.django_db


@pytest.fixture
def team() -> Team:
    return general_team()


@pytest.fixture
def supervisor_client(client, agent: User, team: Team):
    TeamMembership.objects.filter(user=agent, team=team).update(role=TeamMembership.Role.SUPERVISOR)
    client.force_login(agent)
    return client


def team_url(team: Team) -> str:
    return reverse("console:team", args=[team.slug])


def reassign_url(team: Team) -> str:
    return reverse("console:team-reassign", args=[team.slug])


def test_the_supervisor_sees_members_their_load_and_the_tickets(
    supervisor_client, team, erin, alice
) -> None:
    ticket = TicketFactory(requester=alice, assignee=erin, status=Status.OPEN, subject="Stuck 41")

    response = supervisor_client.get(team_url(team))

    page = response.content.decode()
    assert response.status_code == 200
    assert f'data-member="{erin.email}"' in page
    assert ticket.reference in page
    assert "Stuck 41" in page
    assert "Active tickets: 1 · unassigned: 0" in page


def test_the_supervisor_reassigns_from_the_team_page(
    supervisor_client, team, agent, erin, alice
) -> None:
    ticket = TicketFactory(requester=alice, assignee=erin, status=Status.OPEN)

    response = supervisor_client.post(
        reassign_url(team), {"reference": ticket.reference, "assignee": str(agent.pk)}
    )

    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.assignee == agent


def test_a_member_gets_404_and_cannot_reassign_there(agent_client, team, erin, alice) -> None:
    ticket = TicketFactory(requester=alice, assignee=erin, status=Status.OPEN)

    page = agent_client.get(team_url(team))
    post = agent_client.post(reassign_url(team), {"reference": ticket.reference, "assignee": ""})

    assert (page.status_code, post.status_code) == (404, 404)
    ticket.refresh_from_db()
    assert ticket.assignee == erin


def test_a_member_is_refused_on_the_ticket_page_with_the_reason(
    agent_client, agent, erin, alice
) -> None:
    ticket = TicketFactory(requester=alice, assignee=erin, status=Status.OPEN)

    response = agent_client.post(action_url("assign", ticket), {"assignee": str(agent.pk)})

    assert response.status_code == 400
    assert "Only the team&#x27;s supervisor can give a colleague" in response.content.decode()
    ticket.refresh_from_db()
    assert ticket.assignee == erin


def test_another_teams_ticket_cannot_be_reassigned_through_this_team(
    supervisor_client, team, agent, alice
) -> None:
    other_team = category("compromised").team
    assert other_team is not None
    ticket = TicketFactory(requester=alice, category=category("compromised"))

    response = supervisor_client.post(
        reassign_url(team), {"reference": ticket.reference, "assignee": str(agent.pk)}
    )

    assert response.status_code == 404
    ticket.refresh_from_db()
    assert ticket.assignee is None


def test_an_administrator_outside_the_lane_sees_its_counts_not_its_tickets(client, alice) -> None:
    lane = category("compromised")
    assert lane.team is not None
    ticket = TicketFactory(requester=alice, category=lane, subject="Drained 77")
    admin = AdminFactory(language=User.Language.EN)
    client.force_login(admin)

    listing = client.get(reverse("console:teams")).content.decode()
    page = client.get(team_url(lane.team)).content.decode()

    assert "Security incidents" in listing
    assert "Active tickets: 1 · unassigned: 1" in page
    assert "data-restricted-note" in page
    assert ticket.reference not in page
    assert "Drained 77" not in page
    assert client.post(reassign_url(lane.team), {"reference": ticket.reference}).status_code == 404


def test_customers_and_other_teams_get_404(client, team, alice) -> None:
    outsider = AgentFactory(teams=[])
    team_join(outsider, Team.objects.create(slug="x", name_zh="X", name_en="X"), "supervisor")

    for person in (alice, UserFactory(), outsider):
        client.force_login(person)
        assert client.get(team_url(team)).status_code == 404


def test_the_team_page_makes_the_same_queries_whatever_the_data(
    supervisor_client, team, alice, django_assert_max_num_queries
) -> None:
    def grow(n: int) -> None:
        for _ in range(n):
            member = AgentFactory()
            for status in (Status.OPEN, Status.NEW, Status.WAITING_ON_CUSTOMER):
                TicketFactory(requester=alice, assignee=member, status=status)

    grow(1)
    supervisor_client.get(team_url(team))  # warm the session and catalogues
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert supervisor_client.get(team_url(team)).status_code == 200
    grow(8)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = supervisor_client.get(team_url(team))

    assert response.status_code == 200
    assert Ticket.objects.filter(team=team).count() == 27

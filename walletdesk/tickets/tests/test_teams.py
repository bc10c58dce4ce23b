"""Teams: routing a ticket to its category's team, the one visibility rule (tickets_visible_to,
can_work), assignment inside the team, a category change moving a ticket, the migration's
backfill, and the revealing of masked requester details."""

import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from walletdesk.accounts.tests.factories import AdminFactory, AgentFactory
from walletdesk.tickets import selectors
from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.models import Category, Team, TeamMembership, Ticket, TicketEvent
from walletdesk.tickets.reveals import Revealed, record_reveal
from walletdesk.tickets.selectors import (
    agent_list_active,
    agent_list_for_ticket,
    can_work,
    ticket_get_for_agent,
    tickets_visible_to,
)
from walletdesk.tickets.services import ticket_assign, ticket_category_change, ticket_open
from walletdesk.tickets.tests.factories import (
    TeamFactory,
    TicketFactory,
    category,
    general_team,
    team_join,
)
from walletdesk.tickets.tests.services.helpers import draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def payments() -> Team:
    team = TeamFactory(slug="payments", name_zh="充值提现组", name_en="Deposits & withdrawals")
    for slug in ("deposit", "withdrawal"):
        routed = category(slug)
        routed.team = team
        routed.save()
    return team


@pytest.fixture
def payments_agent(payments):
    return AgentFactory(display_name="Pat", teams=[payments])


@pytest.fixture
def general_agent():
    return AgentFactory(display_name="Gil")  # General only


def test_the_migration_routes_every_category_to_general_and_names_it_in_both_languages():
    general = general_team()

    # The security lane's category (a later migration) goes to its own restricted team.
    routed = Category.objects.exclude(slug="compromised").values_list("team_id", flat=True)
    assert set(routed) == {general.pk}
    with translation.override("zh-hans"):
        assert general.name == "综合组"
    with translation.override("en"):
        assert general.name == "General"


def test_the_migration_backfills_tickets_and_gives_existing_agents_general(alice, carol):
    ticket = TicketFactory(requester=alice, team=None)
    TeamMembership.objects.filter(user=carol).delete()
    migration = importlib.import_module("walletdesk.tickets.migrations.0014_route_to_general_team")

    migration.seed(apps, None)
    migration.seed(apps, None)  # a re-run changes nothing more

    ticket.refresh_from_db()
    assert ticket.team == general_team()
    assert list(TeamMembership.objects.filter(user=carol).values_list("team__slug", flat=True)) == [
        "general"
    ]


def test_a_submission_goes_to_its_categorys_team_without_a_query_for_it(alice, payments):
    selectors.category_list_active()  # the catalogue is warm, as on a live site
    chosen = selectors.category_get_active("withdrawal")
    assert chosen is not None

    with CaptureQueriesContext(connection) as queries:
        ticket = ticket_open(requester=alice, draft=draft(category=chosen))

    ticket.refresh_from_db()
    assert ticket.team == payments
    team_tables = (Team._meta.db_table, TeamMembership._meta.db_table)
    assert not [q["sql"] for q in queries if any(t in q["sql"] for t in team_tables)]


def test_an_agent_sees_only_their_teams_tickets(alice, payments, payments_agent, general_agent):
    mine = TicketFactory(requester=alice, category=category("deposit"))
    theirs = TicketFactory(requester=alice, category=category("assets"))

    assert list(tickets_visible_to(payments_agent)) == [mine]
    assert list(tickets_visible_to(general_agent)) == [theirs]
    assert can_work(payments_agent, mine)
    assert not can_work(payments_agent, theirs)
    assert ticket_get_for_agent(user=payments_agent, reference=mine.reference) == mine
    with pytest.raises(selectors.Http404):
        ticket_get_for_agent(user=payments_agent, reference=theirs.reference)


def test_a_supervisor_sees_their_teams_work_and_an_administrator_every_team(alice, payments, dave):
    supervisor = AgentFactory(teams=[])
    team_join(supervisor, payments, TeamMembership.Role.SUPERVISOR)
    deposit = TicketFactory(requester=alice, category=category("deposit"))
    other = TicketFactory(requester=alice, category=category("other"))
    nowhere = TicketFactory(requester=alice, team=None)

    assert set(tickets_visible_to(supervisor)) == {deposit}
    assert set(tickets_visible_to(dave)) == {deposit, other, nowhere}
    assert can_work(dave, nowhere)


def test_nobody_but_administrators_sees_a_ticket_without_a_team(alice, carol):
    ticket = TicketFactory(requester=alice, team=None)

    assert not can_work(carol, ticket)
    assert list(tickets_visible_to(carol)) == []


def test_customers_and_agents_in_no_team_see_nothing(alice, bob, alice_ticket):
    loner = AgentFactory(teams=[])

    assert list(tickets_visible_to(bob)) == []
    assert list(tickets_visible_to(alice)) == []  # her own come through the customer reads
    assert list(tickets_visible_to(loner)) == []
    assert not can_work(alice, alice_ticket)


def test_can_work_reads_the_agents_teams_once(alice, payments, payments_agent):
    tickets = [TicketFactory(requester=alice, category=category("deposit")) for _ in range(3)]

    with CaptureQueriesContext(connection) as queries:
        answers = [can_work(payments_agent, t) for t in tickets]

    assert answers == [True, True, True]
    assert len(queries) == 1


def test_the_assignee_lists_hold_only_the_teams_agents_and_administrators(
    alice, payments, payments_agent, general_agent, dave
):
    ticket = TicketFactory(requester=alice, category=category("deposit"))

    assert set(agent_list_for_ticket(ticket=ticket)) == {payments_agent, dave}
    assert set(agent_list_active(user=payments_agent)) == {payments_agent, dave}
    assert {payments_agent, general_agent, dave} <= set(agent_list_active(user=dave))


def test_assigning_to_an_agent_outside_the_team_is_refused(
    alice, payments, payments_agent, general_agent
):
    ticket = TicketFactory(requester=alice, category=category("deposit"))

    with pytest.raises(TicketError) as refused:
        ticket_assign(ticket=ticket, assignee=general_agent, actor=payments_agent)

    assert refused.value.code == TicketError.Code.NOT_IN_TEAM
    ticket.refresh_from_db()
    assert ticket.assignee is None
    assert not ticket.events.filter(kind=TicketEvent.Kind.ASSIGNED).exists()
    ticket_assign(ticket=ticket, assignee=payments_agent, actor=payments_agent)
    ticket.refresh_from_db()
    assert ticket.assignee == payments_agent


def test_an_administrator_may_be_given_any_ticket(alice, payments, payments_agent, dave):
    ticket = TicketFactory(requester=alice, category=category("deposit"))

    ticket_assign(ticket=ticket, assignee=dave, actor=payments_agent)

    ticket.refresh_from_db()
    assert ticket.assignee == dave


def test_a_category_change_moves_the_ticket_and_lets_an_outside_assignee_go(
    alice, payments, payments_agent, general_agent
):
    ticket = TicketFactory(requester=alice, category=category("assets"), assignee=general_agent)

    moved = ticket_category_change(ticket=ticket, category=category("deposit"), agent=general_agent)

    moved.refresh_from_db()
    assert moved.team == payments
    assert moved.assignee is None
    assert list(moved.events.values_list("kind", flat=True)) == [
        TicketEvent.Kind.ASSIGNED,
        TicketEvent.Kind.CATEGORY_CHANGED,
    ]
    assert can_work(payments_agent, moved)
    assert (
        not Ticket.objects.filter(pk=moved.pk)
        .filter(pk__in=tickets_visible_to(general_agent))
        .exists()
    )


def test_a_category_change_inside_the_team_keeps_the_assignee(alice, payments, payments_agent):
    ticket = TicketFactory(requester=alice, category=category("deposit"), assignee=payments_agent)

    ticket_category_change(ticket=ticket, category=category("withdrawal"), agent=payments_agent)

    ticket.refresh_from_db()
    assert (ticket.team, ticket.assignee) == (payments, payments_agent)


def test_record_reveal_appends_an_event_and_logs_no_value(alice, carol, alice_ticket, caplog):
    caplog.set_level("INFO", logger="walletdesk.tickets.reveals")

    event = record_reveal(carol, alice_ticket, Revealed.EMAIL)

    assert (event.kind, event.actor, event.to_value) == (
        TicketEvent.Kind.REVEALED,
        carol,
        "email",
    )
    assert alice_ticket.events.filter(kind=TicketEvent.Kind.REVEALED).count() == 1
    assert "requester details revealed" in caplog.text
    assert alice.email not in caplog.text


def test_record_reveal_refuses_an_agent_of_another_team(alice_ticket, payments):
    outsider = AgentFactory(teams=[payments])

    with pytest.raises(TicketError):
        record_reveal(outsider, alice_ticket, Revealed.WALLET_ADDRESSES)

    assert not alice_ticket.events.filter(kind=TicketEvent.Kind.REVEALED).exists()


def test_an_administrator_is_not_in_a_team_but_sees_all(alice_ticket):
    admin = AdminFactory()

    assert can_work(admin, alice_ticket)
    assert not TeamMembership.objects.filter(user=admin).exists()


def test_an_administrator_manages_teams_in_the_admin_site(client, dave, carol):
    from django.urls import reverse

    client.force_login(dave)
    team = general_team()

    listing = client.get(reverse("admin:tickets_team_changelist"))
    page = client.get(reverse("admin:tickets_team_change", args=[team.pk]))
    categories = client.get(reverse("admin:tickets_category_changelist"))

    assert listing.status_code == page.status_code == categories.status_code == 200
    assert "综合组" in listing.content.decode()
    assert str(carol.pk) in page.content.decode()  # her membership row (raw id widget)
    assert "withdrawal" in page.content.decode()


def test_an_agent_cannot_open_the_team_admin(client, carol):
    from django.urls import reverse

    client.force_login(carol)

    response = client.get(reverse("admin:tickets_team_changelist"))

    assert response.status_code == 302

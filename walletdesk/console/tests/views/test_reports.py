"""The reports page and its exports: who reads them, what they show for a supervisor's own
teams, refusals of bad filters that keep what was typed, the audit of each export, and a
fixed number of queries whatever the data."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from walletdesk.accounts.models import User
from walletdesk.accounts.tests.factories import AdminFactory, AgentFactory, UserFactory
from walletdesk.audit.models import AuditEvent
from walletdesk.audit.models import Kind as AuditKind
from walletdesk.reports.rollups import rollups_rebuild
from walletdesk.tickets.models import TeamMembership, TicketEvent
from walletdesk.tickets.services import ticket_event_record, ticket_reply_add, ticket_resolve
from walletdesk.tickets.tests.factories import TeamFactory, TicketFactory, category, team_join

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 20, 4, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def _opened(
    count: int, *, team=None, days_ago: int = 1, network: str = "tron", channel: str = "web"
) -> None:
    for _ in range(count):
        with time_machine.travel(NOW - timedelta(days=days_ago), tick=False):
            ticket = TicketFactory(
                requester=UserFactory(), network=network, **({"team": team} if team else {})
            )
            ticket_event_record(
                ticket=ticket, kind=TicketEvent.Kind.CREATED, actor=None, from_value=channel
            )


def _signed_in(client, user: User):
    user.language = User.Language.EN
    user.save(update_fields=["language"])
    client.force_login(user)
    return client


@pytest.fixture
def supervisor(db) -> User:
    user = AgentFactory(email="sam@walletdesk.example", display_name="Sam", teams=[])
    team_join(user, category("withdrawal").team, role=TeamMembership.Role.SUPERVISOR)
    return user


def test_customers_get_404_and_agents_a_clear_refusal(client, alice, carol):
    url = reverse("console:reports")
    assert _signed_in(client, alice).get(url).status_code == 404
    refused = _signed_in(client, carol).get(url)
    assert refused.status_code == 403
    assert "Only supervisors and administrators read the reports." in refused.content.decode()
    export = client.get(reverse("console:report-export", args=["csv"]))
    assert export.status_code == 403
    assert not AuditEvent.objects.filter(kind=AuditKind.EXPORT).exists()


def test_a_supervisor_reads_their_teams_numbers_only(client, supervisor):
    _opened(3)
    _opened(5, team=TeamFactory())
    rollups_rebuild(quiet=True)
    page = _signed_in(client, supervisor).get(reverse("console:reports"))
    assert page.status_code == 200
    assert page.context["report"].totals["created"] == 3
    html = page.content.decode()
    assert 'data-figure="created">3<' in html
    # The date fields show the range the report covers: the last 30 days.
    assert 'name="start" value="2026-02-19"' in html
    assert 'name="end" value="2026-03-20"' in html
    assert 'id="report-chart-data"' in html
    assert "vendor/chartjs/chart.umd.min.js" in html


def test_an_administrator_reads_every_team_and_narrows_by_date_and_network(client, db):
    _opened(2, days_ago=1, network="tron", channel="email")
    _opened(4, days_ago=40, network="ethereum", channel="api")
    rollups_rebuild(quiet=True)
    admin = AdminFactory()
    reader = _signed_in(client, admin)
    default = reader.get(reverse("console:reports"))
    assert default.context["report"].totals["created"] == 2
    wide = reader.get(reverse("console:reports"), {"start": "2026-01-01", "end": "2026-03-20"})
    assert wide.context["report"].totals["created"] == 6
    tron = reader.get(
        reverse("console:reports"), {"start": "2026-01-01", "end": "2026-03-20", "network": "tron"}
    )
    assert tron.context["report"].totals["created"] == 2
    assert [row.key for row in wide.context["report"].by_network] == ["ethereum", "tron"]
    channels = {row.name: row.counts["created"] for row in wide.context["report"].by_channel}
    assert channels == {"API": 4, "E-mail": 2}


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"start": "2026-03-10", "end": "2026-03-01"}, "end", "The end date is before"),
        ({"start": "2024-01-01", "end": "2026-03-01"}, "start", "at most 366 days"),
        ({"start": "yesterday"}, "start", "Enter a valid date."),
        ({"team": "not-a-team"}, "team", "Select a valid choice."),
    ],
)
def test_a_bad_filter_is_refused_on_its_field_and_keeps_what_was_typed(
    client, supervisor, query, field, message
):
    page = _signed_in(client, supervisor).get(reverse("console:reports"), query)
    assert page.status_code == 400
    form = page.context["form"]
    assert message in " ".join(form.errors[field])
    html = page.content.decode()
    assert page.context["report"] is None
    for value in query.values():
        assert (
            f'value="{value}"' in html or f'value="{value}" selected' in html or (field == "team")
        )


def test_the_csv_export_holds_the_days_and_is_audited(client, supervisor):
    _opened(3)
    rollups_rebuild(quiet=True)
    reader = _signed_in(client, supervisor)
    response = reader.get(
        reverse("console:report-export", args=["csv"]), {"start": "2026-03-18", "end": "2026-03-20"}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('walletdesk-report-20260318-20260320.csv"')
    body = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][:3] == ["Section", "Day or name", "Tickets submitted"]
    days = {row[1]: row[2] for row in rows if row[0] == "Day"}
    assert days == {"2026-03-18": "0", "2026-03-19": "3", "2026-03-20": "0"}
    event = AuditEvent.objects.get(kind=AuditKind.EXPORT)
    assert event.actor_id == supervisor.pk
    assert event.detail["rows"] == len(rows) - 1
    assert event.detail["filters"] == {"start": "2026-03-18", "end": "2026-03-20"}


def test_the_xlsx_export_opens_as_a_workbook(client, supervisor):
    _opened(2)
    rollups_rebuild(quiet=True)
    response = _signed_in(client, supervisor).get(reverse("console:report-export", args=["xlsx"]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    totals = [row for row in sheet.iter_rows(values_only=True) if row[0] == "Total"]
    assert totals[0][2] == 2


def test_a_name_that_a_spreadsheet_would_run_is_written_as_text(client, db):
    agent = AgentFactory(display_name='=HYPERLINK("x")')
    with time_machine.travel(NOW - timedelta(days=1), tick=False):
        ticket = TicketFactory()
        ticket_event_record(ticket=ticket, kind=TicketEvent.Kind.AGENT_REPLIED, actor=agent)
    rollups_rebuild(quiet=True)
    response = _signed_in(client, AdminFactory()).get(
        reverse("console:report-export", args=["csv"])
    )
    body = response.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in body
    assert "\n=HYPERLINK" not in body
    assert ",=HYPERLINK" not in body


def test_an_unknown_export_format_is_not_a_page(client, db):
    reader = _signed_in(client, AdminFactory())
    assert reader.get("/console/reports/export.pdf").status_code == 404


@pytest.mark.parametrize("tickets", [2, 40])
def test_the_page_reads_a_fixed_number_of_queries(
    client, supervisor, django_assert_num_queries, tickets
):
    _opened(tickets, network="tron")
    _opened(tickets, network="ethereum", days_ago=3)
    agents = [AgentFactory() for _ in range(tickets // 2)]
    for n, ticket in enumerate(TicketFactory._meta.model.objects.all()):
        with time_machine.travel(NOW - timedelta(hours=5), tick=False):
            ticket_event_record(
                ticket=ticket, kind=TicketEvent.Kind.AGENT_REPLIED, actor=agents[n % len(agents)]
            )
    rollups_rebuild(quiet=True)
    reader = _signed_in(client, supervisor)
    reader.get(reverse("console:reports"))
    # 16 for the page; the forum moderation badge of the console's navigation is read from the
    # shared cache the first load filled (no count of its own on later pages)
    with django_assert_num_queries(16):
        assert reader.get(reverse("console:reports")).status_code == 200


def test_ratings_are_averaged_by_topic_and_by_the_agent_who_worked_the_ticket(client, supervisor):
    mia = AgentFactory(display_name="Mia")
    for score in (2, 5):
        with time_machine.travel(NOW - timedelta(days=2), tick=False):
            ticket = TicketFactory(assignee=mia, status="resolved", rating=score)
            ticket_event_record(
                ticket=ticket, kind=TicketEvent.Kind.RATED, actor=None, to_value=score
            )
    rollups_rebuild(quiet=True)
    report = _signed_in(client, supervisor).get(reverse("console:reports")).context["report"]
    assert (report.ratings.count, report.ratings.average) == (2, 3.5)
    assert [(row.name, row.rating) for row in report.agents] == [("Mia", 3.5)]
    assert [(row.name, row.rating) for row in report.by_category] == [("Withdrawal", 3.5)]


def test_the_tickets_being_worked_each_day_end_at_todays_count(client, supervisor):
    agent = AgentFactory()
    _opened(4, days_ago=60)  # before the range: they open it
    _opened(3, days_ago=5)
    for ticket in list(TicketFactory._meta.model.objects.all())[:2]:
        with time_machine.travel(NOW - timedelta(days=2), tick=False):
            ticket_reply_add(ticket=ticket, author=agent, body="已处理")
            ticket_resolve(ticket=ticket, actor=agent)
    rollups_rebuild(quiet=True)
    report = _signed_in(client, supervisor).get(reverse("console:reports")).context["report"]
    backlog = report.series["backlog"]
    assert backlog[0] == 4
    # Three more five days ago (the 15th), two resolved two days ago (the 18th).
    assert backlog[-7:] == [4, 7, 7, 7, 5, 5, 5]
    active = TicketFactory._meta.model.objects.filter(
        status__in=["new", "open", "waiting_on_customer"]
    )
    assert report.totals["backlog"] == active.count() == 5

"""A supervisor on a phone ticks two of the team's tickets and gives them to a colleague in
one go; the page says how many moved. Both languages, JavaScript on."""

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.accounts.models import User
from walletdesk.accounts.tests.factories import AgentFactory
from walletdesk.testing.browser import Lang, js_errors, shoot, sign_in
from walletdesk.tickets.models import Status, TeamMembership, Ticket
from walletdesk.tickets.tests.factories import TicketFactory, general_team

pytestmark = pytest.mark.browser


def test_supervisor_reassigns_several_tickets(
    live_server: LiveServer,
    new_context: Callable[..., BrowserContext],
    lang: Lang,
    agent: User,
) -> None:
    team = general_team()
    TeamMembership.objects.filter(user=agent, team=team).update(role=TeamMembership.Role.SUPERVISOR)
    away = AgentFactory(display_name="Away")
    colleague = AgentFactory(display_name="Colleague")
    picked = [TicketFactory(assignee=away, status=Status.OPEN) for _ in range(2)]
    left = TicketFactory(assignee=away, status=Status.OPEN)
    page = new_context(lang=lang).new_page()
    sign_in(page, live_server.url, agent)
    page.goto(f"{live_server.url}/console/teams/{team.slug}/")

    for ticket in picked:
        page.locator(f"#pick-{ticket.reference}").check()
    form = page.locator("#bulk-reassign")
    form.locator("#bulk-assignee").select_option(str(colleague.pk))
    shoot(page, lang, "console-team-bulk-reassign")
    form.get_by_role("button", name=lang.t("改派", "Reassign")).click()

    expect(page.locator(".flash-success")).to_contain_text(
        lang.t("已转派 2 张工单。", "2 tickets reassigned.")
    )
    assert {Ticket.objects.get(pk=t.pk).assignee_id for t in picked} == {colleague.pk}
    assert Ticket.objects.get(pk=left.pk).assignee_id == away.pk
    assert js_errors(page) == []

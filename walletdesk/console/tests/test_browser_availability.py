"""An agent on a phone marks themselves away: their ticket goes back to the team, the router
gives it to a colleague, and the history says why; back again, they are available. Both
languages, JavaScript on."""

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.accounts.tests.factories import AgentFactory
from walletdesk.testing.browser import Lang, js_errors, shoot, sign_in
from walletdesk.tickets.models import Status, Team, Ticket
from walletdesk.tickets.routing import tickets_route
from walletdesk.tickets.tests.factories import TeamFactory, TicketFactory

pytestmark = pytest.mark.browser


def test_agent_goes_away_and_comes_back(
    live_server: LiveServer,
    new_context: Callable[..., BrowserContext],
    lang: Lang,
) -> None:
    team = TeamFactory(assignment=Team.Assignment.ROUND_ROBIN, unassign_when_away=True)
    agent = AgentFactory(
        email=f"away-{lang.code}@walletdesk.example", language=lang.code, teams=[team]
    )
    colleague = AgentFactory(teams=[team])
    ticket = TicketFactory(
        team=team, assignee=agent, status=Status.OPEN, subject=lang.t("充值未到账", "Deposit")
    )
    page = new_context(lang=lang).new_page()
    sign_in(page, live_server.url, agent)
    page.goto(f"{live_server.url}/console/")

    page.get_by_role("button", name=lang.t("设为离开", "Set me away")).click()

    expect(page.locator(".flash-success")).to_contain_text(lang.t("你已设为离开", "You are away"))
    expect(page.locator(".flash-success")).to_contain_text(
        lang.t("1 张工单已交回团队", "1 of your tickets went back to your team")
    )
    expect(page.locator(".whoami")).to_contain_text(lang.t("离开", "Away"))
    shoot(page, lang, "console-agent-away")
    assert Ticket.objects.get(pk=ticket.pk).assignee is None

    assert tickets_route() == 1
    assert Ticket.objects.get(pk=ticket.pk).assignee == colleague
    page.goto(f"{live_server.url}/console/tickets/{ticket.reference}/")
    history = page.locator(".history")
    handed_back = lang.t("已交回：客服已设为离开。", "Handed back: the agent went away.")
    routed = lang.t("自动分配：轮流分配。", "Assigned automatically: round robin.")
    expect(history).to_contain_text(handed_back)
    expect(history).to_contain_text(routed)

    page.get_by_role("button", name=lang.t("设为在线", "Set me available")).click()
    expect(page.locator(".flash-success")).to_contain_text(
        lang.t("你已设为在线", "You are available")
    )
    expect(page.locator(".whoami")).not_to_contain_text(lang.t("离开", "Away"))
    agent.refresh_from_db()
    assert agent.away_since is None
    assert js_errors(page) == []

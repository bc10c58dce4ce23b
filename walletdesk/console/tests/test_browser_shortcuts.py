"""Keyboard shortcuts: "?" lists them in an accessible dialog, Esc closes it, j and k move in
the queue, Enter opens, r puts the cursor in the reply box, and no key acts while typing.
Desktop, both languages, JavaScript on."""

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.accounts.tests.factories import AgentFactory
from walletdesk.testing.accessibility import expect_accessible
from walletdesk.testing.browser import DESKTOP, Lang, js_errors, shoot, sign_in
from walletdesk.tickets.models import Status
from walletdesk.tickets.tests.factories import TeamFactory, TicketFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_shortcuts_are_listed_and_move_through_the_queue(
    live_server: LiveServer, new_context: Callable[..., BrowserContext], lang: Lang
) -> None:
    team = TeamFactory()
    agent = AgentFactory(
        email=f"keys-{lang.code}@walletdesk.example", language=lang.code, teams=[team]
    )
    tickets = [TicketFactory(team=team, status=Status.OPEN) for _ in range(3)]
    page = new_context(lang=lang, viewport=DESKTOP).new_page()
    sign_in(page, live_server.url, agent)
    page.goto(f"{live_server.url}/console/?sort=oldest")

    page.keyboard.press("?")

    dialog = page.get_by_role("dialog", name=lang.t("键盘快捷键", "Keyboard shortcuts"))
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text(lang.t("返回工单队列", "Back to the queue"))
    expect_accessible(page)
    shoot(page, lang, "console-shortcuts")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()

    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("k")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == tickets[0].reference
    page.keyboard.press("j")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/console/tickets/{tickets[1].reference}/")
    page.wait_for_load_state("load")  # the shortcuts' script runs once the page has loaded

    page.keyboard.press("r")
    reply = page.locator("#id_reply_body")
    expect(reply).to_be_focused()
    page.keyboard.type("jkq?")  # typed into the box, no shortcut fires
    expect(reply).to_have_value("jkq?")
    expect(page.get_by_role("dialog")).to_be_hidden()
    assert js_errors(page) == [], js_errors(page)

"""The console's ticket history reads as sentences (an event setting a value where there was
none never shows an arrow from a dash), and axe finds nothing serious on the queue and the
ticket page, on a phone and on a desktop, in Chinese."""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.accounts.models import User
from walletdesk.testing.accessibility import expect_accessible
from walletdesk.testing.browser import DESKTOP, PHONE, ZH, Lang, js_errors, shoot, sign_in
from walletdesk.tickets.models import Ticket, TicketEvent
from walletdesk.tickets.tests.factories import MessageFactory, TicketFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _ticket_with_a_file(customer: User) -> Ticket:
    ticket: Ticket = TicketFactory(requester=customer, subject="提现一直显示处理中")
    MessageFactory(ticket=ticket, author=customer, body="已经过了三个小时，还是没有到账。")
    TicketEvent.objects.create(
        ticket=ticket,
        actor=customer,
        kind=TicketEvent.Kind.ATTACHMENT_ADDED,
        to_value="png",
        reason="withdrawal.png",
    )
    return ticket


@pytest.mark.parametrize("lang", [ZH], ids=["zh"])
def test_history_says_what_was_added_instead_of_an_arrow_from_nothing(
    live_server: LiveServer, desktop: Page, lang: Lang, customer: User, agent: User
) -> None:
    ticket = _ticket_with_a_file(customer)
    sign_in(desktop, live_server.url, agent)
    desktop.goto(f"{live_server.url}/console/tickets/{ticket.reference}/")
    history = desktop.locator("ol.history")
    expect(history).to_contain_text("添加了附件 png")
    assert "— →" not in history.inner_text()
    assert "→ —" not in history.inner_text()
    assert js_errors(desktop) == []


@pytest.mark.parametrize("lang", [ZH], ids=["zh"])
@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_console_pages_pass_axe(
    live_server: LiveServer, new_context, lang: Lang, customer: User, agent: User, width: str
) -> None:
    ticket = _ticket_with_a_file(customer)
    page = new_context(lang=lang, viewport=PHONE if width == "phone" else DESKTOP).new_page()
    sign_in(page, live_server.url, agent)
    for name, url in (
        ("queue", f"{live_server.url}/console/"),
        ("ticket", f"{live_server.url}/console/tickets/{ticket.reference}/"),
    ):
        page.goto(url)
        expect_accessible(page)
        if width == "phone":
            shoot(page, lang, f"phone-console-{name}")
    assert js_errors(page) == []

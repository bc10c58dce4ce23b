"""What a phone user reads on a finished ticket and its network: a ticket closed without their
answer says why and how to go on (and asks no rating when nobody worked it), and a network is
named as people know it.
Chromium through Playwright, JavaScript on, in both languages."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.testing.browser import Lang, js_errors, shoot, sign_in
from walletdesk.tickets import services
from walletdesk.tickets.models import Status
from walletdesk.tickets.reminders import tickets_waiting_close
from walletdesk.tickets.tests.factories import TicketFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_ticket_closed_for_no_answer_says_why_and_how_to_go_on(
    live_server: LiveServer, phone: Page, customer, agent, lang: Lang
):
    ticket = TicketFactory(requester=customer, status=Status.OPEN)
    services.ticket_request_info(ticket=ticket, agent=agent, body="请提供交易哈希 / The hash?")
    tickets_waiting_close(now=timezone.now() + timezone.timedelta(days=60))
    sign_in(phone, live_server.url, customer)

    phone.goto(f"{live_server.url}/tickets/{ticket.reference}/")

    closure = phone.locator("#closure")
    expect(closure).to_contain_text(
        lang.t("因未收到您的回复，工单已关闭", "Closed because we did not hear back")
    )
    expect(phone.locator("#reply")).to_be_visible()
    shoot(phone, lang, "closed-for-no-answer")
    assert js_errors(phone) == [], js_errors(phone)


def test_a_ticket_nobody_worked_asks_for_no_rating(
    live_server: LiveServer, phone: Page, customer, agent, lang: Lang
):
    ticket = services.ticket_close(ticket=TicketFactory(requester=customer), actor=agent)
    sign_in(phone, live_server.url, customer)

    phone.goto(f"{live_server.url}/tickets/{ticket.reference}/")

    expect(phone.locator("#closure")).to_be_visible()
    expect(phone.locator("#rate")).to_have_count(0)


def test_the_network_is_named_as_people_know_it(
    live_server: LiveServer, phone: Page, customer, lang: Lang
):
    ticket = TicketFactory(requester=customer, network="ethereum")
    sign_in(phone, live_server.url, customer)

    phone.goto(f"{live_server.url}/tickets/{ticket.reference}/")

    body = phone.locator("main")
    expect(body).to_contain_text(lang.t("以太坊 (ERC-20)", "Ethereum (ERC-20)"))
    assert "ethereum" not in body.inner_text().split()

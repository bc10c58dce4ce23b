"""The bell in the customer's header counts up when an agent replies, and the list clears it.
Chromium through Playwright against the live server: the wallet user on a phone, the agent on
a desktop, once in each language.

Delivery is queued after commit (to a broker nobody consumes in tests); the bell counts the
in-app rows, which are written, already delivered, in the reply's own transaction.
"""

import re

import pytest
from playwright.sync_api import expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.notifications.models import Channel, Kind, Notification
from walletdesk.testing.browser import Lang, js_errors, sign_in
from walletdesk.tickets.models import Message
from walletdesk.tickets.tests.factories import TicketFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_bell_count_rises_when_an_agent_replies(
    live_server: LiveServer, phone, new_context, desktop, customer, agent, lang: Lang
):
    ticket = TicketFactory(requester=customer, subject="提现一直显示处理中")
    sign_in(phone, live_server.url, customer)
    phone.goto(f"{live_server.url}/tickets/{ticket.reference}/")
    bell = phone.locator("[data-bell]")
    expect(bell).to_be_visible()
    expect(bell.locator("[data-bell-count]")).to_have_count(0)

    sign_in(desktop, live_server.url, agent)
    desktop.goto(f"{live_server.url}/console/tickets/{ticket.reference}/")
    for body in ("请提供交易哈希。", "也请附上提现记录截图。"):
        desktop.locator("#reply textarea").first.fill(body)
        desktop.locator("#reply button[type=submit]").click()
        desktop.wait_for_load_state()
    assert Message.objects.filter(ticket=ticket, author=agent).count() == 2

    # Another page than the ticket itself: opening the ticket reads its notifications
    # (test_browser_read_on_open.py).
    phone.goto(f"{live_server.url}/tickets/")
    count = phone.locator("[data-bell] [data-bell-count]")
    expect(count).to_have_text("2")
    # Screen readers hear "2 unread" (in Chinese once the catalogue carries it).
    expect(count).to_have_attribute("aria-label", re.compile(r"^2\s*\S"))
    rows = Notification.objects.filter(recipient=customer, channel=Channel.INAPP)
    assert list(rows.values_list("kind", flat=True)) == [Kind.AGENT_REPLIED] * 2

    phone.locator("[data-bell]").click()
    expect(phone.locator(".notification-list li.unread")).to_have_count(2)
    expect(phone.locator(".notification-list").first).to_contain_text(ticket.reference)
    phone.locator("form[action$='/notifications/read-all/'] button[type=submit]").click()
    phone.wait_for_load_state()
    expect(phone.locator("[data-bell] [data-bell-count]")).to_have_count(0)
    assert not rows.filter(read_at__isnull=True).exists()
    assert js_errors(phone) == [], js_errors(phone)
    assert js_errors(desktop) == [], js_errors(desktop)

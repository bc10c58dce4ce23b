"""Opening the ticket a notification is about reads it: the bell on that very page already
counts without it, and notifications about other tickets stay unread. Chromium through
Playwright against the live server: the wallet user on a phone, the agent on a desktop, once in
each language.
"""

import pytest
from playwright.sync_api import expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.accounts.tests.factories import AgentFactory
from walletdesk.notifications.models import Channel, Notification
from walletdesk.testing.browser import Lang, js_errors, sign_in
from walletdesk.tickets import services
from walletdesk.tickets.tests.factories import TicketFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _unread(user, ticket):
    return Notification.objects.filter(
        recipient=user, ticket=ticket, channel=Channel.INAPP, read_at__isnull=True
    ).count()


def test_opening_a_ticket_reads_its_notifications(
    live_server: LiveServer, phone, customer, agent, lang: Lang
):
    opened = TicketFactory(requester=customer, subject="提现一直显示处理中")
    other = TicketFactory(requester=customer, subject="充值未到账")
    services.ticket_reply_add(ticket=opened, author=agent, body="请提供交易哈希。")
    services.ticket_reply_add(ticket=opened, author=agent, body="也请附上提现记录截图。")
    services.ticket_reply_add(ticket=other, author=agent, body="请告诉我们网络。")
    assert (_unread(customer, opened), _unread(customer, other)) == (2, 1)

    sign_in(phone, live_server.url, customer)
    phone.goto(f"{live_server.url}/tickets/")
    expect(phone.locator("[data-bell] [data-bell-count]")).to_have_text("3")

    phone.get_by_role("link", name="提现一直显示处理中").click()
    phone.wait_for_load_state()
    expect(phone.locator("h1")).to_contain_text("提现一直显示处理中")
    # The page that marked them read shows the count without them, not the one before.
    expect(phone.locator("[data-bell] [data-bell-count]")).to_have_text("1")
    assert (_unread(customer, opened), _unread(customer, other)) == (0, 1)

    phone.locator("[data-bell]").click()
    expect(phone.locator(".notification-list li.unread")).to_have_count(1)
    expect(phone.locator(".notification-list li.unread")).to_contain_text(other.reference)

    phone.goto(f"{live_server.url}/tickets/{other.reference}/")
    expect(phone.locator("[data-bell] [data-bell-count]")).to_have_count(0)
    assert _unread(customer, other) == 0
    assert js_errors(phone) == [], js_errors(phone)


def test_opening_a_ticket_in_the_console_reads_the_agents_notifications(
    live_server: LiveServer, desktop, customer, agent, lang: Lang
):
    opened = TicketFactory(requester=customer, subject="提现一直显示处理中")
    other = TicketFactory(requester=customer, subject="充值未到账")
    supervisor = AgentFactory()
    for ticket in (opened, other):
        services.ticket_assign(ticket=ticket, assignee=agent, actor=supervisor)
        services.ticket_reply_add(ticket=ticket, author=customer, body="还没有到账，请帮忙。")
    assert (_unread(agent, opened), _unread(agent, other)) == (2, 2)

    sign_in(desktop, live_server.url, agent)
    desktop.goto(f"{live_server.url}/console/")
    expect(desktop.locator("[data-bell] [data-bell-count]")).to_have_text("4")

    desktop.goto(f"{live_server.url}/console/tickets/{opened.reference}/")
    expect(desktop.locator("h1")).to_contain_text(opened.reference)
    expect(desktop.locator("[data-bell] [data-bell-count]")).to_have_text("2")
    assert (_unread(agent, opened), _unread(agent, other)) == (0, 2)
    assert js_errors(desktop) == [], js_errors(desktop)

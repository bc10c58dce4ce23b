"""A wallet user who submits a ticket on a phone finds its receipt under the bell, in their
language, once the receipts job has run. Chromium through Playwright against the live server."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.notifications.models import Channel, Kind, Notification
from walletdesk.notifications.receipts import receipts_write
from walletdesk.testing.browser import Lang, js_errors, sign_in
from walletdesk.tickets.models import Ticket

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "zh-hans": {"subject": "余额没有变化", "body": "昨天转出 50 USDT，余额一直没变。"},
    "en": {"subject": "Balance did not change", "body": "Sent 50 USDT yesterday; no change."},
}
RECEIVED = {"zh-hans": "工单已收到", "en": "Ticket received"}


def test_a_submitted_ticket_s_receipt_is_under_the_bell(
    live_server: LiveServer, phone: Page, customer, lang: Lang
):
    words = WORDS[lang.code]
    sign_in(phone, live_server.url, customer)
    phone.goto(f"{live_server.url}/tickets/new/other/")
    phone.locator("#id_subject").fill(words["subject"])
    phone.locator("#id_description").fill(words["body"])
    phone.locator("form.stacked button[type=submit]").click()
    phone.wait_for_url("**/submitted/")
    ticket = Ticket.objects.get(requester=customer)

    assert receipts_write(now=timezone.now() + timedelta(hours=1)) == 1

    phone.reload()
    expect(phone.locator("[data-bell] [data-bell-count]")).to_have_text("1")
    phone.locator("[data-bell]").click()
    item = phone.locator(".notification-list li.unread")
    expect(item).to_have_count(1)
    expect(item).to_contain_text(RECEIVED[lang.code])
    expect(item).to_contain_text(ticket.reference)
    channels = Notification.objects.filter(ticket=ticket, kind=Kind.RECEIVED)
    assert sorted(channels.values_list("channel", flat=True)) == [Channel.EMAIL, Channel.INAPP]
    assert js_errors(phone) == [], js_errors(phone)

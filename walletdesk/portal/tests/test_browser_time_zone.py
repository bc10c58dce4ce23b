"""Times in the user's own zone: an account that never chose one takes the browser's on its
first page, the ticket form says which zone its time is read in and reads it so, and the
console labels times with their UTC offset, never an abbreviation such as "CST". Chromium
through Playwright, JavaScript on: the wallet user on a phone, the agent on a desktop, in both
languages.
"""

import re
import zoneinfo
from datetime import UTC, datetime

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.accounts.models import User
from walletdesk.core.zones import zone_label
from walletdesk.testing.browser import DESKTOP, PASSWORD, PHONE, Lang, js_errors, sign_in
from walletdesk.tickets.models import Ticket
from walletdesk.tickets.tests.factories import TicketFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_YORK = "America/New_York"


def test_the_browsers_zone_becomes_the_accounts_and_the_ticket_form_reads_time_in_it(
    live_server: LiveServer, new_context, customer, lang: Lang
):
    assert customer.time_zone == "Asia/Shanghai"
    phone: Page = new_context(lang=lang, viewport=PHONE, timezone_id=NEW_YORK).new_page()

    sign_in(phone, live_server.url, customer)
    # The first page reports the browser's zone; the account takes it.
    expect(phone.locator("html")).to_have_attribute("data-time-zone", NEW_YORK)
    customer.refresh_from_db()
    assert (customer.time_zone, customer.time_zone_source) == (NEW_YORK, "browser")

    phone.goto(f"{live_server.url}/tickets/new/deposit/")
    label = zone_label(zoneinfo.ZoneInfo(NEW_YORK))
    note = phone.locator("#id_occurred_at-zone")
    expect(note).to_contain_text(lang.t(f"时间按 {label} 填写", f"Enter the time in {label}"))
    expect(note.get_by_role("link")).to_have_attribute("href", "/accounts/profile/")
    phone.locator("#id_subject").fill("USDT 充值未到账")
    phone.locator("#id_description").fill("从交易所提到钱包，交易所显示已完成。")
    phone.locator("#id_network").select_option(index=2)
    phone.locator("#id_asset").fill("USDT")
    phone.locator("#id_occurred_at").fill("2026-11-20T14:05")
    phone.locator("form.stacked button[type=submit]").click()
    phone.wait_for_url("**/submitted/")

    # 14:05 in New York on 20 November (EST, UTC-5) is 19:05 UTC.
    ticket = Ticket.objects.get(requester=customer)
    assert ticket.occurred_at == datetime(2026, 11, 20, 19, 5, tzinfo=UTC)

    phone.goto(f"{live_server.url}/accounts/profile/")
    expect(phone.locator("select[name=time_zone]")).to_have_value(NEW_YORK)
    # Once taken, the page no longer asks.
    expect(phone.locator("form[data-time-zone-detect]")).to_have_count(0)
    assert js_errors(phone) == [], js_errors(phone)


def test_a_zone_the_user_chose_is_kept(live_server: LiveServer, new_context, customer, lang: Lang):
    User.objects.filter(pk=customer.pk).update(time_zone="Europe/Berlin", time_zone_source="user")
    phone: Page = new_context(lang=lang, viewport=PHONE, timezone_id=NEW_YORK).new_page()

    sign_in(phone, live_server.url, customer)
    phone.goto(f"{live_server.url}/tickets/new/deposit/")

    label = zone_label(zoneinfo.ZoneInfo("Europe/Berlin"))
    expect(phone.locator("#id_occurred_at-zone")).to_contain_text(label)
    expect(phone.locator("form[data-time-zone-detect]")).to_have_count(0)
    customer.refresh_from_db()
    assert customer.time_zone == "Europe/Berlin"


def test_the_console_labels_times_with_their_utc_offset(
    live_server: LiveServer, new_context, customer, agent, lang: Lang
):
    ticket = TicketFactory(requester=customer, occurred_at=datetime(2025, 3, 1, 6, 30, tzinfo=UTC))
    desktop: Page = new_context(lang=lang, viewport=DESKTOP).new_page()
    sign_in(desktop, live_server.url, agent)

    desktop.goto(f"{live_server.url}/console/tickets/{ticket.reference}/")

    # 06:30 UTC is 14:30 in Shanghai, the agent's zone.
    expect(desktop.locator("time[datetime^='2025-03-01T14:30']")).to_have_text(
        "2025-03-01 14:30 UTC+08:00"
    )
    created = desktop.locator("dd time").first
    expect(created).to_have_text(re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d UTC\+08:00$"))
    expect(desktop.locator("main")).not_to_have_text(re.compile(r"\b(CST|HKT|EST|PST)\b"))

    desktop.goto(f"{live_server.url}/console/")
    expect(desktop.locator("main")).not_to_have_text(re.compile(r"\b(CST|HKT|EST|PST)\b"))
    assert js_errors(desktop) == [], js_errors(desktop)


def test_signing_up_takes_the_browsers_zone(live_server: LiveServer, new_context, lang: Lang):
    phone: Page = new_context(lang=lang, viewport=PHONE, timezone_id="Europe/Berlin").new_page()
    email = f"new-{lang.code}@example.com"
    phone.goto(f"{live_server.url}/accounts/register/")
    phone.locator("input[name=email]").fill(email)
    phone.locator("input[name=password1]").fill(PASSWORD)
    phone.locator("input[name=password2]").fill(PASSWORD)

    # A language switch on the way keeps the address, never the passwords.
    phone.locator("form.language-switch button").click()
    expect(phone.locator("html")).not_to_have_attribute("lang", lang.code)
    expect(phone.locator("input[name=email]")).to_have_value(email)
    expect(phone.locator("input[name=password1]")).to_have_value("")
    phone.locator("input[name=password1]").fill(PASSWORD)
    phone.locator("input[name=password2]").fill(PASSWORD)
    phone.locator("form:has(input[name=password2]) button[type=submit]").click()

    expect(phone).to_have_url(re.compile(r"/accounts/verify/sent/$"))
    expect(phone.locator("html")).to_have_attribute("data-time-zone", "Europe/Berlin")
    user = User.objects.get(email=email)
    assert (user.time_zone, user.time_zone_source) == ("Europe/Berlin", "browser")
    assert js_errors(phone) == [], js_errors(phone)

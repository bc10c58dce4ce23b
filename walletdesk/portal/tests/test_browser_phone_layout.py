"""The portal on a 390px phone looks like an app: the header is one row, the ticket form's first
field is in the first screen, lists line up, Chinese reads with full-width punctuation, and axe
finds nothing serious on any page, on a phone and on a desktop. Screenshots of each page land in
test-artifacts/screenshots/ (zh-hans-phone-*.png) for people to look at."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.accounts.models import User
from walletdesk.notifications.tests.factories import inapp_notification
from walletdesk.testing.accessibility import expect_accessible
from walletdesk.testing.browser import DESKTOP, PHONE, ZH, Lang, js_errors, shoot, sign_in
from walletdesk.tickets.models import Ticket
from walletdesk.tickets.tests.factories import MessageFactory, TicketFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Chinese text followed by ASCII punctuation where a full-width mark belongs ("提交工单: 提现"),
# or Chinese inside ASCII brackets. Brackets around Latin alone keep their Latin form, as Chinese
# typesetting does ("以太坊 (ERC-20)").
_ASCII_AFTER_HAN = re.compile(
    r"[\u4e00-\u9fff][:,;?!]|[\u4e00-\u9fff]\)|\([^()]*[\u4e00-\u9fff][^()]*\)"
)


def _ticket(customer: User) -> Ticket:
    ticket: Ticket = TicketFactory(
        requester=customer, subject="提现一直显示处理中", amount=Decimal("120.50")
    )
    MessageFactory(ticket=ticket, author=customer, body="已经过了三个小时，还是没有到账。")
    return ticket


def _portal_pages(base: str, ticket: Ticket) -> dict[str, str]:
    return {
        "home": f"{base}/",
        "categories": f"{base}/tickets/new/",
        "ticket-form": f"{base}/tickets/new/withdrawal/",
        "ticket-list": f"{base}/tickets/",
        "ticket": f"{base}/tickets/{ticket.reference}/",
        "notifications": f"{base}/notifications/",
        "profile": f"{base}/accounts/profile/",
        "your-data": f"{base}/my-data/",
    }


def test_phone_header_is_one_row_and_the_form_starts_in_the_first_screen(
    live_server: LiveServer, phone: Page, lang: Lang, customer: User
) -> None:
    sign_in(phone, live_server.url, customer)
    inapp_notification(recipient=customer)
    phone.goto(f"{live_server.url}/tickets/new/withdrawal/")

    header = phone.locator("header.site-header").bounding_box()
    logo = phone.locator("header .brand img").bounding_box()
    switch = phone.locator("header .language-switch button").bounding_box()
    bell = phone.locator("header [data-bell]").bounding_box()
    assert header
    assert logo
    assert switch
    assert bell
    assert header["height"] < 72, header
    # The language switch and the bell share the logo's row.
    logo_middle = logo["y"] + logo["height"] / 2
    for control in (switch, bell):
        assert control["y"] <= logo_middle <= control["y"] + control["height"], (control, logo)
        assert control["x"] + control["width"] <= PHONE["width"]
    # Touch targets in the header and the tab bar are at least 44px high.
    targets = phone.locator("header a, header button, nav.site-nav a, nav.site-nav button")
    for target in targets.all():
        box = target.bounding_box()
        assert box
        assert box["height"] >= 44, (target.inner_text(), box)

    first_input = phone.locator("form.stacked input:visible, form.stacked textarea:visible").first
    expect(first_input).to_have_attribute("name", "subject")
    box = first_input.bounding_box()
    assert box
    assert box["y"] + box["height"] < PHONE["height"], box
    # The guidance is one tap away, folded.
    guidance = phone.locator("details.form-guidance")
    expect(guidance).not_to_have_attribute("open", "")
    guidance.locator("> summary").click()
    expect(guidance.locator("p").first).to_be_visible()
    assert js_errors(phone) == []


@pytest.mark.parametrize("lang", [ZH], ids=["zh"])
def test_desktop_form_shows_the_guidance_beside_the_fields(
    live_server: LiveServer, desktop: Page, lang: Lang, customer: User
) -> None:
    sign_in(desktop, live_server.url, customer)
    desktop.goto(f"{live_server.url}/tickets/new/withdrawal/")
    guidance = desktop.locator("details.form-guidance")
    expect(guidance).to_have_attribute("open", "")
    form = desktop.locator("form.stacked").bounding_box()
    side = guidance.bounding_box()
    assert form
    assert side
    assert side["x"] >= form["x"] + form["width"], (form, side)
    assert abs(side["y"] - form["y"]) < 40, (form, side)


@pytest.mark.parametrize("lang", [ZH], ids=["zh"])
def test_notification_rows_start_at_the_left_without_bullets(
    live_server: LiveServer, phone: Page, lang: Lang, customer: User
) -> None:
    sign_in(phone, live_server.url, customer)
    for _ in range(3):
        inapp_notification(recipient=customer)
    phone.goto(f"{live_server.url}/notifications/")
    rows = phone.locator(".notification-list > li")
    expect(rows).to_have_count(3)
    lefts = set()
    for row in rows.all():
        assert row.evaluate("el => getComputedStyle(el).listStyleType") == "none"
        button = row.locator("button").bounding_box()
        assert button
        lefts.add(round(button["x"]))
        assert row.locator("button").evaluate("el => getComputedStyle(el).textAlign") in {
            "left",
            "start",
        }
    assert len(lefts) == 1, lefts


@pytest.mark.parametrize("lang", [ZH], ids=["zh"])
def test_chinese_pages_use_full_width_punctuation(
    live_server: LiveServer, phone: Page, lang: Lang, customer: User
) -> None:
    ticket = _ticket(customer)
    inapp_notification(recipient=customer, ticket=ticket)
    sign_in(phone, live_server.url, customer)
    for name, url in _portal_pages(live_server.url, ticket).items():
        phone.goto(url)
        text = phone.locator("body").inner_text()
        found = [m.group(0) for m in _ASCII_AFTER_HAN.finditer(text)]
        assert not found, (name, found)
        shoot(phone, lang, f"phone-{name}")
    assert js_errors(phone) == []


@pytest.mark.parametrize("lang", [ZH], ids=["zh"])
@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_portal_pages_pass_axe(
    live_server: LiveServer,
    new_context,
    lang: Lang,
    customer: User,
    width: str,
) -> None:
    page = new_context(lang=lang, viewport=PHONE if width == "phone" else DESKTOP).new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    expect_accessible(page)
    if width == "phone":
        shoot(page, lang, "phone-sign-in")
    ticket = _ticket(customer)
    inapp_notification(recipient=customer, ticket=ticket)
    sign_in(page, live_server.url, customer)
    for url in _portal_pages(live_server.url, ticket).values():
        page.goto(url)
        expect_accessible(page)
    assert js_errors(page) == []

"""Journeys 3 and 4: the ticket form works from the keyboard alone, and no portal page
scrolls sideways on a 390px phone."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.accounts.models import User
from walletdesk.tickets import services
from walletdesk.tickets.models import Status, Ticket, TicketEvent
from walletdesk.tickets.tests.factories import category, reason

from .conftest import PHONE, Lang, expect_help_footer, js_errors, sign_in

pytestmark = pytest.mark.browser

# The withdrawal form's fields, in the order the page should visit them.
WITHDRAWAL_FIELDS = [
    "subject",
    "description",
    "network",
    "asset",
    "tx_hash",
    "address",
    "memo",
    "amount",
    "occurred_at",
]


def focused(page: Page) -> str:
    """Name of the focused form control, or 'submit' for the form's button, or the tag."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            if (!el) return "";
            if (el.matches("form.stacked button[type=submit]")) return "submit";
            return el.getAttribute("name") || el.tagName.toLowerCase();
        }"""
    )


def tab_until_submit(page: Page, limit: int = 60) -> list[str]:
    """Press Tab from the top of the page and record each form stop until the submit button.

    A date-time input takes several presses (one per part) but is one field, so repeats
    in a row count once."""
    stops: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        name = focused(page)
        if name in (*WITHDRAWAL_FIELDS, "submit") and (not stops or stops[-1] != name):
            stops.append(name)
        if name == "submit":
            return stops
    raise AssertionError(f"Tab never reached the submit button; stops: {stops}")


def test_ticket_form_is_usable_with_the_keyboard_alone(
    live_server: LiveServer, phone: Page, lang: Lang, customer: User
) -> None:
    sign_in(phone, live_server.url, customer)
    phone.goto(f"{live_server.url}/tickets/new/withdrawal/")

    stops = tab_until_submit(phone)

    assert stops == [*WITHDRAWAL_FIELDS, "submit"]
    # Every stop has a visible label tied to it.
    for name in WITHDRAWAL_FIELDS:
        control = phone.locator(f"form.stacked [name={name}]")
        control_id = control.get_attribute("id")
        expect(phone.locator(f"label[for='{control_id}']")).to_be_visible()

    # Fill the form by typing and moving on with Tab, then submit with Enter.
    phone.locator("input[name=subject]").focus()
    phone.keyboard.type(lang.t("键盘提交的提现", "Withdrawal sent from the keyboard"))
    phone.keyboard.press("Tab")
    phone.keyboard.type(lang.t("只用键盘填写。", "Typed without a mouse."))
    phone.keyboard.press("Tab")
    assert focused(phone) == "network"
    # Options are labelled in the page's language. Type-ahead takes Latin letters only, so the
    # Chinese page picks the first network (Ethereum) with the arrow key instead.
    if lang.is_zh:
        phone.keyboard.press("ArrowDown")
    else:
        phone.keyboard.type("Ethereum")
    phone.keyboard.press("Tab")
    phone.keyboard.type("eth")
    phone.keyboard.press("Escape")  # closes the asset suggestions, keeps the text
    for _ in range(4):  # tx hash, address, memo: left empty
        if focused(phone) == "amount":
            break
        phone.keyboard.press("Tab")
    assert focused(phone) == "amount"
    phone.keyboard.type("1.25")
    phone.keyboard.press("Enter")

    expect(phone).to_have_url(re.compile(r"/tickets/WD-\w{6}/submitted/$"))
    ticket = Ticket.objects.get(requester=customer)
    assert ticket.network == "ethereum"
    assert ticket.asset == "ETH"
    assert ticket.amount == Decimal("1.25")
    assert ticket.events.filter(kind=TicketEvent.Kind.CREATED).count() == 1
    assert js_errors(phone) == []


def scroll_width(page: Page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth")


def test_no_portal_page_scrolls_sideways_on_a_phone(
    live_server: LiveServer, phone: Page, lang: Lang, customer: User, agent: User
) -> None:
    base = live_server.url
    # Unbroken strings are what users paste: hashes and addresses in subject and messages.
    long_hash = "0x" + "9f" * 64
    ticket = services.ticket_open(
        requester=customer,
        draft=services.TicketDraft(
            category=category("deposit"),
            subject=f"{lang.t('充值未到账', 'Deposit missing')} {long_hash}",
            description=long_hash * 2,
            network="tron",
            asset="USDT",
            tx_hash=long_hash,
            address="T" + "9" * 60,
            amount=Decimal("123456789.123456789"),
        ),
    )
    services.ticket_reply_add(ticket=ticket, author=agent, body=long_hash)
    services.ticket_reject(
        ticket=ticket, agent=agent, reason=reason("incomplete_information"), message=long_hash
    )
    ticket.refresh_from_db()
    assert ticket.status == Status.REJECTED
    anonymous_pages = ["/", "/accounts/login/", "/accounts/register/"]
    signed_in_pages = [
        "/",
        "/tickets/new/",
        "/tickets/new/withdrawal/",
        "/tickets/",
        f"/tickets/{ticket.reference}/",
        f"/tickets/{ticket.reference}/submitted/",
        f"/tickets/{ticket.reference}/resubmit/",
    ]

    too_wide = {}
    for path in anonymous_pages:
        phone.goto(base + path)
        expect_help_footer(phone, lang)
        if scroll_width(phone) > PHONE["width"]:
            too_wide[path] = scroll_width(phone)
    sign_in(phone, base, customer)
    for path in signed_in_pages:
        phone.goto(base + path)
        expect_help_footer(phone, lang)
        if scroll_width(phone) > PHONE["width"]:
            too_wide[path] = scroll_width(phone)
    # The form with errors, after an empty submission.
    phone.goto(f"{base}/tickets/new/withdrawal/")
    phone.locator("form.stacked button[type=submit]").click()
    expect(phone.locator(".errorlist").first).to_be_visible()
    if scroll_width(phone) > PHONE["width"]:
        too_wide["withdrawal form with errors"] = scroll_width(phone)

    assert too_wide == {}
    assert js_errors(phone) == []

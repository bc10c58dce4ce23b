"""The live completeness meter on a phone: it fills in while the user types, shows field errors
and a secret warning without a page reload, and the memo field follows the network."""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.accounts.models import User
from walletdesk.tickets.models import Ticket

from .conftest import Lang, js_errors, sign_in

pytestmark = pytest.mark.browser

PHRASE = "abandon amount liar amount expire adjust cage candy arch gather drum buyer"


def test_meter_scores_warns_and_flags_while_typing(
    live_server: LiveServer, phone: Page, lang: Lang, customer: User
) -> None:
    sign_in(phone, live_server.url, customer)
    phone.goto(f"{live_server.url}/tickets/new/deposit/")
    meter = phone.locator("[data-intake-meter]")
    memo = phone.locator(".field:has(#id_memo)")

    expect(meter).to_be_visible()
    phone.select_option("#id_network", "ethereum")
    expect(memo).to_be_hidden()
    phone.select_option("#id_network", "xrp")
    expect(memo).to_be_visible()
    expect(meter.locator("[data-intake-flags] li")).to_have_count(1)
    phone.fill("#id_address", "0x52908400098527886E0F7030069857D2E4169EE7")
    expect(phone.locator(".field:has(#id_address) [data-live-error]")).to_have_attribute(
        "data-code", "wrong_network"
    )
    phone.fill("#id_description", f"我的助记词 {PHRASE}")
    expect(meter.locator("[data-intake-secrets]")).to_be_visible()
    score_before = int(meter.locator("[data-intake-score]").inner_text())
    phone.fill("#id_memo", "123456")
    expect(meter.locator("[data-intake-flags] li")).to_have_count(0)

    assert 0 <= score_before < 100
    assert not Ticket.objects.exists()
    assert js_errors(phone) == []

"""Switching language keeps what the user typed: the new-ticket form and the reply box come
back filled, in the other language; a field the secret guard refused does not. Chromium through
Playwright, JavaScript on, on a phone, starting once from each language.
"""

import pytest
from mnemonic import Mnemonic
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.testing.browser import EN, Lang, js_errors, sign_in
from walletdesk.tickets.models import Ticket
from walletdesk.tickets.tests.factories import TicketFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESCRIPTION = "从交易所提现 250 USDT 到钱包，\n交易所显示已完成，钱包里看不到。"


def _other(lang: Lang) -> Lang:
    return EN if lang.is_zh else Lang("zh-hans", "zh-CN")


def _switch(phone: Page, lang: Lang) -> None:
    """Press the header's language switch and wait for the page in the other language."""
    other = _other(lang)
    phone.locator("form.language-switch button").click()
    expect(phone.locator("html")).to_have_attribute("lang", other.code)


def test_the_ticket_form_keeps_what_was_typed_across_a_language_switch(
    live_server: LiveServer, phone: Page, customer, lang: Lang
):
    sign_in(phone, live_server.url, customer)
    phone.goto(f"{live_server.url}/tickets/new/deposit/")
    expect(phone.locator("h1")).to_contain_text(lang.t("提交工单", "Submit a ticket"))
    phone.locator("#id_subject").fill("USDT 充值未到账")
    phone.locator("#id_description").fill(DESCRIPTION)
    network = phone.locator("#id_network")
    network.select_option(index=2)
    chosen = network.input_value()
    assert chosen
    phone.locator("#id_asset").fill("USDT")
    phone.locator("#id_amount").fill("250")

    _switch(phone, lang)

    other = _other(lang)
    expect(phone.locator("h1")).to_contain_text(other.t("提交工单", "Submit a ticket"))
    expect(phone.locator("#id_subject")).to_have_value("USDT 充值未到账")
    expect(phone.locator("#id_description")).to_have_value(DESCRIPTION)
    expect(phone.locator("#id_network")).to_have_value(chosen)
    expect(phone.locator("#id_asset")).to_have_value("USDT")
    expect(phone.locator("#id_amount")).to_have_value("250")
    # Kept once: the next visit to the form starts empty again.
    phone.reload()
    expect(phone.locator("#id_subject")).to_have_value("")

    phone.locator("#id_subject").fill("USDT 充值未到账")
    phone.locator("#id_description").fill(DESCRIPTION)
    phone.locator("#id_network").select_option(chosen)
    phone.locator("#id_asset").fill("USDT")
    phone.locator("form.stacked button[type=submit]").click()
    phone.wait_for_url("**/submitted/")
    assert Ticket.objects.get(requester=customer).subject == "USDT 充值未到账"
    # Sending the form forgets anything kept: a fresh form is empty.
    phone.goto(f"{live_server.url}/tickets/new/deposit/")
    expect(phone.locator("#id_subject")).to_have_value("")
    assert js_errors(phone) == [], js_errors(phone)


def test_the_reply_box_keeps_what_was_typed_across_a_language_switch(
    live_server: LiveServer, phone: Page, customer, lang: Lang
):
    ticket = TicketFactory(requester=customer, subject="提现一直显示处理中")
    sign_in(phone, live_server.url, customer)
    phone.goto(f"{live_server.url}/tickets/{ticket.reference}/")
    phone.locator("#reply textarea").fill("交易哈希是 0xabc，\n截图稍后补上。")

    _switch(phone, lang)

    other = _other(lang)
    expect(phone.locator("#reply button[type=submit]")).to_have_text(
        other.t("发送回复", "Send reply")
    )
    expect(phone.locator("#reply textarea")).to_have_value("交易哈希是 0xabc，\n截图稍后补上。")
    assert js_errors(phone) == [], js_errors(phone)


@pytest.mark.parametrize("lang", [EN], ids=["en"])
def test_a_field_the_secret_guard_refused_is_not_kept(
    live_server: LiveServer, phone: Page, customer, lang: Lang
):
    phrase = Mnemonic("english").generate(128)
    sign_in(phone, live_server.url, customer)
    phone.goto(f"{live_server.url}/tickets/new/other/")
    phone.locator("#id_subject").fill("Wallet question")
    phone.locator("#id_description").fill(f"My phrase is {phrase}")
    phone.locator("form.stacked button[type=submit]").click()
    expect(phone.locator("section.secret-warning")).to_be_visible()
    expect(phone.locator(".field:has(#id_description)")).to_have_attribute("data-keep-typed", "no")
    # Typed again into the refused box, and something more in the subject.
    phone.locator("#id_description").fill(f"Again: {phrase}")
    phone.locator("#id_subject").fill("Wallet question, again")

    _switch(phone, lang)

    expect(phone.locator("#id_subject")).to_have_value("Wallet question, again")
    # The page in the other language is a fresh form: only a kept value could fill it.
    expect(phone.locator("#id_description")).to_have_value("")
    assert phone.evaluate("sessionStorage.length") == 0

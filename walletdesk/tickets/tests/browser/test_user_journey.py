"""Journey 1: a wallet user registers, confirms the address, finds the Help Center and submits a
withdrawal ticket on a phone, in Simplified Chinese and in English."""

import re
from urllib.parse import urlsplit

import pytest
from django import forms
from django.core import mail
from django.utils import formats, timezone, translation
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.accounts.models import User
from walletdesk.tickets.models import Status, Ticket, TicketEvent

from .conftest import Lang, expect_help_footer, expect_in_language, js_errors, shoot

pytestmark = pytest.mark.browser

REFERENCE = re.compile(r"WD-[2-9A-HJKMNP-TV-Z]{6}")
PASSWORD = "Wallet-desk-2026!"


def register_and_verify(page: Page, live_server: LiveServer, lang: Lang, email: str) -> User:
    """Register through the real form and confirm through the e-mailed link."""
    page.goto(f"{live_server.url}/")
    page.locator("header").get_by_role("link", name=lang.t("注册", "Register")).click()
    expect(page.locator("html")).to_have_attribute("lang", lang.code)
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.locator("form:has(input[name=password2]) button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/accounts/verify/sent/$"))
    expect_help_footer(page, lang)
    user = User.objects.get(email=email)
    assert not user.is_verified
    assert user.language == lang.code

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [email]
    link = re.search(r"https?://\S+/accounts/verify/\S+/", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    # The e-mail carries the site's public address; the test server listens elsewhere.
    page.goto(live_server.url + urlsplit(link.group(0)).path)
    expect(page.locator("main")).to_be_visible()
    user.refresh_from_db()
    assert user.is_verified
    return user


def expected_reply_date(ticket: Ticket, lang: Lang, user: User) -> str:
    """The date the confirmation must promise, in the reader's language and time zone."""
    with translation.override(lang.code), timezone.override(user.time_zone):
        local = timezone.localtime(ticket.first_response_due_at)
        return formats.date_format(local, "DATE_FORMAT")


def test_register_verify_and_submit_a_withdrawal_ticket(
    live_server: LiveServer, phone: Page, lang: Lang
) -> None:
    email = f"new-{lang.code}@example.com"
    subject = lang.t("提现一直显示处理中", "Withdrawal stuck at processing")
    description = lang.t(
        "我在 11 月 20 日提现 0.5 ETH，已经 6 个小时了还在处理中。",
        "I withdrew 0.5 ETH on 20 Nov; it has said processing for 6 hours.",
    )

    user = register_and_verify(phone, live_server, lang, email)

    # Help Center, reached from the footer link every page carries.
    phone.locator("footer.site-footer").get_by_role(
        "link", name=lang.t("帮助 / 支持", "Help / Support")
    ).click()
    expect(phone.locator("h1")).to_have_text(lang.t("有什么可以帮您？", "How can we help?"))
    expect_help_footer(phone, lang)
    shoot(phone, lang, "help-center")
    phone.locator("main").get_by_role(
        "link", name=lang.t("提交工单", "Submit a ticket")
    ).first.click()
    expect(phone.locator("h1")).to_contain_text(lang.t("提交工单", "Submit a ticket"))
    phone.get_by_role("listitem").filter(has_text=lang.t("提现", "Withdrawal")).click()
    expect(phone.locator("h1")).to_contain_text(lang.t("提现", "Withdrawal"))
    expect_help_footer(phone, lang)
    shoot(phone, lang, "ticket-form")

    # First try: the amount, which a withdrawal requires, is missing.
    phone.locator("input[name=subject]").fill(subject)
    phone.locator("textarea[name=description]").fill(description)
    phone.locator("select[name=network]").select_option("ethereum")
    phone.locator("input[name=asset]").fill("ETH")
    address = "0x52908400098527886E0F7030069857D2E4169EE7"
    phone.locator("input[name=address]").fill(address)
    phone.locator("form.stacked button[type=submit]").click()

    expect(phone.locator(".form-error[role=alert]:not([data-upload-status])")).to_have_text(
        lang.t(
            "请修改下方标出的字段。您填写的内容都已保留。",
            "Please correct the fields marked below. Nothing you typed was lost.",
        )
    )
    amount_field = phone.locator(".field.has-error", has=phone.locator("input[name=amount]"))
    # The wording is whatever the installed catalogues say for Django's own message.
    with translation.override(lang.code):
        required = str(forms.Field.default_error_messages["required"])
    expect(amount_field.locator(".errorlist")).to_have_text(required)
    expect(phone.locator("input[name=subject]")).to_have_value(subject)
    expect(phone.locator("textarea[name=description]")).to_have_value(description)
    expect(phone.locator("select[name=network]")).to_have_value("ethereum")
    expect(phone.locator("input[name=address]")).to_have_value(address)
    assert not Ticket.objects.filter(requester=user).exists()
    shoot(phone, lang, "form-errors")

    # Second try: add the amount and submit.
    phone.locator("input[name=amount]").fill("0.5")
    phone.locator("form.stacked button[type=submit]").click()

    expect(phone).to_have_url(re.compile(r"/tickets/WD-\w{6}/submitted/$"))
    ticket = Ticket.objects.get(requester=user)
    assert REFERENCE.fullmatch(ticket.reference)
    assert ticket.category.slug == "withdrawal"
    assert ticket.status == Status.NEW
    assert str(ticket.amount.normalize()) == "0.5"
    assert ticket.address == address
    assert list(ticket.events.values_list("kind", flat=True)) == [TicketEvent.Kind.CREATED]
    confirmation = phone.locator(".confirmation")
    expect(confirmation.locator("h1")).to_have_text(lang.t("工单已提交", "Ticket submitted"))
    expect_in_language(confirmation.locator(".badge"), lang)
    expect(confirmation.get_by_test_id("reference")).to_have_text(ticket.reference)
    expect(confirmation).to_contain_text(expected_reply_date(ticket, lang, user))
    expect_help_footer(phone, lang)
    shoot(phone, lang, "confirmation")

    phone.locator("main").get_by_role("link", name=lang.t("我的工单", "My tickets")).click()
    expect(phone.locator("h1")).to_have_text(lang.t("我的工单", "My tickets"))
    row = phone.locator(".ticket-list li", has_text=ticket.reference)
    expect(row).to_contain_text(subject)
    expect(row).to_contain_text(lang.t("提现", "Withdrawal"))
    expect_in_language(row.locator(".badge"), lang)
    expect_help_footer(phone, lang)
    shoot(phone, lang, "my-tickets")
    assert js_errors(phone) == []

"""A ticket mailed in the user's name without authentication waits for them: at sign-in they
are told, they find it on their tickets page, read it and open it as a ticket, or discard
another. Chromium through Playwright, JavaScript on, in Chinese."""

import pytest
from playwright.sync_api import expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.inbound.models import HeldMail
from walletdesk.inbound.services import inbound_message_accept
from walletdesk.inbound.tests.mail import eml
from walletdesk.testing.browser import ZH, Lang, js_errors, shoot, sign_in
from walletdesk.tickets.models import Ticket

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(params=[ZH], ids=["zh-hans"])
def lang(request: pytest.FixtureRequest) -> Lang:
    return request.param


def _mail_in_the_name_of(user, number: int) -> None:
    raw = eml("17_new_ticket_utf8.eml", signed=False)
    raw = raw.replace(b"alice@example.com", user.email.encode())
    raw = raw.replace(b"fixture-17@", f"fixture-17-{number}@".encode())
    inbound_message_accept(raw)


def test_the_user_confirms_one_held_mail_and_discards_another(
    live_server: LiveServer, phone, customer, lang: Lang
):
    _mail_in_the_name_of(customer, 1)
    _mail_in_the_name_of(customer, 2)
    first, second = HeldMail.objects.order_by("created_at")

    sign_in(phone, live_server.url, customer)

    flash = phone.locator(".flash-info")
    expect(flash).to_contain_text("有 2 封以您的名义发来的邮件在等待您确认")
    flash.get_by_role("link").click()
    phone.wait_for_url("**/tickets/")
    notice = phone.get_by_test_id("held-notice")
    expect(notice).to_contain_text("等待您确认的邮件")
    expect(notice.get_by_role("link")).to_have_count(2)
    shoot(phone, lang, "held-mail-list")

    phone.goto(f"{live_server.url}/tickets/held/{first.pk}/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("确认您通过邮件提交的工单")
    expect(phone.get_by_test_id("held-text")).to_contain_text("昨天从交易所充值 50 USDT（TRC20）")
    shoot(phone, lang, "held-mail-confirm")
    phone.get_by_role("button", name="是我发的：创建工单").click()
    phone.wait_for_url("**/submitted/**", timeout=10_000)

    ticket = Ticket.objects.get()
    expect(phone.get_by_test_id("reference")).to_have_text(ticket.reference)
    assert ticket.requester == customer

    phone.goto(f"{live_server.url}/tickets/")
    expect(phone.get_by_test_id("held-notice").get_by_role("link")).to_have_count(1)
    expect(phone.locator(".ticket-list")).to_contain_text(ticket.reference)
    phone.get_by_test_id("held-notice").get_by_role("link").click()
    phone.wait_for_url(f"**/tickets/held/{second.pk}/")
    phone.get_by_role("button", name="不是我发的：丢弃").click()
    phone.wait_for_url("**/tickets/")

    expect(phone.locator(".flash-success")).to_contain_text("邮件已丢弃，没有创建工单。")
    expect(phone.get_by_test_id("held-notice")).to_have_count(0)
    assert Ticket.objects.count() == 1
    second.refresh_from_db()
    assert second.state == HeldMail.State.DECLINED
    assert js_errors(phone) == []

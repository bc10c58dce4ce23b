"""A phone user's rejected ticket says why and how to go on; the resubmission form brings back
what they wrote (the amount as they typed it), and the new ticket shows the earlier case with
its file. Chromium through Playwright, JavaScript on."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.attachments.models import Attachment
from walletdesk.testing.browser import ZH, Lang, js_errors, shoot, sign_in
from walletdesk.tickets import services
from walletdesk.tickets.models import Ticket
from walletdesk.tickets.tests.factories import TicketFactory, reason

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(params=[ZH], ids=["zh-hans"])
def lang(request: pytest.FixtureRequest) -> Lang:
    return request.param


def test_rejected_ticket_leads_to_a_resubmission_that_continues_the_case(
    live_server: LiveServer, phone, customer, agent, lang: Lang
):
    original = TicketFactory(
        requester=customer,
        subject="提现失败",
        network="tron",
        asset="usdt",
        tx_hash="",
        address="TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
        amount=Decimal("1250"),
    )
    Attachment.objects.create(
        ticket=original,
        uploader=customer,
        kind="pdf",
        display_name="statement.pdf",
        storage_key="attachments/aa/statement.pdf",
        size=1,
        sha256="0" * 64,
    )
    services.ticket_reject(
        ticket=original,
        agent=agent,
        reason=reason("incomplete_information"),
        message="请补充交易哈希",
    )
    sign_in(phone, live_server.url, customer)

    phone.goto(f"{live_server.url}/tickets/{original.reference}/")
    closure = phone.locator("#closure")
    expect(closure).to_contain_text("信息不完整")
    expect(closure).to_contain_text("请补充交易哈希")
    closure.get_by_role("link", name="补充信息并重新提交").click()

    expect(phone.locator("#id_amount")).to_have_value("1250")
    phone.locator("#id_tx_hash").fill("ab" * 32)
    phone.locator("form.stacked button[type=submit]").click()
    phone.wait_for_url("**/submitted/**", timeout=10_000)

    new = Ticket.objects.get(resubmission_of=original)
    phone.goto(f"{live_server.url}/tickets/{new.reference}/")
    earlier = phone.locator("#earlier")
    earlier.locator("summary").click()
    expect(earlier).to_contain_text(f"此前：{original.reference}")
    expect(earlier).to_contain_text("statement.pdf")
    shoot(phone, lang, "resubmission-earlier-thread")
    assert new.assignee == agent
    assert js_errors(phone) == []

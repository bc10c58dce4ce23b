"""An agent answers with a saved reply: picks it on its own page, finds it filled in for the
ticket in the user's language, edits nothing, sends it; the priority it sets is set, and the
user reads the answer on their phone. Both languages, JavaScript on."""

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.accounts.models import User
from walletdesk.macros.models import Macro
from walletdesk.testing.browser import Lang, js_errors, shoot, sign_in
from walletdesk.tickets.models import Priority, Status, Ticket
from walletdesk.tickets.tests.factories import TicketFactory

pytestmark = pytest.mark.browser


def test_agent_answers_with_a_saved_reply(
    live_server: LiveServer,
    new_context: Callable[..., BrowserContext],
    lang: Lang,
    customer: User,
    agent: User,
) -> None:
    customer.display_name = lang.t("小王", "Sam")
    customer.save()
    Macro.objects.create(
        title_zh="链上拥堵",
        title_en="Chain congested",
        body_zh="{{ name }}您好，{{ network }} 目前拥堵，工单 {{ reference }} 会在到账后处理。",
        body_en="Hi {{ name }}, {{ network }} is congested; we follow {{ reference }} up.",
        set_priority=Priority.HIGH,
    )
    ticket = TicketFactory(
        requester=customer,
        network="tron",
        status=Status.OPEN,
        assignee=agent,
        subject=lang.t("充值未到账", "Deposit missing"),
    )
    page = new_context(lang=lang).new_page()
    sign_in(page, live_server.url, agent)
    page.goto(f"{live_server.url}/console/tickets/{ticket.reference}/")

    page.get_by_role("link", name=lang.t("插入常用回复", "Insert a saved reply")).click()
    card = page.locator(".macro-list li").filter(has_text=lang.t("链上拥堵", "Chain congested"))
    expected = lang.t(
        f"小王您好，波场 TRON (TRC-20) 目前拥堵，工单 {ticket.reference} 会在到账后处理。",
        f"Hi Sam, TRON (TRC-20) is congested; we follow {ticket.reference} up.",
    )
    expect(card).to_contain_text(expected)
    shoot(page, lang, "console-saved-replies")
    card.get_by_role("link", name=lang.t("插入", "Insert")).click()

    box = page.locator("#id_reply_body")
    expect(box).to_have_value(expected)
    expect(page.locator(".macro-note")).to_contain_text(
        lang.t("发送后还会把优先级设为高。", "Sending it also sets the priority to High.")
    )
    page.get_by_role("button", name=lang.t("发送", "Send")).click()

    expect(page.locator(".flash-success")).to_contain_text(
        lang.t("回复已发送给用户。", "Reply sent to the user.")
    )
    stored = Ticket.objects.get(pk=ticket.pk)
    assert stored.priority == Priority.HIGH
    assert stored.messages.filter(body=expected).exists()
    assert Macro.objects.get().uses == 1
    assert js_errors(page) == []

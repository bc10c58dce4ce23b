"""An agent merges a user's second ticket into the first; the user, on their phone, finds one
conversation with everything they wrote, and the duplicate points there. Both languages,
JavaScript on."""

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.accounts.models import User
from walletdesk.testing.browser import Lang, js_errors, shoot, sign_in
from walletdesk.tickets.models import Status, Ticket
from walletdesk.tickets.tests.factories import MessageFactory, TicketFactory

pytestmark = pytest.mark.browser


def test_agent_merges_a_duplicate_and_the_user_sees_one_thread(
    live_server: LiveServer,
    new_context: Callable[..., BrowserContext],
    lang: Lang,
    customer: User,
    agent: User,
) -> None:
    first = TicketFactory(
        requester=customer, status=Status.OPEN, subject=lang.t("充值未到账", "Deposit missing")
    )
    second = TicketFactory(
        requester=customer,
        subject=lang.t("还是没有到账", "Still not there"),
        description=lang.t(
            "第二次提交，交易哈希在截图里", "Second try, the hash is in the picture"
        ),
    )
    MessageFactory(ticket=second, body=lang.t("补充：今天上午转的", "Sent this morning"))

    desk = new_context(lang=lang).new_page()
    sign_in(desk, live_server.url, agent)
    desk.goto(f"{live_server.url}/console/tickets/{second.reference}/")
    desk.on("dialog", lambda dialog: dialog.accept())
    merge = lang.t(f"将此工单合并到 {first.reference}", f"Merge this ticket into {first.reference}")
    desk.get_by_role("button", name=merge).click()

    expect(desk.locator(".flash-success")).to_contain_text(
        lang.t(f"已合并到 {first.reference}", f"Merged into {first.reference}")
    )
    assert Ticket.objects.get(pk=second.pk).merged_into_id == first.pk
    assert js_errors(desk) == []

    phone = new_context(lang=lang).new_page()
    sign_in(phone, live_server.url, customer)
    phone.goto(f"{live_server.url}/tickets/{second.reference}/")
    pointer = phone.locator("#merged")
    expect(pointer).to_contain_text(first.reference)
    pointer.get_by_role("link").click()
    expect(phone).to_have_url(f"{live_server.url}/tickets/{first.reference}/")
    thread = phone.locator("main")
    expect(thread).to_contain_text(lang.t("第二次提交，交易哈希在截图里", "Second try, the hash"))
    expect(thread).to_contain_text(lang.t("补充：今天上午转的", "Sent this morning"))
    shoot(phone, lang, "portal-merged-thread")
    assert js_errors(phone) == []

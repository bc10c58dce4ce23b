"""Two agents on one ticket see each other, the second sees the first typing, and the second's
reply, written while the first one's went out, is held once with the draft kept, then sent.
One agent on a desktop, the other on a phone; both languages, JavaScript on."""

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.accounts.tests.factories import AgentFactory
from walletdesk.testing.accessibility import expect_accessible
from walletdesk.testing.browser import DESKTOP, Lang, js_errors, shoot, sign_in
from walletdesk.tickets.models import Message, Status
from walletdesk.tickets.tests.factories import TeamFactory, TicketFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_two_agents_see_each_other_and_the_second_is_warned_before_sending(
    live_server: LiveServer,
    new_context: Callable[..., BrowserContext],
    lang: Lang,
    settings,  # type: ignore[no-untyped-def]
) -> None:
    settings.CONSOLE_PRESENCE_EVERY_MS = 700
    team = TeamFactory()
    first = AgentFactory(
        email=f"first-{lang.code}@walletdesk.example",
        display_name=lang.t("王芳", "Wang Fang"),
        language=lang.code,
        teams=[team],
    )
    second = AgentFactory(
        email=f"second-{lang.code}@walletdesk.example",
        display_name=lang.t("李雷", "Li Lei"),
        language=lang.code,
        teams=[team],
    )
    ticket = TicketFactory(team=team, status=Status.OPEN, subject=lang.t("提现未到账", "Stuck"))
    url = f"{live_server.url}/console/tickets/{ticket.reference}/"
    one = new_context(lang=lang, viewport=DESKTOP).new_page()
    two = new_context(lang=lang).new_page()
    sign_in(one, live_server.url, first)
    sign_in(two, live_server.url, second)

    one.goto(url)
    two.goto(url)

    presence_one = one.locator("#presence")
    presence_two = two.locator("#presence")
    expect(presence_one).to_contain_text(
        lang.t("李雷 正在查看此工单", "Li Lei is viewing this ticket")
    )
    expect(presence_two).to_contain_text(
        lang.t("王芳 正在查看此工单", "Wang Fang is viewing this ticket")
    )

    one.locator("#id_reply_body").fill(lang.t("我们正在核查。", "We are checking."))
    expect(presence_two).to_contain_text(lang.t("王芳 正在输入回复", "Wang Fang is typing a reply"))
    shoot(two, lang, "console-collision-typing")
    expect_accessible(two)

    two.locator("#id_reply_body").fill(lang.t("请提供交易哈希。", "Please send the hash."))
    one.get_by_role("button", name=lang.t("发送", "Send"), exact=True).click()
    expect(one.locator(".flash-success")).to_be_visible()
    # The second agent's page learns of the new message before they send.
    expect(two.locator("[data-unseen]")).to_be_visible()

    two.get_by_role("button", name=lang.t("发送", "Send"), exact=True).click()

    warning = two.locator(".form-error").first
    expect(warning).to_contain_text(
        lang.t("您编写期间有新消息到达", "a new message arrived while you were writing")
    )
    expect(two.locator("#id_reply_body")).to_have_value(
        lang.t("请提供交易哈希。", "Please send the hash.")
    )
    expect(two.locator(".thread")).to_contain_text(lang.t("我们正在核查。", "We are checking."))
    assert Message.objects.filter(ticket=ticket).count() == 1
    shoot(two, lang, "console-collision-held")

    two.get_by_role("button", name=lang.t("发送", "Send"), exact=True).click()

    expect(two.locator(".flash-success")).to_be_visible()
    assert Message.objects.filter(ticket=ticket).count() == 2
    assert js_errors(one) == [], js_errors(one)
    assert js_errors(two) == [], js_errors(two)

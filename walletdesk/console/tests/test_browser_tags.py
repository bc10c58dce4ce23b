"""An agent tags two tickets of a scam wave and filters the queue by the tag; removes it from
one; the history says who did what. Both languages, JavaScript on."""

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.accounts.models import User
from walletdesk.testing.browser import Lang, js_errors, shoot, sign_in
from walletdesk.tickets.models import Tag
from walletdesk.tickets.tests.factories import TicketFactory

pytestmark = pytest.mark.browser


def test_agent_tags_tickets_and_filters_the_queue(
    live_server: LiveServer,
    new_context: Callable[..., BrowserContext],
    lang: Lang,
    agent: User,
) -> None:
    Tag.objects.create(slug="scam-wave", name_zh="诈骗潮", name_en="Scam wave")
    tag = lang.t("诈骗潮", "Scam wave")
    first = TicketFactory(subject=lang.t("假客服骗走了币", "Fake support took my coins"))
    second = TicketFactory(subject=lang.t("收到钓鱼链接", "Got a phishing link"))
    other = TicketFactory(subject=lang.t("提现慢", "Slow withdrawal"))
    page = new_context(lang=lang).new_page()
    sign_in(page, live_server.url, agent)

    for ticket in (first, second):
        page.goto(f"{live_server.url}/console/tickets/{ticket.reference}/")
        tags = page.locator("#tags")
        tags.get_by_label(lang.t("添加标签", "Add a tag")).select_option(label=tag)
        tags.get_by_role("button", name=lang.t("添加", "Add the tag"), exact=True).click()
        expect(page.locator(".flash-success")).to_contain_text(
            lang.t(f"已添加标签：{tag}", f"Tag added: {tag}")
        )
        expect(page.locator("#tags .tag-list")).to_contain_text(tag)
    expect(page.locator(".history")).to_contain_text(lang.t(f"已添加：{tag}", f"Added: {tag}"))
    shoot(page, lang, "console-ticket-tags")

    page.goto(f"{live_server.url}/console/")
    page.locator("#id_tag").select_option(label=tag)
    page.get_by_role("button", name=lang.t("筛选", "Apply filters")).click()
    queue = page.locator("table.queue")
    expect(queue).to_contain_text(first.reference)
    expect(queue).to_contain_text(second.reference)
    expect(queue).not_to_contain_text(other.reference)

    page.goto(f"{live_server.url}/console/tickets/{second.reference}/")
    page.get_by_role("button", name=lang.t(f"移除标签 {tag}", f"Remove the tag {tag}")).click()
    expect(page.locator(".flash-success")).to_contain_text(
        lang.t(f"已移除标签：{tag}", f"Tag removed: {tag}")
    )
    expect(page.locator("#tags")).to_contain_text(lang.t("暂无标签。", "No tags."))
    assert js_errors(page) == []

"""Answers at hand: on a ticket, the agent opens the panel (with its key), finds the matching
Help Center article and a similar finished ticket, puts the article's link and the ticket's
reply as a quote into a reply that already has text, sends it, and reads it in the thread.
The panel then fits a phone's width. Both languages, JavaScript on."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import BrowserContext, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.accounts.models import User
from walletdesk.accounts.tests.factories import AgentFactory
from walletdesk.kb.tests.factories import ArticleFactory
from walletdesk.testing.accessibility import expect_accessible
from walletdesk.testing.browser import DESKTOP, PHONE, Lang, js_errors, shoot, sign_in
from walletdesk.tickets.models import Message, Status, Ticket
from walletdesk.tickets.tests.factories import MessageFactory, TicketFactory, category

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_agent_inserts_an_article_link_and_a_ticket_quote(
    live_server: LiveServer,
    new_context: Callable[..., BrowserContext],
    lang: Lang,
    customer: User,
    agent: User,
) -> None:
    article = ArticleFactory(
        slug="withdrawal-congested",
        category=category("withdrawal"),
        title_zh="波场拥堵时提现延迟",
        title_en="Withdrawals delayed while TRON is congested",
        body_zh="网络拥堵时提现会延迟到账。请用交易哈希在区块浏览器查询。",
        body_en="Withdrawals arrive late while the network is congested. Look the hash up.",
    )
    subject = lang.t("USDT 提现卡住没到账 波场拥堵", "USDT withdrawal stuck, TRON congested")
    description = lang.t(
        "波场网络提现 USDT 一直没到账，交易哈希已经有了。",
        "My USDT withdrawal on TRON has been stuck for hours; I have the transaction hash.",
    )
    earlier = TicketFactory(
        subject=subject,
        description=description,
        network="tron",
        status=Status.RESOLVED,
        resolved_at=timezone.now() - timedelta(days=2),
        last_agent_reply_at=timezone.now() - timedelta(days=2),
    )
    reply = lang.t("拥堵已结束，款项已到账。", "The congestion is over and the funds arrived.")
    MessageFactory(
        ticket=earlier, author=AgentFactory(), author_role=Message.AuthorRole.AGENT, body=reply
    )
    MessageFactory(
        ticket=earlier,
        author=AgentFactory(),
        author_role=Message.AuthorRole.AGENT,
        is_internal=True,
        body="internal 6620",
    )
    ticket = TicketFactory(
        requester=customer,
        subject=subject,
        description=description,
        network="tron",
        status=Status.OPEN,
        assignee=agent,
    )
    page = new_context(lang=lang, viewport=DESKTOP).new_page()
    sign_in(page, live_server.url, agent)
    page.goto(f"{live_server.url}/console/tickets/{ticket.reference}/")
    page.wait_for_load_state("load")  # the shortcuts' script runs once the page has loaded
    panel = page.locator("details#answers")
    expect(panel).not_to_have_attribute("open", "")

    page.keyboard.press("h")

    expect(panel).to_have_attribute("open", "")
    title = lang.t("波场拥堵时提现延迟", "Withdrawals delayed while TRON is congested")
    expect(panel.get_by_role("link", name=title)).to_be_visible()
    expect(panel.locator("blockquote.answer-reply")).to_have_text(reply)
    expect(panel).not_to_contain_text("internal 6620")
    expect(
        panel.get_by_role("heading", name=lang.t("相似的已完结工单", "Similar finished tickets"))
    )
    expect_accessible(page)
    shoot(page, lang, "console-answers")

    box = page.locator("#id_reply_body")
    typed = lang.t("您好，请看这篇文章：", "Hi, please read")
    box.click()
    box.type(typed)
    article_item = panel.locator(".answer-list li").filter(has_text=title)
    article_item.get_by_role("button", name=lang.t("插入链接", "Insert link")).click()
    url = f"{settings.SITE_URL}/help/articles/{article.slug}/"
    with_link = f"{typed}{'' if lang.is_zh else ' '}{title} {url} "
    expect(box).to_have_value(with_link)
    expect(box).to_be_focused()
    ticket_item = panel.locator(".answer-list li").filter(has_text=earlier.reference)
    ticket_item.get_by_role("button", name=lang.t("插入引用", "Insert quote")).click()
    expect(box).to_have_value(f"{with_link}\n\n> {reply}\n\n")
    expect(box).to_be_focused()
    expect(panel.locator("[data-answers-said]")).to_have_text(
        lang.t("已插入回复框。", "Inserted into the reply.")
    )

    page.get_by_role("button", name=lang.t("发送", "Send")).click()

    expect(page.locator(".flash-success")).to_contain_text(
        lang.t("回复已发送给用户。", "Reply sent to the user.")
    )
    sent = page.locator("ol.thread li.from-agent").last
    expect(sent).to_contain_text(typed)
    expect(sent.get_by_role("link", name=url)).to_have_attribute("href", url)
    expect(sent).to_contain_text(f"> {reply}")
    stored = Ticket.objects.get(pk=ticket.pk).messages.get(author=agent)
    # The browser sends the box's line breaks as CRLF; the text is stored as sent.
    assert stored.body.replace("\r\n", "\n") == f"{with_link}\n\n> {reply}"
    assert not stored.is_internal

    # A phone's width: the panel (opened by tapping its summary) fits without scrolling sideways.
    page.set_viewport_size(PHONE)
    page.locator("details#answers > summary").click()
    expect(panel).to_have_attribute("open", "")
    expect(
        panel.get_by_role("button", name=lang.t("插入引用", "Insert quote")).last
    ).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, overflow
    shoot(page, lang, "console-answers-phone")
    assert js_errors(page) == [], js_errors(page)

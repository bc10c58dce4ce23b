"""An answer reaches its asker in a browser, in Chinese and English: A asks, B answers, A's
bell counts it, the notification list names it, and following it opens the topic at B's
answer."""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.accounts.models import User
from walletdesk.accounts.tests.factories import UserFactory
from walletdesk.community.models import Post
from walletdesk.notifications.models import Channel, Kind, Notification
from walletdesk.testing.browser import PHONE, Lang, js_errors, shoot, sign_in

pytestmark = pytest.mark.browser


def _ask(page: Page, url: str, lang: Lang, title: str, body: str) -> str:
    """Post a question from the ask page; the topic's address, without its anchor."""
    page.goto(f"{url}/community/ask/")
    page.select_option("#id_category", "deposit")
    page.fill("#id_title", title)
    page.fill("#id_body", body)
    page.get_by_role("button", name=lang.t("发布问题", "Post the question")).click()
    expect(page.locator("h1")).to_have_text(title)
    return page.url.split("#")[0]


def test_the_asker_follows_the_notification_of_an_answer_to_the_topic(
    live_server: LiveServer, phone: Page, new_context, lang: Lang, customer: User
) -> None:
    customer.display_name = "小明"
    customer.save(update_fields=["display_name"])
    answerer = UserFactory(
        email=f"answerer-{lang.code}@example.com", display_name="小红", language=lang.code
    )
    title = lang.t("充值没有到账", "Deposit has not arrived")
    answer = lang.t("请确认充值用的是 TRC20 网络。", "Check that you sent it on TRC20.")

    sign_in(phone, live_server.url, customer)
    body = lang.t("USDT 充值一小时了还没到", "USDT deposit, an hour now")
    topic_url = _ask(phone, live_server.url, lang, title, body)
    expect(phone.locator("[data-bell] [data-bell-count]")).to_have_count(0)

    other = new_context(lang=lang, viewport=PHONE).new_page()
    sign_in(other, live_server.url, answerer)
    other.goto(topic_url)
    other.fill("#id_body", answer)
    other.get_by_role("button", name=lang.t("发布回答", "Post the answer")).click()
    expect(other.get_by_text(answer)).to_be_visible()

    phone.goto(f"{live_server.url}/community/")
    expect(phone.locator("[data-bell] [data-bell-count]")).to_have_text("1")
    phone.locator("[data-bell]").click()
    item = phone.locator(".notification-list li").first
    expect(item).to_contain_text(
        lang.t("有人回答了您的问题 · 社区", "Someone answered your question · Community")
    )
    shoot(phone, lang, "forum-answer-notification")
    item.get_by_role("button").click()

    post = Post.objects.get()
    expect(phone).to_have_url(f"{topic_url}#post-{post.pk}")
    expect(phone.locator("h1")).to_have_text(title)
    expect(phone.get_by_text(answer)).to_be_visible()
    expect(phone.locator("[data-bell] [data-bell-count]")).to_have_count(0)
    note = Notification.objects.get(recipient=customer, channel=Channel.INAPP)
    assert note.kind == Kind.FORUM_ANSWER
    assert note.read_at is not None
    # The asker is also told by e-mail, which reading the answer in the app does not take back.
    assert Notification.objects.filter(
        recipient=customer, kind=Kind.FORUM_ANSWER, channel=Channel.EMAIL
    ).exists()
    assert not Notification.objects.filter(recipient=answerer).exists()
    assert js_errors(phone) == []
    assert js_errors(other) == []


def test_the_asker_follows_the_notification_of_a_reply_under_an_answer_to_the_reply(
    live_server: LiveServer, phone: Page, new_context, lang: Lang, customer: User
) -> None:
    answerer = UserFactory(
        email=f"replier-{lang.code}@example.com", display_name="小红", language=lang.code
    )
    title = lang.t("提现一直在处理中", "Withdrawal stuck in processing")
    reply = lang.t(
        "补充：交易所那边也要等 20 个确认。", "Also: the exchange waits for 20 confirmations."
    )

    sign_in(phone, live_server.url, customer)
    body = lang.t("提现两个小时了还没到", "Two hours and still nothing")
    topic_url = _ask(phone, live_server.url, lang, title, body)

    other = new_context(lang=lang, viewport=PHONE).new_page()
    sign_in(other, live_server.url, answerer)
    other.goto(topic_url)
    other.fill(
        "#id_body", lang.t("请先看区块浏览器上的状态。", "Check its status on the explorer first.")
    )
    other.get_by_role("button", name=lang.t("发布回答", "Post the answer")).click()
    answer = Post.objects.get()
    other.locator(f"#post-{answer.pk} summary").click()
    other.fill(f"#reply-{answer.pk}", reply)
    other.get_by_role("button", name=lang.t("发布回复", "Post the reply")).click()
    expect(other.get_by_text(reply)).to_be_visible()

    # One for the answer, one for the reply under it.
    phone.goto(f"{live_server.url}/community/")
    expect(phone.locator("[data-bell] [data-bell-count]")).to_have_text("2")
    phone.locator("[data-bell]").click()
    item = phone.locator(".notification-list li").first
    expect(item).to_contain_text(
        lang.t("有人在您的问题中回复 · 社区", "Someone replied in your question · Community")
    )
    shoot(phone, lang, "forum-topic-reply-notification")
    item.get_by_role("button").click()

    posted = Post.objects.get(parent=answer)
    expect(phone).to_have_url(f"{topic_url}#post-{posted.pk}")
    expect(phone.get_by_text(reply)).to_be_visible()
    expect(phone.locator("[data-bell] [data-bell-count]")).to_have_text("1")
    note = Notification.objects.get(
        recipient=customer, kind=Kind.FORUM_TOPIC_REPLY, channel=Channel.INAPP
    )
    assert note.read_at is not None
    # The answerer wrote both posts and hears of neither.
    assert not Notification.objects.filter(recipient=answerer).exists()
    assert js_errors(phone) == []
    assert js_errors(other) == []

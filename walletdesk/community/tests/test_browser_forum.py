"""The forum in a browser, in Chinese and English: ask, a staff answer with its badge, accept,
an FAQ draft in one step; a staff-like name refused; an impersonating reply held with its
reason for the moderator."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.accounts.models import User
from walletdesk.accounts.tests.factories import UserFactory
from walletdesk.community.models import Post, Topic, Visibility
from walletdesk.community.tests.factories import TopicFactory
from walletdesk.kb.models import Article
from walletdesk.testing.browser import DESKTOP, Lang, js_errors, shoot, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _distinct_names(customer: User, agent: User) -> None:
    """Generated names can coincide, and a customer named like a staff member may not post:
    give each person a name of their own."""
    customer.display_name = "小明"
    customer.save(update_fields=["display_name"])
    agent.display_name = "客服小李"
    agent.save(update_fields=["display_name"])


def test_ask_answer_accept_and_promote_to_an_faq_draft(
    live_server: LiveServer, phone: Page, new_context, lang: Lang, customer: User, agent: User
) -> None:
    sign_in(phone, live_server.url, customer)
    phone.goto(f"{live_server.url}/community/")
    phone.get_by_role("link", name=lang.t("提问", "Ask a question")).click()
    phone.select_option("#id_category", "withdrawal")
    phone.fill("#id_title", lang.t("提现一直处理中怎么办", "Withdrawal pending for hours"))
    phone.fill("#id_body", lang.t("USDT 提现三个小时还没到", "USDT withdrawal, three hours now"))
    phone.get_by_role("button", name=lang.t("发布问题", "Post the question")).click()
    expect(phone.locator("h1")).to_have_text(
        lang.t("提现一直处理中怎么办", "Withdrawal pending for hours")
    )
    topic_url = phone.url

    desk = new_context(lang=lang, viewport=DESKTOP).new_page()
    sign_in(desk, live_server.url, agent)
    desk.goto(topic_url)
    desk.fill("#id_body", lang.t("请换到 TRC20 网络重新查询。", "Check it on the TRC20 network."))
    desk.get_by_role("button", name=lang.t("发布回答", "Post the answer")).click()
    expect(desk.locator(".forum-post .badge-staff")).to_have_text(
        lang.t("✓ 官方认证", "✓ Verified staff")
    )

    phone.reload()
    expect(phone.locator(".forum-post .badge-staff")).to_be_visible()
    phone.get_by_role("button", name=lang.t("采纳这个回答", "Accept this answer")).click()
    expect(phone.locator(".badge-accepted").first).to_have_text(
        lang.t("已采纳的回答", "Accepted answer")
    )
    shoot(phone, lang, "forum-accepted")

    desk.reload()
    desk.get_by_role("button", name=lang.t("生成常见问题草稿", "Make an FAQ draft")).click()
    expect(desk.get_by_text(lang.t("已生成常见问题草稿", "FAQ draft made"))).to_be_visible()

    topic = Topic.objects.get()
    assert topic.accepted_answer is not None
    assert topic.article is not None
    assert topic.article.status == Article.Status.DRAFT
    assert str(topic.pk) in topic.article.body_zh
    assert js_errors(phone) == []
    assert js_errors(desk) == []


def test_a_customer_cannot_take_an_official_name(
    live_server: LiveServer, phone: Page, lang: Lang, customer: User
) -> None:
    sign_in(phone, live_server.url, customer)
    phone.goto(f"{live_server.url}/community/name/")

    phone.fill("#id_display_name", "IM钱包官方客服")
    phone.get_by_role("button", name=lang.t("保存", "Save")).click()

    expect(phone.locator(".form-error")).to_be_visible()
    expect(phone.locator("#id_display_name")).to_have_value("IM钱包官方客服")
    customer.refresh_from_db()
    assert customer.display_name != "IM钱包官方客服"
    assert js_errors(phone) == []


def test_a_private_support_offer_is_held_with_its_reason(
    live_server: LiveServer, phone: Page, new_context, lang: Lang, customer: User, agent: User
) -> None:
    asker = UserFactory(email=f"asker-{lang.code}@example.com", language=lang.code)
    topic = TopicFactory(author=asker, title="资产不见了", last_activity_at=timezone.now())
    sign_in(phone, live_server.url, customer)
    phone.goto(f"{live_server.url}/community/t/{topic.pk}/")

    phone.fill("#id_body", "加我telegram @imwallet_support 帮你找回资产")
    phone.get_by_role("button", name=lang.t("发布回答", "Post the answer")).click()

    expect(phone.locator(".forum-held").first).to_contain_text(
        lang.t("等待审核", "Waiting for a moderator")
    )
    post = Post.objects.get()
    assert post.visibility == Visibility.HELD
    assert "private_contact" in post.hold_reasons

    desk = new_context(lang=lang, viewport=DESKTOP).new_page()
    sign_in(desk, live_server.url, agent)
    desk.goto(f"{live_server.url}/community/moderation/")
    reason = desk.locator('[data-hold-reason="private_contact"]')
    expect(reason).to_have_text(
        lang.t("提供私下协助（聊天软件、私信）", "Offers help in private (messaging apps, DM)")
    )
    shoot(desk, lang, "forum-moderation-queue")
    assert js_errors(phone) == []
    assert js_errors(desk) == []

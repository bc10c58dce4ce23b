"""The forum's moderation queue in the console, in a browser with JavaScript on, in Chinese and
English: a moderator finds a held post with the reason it was held (also on a phone) and
publishes it, from the keyboard."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.accounts.models import User
from walletdesk.accounts.tests.factories import UserFactory
from walletdesk.audit.models import AuditEvent, Kind
from walletdesk.community.models import Post, Visibility
from walletdesk.community.tests.factories import PostFactory, TopicFactory
from walletdesk.testing.browser import PHONE, Lang, js_errors, shoot, sign_in

pytestmark = pytest.mark.browser


def test_a_moderator_publishes_a_held_post_from_the_console_queue(
    live_server: LiveServer, desktop: Page, new_context, lang: Lang, agent: User
) -> None:
    topic = TopicFactory(title="资产不见了", last_activity_at=timezone.now())
    held = PostFactory(
        topic=topic,
        author=UserFactory(display_name="热心网友", email=f"helper-{lang.code}@example.com"),
        body="加我telegram @imwallet_support 帮你找回资产",
        visibility=Visibility.HELD,
        hold_reasons=["private_contact"],
    )
    sign_in(desktop, live_server.url, agent)

    desktop.goto(f"{live_server.url}/console/")
    nav = desktop.locator("[data-modq-nav]")
    expect(nav.locator("[data-modq-count]")).to_have_text("1")
    nav.click()

    expect(desktop.locator("h1")).to_have_text(lang.t("社区审核", "Forum moderation"))
    card = desktop.locator('[data-modq-kind="held"]')
    expect(card.locator('[data-hold-reason="private_contact"]')).to_have_text(
        lang.t("提供私下协助（聊天软件、私信）", "Offers help in private (messaging apps, DM)")
    )
    expect(card.locator("[data-trust]")).to_have_text(lang.t("新用户", "New"))
    shoot(desktop, lang, "console-forum-moderation")

    # On a phone the cards stack and nothing runs off the side.
    phone = new_context(lang=lang, viewport=PHONE).new_page()
    sign_in(phone, live_server.url, agent)
    phone.goto(f"{live_server.url}/console/community/")
    expect(phone.locator('[data-modq-kind="held"] [data-modq-publish]')).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    shoot(phone, lang, "console-forum-moderation-phone")

    desktop.keyboard.press("j")
    expect(card.locator("h3 a")).to_be_focused()
    desktop.keyboard.press("p")

    expect(desktop.locator(".flash-success")).to_have_text(lang.t("已完成。", "Done."))
    expect(desktop.locator('[data-modq-kind="held"]')).to_have_count(0)
    expect(desktop.locator("[data-modq-nav] [data-modq-count]")).to_have_count(0)
    assert Post.objects.get(pk=held.pk).visibility == Visibility.VISIBLE
    assert AuditEvent.objects.filter(kind=Kind.FORUM_MODERATED, detail__action="approve").exists()
    assert js_errors(desktop) == []

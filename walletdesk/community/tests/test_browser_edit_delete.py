"""Editing and deleting one's own forum posts in a browser, in Chinese and English, on a phone:
an edit saved, an edit refused by the secret guard (the text kept without the secret, the field
marked), an edit held by the impersonation guard, and a delete that leaves "deleted by its
author" in place of an accepted answer, with the keyboard and without JavaScript."""

from collections.abc import Iterator

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.accounts.models import User
from walletdesk.accounts.tests.factories import UserFactory
from walletdesk.community.models import Post, Topic, Visibility
from walletdesk.community.tests.factories import PostFactory, TopicFactory
from walletdesk.testing.browser import PHONE, Lang, js_errors, shoot, sign_in

pytestmark = pytest.mark.browser

PHRASE = (
    "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"
)


@pytest.fixture(autouse=True)
def _names(customer: User) -> None:
    customer.display_name = "小红"
    customer.save(update_fields=["display_name"])


@pytest.fixture
def answered(lang: Lang, customer: User) -> Post:
    """A question by someone else, and the customer's answer to it."""
    asker = UserFactory(email=f"asker-{lang.code}@example.com", language=lang.code)
    topic = TopicFactory(author=asker, title="资产不见了", last_activity_at=timezone.now())
    post: Post = PostFactory(topic=topic, author=customer, body="换成 TRC20 网络再查一次")
    Topic.objects.filter(pk=topic.pk).update(answer_count=1)
    return post


def _edit_link(page: Page, lang: Lang, post: Post):
    return page.locator(f"#post-{post.pk}").get_by_role("link", name=lang.t("编辑", "Edit"))


def test_an_answer_is_edited_with_the_keyboard(
    live_server: LiveServer, phone: Page, lang: Lang, customer: User, answered: Post
) -> None:
    sign_in(phone, live_server.url, customer)
    phone.goto(f"{live_server.url}/community/t/{answered.topic_id}/")

    _edit_link(phone, lang, answered).focus()
    phone.keyboard.press("Enter")
    expect(phone.locator("h1")).to_have_text(lang.t("编辑您的回答", "Edit your answer"))
    expect(phone.locator("#id_body")).to_have_value("换成 TRC20 网络再查一次")
    phone.locator("#id_body").fill(lang.t("换成 TRC20 网络后到账了", "It arrived on TRC20"))
    phone.keyboard.press("Tab")  # past the field to the save button
    while phone.evaluate("document.activeElement.type") != "submit":
        phone.keyboard.press("Tab")
    phone.keyboard.press("Enter")

    post = phone.locator(f"#post-{answered.pk}")
    expect(post.locator(".forum-body")).to_have_text(
        lang.t("换成 TRC20 网络后到账了", "It arrived on TRC20")
    )
    expect(post.locator(".forum-edited")).to_have_text(lang.t("已编辑", "edited"))
    expect(phone.get_by_text(lang.t("修改已保存。", "Your changes were saved."))).to_be_visible()
    shoot(phone, lang, "forum-edited")
    answered.refresh_from_db()
    assert answered.edited_at is not None
    assert answered.visibility == Visibility.VISIBLE
    assert js_errors(phone) == []


def test_an_edit_with_a_recovery_phrase_is_refused_and_the_rest_kept(
    live_server: LiveServer, phone: Page, lang: Lang, customer: User, answered: Post
) -> None:
    sign_in(phone, live_server.url, customer)
    phone.goto(f"{live_server.url}/community/t/{answered.topic_id}/p/{answered.pk}/edit/")

    phone.locator("#id_body").fill(f"{lang.t('我的助记词', 'my phrase is')} {PHRASE} ok?")
    phone.get_by_role("button", name=lang.t("保存修改", "Save the changes")).click()

    expect(phone.locator(".form-error").first).to_contain_text(lang.t("助记词", "recovery phrase"))
    field = phone.locator("#id_body")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(phone.locator(".field .errorlist")).to_contain_text(
        lang.t("此处包含助记词或私钥", "This field held a recovery phrase or private key")
    )
    expect(field).not_to_have_value(PHRASE)
    assert "abandon about" not in field.input_value()
    assert lang.t("我的助记词", "my phrase is") in field.input_value()
    assert "ok?" in field.input_value()
    shoot(phone, lang, "forum-edit-refused")
    answered.refresh_from_db()
    assert answered.body == "换成 TRC20 网络再查一次"
    assert answered.edited_at is None
    assert js_errors(phone) == []


def test_an_edit_offering_private_help_is_held_for_a_moderator(
    live_server: LiveServer, phone: Page, lang: Lang, customer: User, answered: Post
) -> None:
    sign_in(phone, live_server.url, customer)
    phone.goto(f"{live_server.url}/community/t/{answered.topic_id}/p/{answered.pk}/edit/")

    phone.locator("#id_body").fill("加我telegram @imwallet_support 帮你找回资产")
    phone.get_by_role("button", name=lang.t("保存修改", "Save the changes")).click()

    expect(
        phone.get_by_text(
            lang.t(
                "您的修改需经版主审核后，其他人才能看到。",
                "Your edit waits for a moderator before others see it.",
            )
        )
    ).to_be_visible()
    expect(phone.locator(f"#post-{answered.pk} .forum-held")).to_contain_text(
        lang.t("等待审核", "Waiting for a moderator")
    )
    answered.refresh_from_db()
    assert answered.visibility == Visibility.HELD
    assert "private_contact" in answered.hold_reasons
    assert js_errors(phone) == []


@pytest.fixture
def no_script_phone(browser: Browser, lang: Lang) -> Iterator[Page]:
    context = browser.new_context(
        locale=lang.locale,
        viewport=PHONE,
        java_script_enabled=False,
        extra_http_headers={"Accept-Language": f"{lang.locale},{lang.code};q=0.9"},
    )
    yield context.new_page()
    context.close()


def test_an_accepted_answer_deleted_without_javascript_reads_deleted_by_its_author(
    live_server: LiveServer, no_script_phone: Page, lang: Lang, customer: User, answered: Post
) -> None:
    Topic.objects.filter(pk=answered.topic_id).update(accepted_answer=answered)
    page = no_script_phone
    sign_in(page, live_server.url, customer)
    page.goto(f"{live_server.url}/community/t/{answered.topic_id}/")

    page.locator(f"#post-{answered.pk}").get_by_role("link", name=lang.t("删除", "Delete")).click()
    expect(page.locator("h1")).to_have_text(lang.t("删除您的回答？", "Delete your answer?"))
    page.get_by_role("button", name=lang.t("删除", "Delete")).click()

    post = page.locator(f"#post-{answered.pk}")
    expect(post.locator(".forum-deleted")).to_have_text(
        lang.t("已被作者删除", "Deleted by its author")
    )
    expect(post.locator(".badge-accepted")).to_be_visible()
    expect(page.get_by_text("换成 TRC20 网络再查一次")).to_have_count(0)
    shoot(page, lang, "forum-deleted")
    answered.refresh_from_db()
    assert answered.is_deleted

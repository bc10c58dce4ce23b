"""Notification settings in a browser, in Chinese and English, on a phone and by keyboard: an
asker turns off the e-mail for answers to their questions, the page says so and shows the
switch off, and the next answer reaches them in the app alone."""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.accounts.models import User
from walletdesk.accounts.tests.factories import UserFactory
from walletdesk.community import services as community_services
from walletdesk.community.tests.factories import TopicFactory
from walletdesk.notifications.models import Channel, Kind, Notification
from walletdesk.testing.browser import Lang, js_errors, shoot, sign_in

pytestmark = pytest.mark.browser


def test_the_asker_turns_off_the_mail_of_answers_and_hears_in_the_app_alone(
    live_server: LiveServer, phone: Page, lang: Lang, customer: User
) -> None:
    sign_in(phone, live_server.url, customer)
    phone.goto(f"{live_server.url}/notifications/settings/")
    by_mail = phone.locator('input[name="forum_answer:email"]')
    in_app = phone.locator('input[name="forum_answer:inapp"]')
    expect(by_mail).to_be_checked()
    expect(in_app).to_be_checked()
    # Forum answers never go out by push: the wallet app's push speaks of tickets.
    expect(phone.locator('input[name="forum_answer:webhook"]')).to_have_count(0)

    by_mail.focus()
    phone.keyboard.press("Space")
    phone.get_by_role("button", name=lang.t("保存", "Save")).click()

    expect(phone.locator(".flash")).to_have_text(
        lang.t("通知设置已保存。", "Your notification settings are saved.")
    )
    expect(by_mail).not_to_be_checked()
    expect(in_app).to_be_checked()
    shoot(phone, lang, "notification-settings-forum-mail-off")

    answerer = UserFactory(email=f"answerer-{lang.code}@example.com", language=lang.code)
    community_services.post_add(
        topic=TopicFactory(author=customer), author=answerer, body="换成 TRC20 网络试试"
    )

    told = Notification.objects.filter(recipient=customer, kind=Kind.FORUM_ANSWER)
    assert list(told.values_list("channel", flat=True)) == [Channel.INAPP]
    assert js_errors(phone) == []

"""A user sets their anti-phishing code on the profile page on a phone, in Chinese: an
overlong one is refused on its field with what they typed kept; a short one is saved, shown
on the page, and opens the next mail we send them. Chromium through Playwright."""

import pytest
from django.core import mail as outbox
from playwright.sync_api import expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.accounts.services import user_password_reset_mail_send
from walletdesk.testing.browser import ZH, Lang, js_errors, shoot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(params=[ZH], ids=["zh-hans"])
def lang(request: pytest.FixtureRequest) -> Lang:
    return request.param


def test_the_user_sets_a_code_and_our_mail_shows_it(
    live_server: LiveServer, phone, customer, lang: Lang
):
    sign_in(phone, live_server.url, customer)
    phone.goto(f"{live_server.url}/accounts/profile/")
    help_card = phone.get_by_test_id("anti-phishing-help")
    expect(help_card).to_contain_text("您的防钓鱼码：（未设置）")

    field = phone.get_by_role("textbox", name="防钓鱼码")
    too_long = "我的防钓鱼码是一句非常非常非常非常长的话不能超过限制"
    field.fill(too_long)
    phone.locator("form.stacked button[type=submit]").click()
    phone.wait_for_load_state()
    expect(phone.locator(".field.has-error")).to_contain_text("最多 24 个字符")
    expect(phone.get_by_role("textbox", name="防钓鱼码")).to_have_value(too_long)
    shoot(phone, lang, "anti-phishing-code-too-long")

    phone.get_by_role("textbox", name="防钓鱼码").fill("蓝色海豚 42")
    phone.locator("form.stacked button[type=submit]").click()
    phone.wait_for_load_state()
    expect(phone.get_by_test_id("anti-phishing-help")).to_contain_text("您的防钓鱼码：蓝色海豚 42")
    expect(phone.get_by_role("textbox", name="防钓鱼码")).to_have_value("蓝色海豚 42")
    shoot(phone, lang, "anti-phishing-code-saved")

    user_password_reset_mail_send(email=customer.email)
    (message,) = outbox.outbox
    assert message.body.startswith("您的防钓鱼码：蓝色海豚 42\n\n")
    assert js_errors(phone) == []

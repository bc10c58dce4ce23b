"""The user's data rights in a browser on a phone, in both languages: ask for a copy from the
profile, follow the e-mailed link, download the ZIP, find the link used afterwards; erase
the account (a wrong password first), be signed out and find the sign-in closed."""

import contextlib
import json
import zipfile
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.accounts.models import User
from walletdesk.privacy.models import DataExport
from walletdesk.privacy.services import data_export_build
from walletdesk.testing.accessibility import expect_accessible
from walletdesk.testing.browser import PASSWORD, Lang, js_errors, shoot, sign_in
from walletdesk.tickets.tests.factories import TicketFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _files(attachment_folder):
    return attachment_folder


def test_the_user_downloads_a_copy_of_their_data(
    live_server: LiveServer, phone, customer, lang: Lang, tmp_path
):
    TicketFactory(requester=customer, subject=lang.t("提现一直显示处理中", "Withdrawal stuck"))
    sign_in(phone, live_server.url, customer)

    phone.goto(f"{live_server.url}/accounts/profile/")
    card = phone.get_by_test_id("your-data")
    card.get_by_role("button", name=lang.t("下载我的数据", "Download my data")).click()
    phone.wait_for_url("**/my-data/")
    expect(phone.locator(".flash-success")).to_contain_text(
        lang.t("稍后会通过电子邮件发送下载链接", "e-mail you a download link shortly")
    )
    expect(phone.locator(".export-state")).to_contain_text(lang.t("正在准备中", "being prepared"))
    shoot(phone, lang, "data-export-asked")

    # What the worker does once the request committed.
    assert data_export_build(export_id=DataExport.objects.get(user=customer).pk)
    (message,) = mail.outbox
    assert message.to == [customer.email]
    link = next(w for w in message.body.split() if "/my-data/download/" in w)
    url = f"{live_server.url}{urlsplit(link).path}"

    # Chromium ends the navigation when the download starts.
    with phone.expect_download() as started, contextlib.suppress(PlaywrightError):
        phone.goto(url)
    saved = tmp_path / "data.zip"
    started.value.save_as(saved)
    with zipfile.ZipFile(saved) as archive:
        tickets = json.loads(archive.read("tickets.json"))
        readme = archive.read("README.txt").decode()
    assert tickets[0]["subject"] == lang.t("提现一直显示处理中", "Withdrawal stuck")
    assert lang.t("文件内容", "What this file holds") in readme

    phone.goto(url)
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        lang.t("无法下载", "Download not available")
    )
    expect(phone.locator(".form-error")).to_contain_text(
        lang.t("此下载链接已被使用", "This download link was already used")
    )
    expect_accessible(phone)
    shoot(phone, lang, "data-export-link-used")
    # The used link answers 410 Gone on purpose; Chromium logs that status as an error.
    assert [e for e in js_errors(phone) if "status of 410" not in e] == []


def test_the_user_erases_their_account(live_server: LiveServer, phone, customer, lang: Lang):
    TicketFactory(requester=customer, subject="0x52908400098527886E0F7030069857D2E4169EE7")
    sign_in(phone, live_server.url, customer)
    phone.goto(f"{live_server.url}/accounts/profile/")
    phone.get_by_test_id("your-data").get_by_role(
        "link", name=lang.t("您的数据与删除账户", "Your data and erasing your account")
    ).click()
    phone.wait_for_url("**/my-data/")
    form = phone.get_by_test_id("data-erase")

    form.get_by_label(lang.t("密码", "Password")).fill("not my password")
    form.get_by_role("checkbox").check()
    form.get_by_role("button", name=lang.t("删除我的账户", "Erase my account")).click()
    phone.wait_for_load_state()

    field = form.locator(".field.has-error")
    expect(field).to_have_count(1)
    expect(field).to_contain_text(lang.t("密码不正确", "The password is not correct"))
    expect(form.get_by_role("checkbox")).to_be_checked()  # what the person did stays
    expect_accessible(phone)
    shoot(phone, lang, "data-erase-wrong-password")
    assert User.objects.get(pk=customer.pk).is_active

    form.get_by_label(lang.t("密码", "Password")).fill(PASSWORD)
    form.get_by_role("button", name=lang.t("删除我的账户", "Erase my account")).click()
    phone.wait_for_url("**/my-data/erased/")
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        lang.t("您的账户已删除", "Your account was erased")
    )
    expect_accessible(phone)
    shoot(phone, lang, "data-erased")

    # Signed out: the profile asks to sign in, and signing in again is refused.
    phone.goto(f"{live_server.url}/accounts/profile/")
    assert "/accounts/login/" in phone.url
    phone.locator("input[name=username], input[name=email]").first.fill(customer.email)
    phone.locator("input[name=password]").fill(PASSWORD)
    phone.locator("form:has(input[name=password]) button[type=submit]").first.click()
    phone.wait_for_load_state()
    assert "/accounts/login/" in phone.url
    expect(phone.locator(".form-error")).to_be_visible()
    erased = User.objects.get(pk=customer.pk)
    assert not erased.is_active
    assert erased.email != customer.email
    assert [m.to for m in mail.outbox] == [[customer.email]]
    assert js_errors(phone) == []

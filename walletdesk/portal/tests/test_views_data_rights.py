"""The data rights pages: ask for an export from the profile, the e-mailed link, erasure."""

import io
import zipfile
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from walletdesk.accounts.models import User
from walletdesk.accounts.tests.factories import second_factor_enrol
from walletdesk.privacy import services
from walletdesk.privacy.models import DataExport
from walletdesk.testing.second_factor import totp_code
from walletdesk.tickets.tests.factories import TicketFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def _files(attachment_folder):
    return attachment_folder


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _link_path(message) -> str:
    link = next(w for w in message.body.split() if "/my-data/download/" in w)
    return urlsplit(link).path


@pytest.fixture
def alice_link(alice, django_capture_on_commit_callbacks) -> str:
    TicketFactory(requester=alice, subject="提现一直显示处理中")
    export = services.data_export_request(user=alice)
    services.data_export_build(export_id=export.pk)
    return _link_path(mail.outbox[-1])


def test_the_profile_offers_the_download_and_the_data_page(alice):
    response = _client(alice).get(reverse("accounts:profile"))

    html = response.content.decode()
    assert reverse("portal:data-export") in html
    assert "下载我的数据" in html
    assert reverse("portal:data") in html


def test_asking_for_an_export_queues_one_and_says_so(alice):
    client = _client(alice)

    response = client.post(reverse("portal:data-export"), follow=True)

    assert response.redirect_chain[-1][0] == reverse("portal:data")
    assert "稍后会通过电子邮件发送下载链接" in response.content.decode()
    assert DataExport.objects.get(user=alice).state == DataExport.State.PENDING


def test_asking_twice_is_refused_on_the_page(alice):
    client = _client(alice)
    client.post(reverse("portal:data-export"))

    response = client.post(reverse("portal:data-export"))

    assert response.status_code == 409
    assert "正在准备中" in response.content.decode()
    assert DataExport.objects.filter(user=alice).count() == 1


def test_the_link_downloads_the_zip_once(alice, alice_link):
    client = _client(alice)

    response = client.get(alice_link)
    again = client.get(alice_link)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert "tickets.json" in archive.namelist()
    assert again.status_code == 410
    assert "已被使用" in again.content.decode()


def test_bob_cannot_use_alices_link(bob, alice_link):
    response = _client(bob).get(alice_link)

    assert response.status_code == 403
    assert "belongs to another account" in response.content.decode()  # bob reads English
    assert DataExport.objects.get().state == DataExport.State.READY


def test_a_signed_out_visitor_is_sent_to_sign_in_first(alice_link):
    response = Client().get(alice_link)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_tampered_link_is_refused_clearly(alice):
    url = reverse("portal:data-download", kwargs={"token": "not-a-token"})

    response = _client(alice).get(url)

    assert response.status_code == 404
    assert "此下载链接无效" in response.content.decode()


def test_a_wrong_password_marks_the_field_and_erases_nothing(alice):
    client = _client(alice)

    response = client.post(reverse("portal:data-erase"), {"password": "not it", "confirm": "on"})

    assert response.status_code == 400
    html = response.content.decode()
    assert "密码不正确" in html
    assert 'class="field has-error"' in html
    assert "checked" in html  # the confirmation the person ticked stays ticked
    alice.refresh_from_db()
    assert alice.is_active


def test_the_confirmation_box_is_required(alice):
    response = _client(alice).post(reverse("portal:data-erase"), {"password": PASSWORD})

    assert response.status_code == 400
    assert "请勾选以确认" in response.content.decode()
    alice.refresh_from_db()
    assert alice.is_active


def test_erasure_signs_out_and_the_account_cannot_sign_in(alice):
    client = _client(alice)
    alice_id = alice.pk

    response = client.post(
        reverse("portal:data-erase"), {"password": PASSWORD, "confirm": "on"}, follow=True
    )

    assert response.redirect_chain[-1][0] == reverse("portal:data-erased")
    assert "您的账户已删除" in response.content.decode()
    assert client.get(reverse("portal:list")).status_code == 302  # signed out
    assert not Client().login(username="alice@example.com", password=PASSWORD)
    assert not User.objects.get(pk=alice_id).is_active


def test_with_two_step_verification_the_code_is_asked(alice):
    second_factor_enrol(alice)
    client = _client(alice)

    page = client.get(reverse("portal:data"))
    missing = client.post(reverse("portal:data-erase"), {"password": PASSWORD, "confirm": "on"})
    done = client.post(
        reverse("portal:data-erase"),
        {"password": PASSWORD, "code": totp_code(alice), "confirm": "on"},
    )

    assert 'name="code"' in page.content.decode()
    assert missing.status_code == 400
    assert "请输入身份验证器应用中的验证码" in missing.content.decode()
    assert done.status_code == 302
    alice.refresh_from_db()
    assert not alice.is_active


def test_staff_are_refused_clearly(carol):
    client = _client(carol)

    page = client.get(reverse("portal:data"))
    response = client.post(reverse("portal:data-erase"), {"password": PASSWORD, "confirm": "on"})

    assert "员工账户不能在个人资料中删除" in page.content.decode()
    assert 'action="/my-data/erase/"' not in page.content.decode()
    assert response.status_code == 403
    carol.refresh_from_db()
    assert carol.is_active


def test_erasure_ends_the_accounts_other_sessions(alice):
    phone = _client(alice)
    laptop = _client(alice)
    assert laptop.get(reverse("portal:list")).status_code == 200

    phone.post(reverse("portal:data-erase"), {"password": PASSWORD, "confirm": "on"})

    response = laptop.get(reverse("portal:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))

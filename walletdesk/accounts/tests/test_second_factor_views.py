"""The second factor on the account pages: the sign-in's second step, set-up with its QR code
and one-time recovery codes, managing it, and staff sent to set it up before the console, the
admin site or the API opens."""

import re
import time

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from walletdesk.accounts import services, totp
from walletdesk.accounts.models import RecoveryCode, TotpDevice, User
from walletdesk.accounts.tests.factories import AdminFactory, AgentFactory, second_factor_enrol
from walletdesk.accounts.views import SECOND_STEP_KEY
from walletdesk.testing.second_factor import totp_code

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"
LOGIN = reverse("accounts:login")
VERIFY = reverse("accounts:login-verify")
SETUP = reverse("accounts:two-factor-setup")
CODES = reverse("accounts:two-factor-codes")
MANAGE = reverse("accounts:two-factor")
CONSOLE = reverse("console:queue")


def _password(client: Client, user: User, next_url: str = "") -> object:
    data = {"email": user.email, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(LOGIN, data)


def _signed_in(client: Client) -> bool:
    return SESSION_KEY in client.session


def _codes_of(html: str) -> list[str]:
    return re.findall(r"<li>([2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4})</li>", html)


# --- signing in ------------------------------------------------------------------------------


def test_the_password_alone_does_not_sign_in_an_account_with_a_second_factor(client, carol):
    response = _password(client, carol, next_url=CONSOLE)

    assert response.status_code == 302
    assert response["Location"] == VERIFY
    assert not _signed_in(client)
    assert client.get(CONSOLE).status_code == 302  # to the sign-in page
    page = client.get(VERIFY)
    assert page.status_code == 200
    assert 'autocomplete="one-time-code"' in page.content.decode()


def test_the_app_code_completes_the_sign_in_and_goes_on(client, carol):
    _password(client, carol, next_url=CONSOLE)

    response = client.post(VERIFY, {"code": totp_code(carol)})

    assert response.status_code == 302
    assert response["Location"] == CONSOLE
    assert _signed_in(client)
    assert SECOND_STEP_KEY not in client.session
    assert client.get(CONSOLE).status_code == 200


def test_a_wrong_code_is_refused_in_the_readers_language_and_nothing_is_signed_in(client, bob):
    second_factor_enrol(bob)  # bob reads English
    _password(client, bob)

    response = client.post(VERIFY, {"code": "000000"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert "This code is not correct" in response.content.decode()
    assert not _signed_in(client)


def test_a_wrong_code_in_chinese(client, carol):
    _password(client, carol)

    response = client.post(VERIFY, {"code": "000000"})

    assert response.status_code == 400
    assert "验证码不正确" in response.content.decode()


def test_five_wrong_codes_lock_the_second_step_with_a_clear_message(client, carol):
    _password(client, carol)
    for _ in range(5):
        client.post(VERIFY, {"code": "000000"})

    locked = client.post(VERIFY, {"code": "000000"})
    right = client.post(VERIFY, {"code": totp_code(carol)})

    assert locked.status_code == 429
    assert "错误的验证码次数过多" in locked.content.decode()
    assert right.status_code == 429
    assert not _signed_in(client)


def test_a_recovery_code_signs_in_once(client, alice, django_capture_on_commit_callbacks):
    secret = totp.secret_new()
    code = totp.code_for(secret, totp.counter_now())
    with django_capture_on_commit_callbacks(execute=True):
        codes = services.second_factor_enable(user=alice, secret=secret, code=code, ip="1")
    _password(client, alice)

    first = client.post(VERIFY, {"code": codes[0]}, follow=True)
    client.post(reverse("accounts:logout"))
    _password(client, alice)
    again = client.post(VERIFY, {"code": codes[0]})

    assert _signed_in(client) is False
    assert "剩余未用恢复码：9 个" in first.content.decode()
    assert again.status_code == 400
    assert "已被使用" in again.content.decode()


def test_a_half_done_sign_in_expires(client, carol):
    _password(client, carol)
    session = client.session
    pending = session[SECOND_STEP_KEY]
    pending["until"] = int(time.time()) - 1
    session[SECOND_STEP_KEY] = pending
    session.save()

    response = client.post(VERIFY, {"code": totp_code(carol)}, follow=True)

    assert response.redirect_chain[-1][0] == LOGIN
    assert "本次登录用时过长" in response.content.decode()
    assert not _signed_in(client)


def test_the_second_step_without_a_password_first_goes_to_sign_in(client, db):
    response = client.get(VERIFY)

    assert response.status_code == 302
    assert response["Location"] == LOGIN
    assert "本次登录用时过长" not in client.get(LOGIN).content.decode()  # nothing had expired


def test_a_password_changed_meanwhile_voids_the_half_done_sign_in(client, carol):
    _password(client, carol)
    carol.set_password("another long passphrase")
    carol.save()

    response = client.post(VERIFY, {"code": totp_code(carol)})

    assert response["Location"] == LOGIN
    assert not _signed_in(client)


# --- staff must have one ---------------------------------------------------------------------


def test_staff_without_a_second_factor_are_sent_to_set_it_up(client):
    newcomer = AgentFactory(second_factor=False)

    signed_in = _password(client, newcomer, next_url=CONSOLE)
    console = client.get(CONSOLE)
    api = client.get("/api/v1/agent/queue")

    assert signed_in["Location"] == f"{SETUP}?next=%2Fconsole%2F"
    assert console.status_code == 302
    assert console["Location"] == f"{SETUP}?next=%2Fconsole%2F"
    assert api.status_code == 403
    assert api.json()["code"] == "second_factor_setup_required"
    assert client.get(SETUP).status_code == 200  # the set-up page itself opens
    assert client.post(reverse("accounts:logout")).status_code == 302


def test_an_administrator_without_one_cannot_open_the_admin(client):
    admin = AdminFactory(second_factor=False)
    client.force_login(admin)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response["Location"].startswith(SETUP)


def test_staff_set_it_up_see_the_codes_once_and_the_console_opens(client):
    newcomer = AgentFactory(second_factor=False, language="en")
    client.force_login(newcomer)

    page = client.get(f"{SETUP}?next=/console/").content.decode()
    secret = client.session["accounts:enrolment_secret"]
    wrong = client.post(SETUP, {"code": "000000", "next": "/console/"})
    right = client.post(
        SETUP, {"code": totp.code_for(secret, totp.counter_now()), "next": "/console/"}
    )
    shown = client.get(CODES).content.decode()
    reload = client.get(CODES)

    # The QR code carries the very key shown as text, for this account.
    uri = totp.provisioning_uri(secret=secret, account=newcomer.email)
    assert totp.qr_svg(uri) in page
    assert totp.secret_grouped(secret) in page
    assert wrong.status_code == 400
    assert "This code is not correct" in wrong.content.decode()
    assert right["Location"] == CODES
    codes = _codes_of(shown)
    assert len(codes) == 10
    assert 'href="/console/"' in shown
    assert reload["Location"] == MANAGE  # shown once
    newcomer.refresh_from_db()
    assert newcomer.has_second_factor
    assert TotpDevice.objects.get(user=newcomer).secret == secret
    assert RecoveryCode.objects.filter(user=newcomer).count() == 10
    assert client.get(CONSOLE).status_code == 200  # this session stays signed in


def test_turning_it_on_ends_the_other_sessions(client):
    newcomer = AgentFactory(second_factor=False)
    other = Client()
    other.force_login(newcomer)
    client.force_login(newcomer)
    client.get(SETUP)
    secret = client.session["accounts:enrolment_secret"]

    client.post(SETUP, {"code": totp.code_for(secret, totp.counter_now())})

    assert client.get(CONSOLE).status_code == 200
    response = other.get(CONSOLE)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_the_admin_sign_in_page_points_to_the_one_with_the_second_factor(client, db):
    page = client.get("/admin/login/?next=/admin/")
    posted = client.post("/admin/login/", {"username": "x", "password": "y"})

    assert page.status_code == 200
    assert f'href="{LOGIN}?next=/admin/"' in page.content.decode()
    assert posted.status_code == 405


# --- customers: optional, from the profile ----------------------------------------------------


def test_the_profile_invites_a_customer_to_set_it_up(client, alice):
    client.force_login(alice)

    off = client.get(reverse("accounts:profile")).content.decode()
    second_factor_enrol(alice)
    client.force_login(alice)  # turning it on ended the session
    on = client.get(reverse("accounts:profile")).content.decode()

    assert "建议开启" in off
    assert f'href="{SETUP}"' in off
    assert "建议开启" not in on
    assert f'href="{MANAGE}"' in on


def test_customers_may_use_the_console_rules_untouched(client, alice):
    client.force_login(alice)

    assert client.get(CONSOLE).status_code == 404  # never sent to set-up: not staff


def test_a_customer_makes_new_recovery_codes_with_a_code(client, alice):
    second_factor_enrol(alice)
    client.force_login(alice)

    wrong = client.post(reverse("accounts:two-factor-codes-regenerate"), {"codes-code": "1"})
    right = client.post(
        reverse("accounts:two-factor-codes-regenerate"), {"codes-code": totp_code(alice)}
    )

    assert wrong.status_code == 400
    assert right["Location"] == CODES
    assert len(_codes_of(client.get(CODES).content.decode())) == 10


def test_a_customer_turns_it_off_with_password_and_code(client, alice):
    second_factor_enrol(alice)
    client.force_login(alice)
    url = reverse("accounts:two-factor-disable")

    wrong = client.post(url, {"off-password": "nope", "off-code": totp_code(alice)})
    right = client.post(url, {"off-password": PASSWORD, "off-code": totp_code(alice)})

    assert wrong.status_code == 400
    assert "密码不正确" in wrong.content.decode()
    assert right["Location"] == MANAGE
    alice.refresh_from_db()
    assert not alice.has_second_factor
    assert _signed_in(client)  # this session stays


def test_staff_are_not_offered_to_turn_it_off(client, carol):
    client.force_login(carol)

    page = client.get(MANAGE).content.decode()
    refused = client.post(
        reverse("accounts:two-factor-disable"),
        {"off-password": PASSWORD, "off-code": totp_code(carol)},
    )

    assert reverse("accounts:two-factor-disable") not in page
    assert refused.status_code == 409
    carol.refresh_from_db()
    assert carol.has_second_factor

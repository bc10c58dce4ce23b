"""Device tokens and wallet sign-in for accounts with two-step verification: no token without
the second factor, one with it; a wallet is possession of the wallet, not a second factor."""

from datetime import UTC, datetime

import pytest
from django.core import mail
from eth_account import Account

from walletdesk.accounts.tests.factories import AgentFactory, second_factor_enrol
from walletdesk.api.tests.helpers import sign, siwe_text
from walletdesk.devices.models import DeviceToken
from walletdesk.siwe.models import WalletAddress, WalletSignup
from walletdesk.testing.second_factor import totp_code

pytestmark = pytest.mark.django_db
TOKEN_URL = "/api/v1/auth/token"
NONCE_URL = "/api/v1/auth/siwe/nonce"
VERIFY_URL = "/api/v1/auth/siwe/verify"
CONFIRM_URL = "/api/v1/auth/siwe/confirm"
PASSWORD = "correct horse battery"


def _token(client, email: str, **extra: str):
    body = {"email": email, "password": PASSWORD, **extra}
    return client.post(TOKEN_URL, body, content_type="application/json")


def test_no_token_without_the_second_factor(client, alice) -> None:
    second_factor_enrol(alice)

    response = _token(client, alice.email)

    assert response.status_code == 403
    assert response.json()["code"] == "second_factor_required"
    assert "验证码" in response.json()["message"]
    assert not DeviceToken.objects.exists()


def test_a_token_with_the_second_factor(client, alice) -> None:
    second_factor_enrol(alice)

    response = _token(client, alice.email, otp=totp_code(alice), device_name="Pixel")

    assert response.status_code == 201
    assert DeviceToken.objects.get().user == alice
    me = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {response.json()['token']}")
    assert me.status_code == 200


def test_a_wrong_or_reused_code_gives_no_token(client, carol) -> None:
    code = totp_code(carol)
    first = _token(client, carol.email, otp=code)

    wrong = _token(client, carol.email, otp="000000")
    reused = _token(client, carol.email, otp=code)

    assert first.status_code == 201
    assert wrong.status_code == 400
    assert wrong.json()["code"] == "second_factor_invalid"
    assert reused.json()["code"] == "second_factor_invalid"
    assert DeviceToken.objects.count() == 1


def test_repeated_wrong_codes_lock_with_retry_after(client, carol) -> None:
    wrong = [_token(client, carol.email, otp="000000").status_code for _ in range(6)]

    locked = _token(client, carol.email, otp=totp_code(carol))

    assert wrong == [400] * 5 + [429]  # five wrong codes are told; the sixth locks
    assert locked.status_code == 429
    assert locked.json()["code"] == "rate_limited"
    assert int(locked["Retry-After"]) > 0
    assert not DeviceToken.objects.exists()


def test_the_wrong_password_is_told_before_the_second_factor(client, carol) -> None:
    response = client.post(
        TOKEN_URL, {"email": carol.email, "password": "nope"}, content_type="application/json"
    )

    assert response.json()["code"] == "invalid_credentials"


def test_staff_without_a_second_factor_get_no_token(client) -> None:
    newcomer = AgentFactory(second_factor=False)

    response = _token(client, newcomer.email)

    assert response.status_code == 403
    assert response.json()["code"] == "second_factor_setup_required"
    assert not DeviceToken.objects.exists()


def test_a_customer_without_one_is_not_asked(client, alice) -> None:
    assert _token(client, alice.email).status_code == 201


def _siwe(client, account, **extra: str):
    text = siwe_text(account.address, client.post(NONCE_URL).json()["nonce"])
    body = {"message": text, "signature": sign(account, text), **extra}
    return client.post(VERIFY_URL, body, content_type="application/json")


def test_a_wallet_is_not_a_second_factor(client, alice) -> None:
    second_factor_enrol(alice)
    account = Account.create()
    WalletAddress.objects.create(
        user=alice, address=account.address, chain_id=1, verified_at=datetime.now(UTC)
    )

    without = _siwe(client, account)
    wrong = _siwe(client, account, otp="000000")
    right = _siwe(client, account, otp=totp_code(alice))

    assert without.status_code == 403
    assert without.json()["code"] == "second_factor_required"
    assert wrong.json()["code"] == "second_factor_invalid"
    assert right.status_code == 201
    assert DeviceToken.objects.get().user == alice


def test_a_wallet_sign_up_onto_an_account_with_a_second_factor_needs_it(
    client, alice, django_capture_on_commit_callbacks
) -> None:
    second_factor_enrol(alice)
    account = Account.create()
    with django_capture_on_commit_callbacks(execute=True):
        pending = _siwe(client, account, email=alice.email, language="en")
    code = mail.outbox[0].body.split(": ")[1].split()[0]
    body = {"signup_id": pending.json()["signup_id"], "code": code}

    without = client.post(CONFIRM_URL, body, content_type="application/json")
    with_otp = client.post(
        CONFIRM_URL, {**body, "otp": totp_code(alice)}, content_type="application/json"
    )

    assert without.status_code == 403
    assert without.json()["code"] == "second_factor_required"
    assert with_otp.status_code == 201
    assert WalletAddress.objects.get(address=account.address).user == alice
    assert WalletSignup.objects.get().confirmed_at is not None


def test_a_staff_token_waits_for_the_second_factor_to_be_set_up(carol) -> None:
    from walletdesk.accounts.services import second_factor_reset
    from walletdesk.api.tests.helpers import token_client

    client = token_client(carol)
    before = client.get("/api/v1/agent/queue")
    second_factor_reset(user=carol)

    after = client.get("/api/v1/agent/queue")

    assert before.status_code == 200
    assert after.status_code == 401
    assert after.json()["code"] == "second_factor_setup_required"

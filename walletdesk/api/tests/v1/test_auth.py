from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from eth_account import Account

from walletdesk.accounts.models import User
from walletdesk.api.tests.helpers import sign, siwe_text, token_client
from walletdesk.devices.models import DeviceToken
from walletdesk.devices.selectors import token_hash
from walletdesk.siwe.models import SiweNonce, WalletAddress, WalletSignup

pytestmark = pytest.mark.django_db
TOKEN_URL = "/api/v1/auth/token"
NONCE_URL = "/api/v1/auth/siwe/nonce"
VERIFY_URL = "/api/v1/auth/siwe/verify"
CONFIRM_URL = "/api/v1/auth/siwe/confirm"


def _nonce(client) -> str:
    return client.post(NONCE_URL).json()["nonce"]


# --- device tokens ---------------------------------------------------------------------------


def test_sign_in_issues_a_token_stored_only_as_its_hash(client, alice) -> None:
    response = client.post(
        TOKEN_URL,
        {
            "email": "alice@example.com",
            "password": "correct horse battery",
            "device_name": "iPhone",
        },
        content_type="application/json",
    )

    assert response.status_code == 201
    secret = response.json()["token"]
    stored = DeviceToken.objects.get(user=alice)
    assert stored.key_hash == token_hash(secret)
    assert secret not in str(DeviceToken.objects.values_list())
    me = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert me.status_code == 200
    assert me.json()["email"] == "alice@example.com"
    # Times carry their offset.
    assert response.json()["expires_at"][-6:] in ("+08:00", "+00:00")


def test_wrong_password_is_refused_without_a_token(client, alice) -> None:
    response = client.post(
        TOKEN_URL,
        {"email": "alice@example.com", "password": "nope"},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_credentials"
    assert not DeviceToken.objects.exists()


def test_sign_in_is_throttled_with_retry_after(client, alice) -> None:
    statuses = [
        client.post(
            TOKEN_URL,
            {"email": "x@example.com", "password": "nope"},
            content_type="application/json",
        ).status_code
        for _ in range(25)
    ]

    assert statuses[-1] == 429
    refused = client.post(
        TOKEN_URL, {"email": "x@example.com", "password": "nope"}, content_type="application/json"
    )
    assert refused.json()["code"] == "rate_limited"
    assert int(refused["Retry-After"]) > 0


def test_user_lists_and_revokes_own_tokens_only(alice, bob) -> None:
    alice_client = token_client(alice)
    bob_client = token_client(bob)
    bob_token = DeviceToken.objects.get(user=bob)

    listed = alice_client.get("/api/v1/auth/tokens").json()
    foreign = alice_client.delete(f"/api/v1/auth/tokens/{bob_token.pk}")
    own = alice_client.delete(f"/api/v1/auth/tokens/{listed[0]['id']}")

    assert [t["device_name"] for t in listed] == ["test phone"]
    assert listed[0]["current"] is True
    assert foreign.status_code == 404
    bob_token.refresh_from_db()
    assert bob_token.revoked_at is None
    assert own.status_code == 204
    assert alice_client.get("/api/v1/me").status_code == 401
    assert bob_client.get("/api/v1/me").status_code == 200


def test_expired_token_is_refused(alice) -> None:
    client = token_client(alice)
    DeviceToken.objects.filter(user=alice).update(
        expires_at=datetime.now(UTC) - timedelta(seconds=1)
    )

    response = client.get("/api/v1/me")

    assert response.status_code == 401
    assert response.json()["code"] == "token_invalid"
    assert response["WWW-Authenticate"].startswith("Bearer")


# --- Sign-In with Ethereum -------------------------------------------------------------------


def test_linked_address_signs_in_with_a_real_signature(client, alice) -> None:
    account = Account.create()
    WalletAddress.objects.create(
        user=alice, address=account.address, chain_id=1, verified_at=datetime.now(UTC)
    )
    text = siwe_text(account.address, _nonce(client))

    response = client.post(
        VERIFY_URL,
        {"message": text, "signature": sign(account, text)},
        content_type="application/json",
    )

    assert response.status_code == 201
    assert DeviceToken.objects.get().user == alice
    assert SiweNonce.objects.get().used_at is not None


def test_reused_nonce_is_refused(client, alice) -> None:
    account = Account.create()
    WalletAddress.objects.create(
        user=alice, address=account.address, chain_id=1, verified_at=datetime.now(UTC)
    )
    text = siwe_text(account.address, _nonce(client))
    body = {"message": text, "signature": sign(account, text)}
    client.post(VERIFY_URL, body, content_type="application/json")

    again = client.post(VERIFY_URL, body, content_type="application/json")

    assert again.status_code == 400
    assert again.json()["code"] == "siwe_nonce_invalid"
    assert DeviceToken.objects.count() == 1


def test_unknown_nonce_is_refused(client, alice) -> None:
    account = Account.create()
    text = siwe_text(account.address, "abcdef0123456789")

    response = client.post(
        VERIFY_URL,
        {"message": text, "signature": sign(account, text)},
        content_type="application/json",
    )

    assert response.json()["code"] == "siwe_nonce_invalid"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"domain": "evil.example"}, "siwe_domain_mismatch"),
        ({"uri": "https://evil.example"}, "siwe_uri_mismatch"),
        ({"chain_id": 999999}, "siwe_chain_not_supported"),
        ({"expires_at": datetime.now(UTC) - timedelta(minutes=1)}, "siwe_message_expired"),
        ({"issued_at": datetime.now(UTC) - timedelta(hours=2)}, "siwe_message_expired"),
        ({"issued_at": datetime.now(UTC) + timedelta(hours=2)}, "siwe_not_yet_valid"),
    ],
)
def test_message_for_another_site_or_time_is_refused(client, changes, code) -> None:
    account = Account.create()
    nonce = _nonce(client)
    text = siwe_text(account.address, nonce, **changes)

    response = client.post(
        VERIFY_URL,
        {"message": text, "signature": sign(account, text)},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json()["code"] == code
    # The nonce is still usable: only a fully valid message consumes it.
    assert SiweNonce.objects.get(nonce=nonce).used_at is None
    assert not DeviceToken.objects.exists()


def test_signature_by_another_key_is_refused(client) -> None:
    account, other = Account.create(), Account.create()
    text = siwe_text(account.address, _nonce(client))

    response = client.post(
        VERIFY_URL,
        {"message": text, "signature": sign(other, text)},
        content_type="application/json",
    )

    assert response.json()["code"] == "siwe_signature_invalid"


def test_garbage_message_is_a_clear_400(client) -> None:
    response = client.post(
        VERIFY_URL,
        {"message": "hello", "signature": "0x" + "ab" * 65},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json()["code"] == "siwe_message_invalid"


def test_unknown_address_creates_an_account_only_after_the_email_code(
    client, django_capture_on_commit_callbacks
) -> None:
    account = Account.create()
    text = siwe_text(account.address, _nonce(client))

    with django_capture_on_commit_callbacks(execute=True):
        pending = client.post(
            VERIFY_URL,
            {
                "message": text,
                "signature": sign(account, text),
                "email": "new@example.com",
                "language": "en",
            },
            content_type="application/json",
        )

    assert pending.status_code == 202
    assert not User.objects.filter(email="new@example.com").exists()
    assert len(mail.outbox) == 1
    code = mail.outbox[0].body.split(": ")[1].split()[0]
    signup_id = pending.json()["signup_id"]
    wrong = client.post(
        CONFIRM_URL, {"signup_id": signup_id, "code": "WRONGCODE"}, content_type="application/json"
    )
    assert wrong.json()["code"] == "code_invalid"
    assert WalletSignup.objects.get().attempts == 1

    confirmed = client.post(
        CONFIRM_URL, {"signup_id": signup_id, "code": code}, content_type="application/json"
    )

    assert confirmed.status_code == 201
    user = User.objects.get(email="new@example.com")
    assert user.is_verified
    assert WalletAddress.objects.get(address=account.address).user == user
    assert DeviceToken.objects.get().user == user


def test_unknown_address_without_email_is_asked_for_one(client) -> None:
    account = Account.create()
    text = siwe_text(account.address, _nonce(client))

    response = client.post(
        VERIFY_URL,
        {"message": text, "signature": sign(account, text)},
        content_type="application/json",
    )

    assert response.json()["code"] == "email_required"
    assert not WalletSignup.objects.exists()


def test_signed_in_user_links_an_address_and_bob_cannot_see_it(alice, bob) -> None:
    alice_client = token_client(alice)
    account = Account.create()
    text = siwe_text(account.address, alice_client.post(NONCE_URL).json()["nonce"])

    linked = alice_client.post(
        VERIFY_URL, {"message": text, "signature": sign(account, text)}, format="json"
    )
    address_id = linked.json()["id"]

    assert linked.status_code == 200
    assert WalletAddress.objects.get().user == alice
    bob_client = token_client(bob)
    assert bob_client.get("/api/v1/me/addresses").json() == []
    assert bob_client.delete(f"/api/v1/me/addresses/{address_id}").status_code == 404
    assert WalletAddress.objects.filter(pk=address_id).exists()
    assert alice_client.get("/api/v1/me/addresses").json()[0]["address"] == account.address


# --- staff never use a wallet ----------------------------------------------------------------


def test_agent_cannot_link_an_address(carol) -> None:
    User.objects.filter(pk=carol.pk).update(language="en")  # a signed-in user reads their own
    carol_client = token_client(carol)
    account = Account.create()
    text = siwe_text(account.address, carol_client.post(NONCE_URL).json()["nonce"])

    response = carol_client.post(
        VERIFY_URL, {"message": text, "signature": sign(account, text)}, format="json"
    )

    assert response.status_code == 403
    assert response.json()["code"] == "staff_account"
    assert "wallet" in response.json()["message"]
    assert not WalletAddress.objects.exists()


@pytest.mark.parametrize("staff", ["carol", "dave"])
def test_address_linked_to_staff_gives_no_token(client, staff, request) -> None:
    # An address linked before staff were refused: signing with it opens no staff door.
    user = request.getfixturevalue(staff)
    account = Account.create()
    WalletAddress.objects.create(
        user=user, address=account.address, chain_id=1, verified_at=datetime.now(UTC)
    )
    text = siwe_text(account.address, _nonce(client))

    response = client.post(
        VERIFY_URL,
        {"message": text, "signature": sign(account, text)},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )

    assert response.status_code == 403
    assert response.json()["code"] == "staff_account"
    assert "钱包" in response.json()["message"]
    assert not DeviceToken.objects.exists()
    assert client.get("/api/v1/agent/queue").status_code in (401, 403)

"""DeviceTokenAuthentication: who a Bearer header signs in, and what it refuses."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from walletdesk.accounts.models import User
from walletdesk.devices.authentication import DeviceTokenAuthentication
from walletdesk.devices.models import DeviceToken
from walletdesk.devices.services import device_token_issue, device_token_revoke
from walletdesk.devices.tests.factories import DeviceTokenFactory


def authenticate(authorization: str | bytes | None):
    headers = {} if authorization is None else {"HTTP_AUTHORIZATION": authorization}
    request = Request(APIRequestFactory().get("/api/v1/tickets", **headers))
    return DeviceTokenAuthentication().authenticate(request)


def refusal(authorization: str | bytes) -> str:
    with pytest.raises(AuthenticationFailed) as caught:
        authenticate(authorization)
    return caught.value.get_codes()


def test_valid_token_signs_its_user_in_and_is_stamped(alice: User) -> None:
    issued = device_token_issue(user=alice, name="iPhone")

    user, token = authenticate(f"Bearer {issued.secret}")

    assert user == alice
    assert token == issued.token
    assert DeviceToken.objects.get(pk=issued.token.pk).last_used_at is not None


@pytest.mark.parametrize("keyword", ["bearer", "BEARER"])
def test_keyword_is_case_insensitive(alice: User, keyword: str) -> None:
    issued = device_token_issue(user=alice)

    user, _ = authenticate(f"{keyword} {issued.secret}")

    assert user == alice


@pytest.mark.parametrize("authorization", [None, "", "Basic YWxpY2U6cGFzc3dvcmQ=", "Token abc"])
def test_other_schemes_are_left_to_other_authenticators(db, authorization) -> None:
    assert authenticate(authorization) is None


@pytest.mark.parametrize(
    "authorization",
    [
        "Bearer",
        "Bearer wdt_a wdt_b",
        "Bearer wdt_unknown",
        "Bearer " + "wdt_" + "x" * 500,
        "Bearer wdt_abcé".encode(),
    ],
    ids=["no-token", "two-tokens", "unknown", "long", "not-ascii"],
)
def test_malformed_or_unknown_token_is_refused(db, authorization) -> None:
    assert refusal(authorization) == "token_invalid"


def test_revoked_token_is_refused(alice: User) -> None:
    issued = device_token_issue(user=alice)
    device_token_revoke(token=issued.token)

    assert refusal(f"Bearer {issued.secret}") == "token_invalid"


def test_expired_token_is_refused(alice: User, settings) -> None:
    settings.API_DEVICE_TOKEN_LIFETIME_FOR = 3600
    issued = device_token_issue(user=alice)

    with time_machine.travel(timezone.now() + timedelta(hours=1, seconds=1)):
        assert refusal(f"Bearer {issued.secret}") == "token_invalid"

    assert DeviceToken.objects.get(pk=issued.token.pk).last_used_at is None


def test_token_of_a_deactivated_user_is_refused(alice: User) -> None:
    issued = device_token_issue(user=alice)
    User.objects.filter(pk=alice.pk).update(is_active=False)

    assert refusal(f"Bearer {issued.secret}") == "token_invalid"


def test_the_stored_hash_does_not_sign_in(alice: User) -> None:
    token = DeviceTokenFactory(user=alice)

    assert refusal(f"Bearer {token.key_hash}") == "token_invalid"


def test_recent_use_is_not_written_again(alice: User, django_assert_num_queries) -> None:
    issued = device_token_issue(user=alice)
    authenticate(f"Bearer {issued.secret}")

    with django_assert_num_queries(1):  # the look-up only
        authenticate(f"Bearer {issued.secret}")


def test_challenge_asks_for_a_bearer_token(db) -> None:
    request = Request(APIRequestFactory().get("/api/v1/tickets"))

    assert DeviceTokenAuthentication().authenticate_header(request) == 'Bearer realm="api"'

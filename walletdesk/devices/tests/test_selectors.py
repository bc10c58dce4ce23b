"""Which device tokens a user sees, and which token a presented secret is."""

import hashlib
from datetime import timedelta

from django.utils import timezone

from walletdesk.accounts.models import User
from walletdesk.devices.selectors import (
    device_token_find,
    device_token_get_for_user,
    device_token_list_for_user,
    token_hash,
)
from walletdesk.devices.tests.factories import DeviceTokenFactory


def _ago(**delta: float):
    return timezone.now() - timedelta(**delta)


def test_token_hash_is_sha256_hex() -> None:
    assert token_hash("wdt_abc") == hashlib.sha256(b"wdt_abc").hexdigest()


# --- device_token_list_for_user / device_token_get_for_user ----------------------------------


def test_user_lists_only_their_own_usable_tokens_newest_first(
    alice: User, bob: User, django_assert_num_queries
) -> None:
    older = DeviceTokenFactory(user=alice, name="old phone")
    newer = DeviceTokenFactory(user=alice, name="new phone")
    DeviceTokenFactory(user=alice, name="revoked", revoked_at=_ago(minutes=1))
    DeviceTokenFactory(user=alice, name="expired", expires_at=_ago(seconds=1))
    DeviceTokenFactory(user=bob, name="bob's phone")

    with django_assert_num_queries(1):
        listed = list(device_token_list_for_user(user=alice))

    assert listed == [newer, older]


def test_user_gets_their_own_token(alice: User) -> None:
    token = DeviceTokenFactory(user=alice)

    assert device_token_get_for_user(user=alice, token_id=str(token.pk)) == token


def test_bob_cannot_get_alices_token(alice: User, bob: User) -> None:
    alices = DeviceTokenFactory(user=alice)

    assert device_token_get_for_user(user=bob, token_id=str(alices.pk)) is None


def test_a_revoked_or_expired_token_is_not_found_for_its_user(alice: User) -> None:
    revoked = DeviceTokenFactory(user=alice, revoked_at=_ago(minutes=1))
    expired = DeviceTokenFactory(user=alice, expires_at=_ago(seconds=1))

    assert device_token_get_for_user(user=alice, token_id=str(revoked.pk)) is None
    assert device_token_get_for_user(user=alice, token_id=str(expired.pk)) is None


# --- device_token_find ------------------------------------------------------------------------


def test_secret_finds_its_token_and_user_in_one_query(
    alice: User, django_assert_num_queries
) -> None:
    token = DeviceTokenFactory(user=alice, secret="wdt_right-secret")

    with django_assert_num_queries(1):
        found = device_token_find(raw="wdt_right-secret")
        assert found.user == alice

    assert found == token


def test_unknown_secret_finds_nothing(alice: User) -> None:
    DeviceTokenFactory(user=alice, secret="wdt_right-secret")

    assert device_token_find(raw="wdt_wrong-secret") is None
    assert device_token_find(raw="wdt_right-secre") is None
    assert device_token_find(raw="") is None


def test_the_stored_hash_is_no_secret(alice: User) -> None:
    token = DeviceTokenFactory(user=alice, secret="wdt_right-secret")

    assert device_token_find(raw=token.key_hash) is None
    assert device_token_find(raw=token.prefix) is None


def test_revoked_token_is_not_found(alice: User) -> None:
    DeviceTokenFactory(user=alice, secret="wdt_right-secret", revoked_at=_ago(minutes=1))

    assert device_token_find(raw="wdt_right-secret") is None


def test_expired_token_is_not_found(alice: User) -> None:
    DeviceTokenFactory(user=alice, secret="wdt_right-secret", expires_at=_ago(seconds=1))

    assert device_token_find(raw="wdt_right-secret") is None


def test_token_of_a_deactivated_user_is_not_found(alice: User) -> None:
    DeviceTokenFactory(user=alice, secret="wdt_right-secret")
    User.objects.filter(pk=alice.pk).update(is_active=False)

    assert device_token_find(raw="wdt_right-secret") is None

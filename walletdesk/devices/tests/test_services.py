"""Device tokens: issued with a secret shown once, revoked, stamped when used."""

import hashlib
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from walletdesk.accounts.models import User
from walletdesk.devices.models import DeviceToken
from walletdesk.devices.selectors import device_token_find
from walletdesk.devices.services import (
    TOKEN_PREFIX,
    device_token_issue,
    device_token_revoke,
    device_token_touch,
)
from walletdesk.devices.tests.factories import DeviceTokenFactory

NOW = datetime(2025, 6, 6, 2, 0, tzinfo=UTC)


# --- device_token_issue -----------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_issue_returns_the_secret_and_keeps_only_its_hash(alice: User, settings) -> None:
    settings.API_DEVICE_TOKEN_LIFETIME_FOR = 3600

    issued = device_token_issue(user=alice, name="iPhone 15")

    stored = DeviceToken.objects.get()
    assert issued.token == stored
    assert issued.secret.startswith(TOKEN_PREFIX)
    assert len(issued.secret) > 40
    assert stored.key_hash == hashlib.sha256(issued.secret.encode()).hexdigest()
    assert stored.prefix == issued.secret[:12]
    assert stored.user == alice
    assert stored.name == "iPhone 15"
    assert stored.expires_at == NOW + timedelta(hours=1)
    assert stored.last_used_at is None
    assert stored.revoked_at is None


def test_the_secret_appears_in_no_stored_column(alice: User) -> None:
    issued = device_token_issue(user=alice, name="iPhone")

    row = DeviceToken.objects.values().get()

    assert not [name for name, value in row.items() if issued.secret in str(value)]
    assert issued.secret[len(TOKEN_PREFIX) :] not in str(row)


def test_each_device_gets_its_own_secret(alice: User) -> None:
    secrets = {device_token_issue(user=alice).secret for _ in range(5)}

    assert len(secrets) == 5
    assert DeviceToken.objects.filter(user=alice).count() == 5


@pytest.mark.parametrize(
    ("name", "stored"),
    [
        ("  Alice's\n  Pixel \t8 ", "Alice's Pixel 8"),
        ("", ""),
        ("手机" * 50, "手机" * 40),
    ],
)
def test_issue_tidies_the_device_name(alice: User, name: str, stored: str) -> None:
    issued = device_token_issue(user=alice, name=name)

    assert DeviceToken.objects.get(pk=issued.token.pk).name == stored


def test_issued_secret_signs_the_user_in(alice: User) -> None:
    issued = device_token_issue(user=alice)

    found = device_token_find(raw=issued.secret)

    assert found == issued.token
    assert found.user == alice


# --- device_token_revoke ----------------------------------------------------------------------


def test_revoked_token_signs_nobody_in(alice: User) -> None:
    issued = device_token_issue(user=alice)

    device_token_revoke(token=issued.token)

    assert DeviceToken.objects.get().revoked_at is not None
    assert device_token_find(raw=issued.secret) is None


def test_revoke_twice_keeps_the_first_time(alice: User) -> None:
    token = DeviceTokenFactory(user=alice)
    with time_machine.travel(NOW, tick=False):
        device_token_revoke(token=token)

    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        device_token_revoke(token=DeviceToken.objects.get(pk=token.pk))

    assert DeviceToken.objects.get(pk=token.pk).revoked_at == NOW


def test_revoke_leaves_the_users_other_devices_signed_in(alice: User) -> None:
    phone, tablet = DeviceTokenFactory(user=alice), DeviceTokenFactory(user=alice)

    device_token_revoke(token=phone)

    assert DeviceToken.objects.get(pk=tablet.pk).revoked_at is None


# --- device_token_touch -----------------------------------------------------------------------


def test_touch_stamps_the_first_use(alice: User) -> None:
    token = DeviceTokenFactory(user=alice)

    with time_machine.travel(NOW, tick=False):
        device_token_touch(token=token)

    assert token.last_used_at == NOW
    assert DeviceToken.objects.get(pk=token.pk).last_used_at == NOW


def test_touch_writes_at_most_once_a_minute(alice: User, django_assert_num_queries) -> None:
    token = DeviceTokenFactory(user=alice)
    with time_machine.travel(NOW, tick=False):
        device_token_touch(token=token)
    reloaded = DeviceToken.objects.get(pk=token.pk)

    with (
        time_machine.travel(NOW + timedelta(seconds=59), tick=False),
        django_assert_num_queries(0),
    ):
        device_token_touch(token=reloaded)

    assert DeviceToken.objects.get(pk=token.pk).last_used_at == NOW


def test_touch_after_a_minute_stamps_again(alice: User) -> None:
    token = DeviceTokenFactory(user=alice, last_used_at=NOW)

    with time_machine.travel(NOW + timedelta(seconds=60), tick=False):
        device_token_touch(token=token)

    assert DeviceToken.objects.get(pk=token.pk).last_used_at == NOW + timedelta(seconds=60)

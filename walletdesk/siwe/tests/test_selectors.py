"""Who sees which wallet addresses: their owner, and agents beside the owner's ticket."""

from datetime import timedelta

import pytest
from django.utils import timezone

from walletdesk.accounts.models import User
from walletdesk.siwe.selectors import (
    wallet_address_get_for_user,
    wallet_address_list_for_requester,
    wallet_address_list_for_user,
)
from walletdesk.siwe.tests.factories import WalletAddressFactory


def _ago(days: int):
    return timezone.now() - timedelta(days=days)


def test_user_lists_only_their_own_addresses_oldest_first(
    alice: User, bob: User, django_assert_num_queries
) -> None:
    newer = WalletAddressFactory(user=alice, verified_at=_ago(1))
    older = WalletAddressFactory(user=alice, verified_at=_ago(9))
    WalletAddressFactory(user=bob)

    with django_assert_num_queries(1):
        listed = list(wallet_address_list_for_user(user=alice))

    assert listed == [older, newer]


def test_user_gets_their_own_address(alice: User) -> None:
    address = WalletAddressFactory(user=alice)

    assert wallet_address_get_for_user(user=alice, address_id=str(address.pk)) == address


def test_bob_cannot_get_alices_address(alice: User, bob: User) -> None:
    alices = WalletAddressFactory(user=alice)

    assert wallet_address_get_for_user(user=bob, address_id=str(alices.pk)) is None


def test_agent_sees_the_requesters_addresses(
    alice: User, bob: User, carol: User, django_assert_num_queries
) -> None:
    second = WalletAddressFactory(user=alice, verified_at=_ago(1))
    first = WalletAddressFactory(user=alice, verified_at=_ago(5))
    WalletAddressFactory(user=bob)

    with django_assert_num_queries(1):
        listed = wallet_address_list_for_requester(viewer=carol, requester_id=alice.pk)

    assert listed == [first, second]


def test_admin_sees_the_requesters_addresses(alice: User, dave: User) -> None:
    address = WalletAddressFactory(user=alice)

    assert wallet_address_list_for_requester(viewer=dave, requester_id=alice.pk) == [address]


@pytest.mark.parametrize("viewer", ["alice", "bob"])
def test_customers_get_no_addresses_beside_a_ticket(
    alice: User, viewer: str, request, django_assert_num_queries
) -> None:
    WalletAddressFactory(user=alice)
    who = request.getfixturevalue(viewer)

    with django_assert_num_queries(0):
        listed = wallet_address_list_for_requester(viewer=who, requester_id=alice.pk)

    assert listed == []


def test_deactivated_agent_gets_no_addresses(alice: User, carol: User) -> None:
    WalletAddressFactory(user=alice)
    carol.is_active = False
    carol.save(update_fields=["is_active"])

    assert wallet_address_list_for_requester(viewer=carol, requester_id=alice.pk) == []

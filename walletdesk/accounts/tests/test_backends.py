"""The signed-in user of a request: found, or signed out when the account is gone or off."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from walletdesk.accounts.backends import AccountBackend
from walletdesk.accounts.models import User

pytestmark = pytest.mark.django_db


def test_backend_finds_an_active_user(alice: User) -> None:
    assert AccountBackend().get_user(alice.pk) == alice
    assert AccountBackend().get_user(str(alice.pk)) == alice


@pytest.mark.parametrize("user_id", [uuid.uuid4(), "not-a-key", None, ""])
def test_backend_answers_none_for_an_unknown_or_malformed_id(user_id: object) -> None:
    assert AccountBackend().get_user(user_id) is None


def test_deactivated_user_is_signed_out_on_the_next_request(client: Client, alice: User) -> None:
    client.force_login(alice)
    assert client.get(reverse("portal:list")).status_code == 200

    User.objects.filter(pk=alice.pk).update(is_active=False)
    response = client.get(reverse("portal:list"))

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_password_change_elsewhere_signs_the_session_out(client: Client, alice: User) -> None:
    client.force_login(alice)
    alice.set_password("a whole new passphrase 2026")
    alice.save()

    response = client.get(reverse("portal:list"))

    assert response.status_code == 302

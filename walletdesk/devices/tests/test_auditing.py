"""Device tokens made and revoked through the API are in the audit trail (never the secret)."""

import pytest
from rest_framework.test import APIClient

from walletdesk.api.tests.helpers import token_client
from walletdesk.audit.models import AuditEvent, Kind
from walletdesk.devices.models import DeviceToken
from walletdesk.devices.services import device_token_revoke
from walletdesk.devices.tests.factories import DeviceTokenFactory

pytestmark = pytest.mark.django_db


def test_signing_a_device_in_records_the_new_token_without_its_secret(alice):
    client = APIClient(HTTP_USER_AGENT="WalletApp/3.1 (Android 14)", REMOTE_ADDR="192.0.2.44")

    response = client.post(
        "/api/v1/auth/token",
        {"email": "alice@example.com", "password": "correct horse battery", "device_name": "Pixel"},
        format="json",
    )

    assert response.status_code == 201
    secret = response.json()["token"]
    token = DeviceToken.objects.get(user=alice)
    (event,) = AuditEvent.objects.filter(kind=Kind.TOKEN_CREATED)
    assert (event.actor_id, event.ip, event.user_agent) == (
        alice.pk,
        "192.0.2.44",
        "WalletApp/3.1 (Android 14)",
    )
    assert event.target == f"{token.prefix}… Pixel"
    assert event.detail == {"token_id": str(token.pk), "device_name": "Pixel"}
    assert secret not in str(event.detail) + event.target


def test_revoking_a_token_records_who_revoked_it_once(alice):
    client = token_client(alice)
    other = DeviceTokenFactory(user=alice, name="old tablet", prefix="wdt_oldtabl")

    response = client.delete(f"/api/v1/auth/tokens/{other.pk}")
    device_token_revoke(token=DeviceToken.objects.get(pk=other.pk))  # already revoked

    assert response.status_code == 204
    (event,) = AuditEvent.objects.filter(kind=Kind.TOKEN_REVOKED)
    assert event.actor_id == alice.pk
    assert event.target == "wdt_oldtabl… old tablet"
    assert event.detail == {"token_id": str(other.pk), "owner_id": str(alice.pk)}


def test_bob_cannot_revoke_alices_token_and_nothing_is_recorded(alice, bob):
    token = DeviceTokenFactory(user=alice)

    response = token_client(bob).delete(f"/api/v1/auth/tokens/{token.pk}")

    assert response.status_code == 404
    assert not AuditEvent.objects.filter(kind=Kind.TOKEN_REVOKED).exists()

"""Webhook endpoints reach public addresses only: refused when saved, refused when sent.

The other webhook tests post to a server on 127.0.0.1, which the test settings allow
(WEBHOOKS_ALLOW_LOOPBACK); here it is off, as in production.
"""

import socket

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from walletdesk.core import egress
from walletdesk.notifications.delivery import Outcome, notification_deliver
from walletdesk.notifications.models import Channel, Notification, WebhookDelivery, WebhookEndpoint
from walletdesk.tickets.services import ticket_reply_add

INTERNAL = [
    "http://127.0.0.1:8000/push",
    "http://localhost:6379/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]/push",
    "http://[::ffff:127.0.0.1]/push",
    "http://10.1.2.3/push",
    "http://[fe80::1]/push",
]


@pytest.fixture(autouse=True)
def _production(settings) -> None:
    settings.WEBHOOKS_ALLOW_LOOPBACK = False


@pytest.mark.parametrize("url", INTERNAL)
def test_model_validation_refuses_internal_addresses(db, url: str) -> None:
    endpoint = WebhookEndpoint(name="push", url=url)

    with pytest.raises(ValidationError) as caught:
        endpoint.full_clean()

    assert "url" in caught.value.message_dict


def test_refusal_reads_in_both_languages(db) -> None:
    endpoint = WebhookEndpoint(name="push", url="http://169.254.169.254/")
    messages = {}
    for language in ("en", "zh-hans"):
        with translation.override(language):
            with pytest.raises(ValidationError) as caught:
                endpoint.full_clean()
            messages[language] = str(caught.value.message_dict["url"][0])

    assert "public" in messages["en"]
    assert "公网" in messages["zh-hans"]


def test_admin_refuses_an_internal_url_and_keeps_what_was_typed(client, dave) -> None:
    client.force_login(dave)

    response = client.post(
        reverse("admin:notifications_webhookendpoint_add"),
        {
            "name": "metadata",
            "url": "http://169.254.169.254/latest/",
            "secret": "s" * 32,
            "is_active": "on",
        },
    )

    assert response.status_code == 200
    assert not WebhookEndpoint.objects.exists()
    page = response.content.decode()
    assert "公网地址" in page  # the administrator reads Chinese
    assert "http://169.254.169.254/latest/" in page


def test_admin_saves_a_public_url(client, dave) -> None:
    client.force_login(dave)

    response = client.post(
        reverse("admin:notifications_webhookendpoint_add"),
        {
            "name": "push",
            "url": "https://push.example.com/hook",
            "secret": "s" * 32,
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    assert WebhookEndpoint.objects.get().url == "https://push.example.com/hook"


@pytest.fixture
def webhook_row(alice, carol, alice_ticket) -> Notification:
    # Saved without validation, as a row from before the check (or a direct write) would be.
    WebhookEndpoint.objects.create(name="push", url="http://push.example.com/hook")
    ticket_reply_add(ticket=alice_ticket, author=carol, body="请提供交易哈希")
    row: Notification = Notification.objects.get(recipient=alice, channel=Channel.WEBHOOK)
    return row


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:6379/", "http://2130706433:6379/", "http://[::ffff:a9fe:a9fe]/"]
)
def test_worker_does_not_post_to_a_stored_internal_url(webhook_row, monkeypatch, url) -> None:
    WebhookEndpoint.objects.update(url=url)
    dialled: list[object] = []
    monkeypatch.setattr(egress.socket, "create_connection", lambda *a, **k: dialled.append(a))

    outcome = notification_deliver(webhook_row.pk)

    assert outcome == Outcome.RETRY
    assert dialled == []
    log = WebhookDelivery.objects.get()
    assert (log.status_code, log.succeeded, log.error) == (None, False, "address_not_public")


def test_worker_does_not_post_to_a_name_resolving_inside(webhook_row, monkeypatch) -> None:
    def getaddrinfo(host: str, port: int, *args: object, **kwargs: object) -> list[tuple]:
        assert host == "push.example.com"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("169.254.169.254", port))]

    dialled: list[object] = []
    monkeypatch.setattr(egress.socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(egress.socket, "create_connection", lambda *a, **k: dialled.append(a))

    outcome = notification_deliver(webhook_row.pk)

    assert outcome == Outcome.RETRY
    assert dialled == []
    assert WebhookDelivery.objects.get().error == "address_not_public"

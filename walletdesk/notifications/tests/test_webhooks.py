"""Webhooks against a real HTTP server on 127.0.0.1: the body, the signature, retries with
backoff, the delivery log and the admin's replay."""

import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse

from walletdesk.notifications import tasks
from walletdesk.notifications.channels.webhook import SIGNATURE_HEADER
from walletdesk.notifications.delivery import Outcome, notification_deliver
from walletdesk.notifications.models import (
    Channel,
    Notification,
    State,
    WebhookDelivery,
    WebhookEndpoint,
)
from walletdesk.tickets.services import ticket_reply_add


@dataclass
class Received:
    path: str
    headers: Message  # looked up case-insensitively, as HTTP headers are
    body: bytes


@dataclass
class PushService:
    """What the wallet app's push service would see, and what it answers next."""

    url: str
    answers: list[int] = field(default_factory=list)  # consumed in order, then 200
    received: list[Received] = field(default_factory=list)


@pytest.fixture
def push() -> Iterator[PushService]:
    service = PushService(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            service.received.append(Received(self.path, self.headers, self.rfile.read(length)))
            status = service.answers.pop(0) if service.answers else 200
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            """Keep the test output quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    service.url = f"http://127.0.0.1:{server.server_address[1]}/push"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield service
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def endpoint(db: None, push: PushService) -> WebhookEndpoint:
    endpoint: WebhookEndpoint = WebhookEndpoint.objects.create(name="wallet-push", url=push.url)
    return endpoint


@pytest.fixture
def webhook_row(endpoint, alice, carol, alice_ticket) -> Notification:
    ticket_reply_add(ticket=alice_ticket, author=carol, body="请提供交易哈希 0xabc")
    row: Notification = Notification.objects.get(recipient=alice, channel=Channel.WEBHOOK)
    return row


def _verify(secret: str, header: str, body: bytes) -> int:
    """What a receiver does: recompute HMAC-SHA256 over "t.body"; returns t."""
    parts = dict(item.split("=", 1) for item in header.split(","))
    expected = hmac.new(secret.encode(), f"{parts['t']}.".encode() + body, hashlib.sha256)
    assert hmac.compare_digest(parts["v1"], expected.hexdigest())
    return int(parts["t"])


def test_bob_cannot_see_alices_ticket(client, bob, alice_ticket):
    client.force_login(bob)

    response = client.get(reverse("portal:detail", args=[alice_ticket.reference]))

    assert response.status_code == 404


def test_post_carries_a_signed_json_body_without_message_text(
    push, endpoint, webhook_row, alice, alice_ticket
):
    outcome = notification_deliver(webhook_row.pk)

    assert outcome == Outcome.SENT
    (received,) = push.received
    assert received.path == "/push"
    assert received.headers["Content-Type"] == "application/json"
    assert received.headers["X-WalletDesk-Delivery"] == str(webhook_row.pk)
    _verify(endpoint.secret, received.headers[SIGNATURE_HEADER], received.body)
    payload = json.loads(received.body)
    assert payload == {
        "id": str(webhook_row.pk),
        "kind": "agent_replied",
        "recipient": str(alice.pk),
        "language": alice.language,
        # the agent's reply opened the ticket
        "ticket": {"reference": alice_ticket.reference, "status": "open"},
        "created_at": webhook_row.created_at.isoformat(),
    }
    assert "0xabc" not in received.body.decode()
    webhook_row.refresh_from_db()
    assert webhook_row.state == State.SENT
    (log,) = WebhookDelivery.objects.all()
    assert (log.endpoint_id, log.status_code, log.succeeded, log.attempt) == (
        endpoint.pk,
        200,
        True,
        1,
    )


def test_signature_made_with_another_secret_does_not_verify(push, endpoint, webhook_row):
    notification_deliver(webhook_row.pk)

    (received,) = push.received
    with pytest.raises(AssertionError):
        _verify("not-the-secret", received.headers[SIGNATURE_HEADER], received.body)


def test_500_is_retried_with_backoff_then_sent(push, endpoint, webhook_row, monkeypatch):
    push.answers = [500, 500]
    countdowns: list[int] = []
    retry = tasks.notification_deliver.retry

    def recording_retry(*args: object, countdown: int, **kwargs: object) -> object:
        countdowns.append(countdown)
        return retry(*args, countdown=countdown, **kwargs)

    monkeypatch.setattr(tasks.notification_deliver, "retry", recording_retry)

    # Eager: Celery runs each retry at once; the countdowns it was asked for are recorded.
    result = tasks.notification_deliver.apply(kwargs={"notification_id": str(webhook_row.pk)})

    assert result.get() == "sent"
    assert countdowns == [30, 60]
    assert len(push.received) == 3
    for received in push.received:
        _verify(endpoint.secret, received.headers[SIGNATURE_HEADER], received.body)
    log = list(
        WebhookDelivery.objects.order_by("attempt").values_list(
            "attempt", "status_code", "succeeded", "error"
        )
    )
    assert log == [(1, 500, False, "HTTP 500"), (2, 500, False, "HTTP 500"), (3, 200, True, "")]
    webhook_row.refresh_from_db()
    assert webhook_row.state == State.SENT
    assert webhook_row.attempts == 3
    assert webhook_row.last_error == ""


def test_failure_is_recorded_on_the_row_and_given_back(push, endpoint, webhook_row):
    push.answers = [503]

    outcome = notification_deliver(webhook_row.pk)

    assert outcome == Outcome.RETRY
    webhook_row.refresh_from_db()
    assert webhook_row.state == State.PENDING
    assert "wallet-push" in webhook_row.last_error
    assert WebhookDelivery.objects.get().status_code == 503


def test_gives_up_after_the_last_attempt(push, endpoint, webhook_row, settings):
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 2
    push.answers = [500, 500, 500]

    outcomes = [notification_deliver(webhook_row.pk) for _ in range(3)]

    assert outcomes == [Outcome.RETRY, Outcome.FAILED, Outcome.SKIPPED]
    webhook_row.refresh_from_db()
    assert webhook_row.state == State.FAILED
    assert WebhookDelivery.objects.count() == 2


def test_unreachable_endpoint_is_logged_without_a_status(endpoint, webhook_row):
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(url="http://127.0.0.1:9/push")

    outcome = notification_deliver(webhook_row.pk)

    assert outcome == Outcome.RETRY
    log = WebhookDelivery.objects.get()
    assert log.status_code is None
    assert not log.succeeded
    assert log.error


def test_retry_posts_only_to_the_endpoint_that_failed(push, endpoint, webhook_row):
    second = WebhookEndpoint.objects.create(name="backup", url=push.url.replace("/push", "/b"))
    # Whichever endpoint is asked first accepts; the second fails once.
    push.answers = [200, 500]

    assert notification_deliver(webhook_row.pk) == Outcome.RETRY
    first_path = push.received[0].path
    assert notification_deliver(webhook_row.pk) == Outcome.SENT

    paths = [r.path for r in push.received]
    assert len(paths) == 3
    assert paths.count(first_path) == 1  # the endpoint that accepted was not posted to again
    assert {endpoint.pk, second.pk} == set(
        WebhookDelivery.objects.filter(succeeded=True).values_list("endpoint_id", flat=True)
    )


def test_admin_replays_a_delivery_with_a_fresh_signature(client, dave, push, endpoint, webhook_row):
    notification_deliver(webhook_row.pk)
    original = WebhookDelivery.objects.get()
    client.force_login(dave)

    response = client.post(
        reverse("admin:notifications_webhookdelivery_changelist"),
        {"action": "replay", "_selected_action": [str(original.pk)]},
    )

    assert response.status_code == 302
    assert len(push.received) == 2
    replayed = push.received[1]
    assert replayed.body == push.received[0].body
    assert replayed.headers["X-WalletDesk-Delivery"] == str(webhook_row.pk)
    _verify(endpoint.secret, replayed.headers[SIGNATURE_HEADER], replayed.body)
    attempts = sorted(WebhookDelivery.objects.values_list("attempt", "succeeded"))
    assert attempts == [(1, True), (2, True)]


def test_admin_can_read_the_delivery_log(client, dave, push, endpoint, webhook_row):
    push.answers = [500]
    notification_deliver(webhook_row.pk)
    client.force_login(dave)

    response = client.get(reverse("admin:notifications_webhookdelivery_changelist"))

    assert response.status_code == 200
    assert "wallet-push" in response.content.decode()


def test_customer_cannot_replay(client, bob, push, endpoint, webhook_row):
    notification_deliver(webhook_row.pk)
    original = WebhookDelivery.objects.get()
    client.force_login(bob)

    response = client.post(
        reverse("admin:notifications_webhookdelivery_changelist"),
        {"action": "replay", "_selected_action": [str(original.pk)]},
    )

    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
    assert len(push.received) == 1
    assert WebhookDelivery.objects.count() == 1

"""The webhook channel: the wallet app's push service receives a signed JSON body.

Posts go through core.egress: only to public addresses (checked after resolving the name, then
dialled as checked), never following a redirect; a refused address is logged like a failure.

Header ``X-WalletDesk-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "t.body">`` keyed with
the endpoint's secret; receivers recompute it and refuse old timestamps (replays). Every
attempt is logged as a WebhookDelivery; an endpoint that already accepted this
notification is not posted to again when another endpoint's failure causes a retry.
"""

import hashlib
import hmac
import json
import time

from django.conf import settings

from walletdesk.core import egress
from walletdesk.notifications.endpoints import webhook_allows_loopback
from walletdesk.notifications.models import (
    Notification,
    WebhookDelivery,
    WebhookEndpoint,
)

SIGNATURE_HEADER = "X-WalletDesk-Signature"


class WebhookFailedError(Exception):
    """At least one endpoint did not accept the notification; the task retries."""


def webhook_sign(*, secret: str, timestamp: int, body: bytes) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def webhook_payload(notification: Notification) -> bytes:
    """The JSON body: ids and codes only, never message text (it may hold addresses)."""
    ticket = notification.ticket
    payload = {
        "id": str(notification.pk),
        "kind": notification.kind,
        "recipient": str(notification.recipient_id),
        "language": notification.recipient.language,
        # None for a notification about no ticket (the forum's, in the app only today).
        "ticket": (
            {"reference": ticket.reference, "status": ticket.status} if ticket is not None else None
        ),
        "created_at": notification.created_at.isoformat(),
    }
    return json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()


def webhook_post(*, notification: Notification, endpoint: WebhookEndpoint, attempt: int) -> bool:
    """Post once to one endpoint and log it; True on a 2xx answer."""
    body = webhook_payload(notification)
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        SIGNATURE_HEADER: webhook_sign(secret=endpoint.secret, timestamp=timestamp, body=body),
        "X-WalletDesk-Delivery": str(notification.pk),
    }
    started = time.monotonic()
    status: int | None = None
    error = ""
    try:
        # Resolved once, every address checked, the checked one dialled; no redirect followed.
        answer = egress.post(
            endpoint.url,
            body=body,
            headers=headers,
            timeout=settings.WEBHOOK_TIMEOUT_FOR,
            allow_loopback=webhook_allows_loopback(),
        )
        status = answer.status
        if not 200 <= status < 300:
            error = f"HTTP {status}"
    except egress.EgressRefusedError as exc:
        error = exc.refusal.value
    except OSError as exc:
        error = type(exc).__name__
    ok = status is not None and 200 <= status < 300
    WebhookDelivery.objects.create(
        notification=notification,
        endpoint=endpoint,
        attempt=attempt,
        status_code=status,
        succeeded=ok,
        error=error,
        duration_ms=int((time.monotonic() - started) * 1000),
    )
    return ok


def webhook_send(notification: Notification) -> None:
    """Post to every active endpoint that has not accepted it yet; raises WebhookFailedError."""
    done = set(
        WebhookDelivery.objects.filter(notification=notification, succeeded=True).values_list(
            "endpoint_id", flat=True
        )
    )
    failed = [
        endpoint.name
        for endpoint in WebhookEndpoint.objects.filter(is_active=True).exclude(pk__in=done)
        if not webhook_post(
            notification=notification, endpoint=endpoint, attempt=notification.attempts
        )
    ]
    if failed:
        raise WebhookFailedError(", ".join(failed))

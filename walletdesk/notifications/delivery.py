"""Deliver one notification: claim, send through its channel, record the outcome.

The claim (services.notification_claim) is what makes delivery at-most-once; the sweep and
the lease make it at-least-once. Running this twice for one id sends once.
"""

import logging
from enum import StrEnum
from uuid import UUID

from django.conf import settings

from walletdesk.notifications import services
from walletdesk.notifications.channels.email import email_send
from walletdesk.notifications.channels.webhook import webhook_send
from walletdesk.notifications.models import Channel, Notification

logger = logging.getLogger(__name__)


class Outcome(StrEnum):
    SENT = "sent"
    SKIPPED = "skipped"  # someone else holds it, or it is already done
    RETRY = "retry"  # failed; given back as pending for another attempt
    FAILED = "failed"  # failed for the last time


_SENDERS = {Channel.EMAIL: email_send, Channel.WEBHOOK: webhook_send}


def notification_deliver(notification_id: UUID | str) -> Outcome:
    """Claim the row and send it. Errors are recorded on the row, never raised."""
    claimed_at = services.notification_claim(notification_id=notification_id)
    if claimed_at is None:
        return Outcome.SKIPPED
    notification = Notification.objects.select_related(
        "recipient", "ticket", "ticket__rejection_reason", "event"
    ).get(pk=notification_id)
    try:
        _SENDERS[Channel(notification.channel)](notification)
    except Exception as exc:  # any channel failure is recorded and retried, not lost
        final = notification.attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS
        services.notification_mark_failed(
            notification_id=notification_id,
            claimed_at=claimed_at,
            error=f"{type(exc).__name__}: {exc}",
            final=final,
            attempts=notification.attempts,
        )
        logger.warning("notification %s attempt %s failed", notification_id, notification.attempts)
        return Outcome.FAILED if final else Outcome.RETRY
    services.notification_mark_sent(notification_id=notification_id, claimed_at=claimed_at)
    return Outcome.SENT

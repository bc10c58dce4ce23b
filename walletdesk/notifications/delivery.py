"""Deliver one notification: claim, send through its channel, record the outcome.

The contract is at least once, and a repeat is recognisable: every send of one notification
carries the same Message-ID (channels.email.message_id_for) and webhook delivery id, so a mail
client shows it once and a receiver can drop the repeat.

- The claim (services.notification_claim) lets one worker at a time send a row: running this
  twice for one id sends once.
- A worker that dies after its claim leaves the row "sending"; the sweep claims it again once
  the lease has run out and sends it: nothing is lost.
- The one gap the database cannot close is between the send and recording it: if the
  database is unreachable right then, the record is tried again for RECORD_RETRY_FOR seconds
  (a restart takes a few); only a longer outage leaves the row to the sweep, which sends it a
  second time, with the same Message-ID.
"""

import logging
import time
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from django.conf import settings
from django.db import DatabaseError, connection

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
    _record_sent(notification_id, claimed_at)
    return Outcome.SENT


# Waits between tries to record a send while the database is away: 15.5 s in all, well inside
# the claim's lease, so the sweep never takes a row whose send is still being recorded.
RECORD_RETRY_WAITS = (0.5, 1.0, 2.0, 4.0, 8.0)
RECORD_RETRY_FOR = sum(RECORD_RETRY_WAITS)


def _record_sent(notification_id: UUID | str, claimed_at: datetime) -> bool:
    for wait in (0.0, *RECORD_RETRY_WAITS):
        if wait:
            time.sleep(wait)
        try:
            services.notification_mark_sent(
                notification_id=notification_id,
                claimed_at=claimed_at,
            )
            return True
        except DatabaseError:
            logger.warning(
                "notification %s sent; recording it failed, trying again", notification_id
            )
            if not connection.in_atomic_block:
                # A dead connection is dropped so the next try opens a new one.
                connection.close()
    logger.error(
        "notification %s sent but not recorded: the sweep will send it again", notification_id
    )
    return False

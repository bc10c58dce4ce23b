"""The written contract (notifications/delivery.py): at least once, a repeat recognisable by
its Message-ID, and a database that is away for a moment after a send does not cause one."""

from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.db import OperationalError
from django.utils import timezone

from walletdesk.notifications import delivery, services
from walletdesk.notifications.delivery import Outcome, notification_deliver
from walletdesk.notifications.models import Channel, Notification, State
from walletdesk.tickets.services import ticket_reply_add


@pytest.fixture
def email_row(alice: Any, carol: Any, alice_ticket: Any) -> Notification:
    ticket_reply_add(ticket=alice_ticket, author=carol, body="请提供交易哈希")
    return Notification.objects.get(recipient=alice, channel=Channel.EMAIL)


@pytest.fixture
def no_waiting(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    waited: list[float] = []
    monkeypatch.setattr(delivery.time, "sleep", waited.append)
    return waited


def _database_away_for(monkeypatch: pytest.MonkeyPatch, failures: int) -> None:
    real = services.notification_mark_sent
    left = [failures]

    def mark_sent(**kwargs: Any) -> bool:
        if left[0]:
            left[0] -= 1
            raise OperationalError("server closed the connection unexpectedly")
        return real(**kwargs)

    monkeypatch.setattr(services, "notification_mark_sent", mark_sent)


def test_a_short_outage_after_the_send_is_recorded_once(
    email_row: Notification, monkeypatch: pytest.MonkeyPatch, no_waiting: list[float]
) -> None:
    _database_away_for(monkeypatch, failures=3)

    assert notification_deliver(email_row.pk) == Outcome.SENT

    email_row.refresh_from_db()
    assert email_row.state == State.SENT
    assert len(mail.outbox) == 1
    assert no_waiting == [0.5, 1.0, 2.0]
    # Once recorded, the sweep after the lease has nothing to send again.
    later = timezone.now() + timedelta(seconds=settings.NOTIFICATIONS_CLAIM_LEASE_FOR + 1)
    assert services.notification_claim(notification_id=email_row.pk, now=later) is None


def test_a_long_outage_repeats_the_mail_with_the_same_message_id(
    email_row: Notification, monkeypatch: pytest.MonkeyPatch, no_waiting: list[float]
) -> None:
    _database_away_for(monkeypatch, failures=len(delivery.RECORD_RETRY_WAITS) + 1)

    notification_deliver(email_row.pk)

    email_row.refresh_from_db()
    assert email_row.state == State.SENDING  # sent, but nobody could write it down
    assert delivery.RECORD_RETRY_FOR < settings.NOTIFICATIONS_CLAIM_LEASE_FOR
    # The sweep takes it once the lease has run out: at least once, recognisably the same mail.
    Notification.objects.filter(pk=email_row.pk).update(
        claimed_at=timezone.now() - timedelta(seconds=settings.NOTIFICATIONS_CLAIM_LEASE_FOR + 1)
    )
    assert notification_deliver(email_row.pk) == Outcome.SENT
    first, second = mail.outbox
    assert first.extra_headers["Message-ID"] == second.extra_headers["Message-ID"]
    email_row.refresh_from_db()
    assert email_row.state == State.SENT

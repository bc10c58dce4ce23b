import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from walletdesk.notifications import services
from walletdesk.notifications.addresses import reply_token_parse
from walletdesk.notifications.delivery import Outcome, notification_deliver
from walletdesk.notifications.models import Channel, Notification, State
from walletdesk.tickets.services import ticket_reply_add


@pytest.fixture
def email_row(alice, carol, alice_ticket) -> Notification:
    ticket_reply_add(ticket=alice_ticket, author=carol, body="请提供交易哈希")
    return Notification.objects.get(recipient=alice, channel=Channel.EMAIL)


def test_delivery_sends_one_threaded_mail_in_the_recipients_language(email_row, alice_ticket):
    outcome = notification_deliver(email_row.pk)

    assert outcome == Outcome.SENT
    email_row.refresh_from_db()
    assert email_row.state == State.SENT
    assert email_row.attempts == 1
    (sent,) = mail.outbox
    assert sent.to == ["alice@example.com"]
    assert alice_ticket.reference in sent.subject
    assert "请提供交易哈希" in sent.body
    assert f"/tickets/{alice_ticket.reference}/" in sent.body
    assert sent.extra_headers["Message-ID"] == f"<n-{email_row.pk}@walletdesk.localhost>"
    assert sent.extra_headers["References"] == f"<ticket-{alice_ticket.pk}@walletdesk.localhost>"
    assert reply_token_parse(sent.reply_to[0]) == alice_ticket.reference
    assert sent.extra_headers["List-Unsubscribe"].startswith("<http")
    assert sent.alternatives[0][1] == "text/html"


def test_english_recipient_gets_english(bob, carol):
    from walletdesk.tickets.tests.factories import TicketFactory

    ticket = TicketFactory(requester=bob)
    ticket_reply_add(ticket=ticket, author=carol, body="Please send the hash")
    row = Notification.objects.get(recipient=bob, channel=Channel.EMAIL)

    notification_deliver(row.pk)

    assert "Support replied to your ticket" in mail.outbox[0].subject


def test_running_twice_sends_once(email_row):
    first = notification_deliver(email_row.pk)
    second = notification_deliver(email_row.pk)

    assert (first, second) == (Outcome.SENT, Outcome.SKIPPED)
    assert len(mail.outbox) == 1


def test_crash_between_claim_and_send_is_sent_once_after_the_lease(email_row, settings):
    settings.NOTIFICATIONS_CLAIM_LEASE_FOR = 60
    claimed_at = services.notification_claim(notification_id=email_row.pk)  # then the worker dies
    assert claimed_at is not None

    assert services.notifications_sweep() == []  # the lease still holds
    assert notification_deliver(email_row.pk) == Outcome.SKIPPED

    later = timezone.now() + timedelta(seconds=61)
    swept = services.notifications_sweep(now=later)
    assert swept == [email_row.pk]
    Notification.objects.filter(pk=email_row.pk).update(claimed_at=claimed_at)
    # the worker the sweep woke claims it with an expired lease
    import time_machine

    with time_machine.travel(later):
        assert notification_deliver(email_row.pk) == Outcome.SENT
    assert notification_deliver(email_row.pk) == Outcome.SKIPPED
    email_row.refresh_from_db()
    assert email_row.state == State.SENT
    assert email_row.attempts == 2
    assert len(mail.outbox) == 1


def test_stale_worker_cannot_mark_a_reclaimed_row(email_row):
    first = services.notification_claim(notification_id=email_row.pk)
    second = services.notification_claim(
        notification_id=email_row.pk, now=timezone.now() + timedelta(hours=1)
    )

    assert first is not None
    assert second is not None
    assert services.notification_mark_sent(notification_id=email_row.pk, claimed_at=first) is False
    assert services.notification_mark_sent(notification_id=email_row.pk, claimed_at=second)


def test_failed_send_is_given_back_then_failed_after_max_attempts(email_row, settings, monkeypatch):
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 2

    def broken(notification):
        raise OSError("smtp down")

    monkeypatch.setitem(
        __import__("walletdesk.notifications.delivery", fromlist=["_SENDERS"])._SENDERS,
        Channel.EMAIL,
        broken,
    )

    assert notification_deliver(email_row.pk) == Outcome.RETRY
    email_row.refresh_from_db()
    assert email_row.state == State.PENDING
    assert "smtp down" in email_row.last_error
    assert notification_deliver(email_row.pk) == Outcome.FAILED
    email_row.refresh_from_db()
    assert email_row.state == State.FAILED


def test_sweep_requeues_pending_rows_older_than_the_threshold(email_row, settings):
    settings.NOTIFICATIONS_SWEEP_AFTER_FOR = 60

    assert services.notifications_sweep() == []
    assert services.notifications_sweep(now=timezone.now() + timedelta(seconds=61)) == [
        email_row.pk
    ]


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent writers")
@pytest.mark.django_db(transaction=True)
def test_two_workers_claiming_at_once_send_once(alice, carol, alice_ticket):
    for i in range(10):
        ticket_reply_add(ticket=alice_ticket, author=carol, body=f"回复 {i}")
    ids = list(Notification.objects.filter(channel=Channel.EMAIL).values_list("pk", flat=True))
    outcomes: list[Outcome] = []
    lock = threading.Lock()

    def worker(barrier: threading.Barrier) -> None:
        try:
            barrier.wait(timeout=10)
            for notification_id in ids:
                outcome = notification_deliver(notification_id)
                with lock:
                    outcomes.append(outcome)
        finally:
            connection.close()

    barrier = threading.Barrier(2)
    threads = [threading.Thread(target=worker, args=(barrier,)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert outcomes.count(Outcome.SENT) == len(ids)
    assert outcomes.count(Outcome.SKIPPED) == len(ids)
    assert len(mail.outbox) == len(ids)
    assert len({m.extra_headers["Message-ID"] for m in mail.outbox}) == len(ids)

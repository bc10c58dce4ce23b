"""next_attempt_at: a failed row waits out its backoff, and the sweep does not cut it short."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from walletdesk.notifications import delivery, services, tasks
from walletdesk.notifications.delivery import Outcome, notification_deliver
from walletdesk.notifications.models import Channel, Notification, State
from walletdesk.tickets.services import ticket_reply_add

T0 = datetime(2026, 1, 8, 10, 0, tzinfo=UTC)


@pytest.fixture
def smtp_down(monkeypatch) -> list[int]:
    """The e-mail channel fails every time; returns the list of attempts it saw."""
    seen: list[int] = []

    def broken(notification: Notification) -> None:
        seen.append(notification.attempts)
        raise OSError("smtp down")

    monkeypatch.setitem(delivery._SENDERS, Channel.EMAIL, broken)
    return seen


@pytest.fixture
def email_row(alice, carol, alice_ticket, settings) -> Notification:
    settings.NOTIFICATIONS_SWEEP_AFTER_FOR = 60
    with time_machine.travel(T0, tick=False):
        ticket_reply_add(ticket=alice_ticket, author=carol, body="请提供交易哈希")
    row: Notification = Notification.objects.get(recipient=alice, channel=Channel.EMAIL)
    return row


def test_backoff_doubles_and_is_capped():
    assert [services.notification_backoff_for(n) for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert services.notification_backoff_for(20) == 3600


def test_new_rows_are_due_at_once(email_row):
    assert email_row.next_attempt_at is None
    assert services.notification_retry_delay_for(notification_id=email_row.pk) == 0


def test_each_failure_pushes_the_next_attempt_further(email_row, smtp_down):
    with time_machine.travel(T0, tick=False):
        assert notification_deliver(email_row.pk) == Outcome.RETRY
        email_row.refresh_from_db()
        assert email_row.next_attempt_at == T0 + timedelta(seconds=30)
        assert services.notification_retry_delay_for(notification_id=email_row.pk) == 30
    with time_machine.travel(T0 + timedelta(seconds=30), tick=False):
        assert notification_deliver(email_row.pk) == Outcome.RETRY

    email_row.refresh_from_db()
    assert email_row.state == State.PENDING
    assert email_row.attempts == 2
    assert email_row.next_attempt_at == T0 + timedelta(seconds=90)


def test_sweep_leaves_a_row_inside_its_backoff_alone(email_row, smtp_down, settings):
    settings.NOTIFICATIONS_SWEEP_AFTER_FOR = 60
    Notification.objects.filter(pk=email_row.pk).update(attempts=3)
    with time_machine.travel(T0 + timedelta(minutes=5), tick=False):
        notification_deliver(email_row.pk)  # the 4th attempt fails: next one in 240 s
    email_row.refresh_from_db()
    due = T0 + timedelta(minutes=5, seconds=240)
    assert email_row.next_attempt_at == due

    # Long past created_at + 60 s, which alone used to re-queue it at once.
    assert services.notifications_sweep(now=due - timedelta(seconds=1)) == []
    # Due, but the task's own countdown still has the sweep's grace period to deliver it.
    assert services.notifications_sweep(now=due + timedelta(seconds=59)) == []
    # The retry got lost: the sweep queues it again.
    assert services.notifications_sweep(now=due + timedelta(seconds=60)) == [email_row.pk]


def test_sweep_still_requeues_a_never_tried_row_after_the_threshold(email_row):
    assert services.notifications_sweep(now=T0 + timedelta(seconds=59)) == []
    assert services.notifications_sweep(now=T0 + timedelta(seconds=60)) == [email_row.pk]


def test_final_failure_clears_the_next_attempt(email_row, smtp_down, settings):
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 2
    notification_deliver(email_row.pk)

    assert notification_deliver(email_row.pk) == Outcome.FAILED

    email_row.refresh_from_db()
    assert email_row.state == State.FAILED
    assert email_row.next_attempt_at is None
    assert services.notifications_sweep(now=T0 + timedelta(days=1)) == []


def test_task_countdown_follows_the_rows_attempts_not_the_tasks_retries(
    email_row, smtp_down, settings, monkeypatch
):
    # Two attempts already failed under earlier messages (say the sweep queued this one).
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 4
    Notification.objects.filter(pk=email_row.pk).update(attempts=2)
    countdowns: list[int] = []
    retry = tasks.notification_deliver.retry

    def recording_retry(*args: object, countdown: int, **kwargs: object) -> object:
        countdowns.append(countdown)
        return retry(*args, countdown=countdown, **kwargs)

    monkeypatch.setattr(tasks.notification_deliver, "retry", recording_retry)

    with time_machine.travel(T0 + timedelta(minutes=10), tick=False):
        result = tasks.notification_deliver.apply(kwargs={"notification_id": str(email_row.pk)})

    assert result.get() == "failed"
    assert smtp_down == [3, 4]
    assert countdowns == [120]  # the third attempt's backoff, though the task never retried
    email_row.refresh_from_db()
    assert email_row.state == State.FAILED

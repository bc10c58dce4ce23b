"""Thin Celery entry points: they take ids, reload, call a service, and are safe to run twice."""

from walletdesk.core.background import RunningTask, bound_task, task
from walletdesk.notifications import receipts, services, surveys
from walletdesk.notifications.delivery import Outcome
from walletdesk.notifications.delivery import notification_deliver as deliver


@bound_task(max_retries=None, acks_late=True)
def notification_deliver(self: RunningTask, notification_id: str) -> str:
    """Deliver one notification (claim first, so a duplicate message sends nothing).

    A failed attempt is retried with exponential backoff until NOTIFICATIONS_MAX_ATTEMPTS.
    The row keeps the count and its next_attempt_at, and the countdown is read from it, so
    the task and the sweep agree on when the next attempt is due; a lost retry is picked up
    by the sweep once that time has passed.
    """
    outcome = deliver(notification_id)
    if outcome == Outcome.RETRY:
        countdown = services.notification_retry_delay_for(notification_id=notification_id)
        raise self.retry(countdown=countdown)
    return str(outcome)


@task()
def notifications_sweep_task() -> int:
    """Periodic (beat): queue again what was not delivered in time; returns how many."""
    return len(services.notifications_sweep())


@task()
def receipts_write_task() -> int:
    """Periodic (beat): receipts for the tickets submitted since the last run."""
    return receipts.receipts_write()


@task()
def survey_reminders_task() -> int:
    """Periodic (beat): the one survey reminder of tickets resolved long enough ago."""
    return surveys.survey_reminders_write()

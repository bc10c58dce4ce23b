"""Thin Celery entry points: they take ids, reload, call a service, and are safe to run twice."""

from typing import Any

from celery import shared_task

from walletdesk.notifications import services
from walletdesk.notifications.delivery import Outcome
from walletdesk.notifications.delivery import notification_deliver as deliver

# Exponential backoff between attempts: 30 s, 60 s, 120 s, ... capped at an hour.
_BACKOFF_BASE_FOR = 30
_BACKOFF_MAX_FOR = 3600


@shared_task(bind=True, max_retries=None, acks_late=True)
def notification_deliver(self: Any, notification_id: str) -> str:
    """Deliver one notification (claim first, so a duplicate message sends nothing).

    A failed attempt is retried with exponential backoff until NOTIFICATIONS_MAX_ATTEMPTS;
    the row itself keeps the count, so a lost retry is picked up by the sweep.
    """
    outcome = deliver(notification_id)
    if outcome == Outcome.RETRY:
        countdown = min(_BACKOFF_MAX_FOR, _BACKOFF_BASE_FOR * 2**self.request.retries)
        raise self.retry(countdown=countdown)
    return str(outcome)


@shared_task
def notifications_sweep_task() -> int:
    """Periodic (beat): queue again what was not delivered in time; returns how many."""
    return len(services.notifications_sweep())


@shared_task
def ticket_reminders_task() -> dict[str, int]:
    """Periodic (beat): remind waiting customers, close stale waiting and resolved tickets."""
    from walletdesk.tickets.reminders import tickets_remind_and_close

    return tickets_remind_and_close()

"""Thin Celery entry points of the tickets app: safe to run twice."""

from walletdesk.core.background import task
from walletdesk.tickets.reminders import tickets_remind_and_close


@task()
def ticket_reminders_task() -> dict[str, int]:
    """Periodic (beat): remind waiting customers, close stale waiting and resolved tickets."""
    return tickets_remind_and_close()

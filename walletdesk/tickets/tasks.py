"""Thin Celery entry points of the tickets app: safe to run twice."""

from walletdesk.core.background import task
from walletdesk.tickets.reminders import tickets_remind_and_close
from walletdesk.tickets.routing import tickets_route


@task()
def ticket_reminders_task() -> dict[str, int]:
    """Periodic (beat): remind waiting customers, close stale waiting and resolved tickets."""
    return tickets_remind_and_close()


@task()
def tickets_route_task() -> int:
    """Periodic (beat): give the teams' unassigned tickets to their available agents."""
    return tickets_route()

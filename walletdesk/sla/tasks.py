"""Thin Celery entry points (beat): safe to run twice, and on several workers at once."""

from walletdesk.core.background import task
from walletdesk.sla import services


@task()
def deadlines_open_task() -> int:
    """Open the SLA clocks of the tickets submitted since the last run; returns how many."""
    return services.deadlines_open_new()

"""Thin Celery entry points (beat): safe to run twice, and on several workers at once."""

from walletdesk.core.background import task
from walletdesk.sla import services, sweep


@task()
def deadlines_open_task() -> int:
    """Open the SLA clocks of the tickets submitted since the last run; returns how many."""
    return services.deadlines_open_new()


@task()
def deadlines_sweep_task() -> list[int]:
    """Warn of targets about to be missed and mark missed ones; returns [warned, breached]."""
    warned, breached = sweep.deadlines_sweep()
    return [warned, breached]

"""Thin background entry points for incidents: safe to run twice, and at once."""

from uuid import UUID

from walletdesk.core.background import task
from walletdesk.incidents.services import incident_update_deliver, incident_updates_stalled


@task()
def incident_update_deliver_task(update_id: str) -> bool:
    """Deliver one batch of an incident's update (services.incident_update_deliver) and queue
    the next run while tickets are left; returns whether any were left."""
    left = incident_update_deliver(update_id=UUID(update_id))
    if left:
        incident_update_deliver_task.delay(update_id=update_id)
    return left


@task()
def incident_updates_sweep_task() -> int:
    """Periodic (beat): queue again every answer to all whose delivery stalled; returns how
    many."""
    stalled = incident_updates_stalled()
    for update_id in stalled:
        incident_update_deliver_task.delay(update_id=str(update_id))
    return len(stalled)

from walletdesk.core.background import task
from walletdesk.queues import services


@task()
def bulk_job_task(job_id: str) -> int:
    """Background: work through a bulk action's tickets (queued when it starts)."""
    return services.bulk_job_run(job_id)

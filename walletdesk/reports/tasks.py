from walletdesk.core.background import task
from walletdesk.reports import rollups, ticket_exports


@task()
def rollups_task() -> int:
    """Periodic (beat): count the events settled since the last run into the daily rollups."""
    return rollups.rollups_catch_up()


@task()
def ticket_export_task(export_id: str) -> int:
    """Background: write a ticket list export's file (queued when it is asked for)."""
    return ticket_exports.ticket_export_build(export_id)


@task()
def ticket_exports_expire_task() -> int:
    """Periodic (beat): delete exports older than EXPORT_KEEP_FOR, files too."""
    return ticket_exports.ticket_exports_expire()

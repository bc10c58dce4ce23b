from walletdesk.core.background import task
from walletdesk.reports import rollups


@task()
def rollups_task() -> int:
    """Periodic (beat): count the events settled since the last run into the daily rollups."""
    return rollups.rollups_catch_up()

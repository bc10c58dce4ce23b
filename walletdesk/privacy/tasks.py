"""Thin background entry points of the user's data rights."""

from walletdesk.core.background import task
from walletdesk.privacy import services


# OSError covers storage and mail failures (SMTPException is one).
@task(autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def data_export_build_task(export_id: str) -> bool:
    """Build one export and e-mail its link; safe to run twice (the export is claimed)."""
    return services.data_export_build(export_id=export_id)


@task(ignore_result=True)
def data_exports_sweep_task() -> int:
    """Expire links, delete fetched and expired ZIPs, queue exports nobody built (beat)."""
    return services.data_exports_sweep()


@task(ignore_result=True)
def retention_sweep_task() -> int:
    """Remove personal data of tickets closed past the retention period (beat, daily)."""
    return services.retention_sweep()

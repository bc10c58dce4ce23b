"""Thin Celery entry points of the submission path: safe to run twice, and at once."""

from django.conf import settings

from walletdesk.core.background import task
from walletdesk.submissions.rescan import stored_secrets_rescan


@task()
def stored_secrets_rescan_task() -> dict[str, int]:
    """Periodic (beat): read stored text again with the current secret guard, a few bounded
    batches per scope each run, and redact what it now finds (submissions/rescan.py)."""
    report = stored_secrets_rescan(
        batch_size=settings.SECRET_RESCAN_BATCH_SIZE,
        max_batches=settings.SECRET_RESCAN_BATCHES_PER_RUN,
    )
    return {"checked": report.checked, "redacted": report.redacted}

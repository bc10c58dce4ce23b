"""Thin Celery entry points of the attachments app: they take ids, reload, call a service, and
are safe to run twice (and on two workers at once: the service claims the row first)."""

from walletdesk.attachments import services
from walletdesk.attachments.models import Attachment
from walletdesk.core.background import RunningTask, bound_task, task


@bound_task(max_retries=5, acks_late=True)
def attachment_check_task(self: RunningTask, attachment_id: str) -> str:
    """Read one stored "checking" file for wallet secrets (services.attachment_check).

    A failure that is not a verdict (storage down) is retried a minute later; after the
    retries the sweep queues it again once its claim has lapsed.
    """
    try:
        return str(services.attachment_check(attachment_id=attachment_id))
    except Attachment.DoesNotExist:
        return str(services.CheckOutcome.SKIPPED)  # the ticket was deleted meanwhile
    except Exception as exc:
        raise self.retry(countdown=60, exc=exc) from exc


@task()
def attachment_checks_sweep_task() -> int:
    """Periodic (beat): queue again the checks nobody holds; returns how many."""
    return len(services.attachment_checks_sweep())

"""Read every stored text again with the current secret guard and redact what it finds."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from walletdesk.guard.version import guard_version
from walletdesk.submissions.rescan import stored_secrets_rescan


class Command(BaseCommand):
    help = (
        "Rescan stored messages, ticket texts and file names with the current secret guard "
        "(what the beat job does a few batches at a time) and mask what it now finds. Resumes "
        "where the last run stopped; does nothing the current guard version has already read."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch-size", type=int, default=settings.SECRET_RESCAN_BATCH_SIZE, help="rows a batch"
        )
        parser.add_argument(
            "--max-batches", type=int, default=0, help="batches per scope (0: until done)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = stored_secrets_rescan(
            batch_size=max(1, options["batch_size"]), max_batches=options["max_batches"] or None
        )
        busy = sorted({b.scope.value for b in report.batches if b.busy})
        self.stdout.write(
            f"guard {guard_version()}: checked {report.checked}, redacted {report.redacted}, "
            f"{'finished' if report.finished else 'not finished yet'}"
            + (f" (busy in another worker: {', '.join(busy)})" if busy else "")
        )

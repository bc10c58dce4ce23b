"""Poll the support mailbox by IMAP: once, or every N seconds until stopped."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from walletdesk.inbound.imap import ImapConfig, inbound_imap_poll


class Command(BaseCommand):
    help = "Fetch unseen mail from the IMAP mailbox (INBOUND_IMAP_*) and process it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--every", type=int, default=0, help="poll again every N seconds (0: once)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            config = ImapConfig.from_settings()
        except AttributeError as error:
            raise CommandError("Set INBOUND_ENABLED=1 and the INBOUND_IMAP_* variables.") from error
        while True:
            result = inbound_imap_poll(config)
            self.stdout.write(f"processed {result.processed}, failed {result.failed}")
            if not options["every"]:
                return
            time.sleep(options["every"])

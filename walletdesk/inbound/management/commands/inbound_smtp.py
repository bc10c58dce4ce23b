"""Run the SMTP listener for inbound mail until stopped (SIGINT / SIGTERM)."""

import signal
import threading
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from walletdesk.inbound.smtp import controller_create


class Command(BaseCommand):
    help = "Listen for inbound e-mail by SMTP (replies to tickets and new tickets)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=None, help="default: INBOUND_SMTP_HOST")
        parser.add_argument("--port", type=int, default=None, help="default: INBOUND_SMTP_PORT")

    def handle(self, *args: Any, **options: Any) -> None:
        host = options["host"] or getattr(settings, "INBOUND_SMTP_HOST", "127.0.0.1")
        port = options["port"] or getattr(settings, "INBOUND_SMTP_PORT", 2525)
        stop = threading.Event()
        previous = {
            signum: signal.signal(signum, lambda *_: stop.set())
            for signum in (signal.SIGINT, signal.SIGTERM)
        }
        controller = controller_create(host=host, port=port)
        controller.start()
        self.stdout.write(f"inbound SMTP listening on {host}:{port}")
        try:
            # A timeout keeps the main thread responsive to signals on every platform.
            while not stop.wait(timeout=1.0):
                pass
        finally:
            controller.stop()
            for signum, handler in previous.items():
                signal.signal(signum, handler)
            self.stdout.write("inbound SMTP stopped")

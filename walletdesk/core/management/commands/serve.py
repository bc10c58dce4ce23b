"""Run the web server, one Celery worker and Celery beat together (``make run``).

A small Procfile-style runner: starts the three processes, stops them all when any one
exits or on Ctrl-C, and exits with the first one's status.
"""

import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

_STARTUP_FOR = 120  # seconds the site may take to answer before the welcome is skipped


class Command(BaseCommand):
    help = "Run gunicorn, a Celery worker and Celery beat together."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default="127.0.0.1:8000")
        parser.add_argument("--web-workers", type=int, default=2)
        parser.add_argument(
            "--welcome",
            help="a file under the var folder to print once the site answers (the demo logins)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        bin_dir = Path(sys.executable).parent
        commands = {
            "web": [
                str(bin_dir / "gunicorn"),
                "config.wsgi",
                "--bind",
                options["bind"],
                "--workers",
                str(options["web_workers"]),
                "--access-logfile",
                "-",
            ],
            # Quiet: no banners, warnings and errors only, so the terminal keeps what a
            # person needs (the welcome, the access log, the mails of the embedded default).
            "worker": [str(bin_dir / "celery"), "-A", "config", "-q", "worker", "-l", "WARNING"],
            "beat": [str(bin_dir / "celery"), "-A", "config", "-q", "beat", "-l", "WARNING"],
        }
        processes = {
            name: subprocess.Popen(command)  # noqa: S603 - fixed commands from our own venv
            for name, command in commands.items()
        }
        stopping = False

        def stop(*_: object) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        if options["welcome"]:
            path = Path(settings.VAR_DIR) / options["welcome"]
            self._welcome(options["bind"], path, processes, stopped=lambda: stopping)
        status = 0
        while not stopping:
            for name, process in processes.items():
                if process.poll() is not None:
                    self.stderr.write(f"{name} exited with {process.returncode}; stopping")
                    status = process.returncode or 1
                    stopping = True
            time.sleep(0.5)
        for process in processes.values():
            if process.poll() is None:
                process.terminate()
        for process in processes.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        sys.exit(status)

    def _welcome(
        self,
        bind: str,
        path: Path,
        processes: dict[str, "subprocess.Popen[bytes]"],
        *,
        stopped: Callable[[], bool],
    ) -> None:
        """Print ``path`` once the site answers, unless a process exited or we are stopping."""
        url = f"http://{bind}/healthz"
        deadline = time.monotonic() + _STARTUP_FOR
        while time.monotonic() < deadline:
            if stopped() or any(process.poll() is not None for process in processes.values()):
                return
            try:
                with urllib.request.urlopen(url, timeout=10) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        else:
            return
        if path.exists():
            self.stdout.write(path.read_text(encoding="utf-8"))
            self.stdout.flush()

"""Run the web server, one Celery worker and Celery beat together (``make run``).

A small Procfile-style runner (core.supervision): a worker or beat that exits is started
again after a pause; the web server exiting, or Ctrl-C, stops them all, and the command exits
with the web server's status.
"""

import os
import shutil
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

from walletdesk.core.supervision import Supervised, Supervisor

_STARTUP_FOR = 120  # seconds the site may take to answer before the welcome is skipped


def _metrics_folder_fresh() -> None:
    """The web workers, the worker and beat write their Prometheus values under one folder
    that /metrics adds up (core/metrics.py); values of an earlier run must not count again."""
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR") or str(Path(settings.VAR_DIR) / "metrics")
    shutil.rmtree(folder, ignore_errors=True)
    Path(folder).mkdir(parents=True)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = folder


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
        _metrics_folder_fresh()
        commands = {
            "web": [
                str(bin_dir / "gunicorn"),
                "config.wsgi",
                "--config",
                "python:config.gunicorn",
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
        supervisor = Supervisor(
            [
                Supervised(name, command, restart=name != "web")
                for name, command in commands.items()
            ],
            log=lambda line: self.stderr.write(line),
        )
        supervisor.start_all()
        processes = {s.name: s.process for s in supervisor.processes if s.process is not None}
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
            ended = supervisor.tick()
            if ended is not None:
                status = ended
                break
            time.sleep(0.5)
        supervisor.stop_all()
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

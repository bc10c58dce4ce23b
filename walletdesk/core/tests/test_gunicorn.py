"""The web server as deployed (config/gunicorn.py): the application is loaded once before the
workers are forked, so each worker holds little of its own, and every process stops on SIGTERM
(a forked copy of the OCR engine's thread pools once kept workers hanging on exit)."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.conf import settings

WORKERS = 2
USS_LIMIT_MB = 120


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _memory_mb(pid: int) -> tuple[float, float]:
    """(unique, resident) megabytes of one process."""
    unique = resident = 0
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("Private_Clean", "Private_Dirty"):
            unique += int(rest.split()[0])
        elif name == "Rss":
            resident = int(rest.split()[0])
    return unique / 1024, resident / 1024


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def test_workers_share_the_preloaded_application_and_all_stop_on_sigterm(tmp_path):
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(  # noqa: S603 - our own venv's gunicorn, fixed arguments
        [
            str(gunicorn),
            "config.wsgi",
            "--config",
            "python:config.gunicorn",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(WORKERS),
        ],
        cwd=Path(settings.BASE_DIR),
        env={
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "DJANGO_SETTINGS_MODULE": "config.settings_test",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "PROMETHEUS_MULTIPROC_DIR": str(tmp_path),
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            workers = _children(server.pid)
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=5) as answer:  # noqa: S310
                    if answer.status == 200 and len(workers) == WORKERS:
                        break
            except OSError:
                pass
            time.sleep(0.5)
        else:
            raise AssertionError("gunicorn never answered")
        for _ in range(20):
            for path in ("/healthz", "/readyz"):
                with urllib.request.urlopen(base + path, timeout=10) as answer:  # noqa: S310
                    assert answer.status == 200

        for pid in workers:
            unique, resident = _memory_mb(pid)
            assert unique <= USS_LIMIT_MB, f"worker {pid} holds {unique:.0f} MB of its own"
            # The segmenter, Django and the URL map came from the master, shared.
            assert resident - unique >= 40, f"worker {pid} shares only {resident - unique:.0f} MB"

        server.send_signal(signal.SIGTERM)
        # Well inside the graceful timeout (20 s): a worker that hangs on exit fails here.
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            raise AssertionError(server.communicate()[1].decode()[-3000:]) from None
        for pid in workers:
            assert (
                not Path(f"/proc/{pid}").exists()
                or "zombie" in Path(f"/proc/{pid}/status").read_text()
            ), f"worker {pid} still running after SIGTERM"
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
        for pid in _alive(workers):
            os.kill(pid, signal.SIGKILL)


def _alive(pids: list[int]) -> list[int]:
    return [pid for pid in pids if Path(f"/proc/{pid}").exists()]

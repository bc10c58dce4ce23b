"""End to end: a real Celery worker on Redis delivers to a real SMTP server, is killed with
SIGKILL in the middle of a batch, restarts, and after the sweep every notification has
reached the SMTP server exactly once (counted per Message-ID).

The worker is a separate process, so it needs a database it can share: PostgreSQL only.
The SMTP server holds one message open while the worker waits for its answer; the kill lands
then, so the worker dies mid-send (after its claim, before the server accepted the mail).
"""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from email import message_from_bytes
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from walletdesk.notifications.models import Channel, Notification, State
from walletdesk.tickets.services import ticket_reply_add

REDIS_URL = "redis://127.0.0.1:6379/11"
BATCH = 20
HOLD_AT = 6  # the 6th message is held open while the worker is killed


def _redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


pytestmark = [
    pytest.mark.worker,
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="worker shares the database"),
    pytest.mark.skipif(not _redis_up(), reason="needs the Redis server on 127.0.0.1:6379"),
    pytest.mark.django_db(transaction=True),
]


class CountingHandler:
    def __init__(self) -> None:
        self.received: Counter[str] = Counter()
        self.seen = 0
        self.holding = False
        self.release = False

    async def handle_DATA(self, server, session, envelope) -> str:
        self.seen += 1
        if self.seen == HOLD_AT:
            self.holding = True
            while not self.release:
                await asyncio.sleep(0.05)
            return "451 4.3.0 sender went away"  # never accepted: not counted
        message_id = message_from_bytes(envelope.content)["Message-ID"]
        self.received[message_id] += 1
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start_worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    celery = Path(sys.executable).with_name("celery")
    return subprocess.Popen(  # noqa: S603 - our own venv's celery, fixed arguments
        [
            str(celery),
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-l",
            "WARNING",
        ],
        env=env,
        cwd=settings.BASE_DIR,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )


def _wait(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def test_killed_worker_mid_batch_still_delivers_each_exactly_once(
    alice, carol, alice_ticket, tmp_path
):
    import redis
    from aiosmtpd.controller import Controller
    from celery import Celery

    redis.Redis.from_url(REDIS_URL).flushdb()
    handler = CountingHandler()
    port = _free_port()
    smtp = Controller(handler, hostname="127.0.0.1", port=port)
    smtp.start()
    for i in range(BATCH):
        ticket_reply_add(ticket=alice_ticket, author=carol, body=f"第 {i} 条回复")
    ids = set(Notification.objects.filter(channel=Channel.EMAIL).values_list("pk", flat=True))
    assert len(ids) == BATCH
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "1",
        "SECRET_KEY": settings.SECRET_KEY,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_BROKER_URL": REDIS_URL,
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "NOTIFICATIONS_SWEEP_AFTER_FOR": "0",
        "NOTIFICATIONS_CLAIM_LEASE_FOR": "3",
        "WALLETDESK_VAR_DIR": str(tmp_path),
    }
    sender = Celery(broker=REDIS_URL)
    log = tmp_path / "worker.log"
    worker = _start_worker(env, log)
    try:
        sender.send_task("walletdesk.notifications.tasks.notifications_sweep_task")
        _wait(lambda: handler.holding, 30, "the worker to reach the held message")
        os.kill(worker.pid, signal.SIGKILL)  # mid-send: claimed, not yet accepted
        worker.wait(timeout=10)
        handler.release = True
        assert sum(handler.received.values()) == HOLD_AT - 1

        worker = _start_worker(env, log)
        time.sleep(3.5)  # let the dead worker's lease expire
        sender.send_task("walletdesk.notifications.tasks.notifications_sweep_task")
        _wait(
            lambda: Notification.objects.filter(pk__in=ids, state=State.SENT).count() == BATCH,
            30,
            "every notification to be sent: " + log.read_text(errors="replace")[-2000:],
        )
    finally:
        worker.kill()
        worker.wait(timeout=10)
        smtp.stop()
        sender.close()

    expected = {f"<n-{pk}@walletdesk.localhost>" for pk in ids}
    assert set(handler.received) == expected
    assert all(count == 1 for count in handler.received.values()), handler.received
    held = Notification.objects.filter(pk__in=ids, attempts=2)
    assert held.count() >= 1  # the one killed mid-send was claimed again and sent once

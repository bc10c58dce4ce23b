"""Drain 10,000 e-mail notifications through Redis-backed Celery workers to a local SMTP server.

Run: .venv/bin/python bench/bench_notify.py [--notifications 10000] [--workers 2]
     [--concurrency 2] [--redis-db 13] [--keep]

- PostgreSQL scratch database ``walletdesk_notifybench`` on 127.0.0.1 (dropped and created
  again, migrated): the workers are separate processes and share it.
- Seeds customers, tickets with an agent reply each, and one pending e-mail Notification per
  (customer, reply event), written in bulk (the rows the reply's transaction would write).
- Starts an aiosmtpd server on 127.0.0.1 that counts every accepted mail by Message-ID, and
  ``--workers`` Celery worker processes (prefork, ``--concurrency`` each) on
  redis://127.0.0.1:6379/<redis-db>; only that Redis database is flushed, before and after.
- Once every worker answers a ping, queues every row as ``notifications_queue`` does after a
  commit and times until the SMTP server has accepted all of them.
- Checks exactly once: each notification's Message-ID arrived once, none is missing, none
  extra, every row is ``sent``; the sweep then finds nothing to queue.
"""

import argparse
import asyncio
import logging
import os
import platform
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from email import message_from_bytes
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PG = "postgres://postgres@127.0.0.1:5432"
DATABASE = "walletdesk_notifybench"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _recreate_database() -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        conn.execute(f"CREATE DATABASE {DATABASE}")


class CountingHandler:
    """Accepts every mail and counts it by Message-ID (called in aiosmtpd's thread)."""

    def __init__(self) -> None:
        self.received: Counter[str] = Counter()
        self.lock = threading.Lock()

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        content: bytes = envelope.content  # type: ignore[attr-defined]
        message_id = message_from_bytes(content)["Message-ID"]
        with self.lock:
            self.received[message_id] += 1
        await asyncio.sleep(0)
        return "250 OK"

    def total(self) -> int:
        with self.lock:
            return sum(self.received.values())


def _seed(count: int) -> list[object]:
    """``count`` pending e-mail rows: 100 customers, one ticket and agent reply per row."""
    from walletdesk.accounts.tests.factories import AgentFactory, UserFactory
    from walletdesk.notifications.models import Channel, Kind, Notification, State
    from walletdesk.tickets.models import Message, Ticket, TicketEvent
    from walletdesk.tickets.tests.factories import TicketFactory

    agent = AgentFactory(email="agent@walletdesk.example")
    customers = [
        UserFactory(email=f"c{i}@example.com", language="zh-hans" if i % 3 else "en")
        for i in range(100)
    ]
    template = TicketFactory(requester=customers[0])
    tickets = Ticket.objects.bulk_create(
        [
            Ticket(
                reference=f"WD-B{i:05d}",
                requester=customers[i % len(customers)],
                category=template.category,
                subject=f"提现一直显示处理中 #{i}",
                description="USDT 提现两小时未到账。",
                first_response_due_at=template.first_response_due_at,
            )
            for i in range(count)
        ],
        batch_size=2000,
    )
    Message.objects.bulk_create(
        [
            Message(
                ticket=t,
                author=agent,
                author_role=Message.AuthorRole.AGENT,
                body="请提供交易哈希和提现记录截图。",
            )
            for t in tickets
        ],
        batch_size=2000,
    )
    events = TicketEvent.objects.bulk_create(
        [TicketEvent(ticket=t, actor=agent, kind=TicketEvent.Kind.AGENT_REPLIED) for t in tickets],
        batch_size=2000,
    )
    rows = Notification.objects.bulk_create(
        [
            Notification(
                recipient=t.requester,
                kind=Kind.AGENT_REPLIED,
                channel=Channel.EMAIL,
                ticket=t,
                event=e,
                state=State.PENDING,
            )
            for t, e in zip(tickets, events, strict=True)
        ],
        batch_size=2000,
    )
    return [r.pk for r in rows]


def _start_worker(env: dict[str, str], concurrency: int, name: str, log: Path) -> subprocess.Popen:  # type: ignore[type-arg]
    return subprocess.Popen(  # noqa: S603 - our own venv's celery, fixed arguments
        [
            str(Path(sys.executable).with_name("celery")),
            "-A",
            "config",
            "worker",
            "--pool=prefork",
            f"--concurrency={concurrency}",
            f"--hostname={name}@%h",
            "--without-gossip",
            "--without-mingle",
            "-l",
            "WARNING",
        ],
        env=env,
        cwd=ROOT,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notifications", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--redis-db", type=int, default=13)
    parser.add_argument("--timeout", type=float, default=1800)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args()

    redis_url = f"redis://127.0.0.1:6379/{args.redis_db}"
    smtp_port = _free_port()
    var_dir = ROOT / "var" / "bench-notify"
    var_dir.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "1",
        "SECRET_KEY": secrets.token_urlsafe(32),  # a throwaway key for this run only
        "DATABASE_URL": f"{PG}/{DATABASE}",
        "CELERY_BROKER_URL": redis_url,
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "WALLETDESK_VAR_DIR": str(var_dir),
    }
    os.environ.update(env)

    _recreate_database()
    import django

    django.setup()
    import redis
    from aiosmtpd.controller import Controller
    from django.core.management import call_command
    from django.db import connection

    from config.celery import app
    from walletdesk.notifications.models import Notification, State
    from walletdesk.notifications.services import notifications_queue, notifications_sweep

    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every command
    call_command("migrate", verbosity=0)
    started = time.monotonic()
    ids = _seed(args.notifications)
    print(f"seeded {len(ids)} pending e-mail notifications in {time.monotonic() - started:.1f} s")

    broker = redis.Redis.from_url(redis_url)
    broker.flushdb()
    handler = CountingHandler()
    smtp = Controller(handler, hostname="127.0.0.1", port=smtp_port)
    smtp.start()
    log = var_dir / "workers.log"
    log.write_bytes(b"")
    workers = [_start_worker(env, args.concurrency, f"bench{i}", log) for i in range(args.workers)]
    try:
        deadline = time.monotonic() + 60
        while len(app.control.ping(timeout=1.0) or []) < args.workers:
            if time.monotonic() > deadline:
                raise SystemExit("workers did not start: " + log.read_text()[-2000:])
        load_before = os.getloadavg()

        t0 = time.monotonic()
        notifications_queue(ids)
        queued_for = time.monotonic() - t0
        deadline = t0 + args.timeout
        while handler.total() < len(ids):
            if time.monotonic() > deadline:
                raise SystemExit(f"timed out at {handler.total()} of {len(ids)}")
            time.sleep(0.05)
        drained_for = time.monotonic() - t0
        load_after = os.getloadavg()
        # Let the last workers record their rows as sent, and any stray duplicate arrive.
        deadline = time.monotonic() + 30
        while Notification.objects.filter(state=State.SENT).count() < len(ids):
            if time.monotonic() > deadline:
                break
            time.sleep(0.1)
        time.sleep(2)
    finally:
        for worker in workers:
            worker.send_signal(signal.SIGTERM)
        for worker in workers:
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
        smtp.stop()
        broker.flushdb()

    expected = {f"<n-{pk}@walletdesk.localhost>" for pk in ids}
    states = Counter(Notification.objects.values_list("state", flat=True))
    attempts = Counter(Notification.objects.values_list("attempts", flat=True))
    duplicates = {m: c for m, c in handler.received.items() if c > 1}
    exactly_once = set(handler.received) == expected and not duplicates
    left_for_sweep = len(notifications_sweep())
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg_version = cursor.fetchone()[0]
    connection.close()

    import celery

    print()
    print(
        f"machine: {os.cpu_count()} CPUs, {platform.platform()}, Python {platform.python_version()}"
    )
    print(
        f"PostgreSQL {pg_version}, Redis {broker.info()['redis_version']}, "
        f"Celery {celery.__version__}"
    )
    print(f"workers: {args.workers} x prefork concurrency {args.concurrency}, broker {redis_url}")
    print(f"load average before/after: {load_before[0]:.2f} / {load_after[0]:.2f}")
    print(f"queued {len(ids)} tasks in {queued_for:.2f} s ({len(ids) / queued_for:,.0f}/s)")
    print(f"drained in {drained_for:.2f} s: {len(ids) / drained_for:,.0f} notifications/s")
    print(f"SMTP accepted {handler.total()} mails, {len(handler.received)} distinct Message-IDs")
    print(
        f"missing {len(expected - set(handler.received))}, unexpected "
        f"{len(set(handler.received) - expected)}, duplicated {len(duplicates)}"
    )
    print(f"rows by state: {dict(states)}; by attempts: {dict(sorted(attempts.items()))}")
    print(f"left for the sweep afterwards: {left_for_sweep}")
    print("exactly once: " + ("yes" if exactly_once and states == {State.SENT: len(ids)} else "NO"))

    if not args.keep:
        _drop()
    if not exactly_once:
        sys.exit(1)


def _drop() -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


if __name__ == "__main__":
    main()

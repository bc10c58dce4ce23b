"""The fault suite: keyed API submissions through the production profile while one part fails.

    make prod-up PROFILE_RATE_LIMITS=false            # or let this start it: --start
    .venv/bin/python bench/faults/run.py --scenarios all --submissions 2000
    make faults                                        # the same, starting and stopping the profile

For each scenario: ``--clients`` threads send ``--submissions`` tickets to POST
/api/v1/tickets through nginx (in the storage scenario each with a screenshot), each with its
own Idempotency-Key, retrying with the same key (0.5 s apart) on a lost connection, a 5xx or a
409 until ``--key-deadline`` seconds have passed. When a third have been acknowledged the fault
is injected; then the part comes back. Afterwards the run waits for the receipts (one e-mail
per ticket) to leave, and counts from the database, the bucket and the SMTP sink:

    submitted     keys sent
    acknowledged  keys answered 201 (or replayed) with a reference
    stored        tickets of the run in the database
    lost          acknowledged references not stored                      (must be 0)
    duplicated    keys stored more than once                              (must be 0)
    unanswerable  keys never answered within the deadline                 (must be 0)
    due           receipt e-mails written for the run's tickets
    delivered     of those, Message-IDs the SMTP sink received
    twice         Message-IDs received more than once (at least once, one Message-ID:
                  docs/reliability.md; a mail client shows such a repeat once)
    without_file  stored tickets of a run with screenshots that hold none     (must be 0)
    file_missing  screenshots whose object is not in the bucket              (must be 0)

Exit status 1 when lost, duplicated, unanswerable, without_file or file_missing is not 0, or
a due receipt never left.
"""

from __future__ import annotations

import argparse
import http.client
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "deploy" / "local"))

import psycopg  # noqa: E402
import stack  # noqa: E402

PRIMARY = f"postgres://postgres@127.0.0.1:{stack.PRIMARY_PORT}/{stack.DATABASE}"


@dataclass
class Outcome:
    acknowledged: dict[str, str] = field(default_factory=dict)  # key -> reference
    unanswerable: list[str] = field(default_factory=list)
    refused: Counter[int] = field(default_factory=Counter)
    retries: int = 0
    retried_on: Counter[int] = field(default_factory=Counter)  # status (0: no answer) -> count
    lock: threading.Lock = field(default_factory=threading.Lock)


def _token() -> str:
    script = (
        "from walletdesk.accounts.tests.factories import UserFactory;"
        "from walletdesk.devices.services import device_token_issue;"
        "import uuid;"
        "u = UserFactory(email=f'faults-{uuid.uuid4().hex[:8]}@example.test');"
        "print(device_token_issue(user=u, name='fault suite').secret)"
    )
    answer = stack._run(
        [sys.executable, "manage.py", "shell", "-c", script], cwd=ROOT, env=stack.app_env()
    )
    return answer.stdout.strip().splitlines()[-1]


def _post(token: str, key: str, body: bytes, content_type: str) -> tuple[int, dict[str, object]]:
    # Longer than nginx gives a request (60 s): the answer, not the wait, decides.
    connection = http.client.HTTPConnection("127.0.0.1", stack.NGINX_PORT, timeout=65)
    try:
        connection.request(
            "POST",
            "/api/v1/tickets",
            body=body,
            headers={
                "Authorization": f"Bearer {token}",
                "Idempotency-Key": key,
                "Content-Type": content_type,
                "Accept-Language": "en",
            },
        )
        answer = connection.getresponse()
        raw = answer.read()
    finally:
        connection.close()
    try:
        return answer.status, json.loads(raw or b"{}")
    except ValueError:
        return answer.status, {}


def _screenshot(number: int) -> bytes:
    """A small PNG of its own colour, so no two submissions carry the same file."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 48), (number % 256, number // 256 % 256, 77)).save(out, "PNG")
    return out.getvalue()


def _body(fields: dict[str, str], number: int, with_file: bool) -> tuple[bytes, str]:
    if not with_file:
        return json.dumps(fields).encode(), "application/json"
    boundary = f"fault-{uuid.uuid4().hex}"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="attachments"; '
        f'filename="screen-{number}.png"\r\nContent-Type: image/png\r\n\r\n'.encode()
        + _screenshot(number)
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _client(
    token: str, run: str, numbers: list[int], outcome: Outcome, deadline: float, with_file: bool
) -> None:
    for number in numbers:
        key = f"{run}-{number:05d}"
        fields = {
            "category": "other",
            "subject": f"fault run {run} #{number}",
            "description": f"Submitted by the fault suite, key {key}.",
        }
        body, content_type = _body(fields, number, with_file)
        give_up = time.monotonic() + deadline
        while True:
            try:
                status, answer = _post(token, key, body, content_type)
            except (OSError, http.client.HTTPException):
                status, answer = 0, {}
            if status in (200, 201) and answer.get("reference"):
                with outcome.lock:
                    outcome.acknowledged[key] = str(answer["reference"])
                break
            if status and status < 500 and status not in (409, 429):
                with outcome.lock:
                    outcome.refused[status] += 1
                break
            if time.monotonic() > give_up:
                with outcome.lock:
                    outcome.unanswerable.append(key)
                break
            with outcome.lock:
                outcome.retries += 1
                outcome.retried_on[status] += 1
            time.sleep(0.5)


# --- the faults ------------------------------------------------------------------------------


def _kill_group(name: str) -> None:
    os.killpg(int((stack.PIDS / f"{name}.pid").read_text()), signal.SIGKILL)


def _pg_ctl(cluster: str, *args: str) -> None:
    stack._as_postgres([str(stack.PG_BIN / "pg_ctl"), "-D", str(stack.PROD / cluster), *args])


def web_kill() -> None:
    """One web instance (its master and workers) SIGKILLed; nginx sends the rest to the other."""
    _kill_group("web1")


def worker_kill() -> None:
    """One Celery worker SIGKILLed mid-run; its unacknowledged tasks go to the other."""
    _kill_group("worker1")


def redis_restart() -> None:
    """Redis (cache, sessions, broker) stopped for 3 s and started again, empty."""
    subprocess.run(["redis-cli", "-p", str(stack.REDIS_PORT), "shutdown", "nosave"], check=False)
    time.sleep(3)
    stack.redis_up()


def postgres_fast() -> None:
    """The primary restarted with fast shutdown (connections closed, a clean checkpoint)."""
    _pg_ctl(
        "pg-primary",
        "-m",
        "fast",
        "-w",
        "restart",
        "-l",
        str(stack.PROD / "pg-run" / "primary.log"),
    )


def postgres_immediate() -> None:
    """The primary stopped as if its machine lost power, then started (crash recovery)."""
    _pg_ctl("pg-primary", "-m", "immediate", "-w", "stop")
    time.sleep(2)
    _pg_ctl("pg-primary", "-w", "start", "-l", str(stack.PROD / "pg-run" / "primary.log"))


def replica_loss() -> None:
    """The replica stopped: read-only pages go back to the primary; submissions never used it."""
    _pg_ctl("pg-replica", "-m", "immediate", "-w", "stop")


def smtp_down() -> None:
    """The mail server away for 10 s (connections refused): receipts wait and are retried."""
    _kill_group("smtp")
    time.sleep(10)
    stack.smtp_up()


# Longer than an upload's two attempts of 15 s (AWS_S3_READ_TIMEOUT): uploads fail with
# storage_unavailable and are retried, rather than waiting the outage out.
STORAGE_OUTAGE_FOR = 40


def storage_down() -> None:
    """The object store hung (connections accepted, never answered), then back with
    everything it held: uploads time out and answer storage_unavailable until it returns."""
    group = int((stack.PIDS / "s3.pid").read_text())
    os.killpg(group, signal.SIGSTOP)
    try:
        time.sleep(STORAGE_OUTAGE_FOR)
    finally:
        os.killpg(group, signal.SIGCONT)


SCENARIOS = {
    "web-kill": web_kill,
    "worker-kill": worker_kill,
    "redis-restart": redis_restart,
    "postgres-fast": postgres_fast,
    "postgres-immediate": postgres_immediate,
    "replica-loss": replica_loss,
    "smtp-down": smtp_down,
    "storage-down": storage_down,
}
# The scenarios whose submissions carry a screenshot.
WITH_FILES = {"storage-down"}


def _restore_parts() -> None:
    """Bring back what a scenario stopped, so the next one starts whole."""
    for name in ("web1", "worker1"):
        pid_file = stack.PIDS / f"{name}.pid"
        alive = pid_file.exists() and Path(f"/proc/{pid_file.read_text()}").exists()
        if not alive:
            env = stack.app_env()
            if name == "web1":
                stack._spawn(
                    name,
                    [
                        str(stack.BIN / "gunicorn"),
                        "config.wsgi",
                        "--config",
                        "python:config.gunicorn",
                        "--bind",
                        f"127.0.0.1:{stack.WEB_PORTS[0]}",
                        "--workers",
                        "2",
                    ],
                    {**env, "PROMETHEUS_MULTIPROC_DIR": str(stack._metrics_folder(name))},
                )
            else:
                stack._spawn(
                    name,
                    [
                        str(stack.BIN / "celery"),
                        "-A",
                        "config",
                        "worker",
                        "-n",
                        "worker1@%h",
                        "--concurrency",
                        "2",
                        "-l",
                        "WARNING",
                    ],
                    {**env, "PROMETHEUS_MULTIPROC_DIR": str(stack._metrics_folder(name))},
                )
    if not stack._pg_ready(stack.REPLICA_PORT):
        stack._pg_start(stack.PROD / "pg-replica", "replica.log")


# --- counting --------------------------------------------------------------------------------


def _objects_in_bucket() -> set[str]:
    import boto3

    client = boto3.client(
        "s3",
        endpoint_url=f"http://127.0.0.1:{stack.S3_PORT}",
        region_name="us-east-1",
        aws_access_key_id="walletdesk-local",
        aws_secret_access_key="walletdesk-local-secret",  # noqa: S106 - the profile's own
    )
    keys: set[str] = set()
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=stack.BUCKET):
        keys.update(item["Key"] for item in page.get("Contents", []))
    return keys


def _count_files(run: str) -> dict[str, int]:
    """Every stored ticket of a run with screenshots holds one, and its object exists."""
    pattern = f"fault run {run} #%"
    with psycopg.connect(PRIMARY) as db:
        without = db.execute(
            "SELECT count(*) FROM tickets_ticket t WHERE t.subject LIKE %s AND NOT EXISTS "
            "(SELECT 1 FROM attachments_attachment a WHERE a.ticket_id = t.id)",
            (pattern,),
        ).fetchone()
        names = db.execute(
            "SELECT a.storage_key FROM attachments_attachment a "
            "JOIN tickets_ticket t ON t.id = a.ticket_id WHERE t.subject LIKE %s",
            (pattern,),
        ).fetchall()
    in_bucket = _objects_in_bucket()
    return {
        "files": len(names),
        "without_file": int(without[0]) if without else 0,
        "file_missing": sum(1 for (name,) in names if name not in in_bucket),
    }


def _count(run: str, outcome: Outcome, drain_for: float) -> dict[str, object]:
    pattern = f"fault run {run} #%"
    deadline = time.monotonic() + drain_for
    while True:
        try:
            with psycopg.connect(PRIMARY) as db:
                rows = db.execute(
                    "SELECT subject, reference FROM tickets_ticket WHERE subject LIKE %s",
                    (pattern,),
                ).fetchall()
                receipts = db.execute(
                    "SELECT n.id, n.state, n.attempts FROM notifications_notification n "
                    "JOIN tickets_ticket t ON t.id = n.ticket_id "
                    "WHERE t.subject LIKE %s AND n.channel = 'email' AND n.kind = 'received'",
                    (pattern,),
                ).fetchall()
        except psycopg.OperationalError:
            rows, receipts = [], []
        waiting = [r for r in receipts if r[1] in ("pending", "sending")]
        if (rows and len(receipts) >= len(rows) and not waiting) or time.monotonic() > deadline:
            break
        time.sleep(2)
    stored = {reference for _subject, reference in rows}
    per_key = Counter(subject for subject, _reference in rows)
    received = (
        Counter(stack.SMTP_RECEIVED.read_text().split())
        if stack.SMTP_RECEIVED.exists()
        else Counter()
    )
    due_ids = [f"<n-{notification_id}@" for notification_id, _state, _attempts in receipts]
    delivered = twice = 0
    for prefix in due_ids:
        seen = sum(count for message_id, count in received.items() if message_id.startswith(prefix))
        delivered += seen > 0
        twice += seen > 1
    return {
        "submitted": 0,
        "acknowledged": len(outcome.acknowledged),
        "stored": len(rows),
        "lost": len(set(outcome.acknowledged.values()) - stored),
        "duplicated": sum(1 for n in per_key.values() if n > 1),
        "unanswerable": len(outcome.unanswerable),
        "refused": sum(outcome.refused.values()),
        "retries": outcome.retries,
        "retried_on": dict(sorted(outcome.retried_on.items())),
        "due": len(receipts),
        "delivered": delivered,
        "twice": twice,
        # Sends that failed and were tried again (the SMTP scenario must show some).
        "resent_after_failure": sum(max(0, attempts - 1) for _id, _state, attempts in receipts),
        "drained_in_s": round(drain_for - max(0.0, deadline - time.monotonic()), 1),
    }


def run_scenario(name: str, token: str, args: argparse.Namespace) -> dict[str, object]:
    run = f"{name}-{uuid.uuid4().hex[:6]}"
    outcome = Outcome()
    numbers = list(range(args.submissions))
    shares = [numbers[i :: args.clients] for i in range(args.clients)]
    started = time.monotonic()
    with_file = name in WITH_FILES
    threads = [
        threading.Thread(
            target=_client, args=(token, run, share, outcome, args.key_deadline, with_file)
        )
        for share in shares
    ]
    for thread in threads:
        thread.start()
    while len(outcome.acknowledged) < args.submissions // 3 and any(t.is_alive() for t in threads):
        time.sleep(0.05)
    fault_at = time.monotonic() - started
    SCENARIOS[name]()
    for thread in threads:
        thread.join()
    sent_for = time.monotonic() - started
    _restore_parts()
    counts = _count(run, outcome, args.drain_for)
    counts["submitted"] = args.submissions
    if with_file:
        counts.update(_count_files(run))
    return {
        "scenario": name,
        "fault_at_s": round(fault_at, 1),
        "sent_for_s": round(sent_for, 1),
        "load": round(os.getloadavg()[0], 2),
        **counts,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenarios", default="all", help="comma-separated, or all")
    parser.add_argument("--submissions", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--key-deadline", type=float, default=120.0)
    parser.add_argument("--drain-for", type=float, default=240.0)
    parser.add_argument("--start", action="store_true", help="start the profile, stop it after")
    args = parser.parse_args()
    names = list(SCENARIOS) if args.scenarios == "all" else args.scenarios.split(",")
    # Every process started from here (the profile, a web instance brought back after a
    # scenario) sends its tickets from one account: without this a restarted one answers 429.
    os.environ["PROFILE_RATE_LIMITS"] = "false"
    if args.start:
        stack.up()
    failed = False
    try:
        token = _token()
        for name in names:
            result = run_scenario(name, token, args)
            print(json.dumps(result), flush=True)
            bad = any(
                result.get(count)
                for count in ("lost", "duplicated", "unanswerable", "without_file", "file_missing")
            )
            failed |= bool(bad) or result["delivered"] < result["due"]
    finally:
        if args.start:
            stack.down()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

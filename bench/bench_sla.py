"""The service clocks at scale: the "due next" page and the breach sweep.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/walletdesk_bench \\
        .venv/bin/python bench/bench_sla.py --requests 200

Against the bench database (bench/seed_tickets.py), with a first-reply target on every active
ticket (``--seed`` writes them: due from two days ago to five days ahead, the past ones
breached, the waiting ones paused). Prints, in process:

- the "due next" page (``/console/due/``, and narrowed to the next hour) as a bench agent:
  p50 / p95 / max milliseconds and the SQL statements per request;
- the breach sweep (``sla.sweep.deadlines_sweep``) once caught up: milliseconds per run, first
  with met targets only on the active tickets, then with a met target on every closed and
  resolved ticket too (``--closed``), to show its cost does not grow with finished work.

Only 127.0.0.1 is contacted. The sweep's own writes (warnings, breaches) change the data a
little on each run, as they would in production.
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import (  # noqa: E402
    DEFAULT_DATABASE_URL,
    DEFAULT_REDIS_URL,
    collectstatic,
    server_env,
)

SEED_SQL = """
DELETE FROM sla_ticketdeadline;
INSERT INTO sla_policy (id, created_at, updated_at, name_zh, name_en, priority,
    first_reply_for, next_reply_for, resolution_for, warn_before_for, category_id)
SELECT gen_random_uuid(), now(), now(), '标准', 'Standard', NULL, 960, 480, 2880, 60, NULL
WHERE NOT EXISTS (SELECT 1 FROM sla_policy);
WITH src AS (
  SELECT t.id, t.created_at, t.status,
         now() - interval '2 days' + (random() * interval '7 days') AS due
  FROM tickets_ticket t WHERE t.status IN ('new', 'open', 'waiting_on_customer')
)
INSERT INTO sla_ticketdeadline (id, created_at, updated_at, kind, started_at, due_at, paused_at,
    remaining_for, met_at, breached_at, warned_at, policy_id, ticket_id)
SELECT gen_random_uuid(), now(), now(), 'first_reply', created_at,
       CASE WHEN status = 'waiting_on_customer' THEN NULL ELSE due END,
       CASE WHEN status = 'waiting_on_customer' THEN now() END,
       CASE WHEN status = 'waiting_on_customer' THEN interval '4 hours' END,
       NULL,
       CASE WHEN status <> 'waiting_on_customer' AND due < now() THEN due END,
       CASE WHEN status <> 'waiting_on_customer' AND due < now() + interval '1 hour'
            THEN due - interval '1 hour' END,
       (SELECT id FROM sla_policy LIMIT 1), id
FROM src;
"""

CLOSED_SQL = """
INSERT INTO sla_ticketdeadline (id, created_at, updated_at, kind, started_at, due_at, paused_at,
    remaining_for, met_at, breached_at, warned_at, policy_id, ticket_id)
SELECT gen_random_uuid(), now(), now(), 'resolution', t.created_at,
       t.created_at + interval '2 days', NULL, NULL, t.updated_at, NULL, NULL,
       (SELECT id FROM sla_policy LIMIT 1), t.id
FROM tickets_ticket t
WHERE t.status IN ('resolved', 'closed', 'rejected')
  AND NOT EXISTS (SELECT 1 FROM sla_ticketdeadline d WHERE d.ticket_id = t.id);
"""


def _timed(call: Callable[[], object], runs: int) -> list[float]:
    spent = []
    for _ in range(runs):
        began = time.perf_counter()
        call()
        spent.append((time.perf_counter() - began) * 1000)
    return spent


def _summary(ms: list[float]) -> str:
    ordered = sorted(ms)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return f"p50 {statistics.median(ordered):6.1f}  p95 {p95:6.1f}  max {ordered[-1]:6.1f} ms"


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--requests", type=int, default=200, help="page requests per URL")
    parser.add_argument("--sweeps", type=int, default=20, help="sweep runs per measurement")
    parser.add_argument("--seed", action="store_true", help="(re)write the active targets")
    parser.add_argument("--closed", action="store_true", help="add met targets to closed work")
    parser.add_argument(
        "--database-url", default=os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    )
    parser.add_argument("--redis-url", default=DEFAULT_REDIS_URL)
    args = parser.parse_args(list(argv) if argv is not None else None)

    env = server_env(args, secrets.token_urlsafe(50), Path(tempfile.mkdtemp(prefix="wd-sla-")))
    os.environ.update(env)
    collectstatic(env)
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from bench.load import load_agents
    from walletdesk.sla.models import TicketDeadline
    from walletdesk.sla.sweep import deadlines_sweep

    if args.seed:
        with connection.cursor() as cursor:
            cursor.execute(SEED_SQL)
            cursor.execute("ANALYZE sla_ticketdeadline")
    print(f"load average {os.getloadavg()[0]:.2f} before")
    print(
        f"targets: {TicketDeadline.objects.count():,} "
        f"(pending {TicketDeadline.objects.pending().count():,}, "
        f"missed {TicketDeadline.objects.breached().count():,})"
    )

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(load_agents()[0])
    for path in ("/console/due/", "/console/due/?within=1h"):
        for _ in range(5):
            assert client.get(path).status_code == 200
        queries: list[int] = []

        def hit(path: str = path, queries: list[int] = queries) -> None:
            before = len(connection.queries)
            response = client.get(path)
            assert response.status_code == 200, response.status_code
            queries.append(len(connection.queries) - before)

        connection.force_debug_cursor = True
        ms = _timed(hit, args.requests)
        connection.force_debug_cursor = False
        print(f"GET {path:<26} {_summary(ms)}  SQL statements {max(queries)}")

    while deadlines_sweep() != (0, 0):
        pass  # catch up with what was due before the run
    print(f"sweep, caught up:             {_summary(_timed(deadlines_sweep, args.sweeps))}")
    if args.closed:
        with connection.cursor() as cursor:
            cursor.execute(CLOSED_SQL)
            cursor.execute("ANALYZE sla_ticketdeadline")
        total = TicketDeadline.objects.count()
        ms = _timed(deadlines_sweep, args.sweeps)
        print(f"sweep, {total:,} targets:  {_summary(ms)}")
    print(f"load average {os.getloadavg()[0]:.2f} after")


if __name__ == "__main__":
    main()

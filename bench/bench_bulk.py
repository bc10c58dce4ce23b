"""A saved view's queue page and a 10,000-ticket bulk action, at the bench database's size.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/walletdesk_bench \\
        .venv/bin/python bench/bench_bulk.py --requests 60 --tickets 10000

1. Saves a view (urgent active tickets, newest first) for a bench agent and times its queue
   page in process (the WSGI application gunicorn serves, DEBUG off): p50 and p95 wall time,
   worker CPU and SQL statements per request.
2. Starts a bulk action (set priority) on ``--tickets`` tickets of the agent's view, as the
   console does, and runs it in a separate process, as a Celery worker would; meanwhile this
   process keeps loading the saved view's page and reports its p95 while the job runs, then
   the job's duration and rate. The priority is set back afterwards, so runs repeat.
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, collectstatic, server_env  # noqa: E402
from bench.page_cpu import StatementCounter  # noqa: E402
from bench.submit_cpu import Wsgi  # noqa: E402

VIEW_QUERY = "status=new&status=open&priority=3&sort=newest"


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] if len(values) >= 20 else max(values)


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--tickets", type=int, default=10_000)
    parser.add_argument(
        "--database-url", default=os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    )
    parser.add_argument("--redis-url", default=DEFAULT_REDIS_URL)
    args = parser.parse_args(list(argv) if argv is not None else None)

    env = server_env(args, secrets.token_urlsafe(50), Path(tempfile.mkdtemp(prefix="wd-bulk-")))
    os.environ.update(env)
    collectstatic(env)
    wsgi = Wsgi()
    from django.db import connection

    from bench.load import load_agents, session_cookie
    from walletdesk.queues import services as queue_services
    from walletdesk.queues.models import BulkJob
    from walletdesk.tickets import selectors
    from walletdesk.tickets.models import Priority, Ticket

    agent = load_agents()[0]
    cookie = session_cookie(agent)
    view = queue_services.saved_view_save(
        owner=agent, name="bench: urgent, newest", query=VIEW_QUERY, shared=False
    )

    def page() -> float:
        began = time.perf_counter()
        status, _, _ = wsgi("GET", "/console/", cookie=cookie, query=view.query)
        if not status.startswith("200"):
            raise SystemExit(f"the saved view answered {status}")
        return (time.perf_counter() - began) * 1000

    for _ in range(5):
        page()
    counter = StatementCounter()
    with connection.execute_wrapper(counter):
        page()
    cpu = time.process_time()
    quiet = [page() for _ in range(args.requests)]
    cpu_ms = (time.process_time() - cpu) * 1000 / args.requests
    print(f"load average {os.getloadavg()[0]:.2f}; {Ticket.objects.count():,} tickets")
    print(
        f"saved view page, quiet: p50 {statistics.median(quiet):.1f} ms, p95 {_p95(quiet):.1f} ms, "
        f"worker CPU {cpu_ms:.1f} ms, {counter.count} SQL statements"
    )

    from walletdesk.queues.models import BulkItem
    from walletdesk.tickets.selectors import QueueFilters

    ids = selectors.ticket_ids_matching(
        user=agent, filters=QueueFilters(statuses=["new", "open"]), limit=args.tickets
    )
    before = dict(Ticket.objects.filter(pk__in=ids).values_list("pk", "priority"))
    job = queue_services.bulk_job_start(
        agent=agent,
        action=BulkJob.Action.PRIORITY,
        params={"priority": Priority.LOW},
        ticket_ids=ids,
        described="bench",
    )
    began = time.perf_counter()
    worker = subprocess.Popen(  # noqa: S603 - our own interpreter, a fixed script
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from walletdesk.queues.services import bulk_job_run;"
            f" bulk_job_run('{job.pk}')",
        ],
        cwd=ROOT,
        env={**os.environ},
    )
    during = []
    while worker.poll() is None:
        during.append(page())
    duration = time.perf_counter() - began
    job.refresh_from_db()
    print(
        f"bulk action on {job.total:,} tickets: {job.state} in {duration:.1f} s "
        f"({job.total / duration:,.0f} tickets/s), {job.refused} refused"
    )
    if during:
        print(
            f"saved view page while it ran ({len(during)} requests): "
            f"p50 {statistics.median(during):.1f} ms, p95 {_p95(during):.1f} ms"
        )
    # Put the priorities back and drop the bench's job, so the next run starts the same.
    for priority in set(before.values()):
        Ticket.objects.filter(pk__in=[k for k, v in before.items() if v == priority]).update(
            priority=priority
        )
    BulkItem.objects.filter(job=job).delete()
    print(f"load average {os.getloadavg()[0]:.2f} after")


if __name__ == "__main__":
    main()

"""Worker CPU per request of console pages, in process, without a profiler.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/walletdesk_bench \\
        .venv/bin/python bench/page_cpu.py --requests 40 --rounds 5

Calls the WSGI application gunicorn serves (same settings as bench/load.py: DEBUG off,
sessions in Redis) as a bench agent, and reports per page the CPU of this process and of its
PostgreSQL backend (median round), the wall time and the SQL statements per request. The
profiler in bench/profile_request.py says where the time goes but doubles it; this says how
much there is. ``--pages`` takes paths; ``ticket`` stands for an agent ticket page of a ticket
in the first queue page, so the figures do not depend on a reference from another run.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import (  # noqa: E402
    DEFAULT_DATABASE_URL,
    DEFAULT_REDIS_URL,
    _cpu_seconds,
    collectstatic,
    server_env,
)
from bench.submit_cpu import Wsgi, backend_pid  # noqa: E402

DEFAULT_PAGES = (
    "/console/",
    "/console/?category=deposit&priority=high",
    "/console/?status=waiting_on_customer",
    "ticket",
)
REFERENCE_RE = re.compile(rb'href="/console/tickets/(WD-\w+)/"')


class StatementCounter:
    """Counts the SQL statements a request sends (a database execute wrapper)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        self.count += 1
        return execute(sql, params, many, context)


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--requests", type=int, default=40, help="requests per round")
    parser.add_argument("--rounds", type=int, default=5, help="the median round is reported")
    parser.add_argument("--warmup", type=int, default=10, help="requests before measuring")
    parser.add_argument(
        "--pages",
        default=",".join(DEFAULT_PAGES),
        type=lambda s: [x.strip() for x in s.split(",") if x.strip()],
        help="comma-separated paths; 'ticket' is a ticket page from the first queue page",
    )
    parser.add_argument(
        "--database-url", default=os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    )
    parser.add_argument("--redis-url", default=DEFAULT_REDIS_URL)
    args = parser.parse_args(list(argv) if argv is not None else None)

    env = server_env(args, secrets.token_urlsafe(50), Path(tempfile.mkdtemp(prefix="wd-page-")))
    os.environ.update(env)
    collectstatic(env)
    wsgi = Wsgi()
    from django.db import connection

    from bench.load import load_agents, session_cookie

    agent = load_agents()[0]
    cookie = session_cookie(agent)
    pages = []
    for page in args.pages:
        if page == "ticket":
            status, _, body = wsgi("GET", "/console/", cookie=cookie)
            found = REFERENCE_RE.search(body)
            if not status.startswith("200") or found is None:
                raise SystemExit("the queue showed no ticket to open")
            page = f"/console/tickets/{found.group(1).decode()}/"
        pages.append(page)

    postgres = connection.vendor == "postgresql"
    print(
        f"{args.rounds} rounds x {args.requests} requests as {agent.email}, median round; "
        f"load average {os.getloadavg()[0]:.2f} before"
    )
    print(f"{'page':<48} {'app CPU ms':>10} {'PG CPU ms':>9} {'wall ms':>8} {'SQL':>4}")
    for path in pages:
        route, _, query = path.partition("?")

        def one(route: str = route, query: str = query, path: str = path) -> None:
            status, _, _ = wsgi("GET", route, cookie=cookie, query=query)
            if not status.startswith("200"):
                raise SystemExit(f"GET {path} answered {status}")

        for _ in range(args.warmup):
            one()
        counter = StatementCounter()
        with connection.execute_wrapper(counter):
            one()
        pid = backend_pid() if postgres else 0
        rounds = []
        for _ in range(args.rounds):
            cpu, db, wall = time.process_time(), _cpu_seconds(pid), time.perf_counter()
            for _ in range(args.requests):
                one()
            rounds.append(
                (
                    (time.process_time() - cpu) * 1000 / args.requests,
                    (_cpu_seconds(pid) - db) * 1000 / args.requests,
                    (time.perf_counter() - wall) * 1000 / args.requests,
                )
            )
        print(
            f"{path[:48]:<48} {statistics.median(r[0] for r in rounds):10.2f} "
            f"{statistics.median(r[1] for r in rounds):9.2f} "
            f"{statistics.median(r[2] for r in rounds):8.2f} {counter.count:4d}"
        )
    print(f"load average {os.getloadavg()[0]:.2f} after")


if __name__ == "__main__":
    main()

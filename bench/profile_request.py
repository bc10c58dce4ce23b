"""Where one page's time goes: cProfile over repeated requests, in-process, DEBUG off.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/walletdesk_bench \\
        .venv/bin/python bench/profile_request.py /console/ --as agent -n 50

Runs the full Django stack (middleware, sessions in Redis, templates) through the test
client with the same settings gunicorn gets from bench/load.py, so the split between
database, templates and Python is the one the load test measures, minus the network.
Prints the mean time per request, the SQL time and count, and the top functions.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import os
import pstats
import secrets
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, collectstatic, server_env  # noqa: E402


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("path", help="e.g. /console/?status=waiting_on_customer")
    parser.add_argument("--as", dest="role", choices=("agent", "requester"), default="agent")
    parser.add_argument("-n", type=int, default=50, help="profiled requests")
    parser.add_argument("--post", default="", help="urlencoded form body: POST instead of GET")
    parser.add_argument("--top", type=int, default=25, help="functions to list")
    parser.add_argument("--sort", default="cumulative", help="pstats key, e.g. tottime")
    parser.add_argument("--dump", type=Path, help="also write the profile to this file")
    parser.add_argument("--queries", type=int, default=5, help="slowest statements to list")
    parser.add_argument(
        "--cpu",
        action="store_true",
        help="profile the process's CPU time, not the clock: waits on the database and Redis "
        "drop out, and what remains is what a busy worker spends",
    )
    parser.add_argument(
        "--database-url", default=os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    )
    parser.add_argument("--redis-url", default=DEFAULT_REDIS_URL)
    args = parser.parse_args(list(argv) if argv is not None else None)

    work = Path(tempfile.mkdtemp(prefix="walletdesk-profile-"))
    env = server_env(args, secrets.token_urlsafe(50), work)
    env["ALLOWED_HOSTS"] += ",testserver"
    os.environ.update(env)
    import django

    django.setup()
    collectstatic(env)
    from django.db import connection
    from django.test import Client

    from walletdesk.accounts.models import User
    from walletdesk.tickets.models import Ticket

    client = Client()
    if args.post:
        user = User.objects.filter(email__startswith="bench-load-").first()
    elif args.role == "agent":
        user = User.objects.filter(email__startswith="bench-agent-").first()
    else:
        reference = args.path.strip("/").split("/")[-1]
        user = Ticket.objects.select_related("requester").get(reference=reference).requester
    if user is None:
        raise SystemExit("No bench users: run bench/seed_tickets.py first.")
    if user.needs_second_factor and not user.has_second_factor:
        # The console opens only for staff with two-step verification (see bench/load.py).
        from bench.load import staff_second_factor_ensure

        staff_second_factor_ensure(user)
    client.force_login(user)

    def hit() -> int:
        if args.post:
            content_type = "application/x-www-form-urlencoded"
            return client.post(args.path, args.post, content_type=content_type).status_code
        return client.get(args.path).status_code

    for _ in range(5):  # warm: templates compiled, connection open, caches filled
        status = hit()
    if status != (302 if args.post else 200):
        raise SystemExit(f"{args.path} answered {status}")
    # As a gunicorn worker has it (config/gunicorn.py): what the warm-up loaded is out of the
    # collector's sight, so a full collection over every module does not land in the profile.
    gc.collect()
    gc.freeze()

    sql: list[float] = []
    statements: dict[str, list[float]] = {}

    def timed(execute: Any, query: str, params: Any, many: bool, context: Any) -> Any:
        began = time.perf_counter()
        try:
            return execute(query, params, many, context)
        finally:
            spent = time.perf_counter() - began
            sql.append(spent)
            statements.setdefault(query, []).append(spent)

    # First without the profiler (its overhead inflates Python time), then with it.
    began = time.perf_counter()
    with connection.execute_wrapper(timed):
        for _ in range(args.n):
            hit()
    elapsed = time.perf_counter() - began
    profiler = cProfile.Profile(time.thread_time_ns, 1e-9) if args.cpu else cProfile.Profile()
    profiler.enable()
    for _ in range(args.n):
        hit()
    profiler.disable()
    if args.dump:
        profiler.dump_stats(args.dump)

    method = "POST" if args.post else "GET"
    print(f"{method} {args.path} as {user.email}: {elapsed / args.n * 1000:.1f} ms per request")
    print(
        f"SQL: {len(sql) / args.n:.1f} queries, {sum(sql) / args.n * 1000:.1f} ms per request "
        f"({sum(sql) / elapsed:.0%} of the time)"
    )
    print("Slowest statements (mean ms, calls per request, SQL):")
    ranked = sorted(statements.items(), key=lambda kv: -sum(kv[1]))
    for query, spent in ranked[: args.queries]:
        mean = sum(spent) / len(spent) * 1000
        print(f"  {mean:7.2f}  {len(spent) / args.n:4.1f}  {' '.join(query.split())[:160]}")
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats(args.sort)
    stats.print_stats(args.top)
    print(out.getvalue())


if __name__ == "__main__":
    main()

"""EXPLAIN ANALYZE of the queries behind the agent queue, exactly as the selector builds them.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/walletdesk_bench \\
        .venv/bin/python bench/explain.py [--full]

Calls walletdesk.tickets.selectors.ticket_queue for each benchmark filter, catches the SQL
it sends (with its parameters) and asks PostgreSQL for the plan and the real timings.
Without --full only the plan lines that name a scan, an index or a timing are printed.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
KEEP = re.compile(
    r"(Scan|Index|Limit|Sort|Nested Loop|Hash|Filter|Rows Removed|Execution|Planning)"
)


def capture(run: Callable[[], Any]) -> list[tuple[str, tuple[Any, ...]]]:
    """The (sql, params) pairs ``run`` sends, in order."""
    from django.db import connection

    seen: list[tuple[str, tuple[Any, ...]]] = []

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        seen.append((sql, tuple(params or ())))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        run()
    return seen


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--full", action="store_true", help="print whole plans")
    parser.add_argument("--search", default="", help="q= text (default: an open ticket's hash)")
    args = parser.parse_args(list(argv) if argv is not None else None)

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()
    from django.db import connection

    from walletdesk.accounts.models import User
    from walletdesk.tickets.models import Category, Status, Ticket
    from walletdesk.tickets.selectors import QueueFilters, ticket_queue

    if connection.vendor != "postgresql":
        raise SystemExit("EXPLAIN ANALYZE here is for PostgreSQL (set DATABASE_URL).")
    agent = User.objects.filter(email__startswith="bench-agent-").first()
    if agent is None:
        raise SystemExit("No bench agents: run bench/seed_tickets.py first.")
    deposit = Category.objects.get(slug="deposit")
    text = (
        args.search
        or Ticket.objects.filter(status=Status.OPEN)
        .exclude(tx_hash="")
        .values_list("tx_hash", flat=True)
        .first()
        or "USDT"
    )
    variants = {
        "queue (active, oldest first)": QueueFilters(),
        "?category=deposit&priority=3": QueueFilters(category_id=deposit.pk, priority=3),
        "?status=waiting_on_customer": QueueFilters(statuses=[Status.WAITING_ON_CUSTOMER]),
        f"?q={text[:18]}...": QueueFilters(text=text),
    }
    for title, filters in variants.items():
        began = time.perf_counter()
        queries = capture(lambda f=filters: ticket_queue(user=agent, filters=f))
        elapsed = (time.perf_counter() - began) * 1000
        print(f"=== {title}  (selector: {elapsed:.1f} ms, {len(queries)} queries)")
        for sql, params in queries:
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
                plan = [row[0] for row in cursor.fetchall()]
            for line in plan:
                if args.full or KEEP.search(line):
                    print(line)
        print()


if __name__ == "__main__":
    main()

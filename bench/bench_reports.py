"""The reports at the bench database's size: the rollups, every dashboard page, and a
100,000-ticket export written in the background.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/walletdesk_bench \\
        .venv/bin/python bench/bench_reports.py --requests 60 --rebuild

1. ``--rebuild``: counts every event into the daily rollups from nothing, as the beat job
   would batch by batch, and reports the rate (events per second).
2. Times the dashboard in process (the WSGI application gunicorn serves, DEBUG off) for an
   administrator, who reads every team: the default 30 days, a quarter, a whole year, and a
   year narrowed to one topic and network. p50 and p95 wall time, worker CPU and SQL
   statements per request, with the load average.
3. Asks for a ticket list export of about ``--export-rows`` tickets (the one topic and status
   whose count is nearest above it) and writes it in a separate process, as a Celery worker
   would, while this process keeps loading the dashboard; reports the export's duration and
   rate and the dashboard's p95 meanwhile. The export is deleted afterwards.
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

ADMIN_EMAIL = "bench-admin@walletdesk.example"


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] if len(values) >= 20 else max(values)


def _admin():  # type: ignore[no-untyped-def]
    from bench.load import staff_second_factor_ensure
    from walletdesk.accounts.models import User

    admin, _ = User.objects.get_or_create(
        email=ADMIN_EMAIL,
        defaults={"role": User.Role.ADMIN, "display_name": "Bench admin", "language": "en"},
    )
    staff_second_factor_ensure(admin)
    return admin


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--rebuild", action="store_true", help="count every event again first")
    parser.add_argument("--export-rows", type=int, default=100_000)
    parser.add_argument(
        "--database-url", default=os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    )
    parser.add_argument("--redis-url", default=DEFAULT_REDIS_URL)
    args = parser.parse_args(list(argv) if argv is not None else None)

    env = server_env(args, secrets.token_urlsafe(50), Path(tempfile.mkdtemp(prefix="wd-rep-")))
    os.environ.update(env)
    collectstatic(env)
    wsgi = Wsgi()
    from django.db import connection
    from django.db.models import Count

    from bench.load import session_cookie
    from walletdesk.reports.models import DailyCount, TicketExport
    from walletdesk.reports.rollups import rollups_rebuild
    from walletdesk.reports.ticket_exports import ticket_export_start
    from walletdesk.tickets.models import Ticket, TicketEvent
    from walletdesk.tickets.selectors import QueueFilters

    print(
        f"load average {os.getloadavg()[0]:.2f}; {Ticket.objects.count():,} tickets, "
        f"{TicketEvent.objects.count():,} events"
    )
    if args.rebuild:
        began = time.perf_counter()
        events = rollups_rebuild(quiet=True)
        spent = time.perf_counter() - began
        print(
            f"rollups rebuilt: {events:,} events in {spent:.1f} s ({events / spent:,.0f}/s), "
            f"{DailyCount.objects.count():,} daily rows; load average {os.getloadavg()[0]:.2f}"
        )

    admin = _admin()
    cookie = session_cookie(admin)
    newest = DailyCount.objects.order_by("-day").values_list("day", flat=True).first()
    if newest is None:
        raise SystemExit("No rollups: run with --rebuild once.")
    top = (
        DailyCount.objects.filter(metric="created")
        .values("category_id", "network")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    pages = {
        "30 days": "",
        "a quarter": f"start={newest.replace(day=1).isoformat()}&end={newest.isoformat()}",
        "a year": f"start={(newest.replace(year=newest.year - 1)).isoformat()}"
        f"&end={newest.isoformat()}",
        "a year, one topic and network": f"start={newest.replace(year=newest.year - 1)}"
        f"&end={newest}&category={top['category_id']}&network={top['network']}",
    }
    # The default range ends today: on a seeded history that ends earlier, end it there.
    pages["30 days"] = f"end={newest.isoformat()}"

    def page(query: str) -> float:
        began = time.perf_counter()
        status, _, _ = wsgi("GET", "/console/reports/", cookie=cookie, query=query)
        if not status.startswith("200"):
            raise SystemExit(f"the dashboard answered {status} for {query!r}")
        return (time.perf_counter() - began) * 1000

    for name, query in pages.items():
        for _ in range(5):
            page(query)
        counter = StatementCounter()
        with connection.execute_wrapper(counter):
            page(query)
        cpu = time.process_time()
        times = [page(query) for _ in range(args.requests)]
        cpu_ms = (time.process_time() - cpu) * 1000 / args.requests
        print(
            f"dashboard, {name}: p50 {statistics.median(times):.1f} ms, p95 {_p95(times):.1f} ms, "
            f"worker CPU {cpu_ms:.1f} ms, {counter.count} SQL; "
            f"load average {os.getloadavg()[0]:.2f}"
        )

    counts = Ticket.objects.values("category_id", "status").annotate(n=Count("id")).order_by("n")
    chosen = next((c for c in counts if c["n"] >= args.export_rows), None)
    if chosen is None:
        raise SystemExit(f"no topic and status holds {args.export_rows:,} tickets")
    filters = QueueFilters(statuses=[chosen["status"]], category_id=chosen["category_id"])
    export = ticket_export_start(user=admin, filters=filters, file_format="csv")
    began = time.perf_counter()
    worker = subprocess.Popen(  # noqa: S603 - our own interpreter, a fixed script
        [
            sys.executable,
            "-c",
            "import django; django.setup();"
            " from walletdesk.reports.ticket_exports import ticket_export_build;"
            f" ticket_export_build('{export.pk}')",
        ],
        cwd=ROOT,
        env={**os.environ},
    )
    during = []
    while worker.poll() is None:
        during.append(page(pages["30 days"]))
    duration = time.perf_counter() - began
    export.refresh_from_db()
    print(
        f"ticket export ({chosen['n']:,} tickets expected): {export.state}, {export.rows:,} rows "
        f"in {duration:.1f} s ({export.rows / duration:,.0f} rows/s); "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    if during:
        print(
            f"dashboard while it ran ({len(during)} requests): "
            f"p50 {statistics.median(during):.1f} ms, p95 {_p95(during):.1f} ms"
        )
    from walletdesk.attachments.storage import attachment_storage

    if export.stored_name:
        attachment_storage().delete(export.stored_name)
    TicketExport.objects.filter(pk=export.pk).delete()


if __name__ == "__main__":
    main()

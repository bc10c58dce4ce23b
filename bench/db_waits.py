"""What the database's client backends are doing, sampled while a load runs beside it.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/walletdesk_bench \\
        .venv/bin/python bench/db_waits.py --seconds 10

Start it while `bench/load.py` runs one scenario (e.g. `--scenarios submit --duration 20`). It
reads `pg_stat_activity` every few milliseconds and prints, for the backends busy with a
statement, the share of samples each wait took (no wait: running on a CPU), and the share of
all samples spent idle waiting for the application. A backend waiting for its WAL flush
(`IO/WALSync`, `LWLock/WALWrite`) is time no CPU of the database does any work for that
request: the commit's price in durability, which a worker can only fill with another request.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import DEFAULT_DATABASE_URL  # noqa: E402

Sample = tuple[str, str, str, str]  # state, wait type, wait event, statement's first words

SAMPLE_SQL = (
    "SELECT state, coalesce(wait_event_type, ''), coalesce(wait_event, ''), left(query, 40) "
    "FROM pg_stat_activity WHERE datname = current_database() "
    "AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
)


def shares(samples: Iterable[Sample]) -> tuple[dict[str, float], float, int]:
    """(share of the busy samples per wait, share of all samples idle in the client, samples).
    A busy sample without a wait is "on CPU"; statements are told apart by their first word."""
    busy: Counter[str] = Counter()
    idle = total = 0
    for state, wait_type, wait_event, query in samples:
        total += 1
        if state != "active":
            idle += state.startswith("idle")
            continue
        verb = (query.split() or ["?"])[0].upper()
        if verb == "WITH":
            verb = "INSERT" if "INSERT" in query.upper() else "WITH"
        wait = f"{wait_type}/{wait_event}" if wait_type else "on CPU"
        busy[f"{verb:<7} {wait}"] += 1
    count = sum(busy.values())
    by_wait = {key: n / count for key, n in busy.most_common()} if count else {}
    return by_wait, idle / total if total else 0.0, total


def sample(database_url: str, seconds: float, interval: float) -> list[Sample]:
    import psycopg

    taken: list[Sample] = []
    with psycopg.connect(database_url, autocommit=True) as connection:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            taken.extend(connection.execute(SAMPLE_SQL).fetchall())
            time.sleep(interval)
    return taken


def report(by_wait: dict[str, float], idle: float, total: int) -> str:
    lines = [f"{total} backend samples; idle waiting for the application {idle:.0%}"]
    lines.append("busy with a statement, by what it waited for:")
    lines += [f"  {share:6.1%}  {key}" for key, share in by_wait.items()]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--interval", type=float, default=0.002, help="seconds between samples")
    parser.add_argument(
        "--database-url", default=os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    )
    args = parser.parse_args(argv)
    print(report(*shares(sample(args.database_url, args.seconds, args.interval))))


if __name__ == "__main__":
    main()

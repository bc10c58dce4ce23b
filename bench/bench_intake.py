"""Time the wallet-native intake checks on a 5 KB ticket description.

Run: .venv/bin/python bench/bench_intake.py [runs]
Reports p50/p95 of find_secrets + validate_address + validate_tx_hash per description, then of
the whole intake check (tickets/intake.py: field checks, completeness, secret scan, flags, with
the network catalogue cached as in production) on an in-memory database.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
# The whole check reads categories, networks and earlier tickets: a migrated in-memory database.
os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")

import django

django.setup()

from django.core.management import call_command  # noqa: E402

from walletdesk.chain.secret_guard import find_secrets  # noqa: E402
from walletdesk.chain.tests.corpus import NEGATIVE  # noqa: E402
from walletdesk.networks.checks import validate_address, validate_tx_hash  # noqa: E402


def description(size: int = 5_000) -> str:
    """Realistic mixed Chinese/English support text of about ``size`` characters (UTF-8 bytes)."""
    parts: list[str] = []
    while len("\n".join(parts).encode()) < size:
        parts.append(NEGATIVE[len(parts) % len(NEGATIVE)])
    return "\n".join(parts).encode()[:size].decode(errors="ignore")


def _percentiles(timings: list[float]) -> tuple[float, float]:
    timings = sorted(timings)
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1]


def bench_intake_check(runs: int, text: str) -> None:
    """The whole POST /api/v1/intake/check work, minus HTTP: what the 20 ms budget covers."""
    from walletdesk.accounts.models import User
    from walletdesk.tickets.intake import intake_check
    from walletdesk.tickets.models import Category

    user = User.objects.create_user("bench@example.com", "x" * 12)
    category = Category.objects.get(slug="withdrawal")
    draft = {
        "category": "withdrawal",
        "subject": "USDT 提现一直处理中",
        "description": text,
        "network": "tron",
        "asset": "usdt",
        "tx_hash": "https://tronscan.org/#/transaction/" + "ab" * 32,
        "address": "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
        "amount": "1,250.5",
        "occurred_at": "2025-11-20 14:05",
    }
    intake_check(draft, user=user, category=category)  # warm wordlists and the catalogue
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        intake_check(draft, user=user, category=category)
        timings.append((time.perf_counter() - started) * 1000)
    p50, p95 = _percentiles(timings)
    size = len(text.encode())
    print(f"intake_check, {runs} runs on {size} bytes: p50 {p50:.2f} ms, p95 {p95:.2f} ms")


def main(runs: int) -> None:
    # The address checks read the network catalogue too.
    call_command("migrate", verbosity=0)
    text = description()
    address = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
    tx_hash = "https://etherscan.io/tx/0x" + "ab" * 32
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        find_secrets(text)
        validate_address("tron", address)
        validate_tx_hash("ethereum", tx_hash)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p50 = statistics.median(timings)
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"{runs} runs on {len(text.encode())} bytes: p50 {p50:.2f} ms, p95 {p95:.2f} ms")
    bench_intake_check(runs, text)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2_000)

"""Time the wallet-native intake checks on a 5 KB ticket description.

Run: .venv/bin/python bench/bench_intake.py [runs]
Reports p50/p95 of find_secrets + validate_address + validate_tx_hash per description.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")

import django

django.setup()

from walletdesk.chain.formats import validate_address, validate_tx_hash  # noqa: E402
from walletdesk.chain.secret_guard import find_secrets  # noqa: E402
from walletdesk.chain.tests.corpus import NEGATIVE  # noqa: E402


def description(size: int = 5_000) -> str:
    """Realistic mixed Chinese/English support text of about ``size`` characters (UTF-8 bytes)."""
    parts: list[str] = []
    while len("\n".join(parts).encode()) < size:
        parts.append(NEGATIVE[len(parts) % len(NEGATIVE)])
    return "\n".join(parts).encode()[:size].decode(errors="ignore")


def main(runs: int) -> None:
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


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2_000)

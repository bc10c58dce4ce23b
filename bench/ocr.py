"""Time the picture guard on a phone screenshot (1080x2340): OCR, layout and the text rules.

Run: .venv/bin/python bench/ocr.py [runs]
Prints the engine's load time, the median and p90 of reading one screenshot (a 24-word grid and
a transaction details screen, alternately) with the load average beside, and the process's
resident memory once the engine is loaded (what a web worker carries).
"""

import os
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")

import django

django.setup()

from walletdesk.guard.pictures import ocr_engine, picture_read  # noqa: E402
from walletdesk.guard.services import secret_kinds_read  # noqa: E402
from walletdesk.guard.tests import screens  # noqa: E402


def _rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(runs: int) -> None:
    pictures = [
        screens.phrase_grid(
            screens.phrase("english", 24, 1), columns=3, language="english", dark=False
        ),
        screens.transaction_details(dark=True),
    ]
    before = _rss_mib()
    started = time.perf_counter()
    ocr_engine()
    loaded = time.perf_counter() - started
    picture_read(pictures[0])  # the first run allocates the engine's buffers
    timings = []
    for index in range(runs):
        started = time.perf_counter()
        secret_kinds_read([picture_read(pictures[index % 2])])
        timings.append(time.perf_counter() - started)
    timings.sort()
    print(
        f"engine load {loaded:.2f} s; resident memory {before:.0f} MiB before, "
        f"{_rss_mib():.0f} MiB after loading and reading"
    )
    print(
        f"{runs} screenshots 1080x2340: median {statistics.median(timings):.2f} s, "
        f"p90 {timings[int(runs * 0.9) - 1]:.2f} s, min {timings[0]:.2f} s; "
        f"load average {os.getloadavg()[0]:.2f} (1 min) on {os.cpu_count()} cores"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)

"""Web worker memory and first requests after start-up, with and without the preload.

    .venv/bin/python bench/bench_memory.py --rounds 3
    .venv/bin/python bench/bench_memory.py --database-url postgres://.../walletdesk_bench

Starts gunicorn as deployed (config/gunicorn.py, two workers, DEBUG off), once with the
application loaded before the fork (the default) and once with GUNICORN_PRELOAD=0, in turn,
``--rounds`` times. For each start it reports:

- the slowest of the first requests of each page (each page asked for four times in a row
  right after /healthz first answers, so both workers serve their first of it);
- after 400 more requests over the same pages, each worker's unique memory (USS: pages no
  other process shares), its proportional share (PSS) and its resident size (RSS), from
  /proc/<pid>/smaps_rollup.

The demo database (`make run` seeds it) is the default: memory and first-request stalls do
not depend on the ticket count, and the pages read the same tables at any size.
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
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import HOST, collectstatic, fetch, server_env  # noqa: E402

PAGES = (
    "/",
    "/help/search/?q=" + quote("充值没有到账"),
    "/help/search/?q=withdrawal+pending",
    "/help/contact/",
    "/accounts/login/",
    "/readyz",
)
FIRST_TRIES = 4
WARM_REQUESTS = 400


def _memory_mb(pid: int) -> dict[str, float]:
    values = {"uss": 0.0, "pss": 0.0, "rss": 0.0}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        name, _, rest = line.partition(":")
        kb = rest.split()[0] if rest.split() else "0"
        if name in ("Private_Clean", "Private_Dirty"):
            values["uss"] += int(kb) / 1024
        elif name == "Pss":
            values["pss"] = int(kb) / 1024
        elif name == "Rss":
            values["rss"] = int(kb) / 1024
    return values


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def _timed(port: int, path: str) -> float:
    started = time.perf_counter()
    answer = fetch(port, "GET", path)
    elapsed = (time.perf_counter() - started) * 1000
    if answer.status != 200:
        raise SystemExit(f"{path} answered {answer.status}")
    return elapsed


def one_start(env: dict[str, str], port: int, log: Path, settle: float) -> dict[str, object]:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [
        str(gunicorn),
        "config.wsgi",
        "--config",
        "python:config.gunicorn",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        "2",
        "--log-level",
        "warning",
    ]
    started = time.monotonic()
    with log.open("wb") as out:
        server = subprocess.Popen(  # noqa: S603 - fixed command, our own venv
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        while True:
            if server.poll() is not None:
                raise SystemExit(f"gunicorn exited; see {log}")
            try:
                if fetch(port, "GET", "/healthz").status == 200 and len(_children(server.pid)) == 2:
                    break
            except OSError:
                time.sleep(0.1)
        up_after = time.monotonic() - started
        time.sleep(settle)
        first = {path: max(_timed(port, path) for _ in range(FIRST_TRIES)) for path in PAGES}
        warm: list[float] = []
        for i in range(WARM_REQUESTS):
            warm.append(_timed(port, PAGES[i % len(PAGES)]))
        memory = [_memory_mb(pid) for pid in _children(server.pid)]
        return {
            "up_after": up_after,
            "first": first,
            "warm_median": statistics.median(warm),
            "memory": memory,
        }
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url", default=f"sqlite:///{ROOT / 'var' / 'walletdesk.sqlite3'}"
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/1")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument(
        "--settle",
        type=float,
        default=0.0,
        help="seconds to wait after /healthz first answers (0: ask at once, as a user might)",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="walletdesk-memory-") as folder:
        var_dir = Path(folder)
        env = server_env(args, secrets.token_urlsafe(32), var_dir)
        collectstatic(env)
        for round_no in range(1, args.rounds + 1):
            for preload in ("1", "0"):
                run_env = {**env, "GUNICORN_PRELOAD": preload}
                load = os.getloadavg()[0]
                result = one_start(run_env, args.port, var_dir / "gunicorn.log", args.settle)
                first = result["first"]
                memory = result["memory"]
                print(
                    f"round {round_no} preload={'on ' if preload == '1' else 'off'} "
                    f"load={load:.2f} up={result['up_after']:.1f}s "
                    f"warm_median={result['warm_median']:.1f}ms"
                )
                for path, ms in first.items():  # type: ignore[union-attr]
                    print(f"    first {path:<44} {ms:7.1f} ms")
                for n, values in enumerate(memory, 1):  # type: ignore[arg-type]
                    print(
                        f"    worker {n}: USS {values['uss']:6.1f} MB  PSS {values['pss']:6.1f} MB"
                        f"  RSS {values['rss']:6.1f} MB"
                    )


if __name__ == "__main__":
    main()

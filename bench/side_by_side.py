"""Two versions of WalletDesk under the same load, interleaved: before, after, before, after ...

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/walletdesk_bench \\
        .venv/bin/python bench/side_by_side.py --before ../walletdesk-before --runs 3

``--before`` and ``--after`` are checkouts of the two commits (``git worktree add``); each run
starts bench/load.py from that checkout, so its own code, settings and migrations state serve
the requests, against the same database and the same machine. On a shared two-core machine
the absolute figures move with whatever else runs; interleaving and the load average beside
each run show how much. Prints, per scenario, requests/s and p95 of every run and their
medians, and the submission's share of healthz's throughput per run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_once(checkout: Path, load_args: list[str], out: Path) -> dict:
    command = [sys.executable, str(checkout / "bench" / "load.py"), *load_args, "--json", str(out)]
    subprocess.run(command, cwd=checkout, check=True, stdout=subprocess.DEVNULL)  # noqa: S603
    return dict(json.loads(out.read_text()))


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--before", type=Path, required=True, help="checkout of the old commit")
    parser.add_argument("--after", type=Path, default=ROOT, help="checkout of the new commit")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write every run's results here")
    args, load_args = parser.parse_known_args(list(argv) if argv is not None else None)
    work = Path(tempfile.mkdtemp(prefix="wd-side-by-side-"))
    runs: dict[str, list[dict]] = {"before": [], "after": []}
    for index in range(args.runs):
        for label, checkout in (("before", args.before), ("after", args.after)):
            result = run_once(checkout.resolve(), load_args, work / f"{label}-{index}.json")
            runs[label].append(result)
            load = result["meta"]["load_average_before"][0]
            rps = {r["scenario"]: r["rps"] for r in result["results"]}
            share = rps.get("submit", 0) / rps["healthz"] * 100 if rps.get("healthz") else 0
            print(f"run {index + 1} {label:<6} load {load:4.1f}  submit/healthz {share:5.1f}%")
    scenarios = [r["scenario"] for r in runs["after"][0]["results"]]
    print()
    print(
        f"{'scenario':<24} {'before req/s':>22} {'after req/s':>22} {'p95 ms before':>14} "
        f"{'p95 ms after':>13}"
    )
    for scenario in scenarios:
        cells = {}
        for label in ("before", "after"):
            rows = [
                next(r for r in run["results"] if r["scenario"] == scenario) for run in runs[label]
            ]
            rps = [r["rps"] for r in rows]
            cells[label] = (
                "/".join(f"{x:.0f}" for x in rps) + f" ({statistics.median(rps):.0f})",
                statistics.median(r["p95_ms"] for r in rows),
            )
        print(
            f"{scenario:<24} {cells['before'][0]:>22} {cells['after'][0]:>22} "
            f"{cells['before'][1]:>14.1f} {cells['after'][1]:>13.1f}"
        )
    if args.json:
        args.json.write_text(json.dumps(runs, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()

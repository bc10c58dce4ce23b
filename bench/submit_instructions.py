"""Instructions per request of a ticket submission against healthz, counted by callgrind.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/walletdesk_bench \\
        .venv/bin/python bench/submit_instructions.py --requests 200

The same requests as bench/submit_cpu.py (the WSGI application in process, the submission
form's POST as load.py sends it), but counted in machine instructions of this process under
valgrind's callgrind instead of timed: a count does not move with what else the machine is
doing, so two versions of the code can be compared on a busy machine, one after the other.
Only the application's own work is counted (PostgreSQL and Redis run in their own processes);
what a request costs in CPU time still needs submit_cpu.py or load.py on a quiet machine.

The process starts itself again under valgrind with counting off, warms up, and turns counting
on (``callgrind_control``) around each scenario's requests only.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, collectstatic, server_env  # noqa: E402
from bench.submit_cpu import Wsgi, submissions  # noqa: E402

UNDER_VALGRIND = "WALLETDESK_UNDER_CALLGRIND"
SUMMARY_RE = re.compile(rb"^(?:summary|totals):\s*(\d+)", re.MULTILINE)


def _control(*args: str) -> None:
    subprocess.run(  # noqa: S603 -- valgrind's own tool, fixed arguments
        ["callgrind_control", *args, str(os.getpid())],  # noqa: S607
        check=True,
        capture_output=True,
        timeout=600,
    )


def _counted(out_dir: Path, label: str, run: object) -> int:
    """Instructions spent in ``run()``: counting on, run, dump, counting off."""
    _control("--zero")
    _control("--instr=on")
    run()  # type: ignore[operator]
    _control(f"--dump={label}")
    _control("--instr=off")
    dumps = sorted(out_dir.glob("callgrind.out*"), key=lambda p: p.stat().st_mtime)
    text = dumps[-1].read_bytes()
    found = SUMMARY_RE.search(text)
    if found is None:
        raise SystemExit(f"no instruction total in {dumps[-1]}")
    return int(found.group(1))


def measure(args: argparse.Namespace) -> None:
    env = server_env(args, secrets.token_urlsafe(50), Path(tempfile.mkdtemp(prefix="wd-ir-")))
    os.environ.update(env)
    collectstatic(env)
    wsgi = Wsgi()
    path = f"/tickets/new/{args.category}/"
    posts = submissions(wsgi, path, args.customers)

    def healthz() -> None:
        for _ in range(args.requests):
            status, _headers, _body = wsgi("GET", "/healthz")
            if not status.startswith("200"):
                raise SystemExit(f"healthz answered {status}")

    def submit() -> None:
        for i in range(args.requests):
            cookie, body = posts[i % len(posts)]
            status, headers, _body = wsgi("POST", path, cookie=cookie, body=body)
            if not dict(headers).get("Location", "").endswith("/submitted/"):
                raise SystemExit(f"POST {path} answered {status}")

    runs = {"healthz": healthz, "submit": submit}
    for run in runs.values():
        run()  # warm: first-use caches, compiled statements, the form of the category
    out_dir = Path(os.environ["WALLETDESK_CALLGRIND_DIR"])
    counts = {name: _counted(out_dir, name, run) / args.requests for name, run in runs.items()}
    for name, count in counts.items():
        print(f"{name:<8} {count / 1e6:8.3f} million instructions per request")
    print(f"submit / healthz: {counts['submit'] / counts['healthz']:.2f}")


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--requests", type=int, default=200, help="requests per scenario")
    parser.add_argument("--customers", type=int, default=10, help="signed-in customers")
    parser.add_argument("--category", default="deposit", help="category slug for submit")
    parser.add_argument(
        "--database-url", default=os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    )
    parser.add_argument("--redis-url", default=DEFAULT_REDIS_URL)
    args = parser.parse_args(list(argv) if argv is not None else None)
    if os.environ.get(UNDER_VALGRIND):
        measure(args)
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    out_dir = Path(tempfile.mkdtemp(prefix="wd-callgrind-"))
    command = [
        "valgrind",
        "--tool=callgrind",
        "--instr-atstart=no",
        f"--callgrind-out-file={out_dir}/callgrind.out.%p",
        sys.executable,
        __file__,
        *(argv if argv is not None else sys.argv[1:]),
    ]
    environment = {**os.environ, UNDER_VALGRIND: "1", "WALLETDESK_CALLGRIND_DIR": str(out_dir)}
    # Python's own allocator, not valgrind's: the count is of what the interpreter runs.
    completed = subprocess.run(command, env=environment, check=False)  # noqa: S603
    shutil.rmtree(out_dir, ignore_errors=True)
    raise SystemExit(completed.returncode)


if __name__ == "__main__":
    main()

"""Instructions per request of the agent's ticket page, counted by callgrind.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/walletdesk_bench \\
        .venv/bin/python bench/page_instructions.py --requests 100

The requests of bench/page_cpu.py's ``ticket`` page (the WSGI application in process, a bench
agent signed in), counted in machine instructions of this process under valgrind's callgrind
instead of timed, as bench/submit_instructions.py counts a submission: a count does not move
with what else the machine is doing, so two versions of the code can be compared on a busy
machine. Only the application's own work is counted (PostgreSQL and Redis run in their own
processes).

Scenarios: ``repeat`` opens one ticket again and again (an agent back on the page after an
action); ``distinct`` opens a different ticket each time, none seen before in this process
(what a worker does under bench/load.py's ``console-ticket`` over 2,000 tickets).

``--page queue`` counts the queue pages of bench/page_cpu.py instead (the default queue, a
category with a priority, the tickets waiting on the customer), each again and again.
"""

from __future__ import annotations

import argparse
import gc
import os
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
from bench.page_cpu import DEFAULT_PAGES, REFERENCE_RE  # noqa: E402
from bench.submit_cpu import Wsgi  # noqa: E402
from bench.submit_instructions import UNDER_VALGRIND, _counted  # noqa: E402


def _references(agent: object, count: int) -> list[str]:
    """Tickets the agent may open, newest first: the first ``count`` of them."""
    from walletdesk.tickets.selectors import tickets_visible_to

    rows = tickets_visible_to(agent).order_by("-created_at").values_list("reference", flat=True)
    return list(rows[:count])


def _as_a_worker() -> None:
    """What was loaded so far out of the garbage collector's sight, as a gunicorn worker has
    it (config/gunicorn.py freezes what the master loaded): otherwise a full collection that
    walks every module and template of the process lands in one count and not the other."""
    gc.collect()
    gc.freeze()


def measure(args: argparse.Namespace) -> None:
    env = server_env(args, secrets.token_urlsafe(50), Path(tempfile.mkdtemp(prefix="wd-ir-")))
    os.environ.update(env)
    collectstatic(env)
    wsgi = Wsgi()
    from bench.load import load_agents, session_cookie

    agent = load_agents()[0]
    cookie = session_cookie(agent)
    if args.page == "queue":
        _measure_queues(args, wsgi, cookie)
        return
    status, _headers, body = wsgi("GET", "/console/", cookie=cookie)
    found = REFERENCE_RE.search(body)
    if not status.startswith("200") or found is None:
        raise SystemExit("the queue showed no ticket to open")
    repeated = found.group(1).decode()
    # Warm-up tickets first, then the ones counted: each counted ticket is new to the process.
    others = [r for r in _references(agent, 2 * args.requests + 1) if r != repeated]
    warm, fresh = others[: args.requests], others[args.requests : 2 * args.requests]
    if len(fresh) < args.requests:
        raise SystemExit(f"the agent sees fewer than {2 * args.requests + 1} tickets")

    def open_ticket(reference: str) -> None:
        path = f"/console/tickets/{reference}/"
        status, _headers, _body = wsgi("GET", path, cookie=cookie)
        if not status.startswith("200"):
            raise SystemExit(f"GET {path} answered {status}")

    def repeat() -> None:
        for _ in range(args.requests):
            open_ticket(repeated)

    def distinct() -> None:
        for reference in fresh:
            open_ticket(reference)

    for reference in warm:
        open_ticket(reference)  # warm: first-use caches, compiled statements, templates
    repeat()
    _as_a_worker()
    out_dir = Path(os.environ["WALLETDESK_CALLGRIND_DIR"])
    runs = {"repeat": repeat, "distinct": distinct}
    counts = {name: _counted(out_dir, name, run) / args.requests for name, run in runs.items()}
    for name, count in counts.items():
        print(f"ticket page, {name:<8} {count / 1e6:8.3f} million instructions per request")


def _measure_queues(args: argparse.Namespace, wsgi: Wsgi, cookie: str) -> None:
    queues = [page for page in DEFAULT_PAGES if page != "ticket"]

    def run(page: str) -> None:
        route, _, query = page.partition("?")
        for _ in range(args.requests):
            status, _headers, _body = wsgi("GET", route, cookie=cookie, query=query)
            if not status.startswith("200"):
                raise SystemExit(f"GET {page} answered {status}")

    for page in queues:
        run(page)  # warm: first-use caches, compiled statements, templates
    _as_a_worker()
    out_dir = Path(os.environ["WALLETDESK_CALLGRIND_DIR"])
    for i, page in enumerate(queues):
        count = _counted(out_dir, f"queue{i}", lambda page=page: run(page)) / args.requests
        print(f"{page:<44} {count / 1e6:8.3f} million instructions per request")


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--requests", type=int, default=100, help="requests per scenario")
    parser.add_argument(
        "--page", choices=("ticket", "queue"), default="ticket", help="the page to count"
    )
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
    completed = subprocess.run(command, env=environment, check=False)  # noqa: S603
    shutil.rmtree(out_dir, ignore_errors=True)
    raise SystemExit(completed.returncode)


if __name__ == "__main__":
    main()

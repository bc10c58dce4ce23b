"""CPU per request of a ticket submission against healthz, in process, without wrk.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/walletdesk_bench \\
        .venv/bin/python bench/submit_cpu.py --requests 300 --rounds 5 --stages

Calls the WSGI application gunicorn serves (``config.wsgi``, same settings as
bench/load.py: DEBUG off, sessions in Redis, rate limits off) with the POST that load.py's
``submit`` scenario sends, and reports per request the CPU of this process and of its
PostgreSQL backend, read before and after each round. On a machine whose two cores are
shared, wrk's requests/s move by several points from run to run; the CPU a request needs
moves far less, so a change to the submission path shows here first.

Scenarios: ``healthz`` (anonymous, the whole middleware stack), ``healthz-signed-in`` (the
same with a customer's session cookie: what loading the session and its user adds to every
signed-in request) and ``submit``. ``--stages`` also times the named steps of a submission
(session, user, form, secret guard, intake check, inserts, COMMIT); a step whose function is
not there (renamed) is left out. Every submission is checked for its redirect to the
``submitted`` page and stores a real ticket in the database, as load.py's do.
"""

from __future__ import annotations

import argparse
import functools
import io
import os
import re
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import (  # noqa: E402
    DEFAULT_DATABASE_URL,
    DEFAULT_REDIS_URL,
    _cpu_seconds,
    collectstatic,
    server_env,
    submit_body,
)

SCENARIOS = ("healthz", "healthz-signed-in", "submit")
TOKEN_RE = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')

# (module, owner in the module or "", attribute, label): the steps of one submission.
STAGES = (
    ("django.contrib.sessions.backends.cache", "SessionStore", "load", "session (Redis)"),
    ("walletdesk.accounts.backends", "AccountBackend", "get_user", "user (SQL)"),
    ("walletdesk.portal.forms", "TicketForm", "__init__", "form: build"),
    ("walletdesk.portal.forms", "TicketForm", "full_clean", "form: clean"),
    ("walletdesk.tickets.services", "", "_guard_draft", "secret guard"),
    ("walletdesk.tickets.services", "", "intake_check", "intake check"),
    ("walletdesk.tickets.services", "", "_ticket_insert", "ticket + event INSERTs"),
    ("walletdesk.tickets.services", "", "ticket_event_record", "  of which the event"),
    ("django.db.backends.base.base", "BaseDatabaseWrapper", "commit", "COMMIT"),
    ("walletdesk.submissions.services", "", "ticket_submit", "ticket_submit in all"),
)


class Wsgi:
    """The application, called as a WSGI server calls it; answers (status, headers, body)."""

    def __init__(self) -> None:
        # The very object gunicorn loads (config.wsgi), not a stock Django handler: what it
        # does beyond Django's (reading a form post) is part of what a request costs. Its
        # warm-ups are for a worker's first requests; the scenarios warm up by themselves.
        os.environ.setdefault("WALLETDESK_WARM_UP", "0")
        from config.wsgi import application

        self.app = application
        self._started: list[Any] = []

    def _start_response(self, status: str, headers: list[tuple[str, str]], *exc: Any) -> None:
        self._started[:] = [status, headers]

    def __call__(
        self, method: str, path: str, *, cookie: str = "", body: bytes = b"", query: str = ""
    ) -> tuple[str, list[tuple[str, str]], bytes]:
        environ = {
            "REQUEST_METHOD": method,
            "SCRIPT_NAME": "",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8765",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "127.0.0.1:8765",
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(body),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        if cookie:
            environ["HTTP_COOKIE"] = cookie
        if body:
            environ["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
            environ["CONTENT_LENGTH"] = str(len(body))
        result = self.app(environ, self._start_response)
        try:
            content = b"".join(result)
        finally:
            result.close()
        status, headers = self._started
        return status, headers, content


def submissions(wsgi: Wsgi, path: str, customers: int) -> list[tuple[str, bytes]]:
    """(cookie, body) pairs: signed-in customers with the CSRF token of the real form page."""
    from django.utils import timezone

    from bench.load import load_customers, session_cookie

    now = timezone.localtime()
    prepared = []
    for i, customer in enumerate(load_customers(customers)):
        cookie = session_cookie(customer)
        status, headers, body = wsgi("GET", path, cookie=cookie)
        token = TOKEN_RE.search(body)
        csrf = next(
            (v.strip().split(";")[0] for k, v in headers if k == "Set-Cookie" and "csrf" in v),
            None,
        )
        if not status.startswith("200") or token is None or csrf is None:
            raise SystemExit(f"GET {path} answered {status} without a CSRF token")
        for j in range(4):
            body = submit_body(token.group(1).decode(), i * 4 + j, now).encode()
            prepared.append((f"{cookie}; {csrf}", body))
    return prepared


class StageTimer:
    """CPU and wall time spent inside each named step, summed over every call."""

    def __init__(self) -> None:
        self.spent: dict[str, list[float]] = {}

    def install(self) -> None:
        from importlib import import_module

        for module_name, owner_name, attribute, label in STAGES:
            module = import_module(module_name)
            owner = getattr(module, owner_name) if owner_name else module
            function = getattr(owner, attribute, None)
            if function is not None:
                setattr(owner, attribute, self._timed(function, label))

    def _timed(self, function: Callable[..., Any], label: str) -> Callable[..., Any]:
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            cpu, wall = time.process_time(), time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent = self.spent.setdefault(label, [0.0, 0.0, 0])
                spent[0] += time.process_time() - cpu
                spent[1] += time.perf_counter() - wall
                spent[2] += 1

        return timed

    def report(self, requests: int) -> str:
        lines = [f"  {'step':<26} {'CPU ms':>7} {'wall ms':>8} {'calls':>6}"]
        for _module, _owner, _attribute, label in STAGES:
            if label in self.spent:
                cpu, wall, calls = self.spent[label]
                lines.append(
                    f"  {label:<26} {cpu * 1000 / requests:>7.3f} {wall * 1000 / requests:>8.3f} "
                    f"{calls / requests:>6.1f}"
                )
        return "\n".join(lines)


def backend_pid() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return int(cursor.fetchone()[0])


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--requests", type=int, default=300, help="requests per round")
    parser.add_argument("--rounds", type=int, default=5, help="the median round is reported")
    parser.add_argument("--warmup", type=int, default=50, help="requests before measuring")
    parser.add_argument("--customers", type=int, default=10, help="signed-in customers")
    parser.add_argument("--category", default="deposit", help="category slug for submit")
    parser.add_argument("--stages", action="store_true", help="time the steps of a submission")
    parser.add_argument(
        "--profile",
        type=Path,
        help="also cProfile one extra round of each scenario into this file + .<scenario>",
    )
    parser.add_argument(
        "--scenarios",
        default=",".join(SCENARIOS),
        type=lambda s: [x.strip() for x in s.split(",") if x.strip()],
        help=f"comma-separated subset of: {', '.join(SCENARIOS)}",
    )
    parser.add_argument(
        "--database-url", default=os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    )
    parser.add_argument("--redis-url", default=DEFAULT_REDIS_URL)
    args = parser.parse_args(list(argv) if argv is not None else None)
    unknown = set(args.scenarios) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenarios: {', '.join(sorted(unknown))}")

    env = server_env(args, secrets.token_urlsafe(50), Path(tempfile.mkdtemp(prefix="wd-cpu-")))
    os.environ.update(env)
    collectstatic(env)
    wsgi = Wsgi()
    from django.db import connection

    path = f"/tickets/new/{args.category}/"
    posts = submissions(wsgi, path, args.customers)
    postgres = connection.vendor == "postgresql"
    timer = StageTimer()
    if args.stages:
        timer.install()

    def one(scenario: str, i: int) -> None:
        if scenario == "healthz":
            status, _, _ = wsgi("GET", "/healthz")
            expected = "200"
        elif scenario == "healthz-signed-in":
            status, _, _ = wsgi("GET", "/healthz", cookie=posts[i % len(posts)][0])
            expected = "200"
        else:
            cookie, body = posts[i % len(posts)]
            status, headers, _ = wsgi("POST", path, cookie=cookie, body=body)
            location = dict(headers).get("Location", "")
            if not location.endswith("/submitted/"):
                raise SystemExit(f"POST {path} answered {status} {location!r}")
            expected = "302"
        if not status.startswith(expected):
            raise SystemExit(f"{scenario} answered {status}")

    print(
        f"{args.rounds} rounds x {args.requests} requests, median round; "
        f"load average {os.getloadavg()[0]:.2f} before"
    )
    for scenario in args.scenarios:
        for i in range(args.warmup):
            one(scenario, i)
        timer.spent.clear()
        pid = backend_pid() if postgres else 0
        rounds = []
        for _ in range(args.rounds):
            cpu, db, wall = time.process_time(), _cpu_seconds(pid), time.perf_counter()
            for i in range(args.requests):
                one(scenario, i)
            rounds.append(
                (
                    (time.process_time() - cpu) * 1000 / args.requests,
                    (_cpu_seconds(pid) - db) * 1000 / args.requests,
                    (time.perf_counter() - wall) * 1000 / args.requests,
                )
            )
        app_ms = statistics.median(r[0] for r in rounds)
        db_ms = statistics.median(r[1] for r in rounds)
        wall_ms = statistics.median(r[2] for r in rounds)
        print(
            f"{scenario:<18} app CPU {app_ms:6.3f} ms (min {min(r[0] for r in rounds):.3f})  "
            f"PostgreSQL CPU {db_ms:5.3f} ms  wall {wall_ms:6.3f} ms"
        )
        if args.stages and scenario == "submit":
            print(timer.report(args.requests * args.rounds))
        if args.profile:
            import cProfile

            profiler = cProfile.Profile(time.process_time)
            profiler.enable()
            for i in range(args.requests):
                one(scenario, i)
            profiler.disable()
            target = args.profile.with_name(f"{args.profile.name}.{scenario}")
            profiler.dump_stats(target)
            print(f"profile of {args.requests} {scenario} requests: {target}")
    print(f"load average {os.getloadavg()[0]:.2f} after")


if __name__ == "__main__":
    main()

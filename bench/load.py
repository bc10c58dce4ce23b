"""Drive the real server with wrk and print what each page costs.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/walletdesk_bench \\
        .venv/bin/python bench/load.py --workers 2 --connections 4 --duration 20

Starts gunicorn (config.wsgi, sync workers, DEBUG off) on 127.0.0.1 with Redis-backed
sessions and rate limits off, prepares signed-in sessions through Django's own login()
and CSRF tokens from the real form page, then runs each scenario with wrk for a fixed
duration and a fixed number of connections. Every response is checked (expected status,
redirect target), a few are fetched again and compared with the database, and the run
ends with one table: requests/s, p50, p95, p99 and errors per scenario.

Only 127.0.0.1 is ever contacted; every wrk run is bounded by --duration.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from walletdesk.accounts.models import User

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
REPLAY = ROOT / "bench" / "wrk" / "replay.lua"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/walletdesk_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/1"
LOAD_CUSTOMER_EMAIL = "bench-load-{:03d}@example.test"
REFERENCE_RE = re.compile(r"WD-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{6}")
SUBMITTED_PATTERN = r"^/tickets/WD%-[%w]+/submitted/$"  # a Lua pattern, for replay.lua


# --- one scenario ---------------------------------------------------------------------------


@dataclass
class Request:
    method: str
    path: str
    cookie: str = ""
    body: str = ""

    def line(self) -> str:
        return "\t".join((self.method, self.path, self.cookie, self.body))


@dataclass
class Scenario:
    name: str
    requests: list[Request]
    expected_status: int = 200
    location_pattern: str | None = None
    # Runs after the load, against the live server; returns a note or raises CheckFailed.
    check: Callable[[], str] | None = None
    before: Callable[[], None] | None = None
    after: Callable[[int], str] | None = None


@dataclass
class Result:
    scenario: str
    requests: int
    seconds: float
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    errors: int
    bad: int
    app_cpu_ms: float = 0.0
    db_cpu_ms: float = 0.0
    # The rest of the machine's busy CPU per request (wrk, the kernel, PostgreSQL's own
    # processes, Redis, anything else), and the share of the run the hypervisor took away.
    other_cpu_ms: float = 0.0
    steal_pct: float = 0.0
    # The share of the CPUs' time spent idle while some process waited for the disk (the
    # commit's WAL flush, most of all): time no CPU work can fill.
    iowait_pct: float = 0.0
    notes: list[str] = field(default_factory=list)


class CheckFailed(Exception):
    pass


# --- the server -----------------------------------------------------------------------------


def server_env(args: argparse.Namespace, secret_key: str, var_dir: Path) -> dict[str, str]:
    """What gunicorn and this process share: same key (session hashes), same DB and Redis."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k in ("PATH", "HOME", "LANG", "LC_ALL", "TZ", "PYTHONPATH")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="false",
        SECRET_KEY=secret_key,
        DATABASE_URL=args.database_url,
        REDIS_URL=args.redis_url,
        RATE_LIMITS_ENABLED="false",
        ALLOWED_HOSTS=f"{HOST},localhost",
        WALLETDESK_VAR_DIR=str(var_dir),
        LOG_LEVEL="WARNING",
    )
    return env


def collectstatic(env: dict[str, str]) -> None:
    # With DEBUG off the pages resolve {% static %} through the manifest, so it must exist;
    # it goes to this run's own temporary folder.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=120,
    )


class Server:
    """gunicorn on 127.0.0.1 for the length of a ``with`` block."""

    def __init__(
        self,
        env: dict[str, str],
        *,
        port: int,
        workers: int,
        worker_threads: int,
        log: Path,
        config: str = "",
    ) -> None:
        self.env = env
        self.config = config
        self.port = port
        self.workers = workers
        self.worker_threads = worker_threads
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Server:
        gunicorn = Path(sys.executable).with_name("gunicorn")
        command = [
            str(gunicorn),
            "config.wsgi",
            *(["--config", self.config] if self.config else []),
            "--bind",
            f"{HOST}:{self.port}",
            "--workers",
            str(self.workers),
            *(
                ["--worker-class", "gthread", "--threads", str(self.worker_threads)]
                if self.worker_threads > 1
                else ["--worker-class", "sync"]
            ),
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ]
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(  # noqa: S603 - fixed command, our own venv
                command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        # As deployed, each worker loads its own OCR engine before its first request.
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited; see {self.log}")
            try:
                if fetch(self.port, "GET", "/healthz").status == 200:
                    self._settle(deadline)
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        self.__exit__()
        raise SystemExit("gunicorn did not answer /healthz within 90 s")

    def _settle(self, deadline: float) -> None:
        """Until every worker is up and idle: one answering /healthz does not mean the other
        has finished warming up, and a warm-up during a scenario would be charged to it."""
        assert self.process is not None
        quiet_since = time.monotonic()
        last = -1.0
        while time.monotonic() < deadline:
            workers = _children(self.process.pid)
            spent = sum(_cpu_seconds(pid) for pid in workers)
            if len(workers) < self.workers or spent - last > 0.02:
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= 1.0:
                return
            last = spent
            time.sleep(0.25)

    def __exit__(self, *exc: object) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


# --- CPU per request --------------------------------------------------------------------------


_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _cpu_seconds(pid: int) -> float:
    """User + system CPU of one process, from /proc (0 when it is gone or not Linux)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICK  # utime, stime


def _machine_ticks() -> tuple[int, int, int]:
    """(busy, stolen, iowait) clock ticks of all CPUs since boot, from /proc/stat ((0, 0, 0)
    elsewhere)."""
    try:
        first = Path("/proc/stat").read_text().split("\n", 1)[0].split()
    except OSError:
        return 0, 0, 0
    user, nice, system, _idle, iowait, irq, softirq, steal = (int(v) for v in first[1:9])
    return user + nice + system + irq + softirq, steal, iowait


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(stat[1]) == pid:
                found.append(int(entry.name))
    return found


def _db_backends() -> list[int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        pids = [row[0] for row in cursor.fetchall()]
    connection.close()
    return pids


class CpuMeter:
    """CPU the server side spent (gunicorn workers, PostgreSQL backends) during a run.

    Latency and requests/s depend on what else the machine runs; CPU per request much less
    so. Capacity on dedicated cores is then roughly cores x 1000 / (app + db ms).
    """

    def __init__(self, server_pid: int, postgres: bool) -> None:
        self.server_pid = server_pid
        self.postgres = postgres
        self.start: tuple[dict[int, float], dict[int, float]] = ({}, {})
        self.machine_start = (0, 0, 0)
        self.wall_start = 0.0
        self.machine = (0.0, 0.0, 0.0, 0.0)

    def _snapshot(self) -> tuple[dict[int, float], dict[int, float]]:
        app = {pid: _cpu_seconds(pid) for pid in _children(self.server_pid)}
        db = {pid: _cpu_seconds(pid) for pid in _db_backends()} if self.postgres else {}
        return app, db

    def begin(self) -> None:
        self.start = self._snapshot()
        self.machine_start = _machine_ticks()
        self.wall_start = time.monotonic()

    def end(self) -> tuple[float, float]:
        """CPU seconds (app, db) since begin(); a process that appeared counts from zero."""
        busy, stolen, iowait = _machine_ticks()
        self.machine = (
            (busy - self.machine_start[0]) / _TICK,
            (stolen - self.machine_start[1]) / _TICK,
            (iowait - self.machine_start[2]) / _TICK,
            time.monotonic() - self.wall_start,
        )
        app, db = self._snapshot()
        spent_app = sum(v - self.start[0].get(pid, 0.0) for pid, v in app.items())
        spent_db = sum(v - self.start[1].get(pid, 0.0) for pid, v in db.items())
        return spent_app, spent_db

    def other(self, app: float, db: float) -> tuple[float, float]:
        """Busy CPU seconds of the machine beyond ``app`` and ``db`` since begin(), and the
        share of the CPUs' time the hypervisor took (steal), both for the last end()."""
        busy, stolen, _iowait, wall = self.machine
        cpus = os.cpu_count() or 1
        return max(busy - app - db, 0.0), stolen / (wall * cpus) if wall else 0.0

    def iowait(self) -> float:
        """The share of the CPUs' time idle with a disk wait pending, for the last end()."""
        _busy, _stolen, iowait, wall = self.machine
        cpus = os.cpu_count() or 1
        return iowait / (wall * cpus) if wall else 0.0


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: str


def fetch(port: int, method: str, path: str, *, cookie: str = "", body: str = "") -> Response:
    """One request to the local server, redirects not followed."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    headers = {"Cookie": cookie} if cookie else {}
    if body:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(method, path, body=body or None, headers=headers)
        raw = connection.getresponse()
        return Response(
            raw.status,
            {k.lower(): v for k, v in raw.getheaders()},
            raw.read().decode("utf-8", "replace"),
        )
    finally:
        connection.close()


# --- people and sessions --------------------------------------------------------------------


def session_cookie(user: User) -> str:
    """A signed-in session in the server's store (Redis), made by Django's own login()."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import login
    from django.http import HttpRequest

    engine = import_module(settings.SESSION_ENGINE)
    request = HttpRequest()
    request.session = engine.SessionStore()
    login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
    request.session.save()
    return f"{settings.SESSION_COOKIE_NAME}={request.session.session_key}"


def csrf_for(port: int, path: str, cookie: str) -> tuple[str, str]:
    """The CSRF cookie and form token a browser gets from the real form page."""
    from django.conf import settings

    response = fetch(port, "GET", path, cookie=cookie)
    if response.status != 200:
        raise CheckFailed(f"GET {path} answered {response.status}")
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.body)
    set_cookie = response.headers.get("set-cookie", "")
    cookie_match = re.search(rf"{settings.CSRF_COOKIE_NAME}=([^;]+)", set_cookie)
    if not match or not cookie_match:
        raise CheckFailed(f"GET {path} gave no CSRF token")
    return f"{settings.CSRF_COOKIE_NAME}={cookie_match.group(1)}", match.group(1)


def load_customers(count: int) -> list[User]:
    """Verified customers who submit during the run (kept between runs)."""
    from django.utils import timezone

    from walletdesk.accounts.models import User

    users = []
    for i in range(count):
        user, _ = User.objects.get_or_create(
            email=LOAD_CUSTOMER_EMAIL.format(i),
            defaults={"email_verified_at": timezone.now(), "role": User.Role.CUSTOMER},
        )
        users.append(user)
    return users


def load_agents() -> list[User]:
    from walletdesk.accounts.models import User

    agents = list(User.objects.filter(email__startswith="bench-agent-", role=User.Role.AGENT))
    if not agents:
        raise SystemExit("No bench agents: run bench/seed_tickets.py first.")
    for agent in agents:
        staff_second_factor_ensure(agent)
    return agents


def staff_second_factor_ensure(user: User) -> None:
    """Staff need two-step verification before the console opens. The bench signs its agents
    in with a made session (session_cookie), standing for a sign-in that passed the code, so
    each gets an authenticator app with a random key once (databases seeded before it)."""
    from django.utils import timezone

    from walletdesk.accounts import totp
    from walletdesk.accounts.models import TotpDevice

    if user.has_second_factor:
        return
    TotpDevice.objects.get_or_create(user=user, defaults={"secret": totp.secret_new()})
    user.second_factor_enabled_at = user.second_factor_changed_at = timezone.now()
    user.save(update_fields=["second_factor_enabled_at", "second_factor_changed_at"])


# --- the scenarios --------------------------------------------------------------------------


def ticket_count() -> int:
    from walletdesk.tickets.models import Ticket

    return Ticket.objects.count()


def sample_tickets(limit: int, **filters: Any) -> list[tuple[str, Any]]:
    """(reference, requester id) of tickets spread over the whole table, not the newest."""
    from django.db import connection

    from walletdesk.tickets.models import Ticket

    qs = Ticket.objects.filter(**filters)
    if connection.vendor == "postgresql" and not filters:
        # TABLESAMPLE reads ~1% of the pages instead of sorting a million rows at random.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reference, requester_id FROM tickets_ticket TABLESAMPLE SYSTEM (1) "
                "LIMIT %s",
                [limit],
            )
            return list(cursor.fetchall())
    return list(qs.order_by("?").values_list("reference", "requester_id")[:limit])


def references_in(html: str) -> list[str]:
    return sorted(set(REFERENCE_RE.findall(html)))


def submit_body(csrf_token: str, i: int, now: datetime) -> str:
    fields = {
        "csrfmiddlewaretoken": csrf_token,
        "subject": f"充值未到账 USDT TRC-20 #{i}",
        "description": "交易所显示已完成，但钱包里一直看不到这笔 USDT，已经等了三个小时。",
        # The form checks hash and address formats per network: random but well-formed
        # EVM values (an all-lowercase address is valid under EIP-55).
        "network": "ethereum",
        "asset": "USDT",
        "tx_hash": "0x" + secrets.token_hex(32),
        "address": "0x" + secrets.token_hex(20),
        "memo": "",
        "amount": f"{100 + i % 900}.50",
        "occurred_at": now.strftime("%Y-%m-%dT%H:%M"),
    }
    return urllib.parse.urlencode(fields)


def build_scenarios(args: argparse.Namespace, port: int, skipped: dict[str, str]) -> list[Scenario]:
    """Every scenario with its requests, sessions and correctness checks.

    A scenario whose page is not there (yet) lands in ``skipped`` with the reason.
    """
    from django.utils import timezone

    from walletdesk.tickets.models import Category, Status, Ticket

    scenarios: list[Scenario] = []
    wanted = set(args.scenarios) - set(skipped)

    def want(name: str) -> bool:
        return name in wanted

    if want("healthz"):

        def healthz_check() -> str:
            response = fetch(port, "GET", "/healthz")
            if response.status != 200 or response.body.strip() != "ok":
                raise CheckFailed("healthz did not answer ok")
            return "body ok"

        scenarios.append(Scenario("healthz", [Request("GET", "/healthz")], check=healthz_check))

    agents = load_agents()
    agent_cookies = [session_cookie(a) for a in agents]

    if want("submit"):
        customers = load_customers(args.load_users)
        path = f"/tickets/new/{args.category}/"
        submits: list[Request] = []
        now = timezone.localtime()
        try:
            for i, customer in enumerate(customers):
                cookie = session_cookie(customer)
                csrf_cookie, token = csrf_for(port, path, cookie)
                for j in range(4):
                    body = submit_body(token, i * 4 + j, now)
                    submits.append(Request("POST", path, f"{cookie}; {csrf_cookie}", body))
        except CheckFailed as failure:
            skipped["submit"] = str(failure)
            return build_scenarios(args, port, skipped)
        state: dict[str, int] = {}

        def submit_before() -> None:
            state["count"] = ticket_count()

        def submit_after(completed: int) -> str:
            grown = ticket_count() - state["count"]
            # Requests still in flight when wrk stops are stored but not counted by wrk.
            if not completed <= grown <= completed + args.connections:
                raise CheckFailed(f"{completed} POSTs answered 302 but {grown} tickets stored")
            return f"{grown} tickets stored for {completed} redirects"

        def submit_check() -> str:
            request = submits[0]
            response = fetch(port, "POST", path, cookie=request.cookie, body=request.body)
            location = response.headers.get("location", "")
            match = re.fullmatch(r"/tickets/(WD-\w{6})/submitted/", location)
            if response.status != 302 or not match:
                text = " ".join(re.sub(r"<[^>]+>", " ", response.body).split())
                raise CheckFailed(f"POST answered {response.status} {location!r}: {text[-300:]}")
            ticket = Ticket.objects.get(reference=match.group(1))
            if (
                ticket.requester_id != customers[0].pk
                or not ticket.events.filter(kind="created").exists()
            ):
                raise CheckFailed("submitted ticket has the wrong requester or no CREATED event")
            return f"sample POST -> {ticket.reference}, CREATED event recorded"

        scenarios.append(
            Scenario(
                "submit",
                submits,
                expected_status=302,
                location_pattern=SUBMITTED_PATTERN,
                check=submit_check,
                before=submit_before,
                after=submit_after,
            )
        )

    def queue(name: str, query: dict[str, str], verify: Callable[[Ticket], bool]) -> Scenario:
        path = "/console/" + ("?" + urllib.parse.urlencode(query) if query else "")

        def check() -> str:
            response = fetch(port, "GET", path, cookie=agent_cookies[0])
            if response.status != 200:
                raise CheckFailed(f"GET {path} answered {response.status}")
            shown = references_in(response.body)
            rows = list(Ticket.objects.filter(reference__in=shown))
            wrong = [t.reference for t in rows if not verify(t)]
            if not shown or wrong or len(rows) != len(shown):
                raise CheckFailed(f"{path}: {len(shown)} shown, not matching: {wrong[:5]}")
            return f"{len(shown)} tickets shown, all match the filter"

        return Scenario(name, [Request("GET", path, c) for c in agent_cookies], check=check)

    active = {str(s) for s in (Status.NEW, Status.OPEN, Status.WAITING_ON_CUSTOMER)}
    if want("queue"):
        scenarios.append(queue("queue", {}, lambda t: t.status in active))
    if want("queue-category-priority"):
        category = Category.objects.get(slug=args.category)
        scenarios.append(
            queue(
                "queue-category-priority",
                {"category": category.slug, "priority": "3"},
                lambda t: t.category_id == category.pk and t.priority == 3,
            )
        )
    if want("queue-waiting"):
        scenarios.append(
            queue(
                "queue-waiting",
                {"status": Status.WAITING_ON_CUSTOMER},
                lambda t: t.status == Status.WAITING_ON_CUSTOMER,
            )
        )
    if want("queue-search"):
        # An agent pasting the hash a customer gave them: the common search, and the worst
        # case for a scan since almost nothing matches.
        hashed = (
            Ticket.objects.filter(status=Status.OPEN)
            .exclude(tx_hash="")
            .values_list("tx_hash", flat=True)
            .first()
        )
        text = args.search or hashed or "USDT"

        def found(ticket: Ticket) -> bool:
            lowered = text.lower()
            return lowered in ticket.subject.lower() or text in (
                ticket.tx_hash,
                ticket.address,
                ticket.reference,
            )

        scenarios.append(queue("queue-search", {"q": text}, found))

    if want("console-ticket"):
        console_sample = sample_tickets(args.sample)
        console_requests = [
            Request("GET", f"/console/tickets/{ref}/", agent_cookies[i % len(agent_cookies)])
            for i, (ref, _) in enumerate(console_sample)
        ]

        def console_check() -> str:
            ref = console_sample[0][0]
            response = fetch(port, "GET", f"/console/tickets/{ref}/", cookie=agent_cookies[0])
            if response.status != 200 or ref not in response.body:
                raise CheckFailed(f"console page of {ref} answered {response.status}")
            return f"{len(console_sample)} distinct tickets; a sample page shows its reference"

        scenarios.append(Scenario("console-ticket", console_requests, check=console_check))

    if want("portal-ticket"):
        from walletdesk.accounts.models import User

        portal_sample = sample_tickets(args.sample, requester__email__startswith="bench-customer-")
        requesters = {u.pk: u for u in User.objects.filter(pk__in={r for _, r in portal_sample})}
        cookies = {pk: session_cookie(u) for pk, u in requesters.items()}
        portal_requests = [
            Request("GET", f"/tickets/{ref}/", cookies[r]) for ref, r in portal_sample
        ]

        def portal_check() -> str:
            ref, owner = portal_sample[0]
            response = fetch(port, "GET", f"/tickets/{ref}/", cookie=cookies[owner])
            if response.status != 200 or ref not in response.body:
                raise CheckFailed(f"portal page of {ref} answered {response.status}")
            stranger = next((pk for pk in cookies if pk != owner), None)
            if stranger is not None:
                other = fetch(port, "GET", f"/tickets/{ref}/", cookie=cookies[stranger])
                if other.status != 404:
                    raise CheckFailed(f"another customer got {other.status} for {ref}")
            return "requester sees the ticket; another customer gets 404"

        scenarios.append(Scenario("portal-ticket", portal_requests, check=portal_check))

    order = {name: i for i, name in enumerate(ALL_SCENARIOS)}
    return sorted(scenarios, key=lambda s: order[s.name])


ALL_SCENARIOS = (
    "healthz",
    "submit",
    "queue",
    "queue-category-priority",
    "queue-waiting",
    "queue-search",
    "console-ticket",
    "portal-ticket",
)


# --- running wrk ----------------------------------------------------------------------------


def run_wrk(
    scenario: Scenario, *, port: int, duration: int, connections: int, threads: int, work: Path
) -> dict[str, int]:
    requests_file = work / f"{scenario.name}.tsv"
    requests_file.write_text("\n".join(r.line() for r in scenario.requests) + "\n")
    command = [
        "wrk",
        "--threads",
        str(threads),
        "--connections",
        str(connections),
        "--duration",
        f"{duration}s",
        "--timeout",
        "10s",
        "--latency",
        "--script",
        str(REPLAY),
        f"http://{HOST}:{port}",
        "--",
        str(requests_file),
        str(scenario.expected_status),
    ]
    if scenario.location_pattern:
        command.append(scenario.location_pattern)
    completed = subprocess.run(  # noqa: S603 - fixed command on loopback
        command, capture_output=True, text=True, timeout=duration + 60, check=False
    )
    line = next((x for x in completed.stdout.splitlines() if x.startswith("RESULT ")), None)
    if completed.returncode != 0 or line is None:
        raise SystemExit(f"wrk failed for {scenario.name}:\n{completed.stdout}{completed.stderr}")
    return dict(json.loads(line.removeprefix("RESULT ")))


def run_scenario(
    scenario: Scenario, args: argparse.Namespace, port: int, work: Path, meter: CpuMeter
) -> Result:
    options = {
        "port": port,
        "connections": args.connections,
        "threads": args.threads,
        "work": work,
    }
    if args.warmup:
        run_wrk(scenario, duration=args.warmup, **options)  # fills caches, loads templates
        time.sleep(1)  # requests cut off by wrk's stop still finish on the server
    if scenario.before:
        scenario.before()
    meter.begin()
    raw = run_wrk(scenario, duration=args.duration, **options)
    app_cpu, db_cpu = meter.end()
    other_cpu, steal = meter.other(app_cpu, db_cpu)
    seconds = raw["duration_us"] / 1e6
    errors = raw["connect"] + raw["read"] + raw["write"] + raw["status"] + raw["timeout"]
    result = Result(
        scenario=scenario.name,
        requests=raw["requests"],
        seconds=round(seconds, 2),
        rps=round(raw["requests"] / seconds, 1),
        p50_ms=raw["p50_us"] / 1000,
        p95_ms=raw["p95_us"] / 1000,
        p99_ms=raw["p99_us"] / 1000,
        max_ms=raw["max_us"] / 1000,
        errors=errors,
        bad=raw["bad"],
        app_cpu_ms=round(app_cpu * 1000 / max(raw["requests"], 1), 2),
        db_cpu_ms=round(db_cpu * 1000 / max(raw["requests"], 1), 2),
        other_cpu_ms=round(other_cpu * 1000 / max(raw["requests"], 1), 2),
        steal_pct=round(steal * 100, 1),
        iowait_pct=round(meter.iowait() * 100, 1),
    )
    if raw["bad"]:
        result.notes.append(f"{raw['bad']} unexpected answers, first: {raw['bad_example']}")
    completed_ok = raw["checked"] - raw["bad"]
    time.sleep(1)
    for hook in (
        (lambda: scenario.after(completed_ok)) if scenario.after else None,
        scenario.check,
    ):
        if hook is None:
            continue
        try:
            result.notes.append(hook())
        except CheckFailed as failure:
            result.notes.append(f"CHECK FAILED: {failure}")
            result.bad += 1
    return result


def table(results: Sequence[Result]) -> str:
    header = (
        f"{'scenario':<24} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'max ms':>8} {'requests':>9} {'errors':>7} {'app CPU':>8} {'db CPU':>7} "
        f"{'other CPU':>9} {'steal':>5} {'iowait':>6}"
    )
    lines = [header, "-" * len(header)]
    for r in results:
        lines.append(
            f"{r.scenario:<24} {r.rps:>8.1f} {r.p50_ms:>8.1f} {r.p95_ms:>8.1f} {r.p99_ms:>8.1f} "
            f"{r.max_ms:>8.1f} {r.requests:>9} {r.errors + r.bad:>7} "
            f"{r.app_cpu_ms:>5.2f} ms {r.db_cpu_ms:>4.2f} ms {r.other_cpu_ms:>6.2f} ms "
            f"{r.steal_pct:>4.1f}% {r.iowait_pct:>5.1f}%"
        )
    return "\n".join(lines)


# --- entry point ----------------------------------------------------------------------------


def parse(argv: Iterable[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument(
        "--database-url", default=os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    )
    parser.add_argument("--redis-url", default=DEFAULT_REDIS_URL)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--workers", type=int, default=2, help="gunicorn worker processes (make run serves with 2)"
    )
    parser.add_argument(
        "--worker-threads",
        type=int,
        default=1,
        help="threads per gunicorn worker (gthread); 1 runs sync workers",
    )
    parser.add_argument(
        "--server-config",
        default="python:config.gunicorn",
        help="gunicorn --config: what make run and the production profile serve with (the "
        "application preloaded before the fork, its objects frozen out of the collector's "
        "sight, each worker warmed up); an empty value starts gunicorn with its defaults",
    )
    parser.add_argument("--connections", type=int, default=4, help="wrk connections")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--duration", type=int, default=20, help="seconds per scenario")
    parser.add_argument("--warmup", type=int, default=3, help="seconds before each scenario")
    parser.add_argument("--load-users", type=int, default=50, help="customers who submit")
    parser.add_argument("--sample", type=int, default=2000, help="distinct ticket pages")
    parser.add_argument("--category", default="deposit", help="category slug for submit")
    parser.add_argument("--search", default="", help="q= text (default: an open ticket's hash)")
    parser.add_argument(
        "--scenarios",
        default=",".join(ALL_SCENARIOS),
        type=lambda s: [x.strip() for x in s.split(",") if x.strip()],
        help=f"comma-separated subset of: {', '.join(ALL_SCENARIOS)}",
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(list(argv) if argv is not None else None)
    unknown = set(args.scenarios) - set(ALL_SCENARIOS)
    if unknown:
        parser.error(f"unknown scenarios: {', '.join(sorted(unknown))}")
    host = urllib.parse.urlsplit(args.redis_url).hostname
    db_host = urllib.parse.urlsplit(args.database_url).hostname
    if host not in (HOST, "localhost") or db_host not in (HOST, "localhost", None):
        parser.error("the benchmark only talks to services on 127.0.0.1")
    return args


def main(argv: Iterable[str] | None = None) -> None:
    args = parse(argv)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (Debian: apt-get install -y wrk)")
    work = Path(tempfile.mkdtemp(prefix="walletdesk-bench-"))
    env = server_env(args, secrets.token_urlsafe(50), work)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

    collectstatic(env)
    results: list[Result] = []
    skipped: dict[str, str] = {}
    # Other work on the machine skews every figure; the load average goes next to them.
    load_before = os.getloadavg()
    tickets_before = ticket_count()
    try:
        with Server(
            env,
            port=args.port,
            workers=args.workers,
            worker_threads=args.worker_threads,
            log=work / "gunicorn.log",
            config=args.server_config,
        ) as server:
            assert server.process is not None
            meter = CpuMeter(server.process.pid, postgres=connection.vendor == "postgresql")
            scenarios = build_scenarios(args, args.port, skipped)
            connection.close()  # do not hold a connection the server could use
            for scenario in scenarios:
                first = scenario.requests[0]
                if first.method == "GET":  # a page that is not there (yet) is skipped, not run
                    answer = fetch(args.port, "GET", first.path, cookie=first.cookie).status
                    if answer != scenario.expected_status:
                        skipped[scenario.name] = f"GET {first.path} answered {answer}"
                        continue
                print(
                    f"-> {scenario.name} ({len(scenario.requests)} distinct requests)", flush=True
                )
                results.append(run_scenario(scenario, args, args.port, work, meter))
                connection.close()
    finally:
        print(f"(server log: {work / 'gunicorn.log'})")
    load_after = os.getloadavg()
    print()
    print(
        f"{tickets_before:,} tickets; {args.workers} gunicorn sync workers, wrk {args.threads} "
        f"thread(s) x {args.connections} connections, {args.duration}s per scenario; "
        f"load average {load_before[0]:.1f} before, {load_after[0]:.1f} after "
        f"({os.cpu_count()} CPUs)"
    )
    print(table(results))
    by_name = {r.scenario: r for r in results}
    if "healthz" in by_name and "submit" in by_name and by_name["healthz"].rps:
        ratio = by_name["submit"].rps / by_name["healthz"].rps
        print(f"\nsubmit / healthz throughput: {ratio:.1%} (target >= 15%, the goal beyond it 20%)")
    for r in results:
        for note in r.notes:
            print(f"  {r.scenario}: {note}")
    for name, reason in skipped.items():
        print(f"  {name}: SKIPPED ({reason})")
    if args.json:
        meta = {
            "tickets": tickets_before,
            "workers": args.workers,
            "server_config": args.server_config,
            "connections": args.connections,
            "wrk_threads": args.threads,
            "duration_s": args.duration,
            "load_average_before": load_before,
            "load_average_after": load_after,
            "skipped": skipped,
        }
        payload = {"meta": meta, "results": [asdict(r) for r in results]}
        args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False))
    if any(r.errors or r.bad for r in results):
        raise SystemExit(1)


if __name__ == "__main__":
    main()

"""Read-only pages read from a PostgreSQL replica when one is configured, and the person who
just wrote something reads from the primary for a while, so they always see their own change.

A view opts in with ``@replica_reads`` (the queue, the reports, the Help Center): its reads go
to the ``replica`` database unless

- the request is not a GET or HEAD,
- this browser wrote something (any other method) less than ``REPLICA_PIN_FOR`` seconds ago:
  a cookie carries the time (read-your-writes; forging it only changes where one's own reads
  come from),
- the code is inside a transaction on the primary,
- or the replica was found unreachable or behind by more than ``REPLICA_MAX_LAG`` seconds at
  its last check (each process checks at most every ``REPLICA_CHECK_EVERY`` seconds).

Writes always go to the primary. Without DATABASE_REPLICA_URL every read does too, and the
middleware only reads one attribute per request.
"""

import threading
import time
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, TypeVar

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
PIN_COOKIE = "wd_primary_until"
_SAFE_METHODS = frozenset({"GET", "HEAD"})

_reads_on_replica: ContextVar[bool] = ContextVar("reads_on_replica", default=False)

View = TypeVar("View", bound=Callable[..., Any])


def replica_reads(view: View) -> View:
    """Mark a read-only view whose reads may come from the replica."""
    view.replica_reads = True  # type: ignore[attr-defined]
    return view


def replica_configured() -> bool:
    return bool(settings.REPLICA_READS) and REPLICA in settings.DATABASES


class _ReplicaHealth:
    """This process's last word on the replica: reachable and close enough behind."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._checked_at = float("-inf")
        self._usable = False

    def usable(self) -> bool:
        now = time.monotonic()
        if now - self._checked_at < settings.REPLICA_CHECK_EVERY:
            return self._usable
        with self._lock:
            if now - self._checked_at >= settings.REPLICA_CHECK_EVERY:
                self._usable = self._check()
                self._checked_at = now
        return self._usable

    def forget(self) -> None:
        self._checked_at = float("-inf")

    @staticmethod
    def _check() -> bool:
        try:
            lag = replica_lag()
        except DatabaseError:
            return False
        return lag <= settings.REPLICA_MAX_LAG


def replica_lag() -> float:
    """Seconds the replica's last replayed transaction is behind now (0 when it is not in
    recovery, or not PostgreSQL). Raises DatabaseError when it cannot be reached, and closes
    the connection so the next call dials afresh.

    On a primary with no writes for a while this grows though nothing is missing; the desk
    writes every few seconds (beat's lease), so in practice it is the replay delay."""
    connection = connections[REPLICA]
    try:
        with connection.cursor() as cursor:
            if connection.vendor != "postgresql":
                return 0.0
            cursor.execute(
                "SELECT CASE WHEN pg_is_in_recovery() THEN COALESCE(EXTRACT(EPOCH FROM "
                "now() - pg_last_xact_replay_timestamp()), 0) ELSE 0 END"
            )
            (lag,) = cursor.fetchone()
    except DatabaseError:
        connection.close()
        raise
    return float(lag)


replica_health = _ReplicaHealth()


class ReplicaRouter:
    def db_for_read(self, model: type, **hints: Any) -> str | None:
        if _reads_on_replica.get() and not connections["default"].in_atomic_block:
            return REPLICA
        return None

    def db_for_write(self, model: type, **hints: Any) -> str | None:
        return "default"

    def allow_relation(self, first: object, second: object, **hints: Any) -> bool:
        return True  # one database, two copies of it

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == "default"


def _pinned(request: HttpRequest) -> bool:
    try:
        return float(request.COOKIES.get(PIN_COOKIE, "0")) > time.time()
    except ValueError:
        return False


class ReplicaReadsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.enabled = replica_configured()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.enabled:
            return self.get_response(request)
        try:
            response = self.get_response(request)
        finally:
            _reads_on_replica.set(False)
        if request.method not in _SAFE_METHODS:
            until = time.time() + settings.REPLICA_PIN_FOR
            response.set_cookie(
                PIN_COOKIE,
                f"{until:.0f}",
                max_age=settings.REPLICA_PIN_FOR,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> None:
        if (
            self.enabled
            and getattr(view, "replica_reads", False)
            and request.method in _SAFE_METHODS
            and not _pinned(request)
            and replica_health.usable()
        ):
            _reads_on_replica.set(True)

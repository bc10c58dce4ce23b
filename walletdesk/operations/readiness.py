"""Is this instance fit to take traffic? Each part it leans on, checked within a few seconds.

The database is required: without it nothing can be stored, so a balancer should send users
elsewhere. The attachment storage, the cache and the broker are reported but not required: they
are shared by every instance, so sending users elsewhere would help nobody and taking every
instance out would close the whole desk, while without them it keeps working. Uploads answer
storage_unavailable and keep what the user typed, catalogues and rate limits fall back to the
database, and the notification outbox waits for the broker (docs/reliability.md). With a
replica configured, its lag is reported too.
"""

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from celery import current_app
from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import storages
from django.db import connections

from walletdesk.core.replica import replica_configured, replica_lag

PROBE_NAME = "readiness-probe"
BROKER_TIMEOUT = 2.0
STORAGE_TIMEOUT = 2.0
# Held while a storage probe runs: a hung store gets one probe waiting on it, not one per call.
_storage_probe = threading.Lock()


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    required: bool
    ms: float
    detail: str = ""


def _database() -> str:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
    return ""


def _cache() -> str:
    cache.set(PROBE_NAME, 1, 5)
    return ""


def _broker() -> str:
    with current_app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT)
    return ""


def _storage() -> str:
    """A HEAD request on S3, a stat on a local folder, in a thread of its own: an object store
    that accepts and never answers must not hold the probe past the balancer's timeout."""
    if not _storage_probe.acquire(blocking=False):
        raise TimeoutError("an earlier probe is still waiting")
    failure: list[BaseException] = []

    def probe() -> None:
        try:
            storages["attachments"].exists(PROBE_NAME)
        except Exception as error:
            failure.append(error)
        finally:
            _storage_probe.release()

    waiting = threading.Thread(target=probe, name="storage-probe", daemon=True)
    waiting.start()
    waiting.join(STORAGE_TIMEOUT)
    if waiting.is_alive():
        raise TimeoutError("the storage did not answer")
    if failure:
        raise failure[0]
    return ""


class ReplicaBehind(Exception):
    """The replica is further behind than REPLICA_MAX_LAG: read-only pages use the primary."""


def _replica() -> str:
    lag = replica_lag()
    if lag > settings.REPLICA_MAX_LAG:
        raise ReplicaBehind
    return f"{lag:.1f} s behind"


def _run(name: str, probe: Callable[[], str], *, required: bool) -> Check:
    started = time.perf_counter()
    try:
        detail = probe()
        ok = True
    except Exception as error:
        ok = False
        detail = type(error).__name__
    elapsed = round((time.perf_counter() - started) * 1000, 1)
    return Check(name=name, ok=ok, required=required, ms=elapsed, detail=detail)


def readiness_checks() -> list[Check]:
    checks = [
        _run("database", _database, required=True),
        _run("storage", _storage, required=False),
        _run("cache", _cache, required=False),
        _run("broker", _broker, required=False),
    ]
    if replica_configured():
        # Reported only: an unreachable or late replica sends reads back to the primary.
        checks.append(_run("replica", _replica, required=False))
    return checks

"""Is this instance fit to take traffic? Each part it leans on, checked within a few seconds.

The database and the attachment storage are required: without them no ticket can be stored
with its evidence, so a balancer should send users elsewhere. The cache and the broker are
reported but not required: catalogues and rate limits fall back to the database, and the
notification outbox waits for the broker (docs/reliability.md).
"""

import time
from collections.abc import Callable
from dataclasses import dataclass

from celery import current_app
from django.core.cache import cache
from django.core.files.storage import storages
from django.db import connections

PROBE_NAME = "readiness-probe"
BROKER_TIMEOUT = 2.0


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
    # A HEAD request on S3, a stat on a local folder: either fails when the storage is away.
    storages["attachments"].exists(PROBE_NAME)
    return ""


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
        _run("storage", _storage, required=True),
        _run("cache", _cache, required=False),
        _run("broker", _broker, required=False),
    ]
    return checks

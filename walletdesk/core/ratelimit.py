"""Fixed-window rate limits, counted where every process sees the same count.

A limit is a name, a count and a window; ``hit`` counts one attempt against a key
(an address, an account id, an IP) and says whether it is still allowed.

settings.RATE_LIMITS_STORE says where: "cache" (Redis in production, whose INCR is atomic)
or "database" (the embedded default: Django's database and file caches read and write in two
steps, so two workers could both see a count under the limit; an upsert cannot).
"""

import hashlib
import logging
import math
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest
from django.utils import timezone

from walletdesk.core.models import RateCounter

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limit:
    name: str
    count: int
    window_for: int  # seconds


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int  # seconds until the window resets


def _cache_key(limit: Limit, key: str, window_start: int) -> str:
    # Hash the key: addresses and IPs never sit in the cache in clear text.
    digest = hashlib.sha256(key.strip().lower().encode()).hexdigest()[:32]
    return f"rl:{limit.name}:{window_start}:{digest}"


def hit(limit: Limit, key: str) -> Verdict:
    """Count one attempt for ``key`` under ``limit``; refuse once the window is full."""
    now = time.time()
    window_start = int(now // limit.window_for) * limit.window_for
    retry_after = max(1, math.ceil(window_start + limit.window_for - now))
    if not getattr(settings, "RATE_LIMITS_ENABLED", True):
        return Verdict(allowed=True, retry_after=0)
    cache_key = _cache_key(limit, key, window_start)
    expires_at = window_start + limit.window_for + 1
    if settings.RATE_LIMITS_STORE == "database":
        count = _count_in_database(cache_key, expires_at=expires_at)
    else:
        try:
            count = _count_in_cache(cache_key, timeout=limit.window_for + 1)
        except Exception:
            # The cache is unreachable (Redis restarting): the limit still holds, counted in
            # the database meanwhile (a fresh count there: a window is at most doubled).
            logger.warning("rate limit %s: the cache is unreachable, counted here", limit.name)
            count = _count_in_database(cache_key, expires_at=expires_at)
    return Verdict(allowed=count <= limit.count, retry_after=retry_after)


def _count_in_cache(cache_key: str, *, timeout: int) -> int:
    try:
        return int(cache.incr(cache_key))  # one round trip on the common path
    except ValueError:  # first hit of this window
        if cache.add(cache_key, 1, timeout=timeout):
            return 1
        return int(cache.incr(cache_key))  # another request created it meanwhile


def _count_in_database(cache_key: str, *, expires_at: float) -> int:
    # One statement adds the attempt and reads the count back: atomic on SQLite (the write
    # lock) and PostgreSQL (the row lock), whichever process comes first.
    table = connection.ops.quote_name(RateCounter._meta.db_table)
    column = connection.ops.quote_name("key")
    expires = datetime.fromtimestamp(expires_at, tz=UTC)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({column}, hits, expires_at) VALUES (%s, 1, %s) "  # noqa: S608 - names from our own model, values bound
            f"ON CONFLICT ({column}) DO UPDATE SET hits = {table}.hits + 1 RETURNING hits",
            [cache_key, connection.ops.adapt_datetimefield_value(expires)],
        )
        row = cursor.fetchone()
    count = int(row[0]) if row else 1
    if count == 1:  # a new window began for this key: forget the windows that ended
        RateCounter.objects.filter(expires_at__lt=timezone.now()).delete()
    return count


def hit_all(checks: list[tuple[Limit, str]]) -> Verdict:
    """Count an attempt against several keys at once; refused if any one is full."""
    verdicts = [hit(limit, key) for limit, key in checks if key]
    refused = [v for v in verdicts if not v.allowed]
    if refused:
        return Verdict(allowed=False, retry_after=max(v.retry_after for v in refused))
    return Verdict(allowed=True, retry_after=0)


def client_ip(request: HttpRequest) -> str:
    """The caller's address. Behind a proxy, set the proxy to overwrite REMOTE_ADDR."""
    return str(request.META.get("REMOTE_ADDR", ""))

"""Fixed-window rate limits on the Django cache (Redis in production).

A limit is a name, a count and a window; ``hit`` counts one attempt against a key
(an address, an account id, an IP) and says whether it is still allowed.
"""

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


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
    try:
        count = cache.incr(cache_key)  # one round trip on the common path
    except ValueError:  # first hit of this window
        if cache.add(cache_key, 1, timeout=limit.window_for + 1):
            count = 1
        else:  # another request created it meanwhile
            count = cache.incr(cache_key)
    return Verdict(allowed=count <= limit.count, retry_after=retry_after)


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

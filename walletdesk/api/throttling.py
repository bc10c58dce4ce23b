"""Rate limits for the API, counted by core.ratelimit on the Django cache (Redis in production).

Every request counts against the caller's account (when signed in) and the client address;
endpoints that sign in or issue tokens add stricter limits with ``limit``; new tickets count
against the limits of the one submission path (submissions/limits.py), on every door.
A refusal is 429 with Retry-After, in the one error shape.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.throttling import BaseThrottle

from walletdesk.core import ratelimit

# Generous: a person tapping through the app never meets them; a script soon does.
USER_LIMIT = ratelimit.Limit("api-user", count=300, window_for=60)
IP_LIMIT = ratelimit.Limit("api-ip", count=600, window_for=60)

SIGN_IN_PER_IP = ratelimit.Limit("api-sign-in-ip", count=20, window_for=60 * 10)
TOKEN_LIST_PER_USER = ratelimit.Limit("api-tokens-user", count=60, window_for=60)
SIWE_NONCE_PER_IP = ratelimit.Limit("api-siwe-nonce-ip", count=30, window_for=60 * 10)
SIWE_VERIFY_PER_IP = ratelimit.Limit("api-siwe-verify-ip", count=20, window_for=60 * 10)
SIWE_CONFIRM_PER_IP = ratelimit.Limit("api-siwe-confirm-ip", count=20, window_for=60 * 10)


class RateLimited(exceptions.APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_detail = _("Too many requests. Please wait a moment and try again.")
    default_code = "rate_limited"

    def __init__(self, wait: int, detail: Any = None) -> None:
        super().__init__(detail=detail)
        self.wait = max(1, int(wait))  # DRF's handler turns it into Retry-After


def limit(checks: list[tuple[ratelimit.Limit, str]], detail: Any = None) -> None:
    """Count one attempt against each (limit, key); raise RateLimited if any is full."""
    verdict = ratelimit.hit_all(checks)
    if not verdict.allowed:
        raise RateLimited(verdict.retry_after, detail)


class ApiRateThrottle(BaseThrottle):
    """Every API request: per account and per client address."""

    def allow_request(self, request: Request, view: Any) -> bool:
        checks = [(IP_LIMIT, ratelimit.client_ip(request))]
        if request.user and request.user.is_authenticated:
            checks.append((USER_LIMIT, str(request.user.pk)))
        verdict = ratelimit.hit_all(checks)
        self._wait = verdict.retry_after
        return verdict.allowed

    def wait(self) -> float | None:
        return float(getattr(self, "_wait", 1))

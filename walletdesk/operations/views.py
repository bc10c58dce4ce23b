"""Readiness and metrics for balancers, orchestrators and Prometheus (docs/deploy.md).

Liveness stays at /healthz (core): it answers without touching anything, so a slow database
never gets a healthy process killed.
"""

import hmac
import os

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client import REGISTRY as PROCESS_REGISTRY
from prometheus_client.multiprocess import MultiProcessCollector

from walletdesk.operations.collectors import DatabaseCollector
from walletdesk.operations.readiness import readiness_checks

_LOOPBACK = frozenset({"127.0.0.1", "::1"})


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    checks = readiness_checks()
    ready = all(check.ok for check in checks if check.required)
    body = {
        "ready": ready,
        "checks": {
            check.name: {
                "ok": check.ok,
                "required": check.required,
                "ms": check.ms,
                "detail": check.detail,
            }
            for check in checks
        },
    }
    return JsonResponse(body, status=200 if ready else 503)


def _may_scrape(request: HttpRequest) -> bool:
    token = settings.METRICS_TOKEN
    if token:
        given = request.headers.get("Authorization", "")
        return hmac.compare_digest(given.encode(), f"Bearer {token}".encode())
    # No token set: only this machine (a local Prometheus, or nginx refusing it outside).
    return request.META.get("REMOTE_ADDR") in _LOOPBACK


@never_cache
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    if not _may_scrape(request):
        return HttpResponse(status=404)
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        processes = CollectorRegistry()
        MultiProcessCollector(processes)  # type: ignore[no-untyped-call]
    else:
        processes = PROCESS_REGISTRY
    shared = CollectorRegistry()
    shared.register(DatabaseCollector())
    body = generate_latest(processes) + generate_latest(shared)
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)

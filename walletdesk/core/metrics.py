"""The process's Prometheus counters and histograms, defined once for every app to use.

Web workers, Celery workers and beat are separate processes: with PROMETHEUS_MULTIPROC_DIR set
(``manage.py serve`` and the production profile set it) each writes its values to files in that
folder and /metrics adds them up, so a scrape sees the whole machine, not the one worker that
answered. Without it (tests, a shell) the values live in the process.

Labels are kept to a fixed, small set (route names, never paths or ids), so the number of
series does not grow with the data.
"""

import os
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from prometheus_client import Counter, Histogram

REQUEST_LATENCY = Histogram(
    "walletdesk_request_seconds",
    "Time to answer a request, by route, method and status class.",
    ["route", "method", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
TASK_FAILURES = Counter(
    "walletdesk_task_failures", "Background tasks that ended with an error.", ["task"]
)
GUARD_CATCHES = Counter(
    "walletdesk_guard_catches",
    "Texts or files refused or masked because they held a secret, by channel.",
    ["channel"],
)
SLA_BREACHES = Counter(
    "walletdesk_sla_breaches", "Service targets marked missed by the sweep, by target.", ["target"]
)

_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def _route(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "unmatched"
    return match.view_name or "unnamed"


class RequestMetricsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        method = request.method if request.method in _METHODS else "other"
        REQUEST_LATENCY.labels(
            route=_route(request), method=method, status=f"{response.status_code // 100}xx"
        ).observe(time.perf_counter() - started)
        return response


def celery_task_failure(sender: object = None, **_: object) -> None:
    TASK_FAILURES.labels(task=getattr(sender, "name", "unknown")).inc()


def metrics_server_start(port: int) -> None:
    """Serve this machine's values on ``port`` (a Celery worker's pod, where no web server
    answers /metrics): the same sums the web's /metrics gives, without the database gauges,
    which the web instances report."""
    from prometheus_client import CollectorRegistry, start_http_server
    from prometheus_client.multiprocess import MultiProcessCollector

    registry = CollectorRegistry()
    MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    start_http_server(port, addr="0.0.0.0", registry=registry)  # noqa: S104 - a pod's own port


def celery_worker_ready(**_: object) -> None:
    port = os.environ.get("METRICS_PORT")
    if port and os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        metrics_server_start(int(port))

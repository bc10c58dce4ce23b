"""One id for each request, in every log line it causes, here and in the jobs it queues.

The id comes from the balancer's ``X-Request-ID`` when that looks like an id, otherwise it is
made here; the answer carries it back, so a user's report ("request 3f2a…") leads to the logs.
Celery tasks queued while a request runs carry it in a message header and log under it too.
"""

import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
NONE = "-"
# A balancer's id is kept only in this shape: anything else could forge or flood log lines.
_ACCEPTED = re.compile(r"[A-Za-z0-9._-]{8,64}")

_current: ContextVar[str] = ContextVar("request_id", default=NONE)


def request_id_current() -> str:
    return _current.get()


def request_id_from(incoming: str | None) -> str:
    if incoming and _ACCEPTED.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """First in the chain, so everything after it logs under the id."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_from(request.META.get("HTTP_X_REQUEST_ID"))
        token = _current.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response[HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record (``-`` outside a request or task)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _current.get()
        return True


# --- Celery: the id travels in a message header ---------------------------------------------


def celery_before_publish(headers: dict[str, Any] | None = None, **_: Any) -> None:
    request_id = _current.get()
    if headers is not None and request_id != NONE:
        headers.setdefault("request_id", request_id)


def celery_task_prerun(task: Any = None, **_: Any) -> None:
    request_id = getattr(getattr(task, "request", None), "request_id", None)
    _current.set(request_id if isinstance(request_id, str) else NONE)


def celery_task_postrun(**_: Any) -> None:
    _current.set(NONE)

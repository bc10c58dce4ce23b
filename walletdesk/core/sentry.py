"""Optional error reports to Sentry, switched on by SENTRY_DSN.

A support desk's requests carry what users wrote: texts that may quote an address, a name or,
despite the guard, part of a secret. So nothing of the request's body, cookies or headers
leaves, no local variables (they hold the texts), no SQL breadcrumbs (their parameters are
the texts), and no user but the id. What is sent: the error, its stack of code lines, the
route, the request id and the release.
"""

from typing import Any

import sentry_sdk
from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.django import DjangoIntegration
from sentry_sdk.types import Breadcrumb, BreadcrumbHint, Event, Hint

from walletdesk.core.requestid import NONE, request_id_current

_KEPT_REQUEST_KEYS = ("method", "url")
_DROPPED_BREADCRUMBS = frozenset({"query", "redis", "httplib", "subprocess"})


def _scrub(event: Event, hint: Hint) -> Event:
    request = event.get("request")
    if request is not None:
        kept: dict[str, Any] = {k: request[k] for k in _KEPT_REQUEST_KEYS if k in request}
        if "url" in kept:
            kept["url"] = str(kept["url"]).split("?", 1)[0]
        event["request"] = kept
    user = event.get("user")
    if user is not None:
        event["user"] = {"id": user["id"]} if "id" in user else {}
    event.pop("extra", None)
    for exception in (event.get("exception") or {}).get("values", []):
        for frame in (exception.get("stacktrace") or {}).get("frames", []):
            frame.pop("vars", None)
    request_id = request_id_current()
    if request_id != NONE:
        event.setdefault("tags", {})["request_id"] = request_id
    return event


def _breadcrumb(crumb: Breadcrumb, hint: BreadcrumbHint) -> Breadcrumb | None:
    if crumb.get("category") in _DROPPED_BREADCRUMBS:
        return None
    return crumb


def sentry_init(*, dsn: str, environment: str, release: str) -> None:
    sentry_sdk.init(
        dsn=dsn,
        environment=environment or None,
        release=release or None,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        before_send=_scrub,
        before_breadcrumb=_breadcrumb,
        traces_sample_rate=0.0,
    )

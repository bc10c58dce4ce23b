"""The one way into the audit trail: ``record``.

Storage rule (decided here, once): an event is written with the default database
connection, so inside the caller's transaction when there is one. The change and its record
commit together or not at all: a password, role or token change is never stored without its
row, and a rolled-back change leaves no row claiming it happened. A failed INSERT is not
swallowed: it raises into the caller like any failed write, and the change it records is
refused (rolled back) rather than done unrecorded. Outside a transaction the row is committed
at once. Each call is one INSERT and nothing else: no query to find the actor, whose id and
e-mail address are copied from the user object the caller already holds.
"""

import ipaddress
import logging
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from rest_framework.request import Request

from walletdesk.audit.context import request_current
from walletdesk.audit.models import AuditEvent, Kind

logger = logging.getLogger(__name__)

_USER_AGENT_MAX = 300
_TARGET_MAX = 254
# Set on a request once its refusal is recorded, so the middleware does not record it twice.
_REFUSAL_MARK = "_audit_refusal_recorded"


def _ip_of(request: HttpRequest) -> str | None:
    # Behind a proxy, the proxy overwrites REMOTE_ADDR (core.ratelimit.client_ip reads the same).
    raw = str(request.META.get("REMOTE_ADDR", "")).strip()
    try:
        return str(ipaddress.ip_address(raw))
    except ValueError:
        return None


def _http_request(request: HttpRequest | Request | None) -> HttpRequest | None:
    """Django's request behind a REST framework one (which proxies META but not attributes)."""
    if isinstance(request, Request):
        return request._request
    return request


def record(
    kind: Kind,
    *,
    actor: AbstractBaseUser | AnonymousUser | None = None,
    request: HttpRequest | Request | None = None,
    target: str = "",
    **detail: Any,
) -> AuditEvent:
    """Write one audit event; returns it.

    ``request`` defaults to the request being served (AuditMiddleware), from which the IP
    address, the device (User-Agent) and, when ``actor`` is not given, the signed-in user are
    taken. ``detail`` must be JSON (DjangoJSONEncoder): ids, codes, counts, never secrets,
    passwords or message text. See the module docstring for how failures are handled.
    """
    http = _http_request(request) or request_current()
    if actor is None and http is not None:
        actor = getattr(http, "user", None)
    user = actor if isinstance(actor, AbstractBaseUser) and actor.is_authenticated else None
    event = AuditEvent(
        kind=kind,
        actor_id=user.pk if user is not None else None,
        actor_label=user.get_username()[:254] if user is not None else "",
        target=str(target)[:_TARGET_MAX],
        ip=_ip_of(http) if http is not None else None,
        user_agent=(
            str(http.META.get("HTTP_USER_AGENT", ""))[:_USER_AGENT_MAX] if http is not None else ""
        ),
        detail=detail,
    )
    event.save(force_insert=True)
    logger.info("audit %s", kind, extra={"audit_id": event.pk, "actor_id": str(event.actor_id)})
    return event


def access_refused_record(request: HttpRequest | Request, *, status: int, needs: str = "") -> None:
    """Record that the signed-in user of ``request`` was refused a page (once per request).

    ``status`` is what they were answered (403, or 404 where a page hides that it exists);
    ``needs`` the role the page asks for. Anonymous visitors are not recorded: they are sent
    to sign in.
    """
    http = _http_request(request)
    if http is None or getattr(http, _REFUSAL_MARK, False):
        return
    user = getattr(http, "user", None)
    if user is None or not user.is_authenticated:
        return
    setattr(http, _REFUSAL_MARK, True)
    detail: dict[str, Any] = {"status": status, "method": http.method}
    if needs:
        detail["needs"] = needs
    record(Kind.ACCESS_REFUSED, actor=user, request=http, target=http.path, **detail)


def access_refusal_recorded(request: HttpRequest) -> bool:
    return bool(getattr(request, _REFUSAL_MARK, False))

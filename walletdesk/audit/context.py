"""The request being served, for audit records made where no request is at hand (signals,
services): its address, device and signed-in user. Set by AuditMiddleware for each request."""

from contextvars import ContextVar, Token

from django.http import HttpRequest

_current: ContextVar[HttpRequest | None] = ContextVar("audit_request", default=None)


def request_current() -> HttpRequest | None:
    return _current.get()


def request_enter(request: HttpRequest) -> Token[HttpRequest | None]:
    return _current.set(request)


def request_leave(token: Token[HttpRequest | None]) -> None:
    _current.reset(token)

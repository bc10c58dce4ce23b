"""Who may open a view. Agents-only pages answer 404 to everyone else: the console
does not announce itself to customers. Administrators-only pages answer 403 to agents. Every
refusal of a signed-in user is an audit event (ACCESS_REFUSED)."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponseBase

from walletdesk.accounts.models import User
from walletdesk.audit.services import access_refused_record

View = Callable[..., HttpResponseBase]


class SignedInRequest(HttpRequest):
    """A request that login_required (or the decorators below) let through: the user is
    signed in, so ``request.user`` is one of ours, never AnonymousUser."""

    user: User


class AgentRequest(SignedInRequest):
    """A request agent_required let through: the user is a signed-in agent."""


def customer_required(view: View) -> View:
    """Signed in (any role). Ticket selectors then scope everything to the requester."""
    return login_required(view)


def agent_required(view: View) -> View:
    @login_required
    @wraps(view)
    def wrapper(request: SignedInRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_agent:
            access_refused_record(request, status=404, needs="agent")
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def superuser_required(view: View) -> View:
    """Administrators' pages (the audit trail): agents get 403, customers 404 as above."""

    @agent_required
    @wraps(view)
    def wrapper(request: AgentRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not (request.user.is_admin and request.user.is_superuser):
            access_refused_record(request, status=403, needs="superuser")
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper

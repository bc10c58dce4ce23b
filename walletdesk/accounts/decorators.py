"""Who may open a view. Agents-only pages answer 404 to everyone else: the console
does not announce itself to customers."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponseBase

from walletdesk.accounts.models import User

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
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper

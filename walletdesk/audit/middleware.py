"""Per request: make the request known to audit records made deeper down (signals, services),
and record refusals of the staff and API areas for signed-in users."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from walletdesk.audit.context import request_enter, request_leave
from walletdesk.audit.services import access_refusal_recorded, access_refused_record

# URL namespaces whose refusals are security events: the agent console, the administration
# site and the REST API. A refusal elsewhere (an unconfirmed customer's ticket form) is not.
GUARDED_NAMESPACES = frozenset({"console", "admin", "api"})


def _namespace(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    return match.namespaces[0] if match is not None and match.namespaces else ""


class AuditMiddleware:
    """Must come after AuthenticationMiddleware and before anything that signs people out
    (SessionTimeoutMiddleware), so those records carry the request's address and device.

    A 403 under a guarded namespace is recorded as ACCESS_REFUSED unless the check that
    refused it recorded it already; so is the administration site sending a signed-in
    non-staff user to its sign-in page. Costs nothing on any other answer.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = request_enter(request)
        try:
            response = self.get_response(request)
            if response.status_code in (302, 403):
                self._refusal_check(request, response)
            return response
        finally:
            request_leave(token)

    def _refusal_check(self, request: HttpRequest, response: HttpResponse) -> None:
        if access_refusal_recorded(request):
            return
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return
        namespace = _namespace(request)
        if namespace not in GUARDED_NAMESPACES:
            return
        if response.status_code == 403:
            access_refused_record(request, status=403)
        elif (
            namespace == "admin"
            and not user.is_staff
            and str(response.get("Location", "")).startswith(reverse("admin:login"))
        ):
            access_refused_record(request, status=302, needs="staff")

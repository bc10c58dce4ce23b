"""Error pages in the visitor's language, in the portal layout, never a stack trace."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _


def _error(request: HttpRequest, status: int, title: str, text: str) -> HttpResponse:
    return render(request, "error.html", {"title": title, "text": text}, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 400, _("Bad request"), _("The request could not be understood."))


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request, 403, _("Not allowed"), _("You are not allowed to do this. Try signing in again.")
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request,
        404,
        _("Page not found"),
        _("There is nothing here. Check the address or go back to the Help Center."),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        # An API client reads every answer as {code, message} (docs/api.md), a failure too.
        message = _("Something failed on our side. Please try again later.")
        return JsonResponse({"code": "server_error", "message": message}, status=500)
    # No context processors here: the database may be what failed.
    html = loader.get_template("500.html").render()
    return HttpResponse(html, status=500)


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness for load balancers; also the 'trivial view' ceiling in the benchmarks."""
    return HttpResponse("ok", content_type="text/plain")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent after its page went stale: say what to do instead of Django's debug text."""
    return _error(
        request,
        403,
        _("This form has expired"),
        _(
            "For your security the form could not be accepted. Go back, reload the page and "
            "submit it again."
        ),
    )

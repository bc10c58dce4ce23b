from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

# Every asset is vendored, so the pages need nothing but our own origin. No inline
# script or style is allowed: user text that slips through escaping still cannot run.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        # blob: lets the upload form preview a chosen photo (an object URL made by our script).
        "img-src 'self' data: blob:",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)


# What only its reader may see is never kept by a browser or a proxy: the help desk's
# ticket, message and attachment pages and API answers, and anything shown to a signed-in
# person or an app with a token.
PRIVATE_PATH_PREFIXES = (
    "/tickets/",
    "/console/",
    "/files/",
    "/notifications/",
    "/accounts/",
    "/admin/",
    "/api/v1/",
)


def _private(request: HttpRequest) -> bool:
    if request.path.startswith(PRIVATE_PATH_PREFIXES) or "HTTP_AUTHORIZATION" in request.META:
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # The admin site needs no inline script or style either (Django renders none).
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", "camera=(self), geolocation=(), microphone=()")
        if _private(request):
            patch_cache_control(response, private=True, no_store=True)
        return response

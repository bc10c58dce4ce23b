from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

# Set by uploads.js on the form submissions it sends itself (to show upload progress).
UPLOAD_HEADER = "X-WalletDesk-Upload"
# The same header as the WSGI server hands it over: read straight from META, so the request
# does not build its whole ``headers`` mapping for the one value.
_UPLOAD_META_KEY = "HTTP_" + UPLOAD_HEADER.upper().replace("-", "_")
_REDIRECTS = frozenset((301, 302, 303))


class UploadRedirectMiddleware:
    """Tell uploads.js where a successful form submission redirects to.

    XMLHttpRequest follows redirects on its own, which would spend the next page's flash
    message on a request nobody sees; answering the redirect as JSON lets the script
    navigate itself. Other requests are untouched.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # Most responses are not redirects: look at the status before the header.
        if response.status_code in _REDIRECTS and request.META.get(_UPLOAD_META_KEY) == "1":
            return JsonResponse({"redirect": response["Location"]})
        return response

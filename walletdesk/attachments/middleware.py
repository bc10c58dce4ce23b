from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

# Set by uploads.js on the form submissions it sends itself (to show upload progress).
UPLOAD_HEADER = "X-WalletDesk-Upload"


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
        if request.headers.get(UPLOAD_HEADER) == "1" and response.status_code in (301, 302, 303):
            return JsonResponse({"redirect": response["Location"]})
        return response

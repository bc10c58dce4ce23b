"""One place that turns refusals into HTTP answers for the REST API.

Domain errors carry a stable code and a localised message; the API answers
``{"code": ..., "message": ...}`` (plus ``fields`` when the refusal names fields) with the
status mapped here, and validation errors as
``{"code": "invalid", "message": ..., "errors": {field: [{"code", "message"}]}}``.
"""

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from walletdesk.community.errors import CommunityError
from walletdesk.core.errors import DomainError

# Codes whose refusal is not a plain 400. Any app's codes may be listed: values are unique.
STATUS_BY_CODE: dict[str, int] = {
    "not_supervisor": status.HTTP_403_FORBIDDEN,
    "not_agent": status.HTTP_404_NOT_FOUND,
    "not_requester": status.HTTP_404_NOT_FOUND,
    "unverified_email": status.HTTP_403_FORBIDDEN,
    "staff_account": status.HTTP_403_FORBIDDEN,
    # The password (or wallet) was right; the second factor is missing or not set up.
    "second_factor_required": status.HTTP_403_FORBIDDEN,
    "second_factor_setup_required": status.HTTP_403_FORBIDDEN,
    "second_factor_locked": status.HTTP_429_TOO_MANY_REQUESTS,
    "transition_not_allowed": status.HTTP_409_CONFLICT,
    "already_resubmitted": status.HTTP_409_CONFLICT,
    "already_verified": status.HTTP_409_CONFLICT,
    "rate_limited": status.HTTP_429_TOO_MANY_REQUESTS,
    "too_many_tickets": status.HTTP_429_TOO_MANY_REQUESTS,
    "storage_unavailable": status.HTTP_503_SERVICE_UNAVAILABLE,
    "file_removed": status.HTTP_410_GONE,
    "already_redacted": status.HTTP_409_CONFLICT,
    "already_removed": status.HTTP_409_CONFLICT,
    "nothing_to_redact": status.HTTP_422_UNPROCESSABLE_ENTITY,
    # The request was understood, but storing it would store a wallet secret.
    "secret_detected": status.HTTP_422_UNPROCESSABLE_ENTITY,
    "secret_request": status.HTTP_422_UNPROCESSABLE_ENTITY,
    # incidents/
    "not_incident_lead": status.HTTP_403_FORBIDDEN,
    "incident_resolved": status.HTTP_409_CONFLICT,
    "already_linked": status.HTTP_409_CONFLICT,
    "not_linked": status.HTTP_409_CONFLICT,
}

# The forum's codes, read with their class: some ("not_allowed", "unverified") are other apps'
# codes too, with other meanings. The same statuses as the forum's pages answer, but for a
# wallet secret: 422, as everywhere in the API.
_FORUM = CommunityError.Code
STATUS_BY_FORUM_CODE: dict[str, int] = {
    _FORUM.UNVERIFIED.value: status.HTTP_403_FORBIDDEN,
    _FORUM.NAME_RESERVED.value: status.HTTP_403_FORBIDDEN,
    _FORUM.TOO_MANY_POSTS.value: status.HTTP_429_TOO_MANY_REQUESTS,
    _FORUM.LOCKED.value: status.HTTP_409_CONFLICT,
    _FORUM.NOT_ALLOWED.value: status.HTTP_403_FORBIDDEN,
    # Someone else's post is not there to edit or delete: the pages answer 404 too.
    _FORUM.NOT_AUTHOR.value: status.HTTP_404_NOT_FOUND,
    _FORUM.DELETED.value: status.HTTP_409_CONFLICT,
    _FORUM.HIDDEN.value: status.HTTP_409_CONFLICT,
    _FORUM.SECRET_DETECTED.value: status.HTTP_422_UNPROCESSABLE_ENTITY,
    # What the question already is, or is not yet.
    _FORUM.NO_ACCEPTED_ANSWER.value: status.HTTP_409_CONFLICT,
    _FORUM.ALREADY_PROMOTED.value: status.HTTP_409_CONFLICT,
    _FORUM.ALREADY_CONVERTED.value: status.HTTP_409_CONFLICT,
}


def domain_error_status(error: DomainError) -> int:
    """The HTTP status for a refused request."""
    if isinstance(error, CommunityError):
        return STATUS_BY_FORUM_CODE.get(error.code.value, status.HTTP_400_BAD_REQUEST)
    return STATUS_BY_CODE.get(error.code.value, status.HTTP_400_BAD_REQUEST)


def domain_error_response(error: DomainError) -> Response:
    body: dict[str, Any] = {"code": error.code.value, "message": error.message}
    if "fields" in error.params:
        # The fields a refusal is about (a wallet secret's), for the app to mark them.
        body["fields"] = list(error.params["fields"])
    if isinstance(error, CommunityError) and error.params.get("masked"):
        # The forum's refusal says "we removed it below": the text as typed, the secret masked,
        # for the app to put back in the box.
        body["masked"] = dict(error.params["masked"])
    return Response(body, status=domain_error_status(error))


def validation_error_body(detail: Any) -> dict[str, Any]:
    """The API's shape of a validation error (field -> [{code, message}])."""
    return {
        "code": "invalid",
        "message": _("Some fields are not valid."),
        "errors": _field_errors(detail),
    }


def _field_errors(detail: Any) -> Any:
    if isinstance(detail, dict):
        return {name: _field_errors(value) for name, value in detail.items()}
    if isinstance(detail, list):
        return [_field_errors(item) for item in detail]
    if isinstance(detail, exceptions.ErrorDetail):
        return {"code": detail.code, "message": str(detail)}
    return {"code": "invalid", "message": str(detail)}


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, with domain errors mapped and every error shaped {code, message}."""
    if isinstance(exc, DomainError):
        return domain_error_response(exc)
    # DRF turns these into its own exceptions inside exception_handler; do it first so they
    # get our shape too (a selector's 404 for someone else's ticket is the common case).
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = validation_error_body(exc.detail)
    elif isinstance(exc, exceptions.APIException):
        detail = exc.detail
        code = detail.code if isinstance(detail, exceptions.ErrorDetail) else exc.default_code
        response.data = {"code": code, "message": str(detail)}
    return response


@csrf_exempt  # it changes nothing; a refused CSRF check would answer HTML
def api_not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Any path under /api/ that matches no endpoint: 404 in the API's shape, never HTML."""
    return JsonResponse(
        {"code": "not_found", "message": str(exceptions.NotFound.default_detail)}, status=404
    )

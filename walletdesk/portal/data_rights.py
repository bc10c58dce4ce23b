"""The wallet user's data rights pages: download a copy of their data, erase their account.

Thin over privacy.services: the views parse the form, call one service and say what
happened; every refusal is a localised message on the page, never a 500.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth import logout
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from walletdesk.accounts.decorators import SignedInRequest, customer_required
from walletdesk.accounts.errors import AccountError
from walletdesk.core.ratelimit import client_ip
from walletdesk.portal.forms import ErasureForm
from walletdesk.privacy import selectors, services
from walletdesk.privacy.errors import PrivacyError

_STATUS_BY_CODE: dict[str, int] = {
    PrivacyError.Code.EXPORT_IN_PROGRESS.value: 409,
    PrivacyError.Code.RATE_LIMITED.value: 429,
    PrivacyError.Code.LINK_INVALID.value: 404,
    PrivacyError.Code.LINK_EXPIRED.value: 410,
    PrivacyError.Code.LINK_USED.value: 410,
    PrivacyError.Code.LINK_OTHER_USER.value: 403,
    PrivacyError.Code.STAFF_CANNOT_ERASE.value: 403,
    PrivacyError.Code.STORAGE_UNAVAILABLE.value: 503,
}


def _page(
    request: SignedInRequest,
    *,
    form: ErasureForm | None = None,
    error: str = "",
    export_error: str = "",
    status: int = 200,
) -> HttpResponse:
    user = request.user
    context: dict[str, Any] = {
        "export": selectors.data_export_latest_for_user(user=user),
        "may_erase": services.user_may_self_erase(user),
        "form": form or ErasureForm(),
        "error": error,
        "export_error": export_error,
    }
    return render(request, "portal/data.html", context, status=status)


@customer_required
@never_cache
@require_GET
def data(request: SignedInRequest) -> HttpResponse:
    """ "Your data": the export's state and the erasure form."""
    return _page(request)


@customer_required
@require_POST
def data_export(request: SignedInRequest) -> HttpResponse:
    try:
        services.data_export_request(user=request.user, request=request)
    except PrivacyError as exc:
        return _page(request, export_error=exc.message, status=_STATUS_BY_CODE.get(exc.code, 400))
    messages.success(
        request,
        _("We are preparing a copy of your data and will e-mail you a download link shortly."),
    )
    return redirect("portal:data")


@customer_required
@never_cache
@require_GET
def data_download(request: SignedInRequest, token: str) -> HttpResponse | FileResponse:
    """The e-mailed link: signed in as the account that asked (else the sign-in page first)."""
    try:
        download = services.data_export_open(user=request.user, token=token, request=request)
    except PrivacyError as exc:
        return render(
            request,
            "portal/data_link_refused.html",
            {"error": exc.message},
            status=_STATUS_BY_CODE.get(exc.code, 400),
        )
    return FileResponse(
        download.file,
        as_attachment=True,
        filename=download.filename,
        content_type="application/zip",
    )


@sensitive_post_parameters("password", "code")
@customer_required
@never_cache
@require_POST
def data_erase(request: SignedInRequest) -> HttpResponse:
    user = request.user
    form = ErasureForm(request.POST)
    if not services.user_may_self_erase(user):
        error = PrivacyError(PrivacyError.Code.STAFF_CANNOT_ERASE)
        return _page(request, form=form, error=error.message, status=403)
    if not form.is_valid():
        return _page(request, form=form, status=400)
    try:
        services.user_erase(
            user=user,
            password=form.cleaned_data["password"],
            code=form.cleaned_data["code"],
            ip=client_ip(request),
            request=request,
        )
    except PrivacyError as exc:
        if exc.code == PrivacyError.Code.PASSWORD_INVALID:
            form.add_error("password", exc.message)
        elif exc.code == PrivacyError.Code.CODE_REQUIRED:
            form.add_error("code", exc.message)
        else:
            return _page(
                request, form=form, error=exc.message, status=_STATUS_BY_CODE.get(exc.code, 400)
            )
        return _page(request, form=form, status=400)
    except AccountError as exc:  # the second factor's refusals: wrong code, locked
        form.add_error("code", exc.message)
        return _page(request, form=form, status=exc.status)
    logout(request)
    return redirect("portal:data-erased")


@require_http_methods(["GET"])
def data_erased(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/data_erased.html")

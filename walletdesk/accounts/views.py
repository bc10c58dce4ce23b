"""Account pages: register, confirm the e-mail address, sign in and out, reset a password,
switch language, edit the profile. Each view parses input, calls one service, renders."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from walletdesk.accounts import services
from walletdesk.accounts.decorators import SignedInRequest
from walletdesk.accounts.errors import AccountError
from walletdesk.accounts.forms import (
    PasswordResetRequestForm,
    ProfileForm,
    RegisterForm,
    SignInForm,
)
from walletdesk.core.ratelimit import client_ip


def _safe_next(request: HttpRequest, candidate: str | None) -> str | None:
    """``candidate`` if it stays on this site, else None (no open redirects)."""
    if candidate and url_has_allowed_host_and_scheme(
        url=candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return None


def _language_cookie_set(response: HttpResponse, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def _render(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    return render(request, f"accounts/{template}", context, status=status)


def _form_page(
    request: HttpRequest, template: str, form: Any, error: AccountError | None = None
) -> HttpResponse:
    """Re-show a form with what was typed: 400 for bad input, the error's own status else."""
    status = error.status if error is not None else 400
    context = {"form": form, "error": error.message if error is not None else ""}
    return _render(request, template, context, status=status)


@sensitive_post_parameters("password1", "password2")
@never_cache
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    if request.method != "POST":
        return _render(request, "register.html", {"form": RegisterForm()})
    form = RegisterForm(request.POST)
    if not form.is_valid():
        return _form_page(request, "register.html", form)
    try:
        user = services.user_register(
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
            language=get_language() or settings.LANGUAGE_CODE,
            ip=client_ip(request),
        )
    except AccountError as exc:
        return _form_page(request, "register.html", form, exc)
    if user is not None:
        # Signed in but unverified: they may read the Help Center, not yet open tickets.
        auth_login(request, user)
    # A known address lands on the very same page: registering never reveals an account.
    return redirect("accounts:verification-sent")


@never_cache
@require_http_methods(["GET"])
def verification_sent(request: HttpRequest) -> HttpResponse:
    return _render(request, "verification_sent.html", {})


# Opening the link confirms, without a further click: the token proves the reader holds
# the mailbox, so even a mail scanner fetching it early only confirms the right person.
@never_cache
@require_http_methods(["GET"])
def verify(request: HttpRequest, token: str) -> HttpResponse:
    try:
        services.user_verify_email(token=token)
    except AccountError as exc:
        expired = exc.code == AccountError.Code.LINK_EXPIRED
        context = {"error": exc.message, "expired": expired}
        return _render(request, "verify_failed.html", context, status=exc.status)
    return _render(request, "verified.html", {})


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def verification_resend(request: SignedInRequest) -> HttpResponse:
    user = request.user
    if request.method != "POST":
        return _render(request, "verification_resend.html", {})
    try:
        services.user_verification_resend(user=user, ip=client_ip(request))
    except AccountError as exc:
        return _render(
            request, "verification_resend.html", {"error": exc.message}, status=exc.status
        )
    messages.success(
        request, _("We sent a new confirmation link to %(email)s.") % {"email": user.email}
    )
    return redirect("accounts:verification-sent")


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "POST"])
def login(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        next_url = _safe_next(request, request.GET.get("next"))
        if request.user.is_authenticated:
            return redirect(next_url or settings.LOGIN_REDIRECT_URL)
        return _render(request, "login.html", {"form": SignInForm(initial={"next": next_url})})
    form = SignInForm(request.POST)
    if not form.is_valid():
        return _form_page(request, "login.html", form)
    try:
        user = services.user_sign_in_check(
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password"],
            ip=client_ip(request),
        )
    except AccountError as exc:
        return _form_page(request, "login.html", form, exc)
    auth_login(request, user)
    # From here on the account's language wins, as it will on every later page.
    translation.activate(user.language)
    if not user.is_verified:
        messages.warning(
            request, _("Please confirm your e-mail address: you need it to submit tickets.")
        )
    next_url = _safe_next(request, form.cleaned_data.get("next"))
    return HttpResponseRedirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    auth_logout(request)
    messages.success(request, _("You have signed out."))
    return redirect(settings.LOGOUT_REDIRECT_URL)


@require_POST
def language(request: HttpRequest) -> HttpResponse:
    code = request.POST.get("language", "")
    try:
        if request.user.is_authenticated:
            services.user_language_set(user=request.user, language=code)
        else:
            services.language_validate(code)
    except AccountError as exc:
        title = _("Language not changed")
        return render(request, "error.html", {"title": title, "text": exc.message}, status=400)
    next_url = _safe_next(request, request.POST.get("next")) or _safe_next(
        request, request.META.get("HTTP_REFERER")
    )
    response = HttpResponseRedirect(next_url or resolve_url("kb:portal-home"))
    _language_cookie_set(response, code)
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def password_reset(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        initial = {"email": request.user.email} if request.user.is_authenticated else {}
        return _render(
            request, "password_reset.html", {"form": PasswordResetRequestForm(initial=initial)}
        )
    form = PasswordResetRequestForm(request.POST)
    if not form.is_valid():
        return _form_page(request, "password_reset.html", form)
    try:
        services.user_password_reset_request(
            email=form.cleaned_data["email"], ip=client_ip(request)
        )
    except AccountError as exc:
        return _form_page(request, "password_reset.html", form, exc)
    # The same page whether or not the address has an account.
    return redirect("accounts:password-reset-sent")


@never_cache
@require_http_methods(["GET"])
def password_reset_sent(request: HttpRequest) -> HttpResponse:
    return _render(request, "password_reset_sent.html", {})


# The token stays in the URL: pages load nothing from other origins and the
# Referrer-Policy is same-origin, so it is not leaked to third parties.
@sensitive_post_parameters("new_password1", "new_password2")
@never_cache
@require_http_methods(["GET", "POST"])
def password_reset_confirm(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    try:
        user = services.user_password_reset_check(uidb64=uidb64, token=token, ip=client_ip(request))
    except AccountError as exc:
        context = {"error": exc.message}
        return _render(request, "password_reset_invalid.html", context, status=exc.status)
    if request.method != "POST":
        return _render(request, "password_reset_confirm.html", {"form": SetPasswordForm(user)})
    form = SetPasswordForm(user, request.POST)
    if not form.is_valid():
        return _form_page(request, "password_reset_confirm.html", form)
    services.user_password_reset_complete(user=user, password=form.cleaned_data["new_password1"])
    return redirect("accounts:password-reset-complete")


@never_cache
@require_http_methods(["GET"])
def password_reset_complete(request: HttpRequest) -> HttpResponse:
    return _render(request, "password_reset_complete.html", {})


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def profile(request: SignedInRequest) -> HttpResponse:
    user = request.user
    if request.method != "POST":
        form = ProfileForm(
            initial={
                "display_name": user.display_name,
                "language": user.language,
                "time_zone": user.time_zone,
                "anti_phishing_code": user.anti_phishing_code,
            },
            current_time_zone=user.time_zone,
        )
        return _render(request, "profile.html", {"form": form})
    form = ProfileForm(request.POST, current_time_zone=user.time_zone)
    try:
        if not form.is_valid():
            # A phrase too long for a name is told as a secret, never shown back.
            services.user_profile_typed_check(
                user=user,
                display_name=str(request.POST.get("display_name", "")),
                anti_phishing_code=str(request.POST.get("anti_phishing_code", "")),
            )
            return _render(request, "profile.html", {"form": form}, status=400)
        services.user_profile_update(
            user=user,
            display_name=form.cleaned_data["display_name"],
            language=form.cleaned_data["language"],
            time_zone=form.cleaned_data["time_zone"],
            anti_phishing_code=form.cleaned_data["anti_phishing_code"],
        )
    except AccountError as exc:
        if exc.code == AccountError.Code.SECRET_DETECTED:
            # Never show the secret back: the field is redrawn with it masked.
            data = request.POST.copy()
            for name, text in exc.params.get("masked", {}).items():
                data[name] = text
            form = ProfileForm(data, current_time_zone=user.time_zone)
            form.is_valid()
        elif exc.code == AccountError.Code.DISPLAY_NAME_RESERVED:
            # Told on the field; everything typed stays in the form.
            form.add_error("display_name", exc.message)
            return _render(request, "profile.html", {"form": form}, status=400)
        elif exc.code == AccountError.Code.ANTI_PHISHING_CODE_INVALID:
            form.add_error("anti_phishing_code", exc.message)
            return _render(request, "profile.html", {"form": form}, status=400)
        return _render(request, "profile.html", {"form": form, "error": exc.message}, status=400)
    response = redirect("accounts:profile")
    _language_cookie_set(response, user.language)
    messages.success(request, _("Your profile is saved."))
    return response

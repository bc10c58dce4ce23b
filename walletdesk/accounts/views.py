"""Account pages: register, confirm the e-mail address, sign in and out, reset a password,
switch language, edit the profile, and the second factor (sign-in step, set-up, recovery
codes, turning it off). Each view parses input, calls one service, renders."""

import json
import time
import zoneinfo
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import constant_time_compare
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from walletdesk.accounts import passkeys, services, totp
from walletdesk.accounts.decorators import SignedInRequest
from walletdesk.accounts.errors import AccountError
from walletdesk.accounts.forms import (
    PasskeyAddForm,
    PasskeyRemoveForm,
    PasskeyRenameForm,
    PasskeySignInForm,
    PasswordResetRequestForm,
    ProfileForm,
    RegisterForm,
    SecondFactorDisableForm,
    SecondFactorForm,
    SecondFactorSetupForm,
    SignInForm,
)
from walletdesk.accounts.models import User
from walletdesk.core.ratelimit import client_ip
from walletdesk.core.zones import zone_label


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
    next_url = _safe_next(request, form.cleaned_data.get("next"))
    if user.has_second_factor:
        # Not signed in yet: the password is only the first half.
        _second_step_start(request, user, next_url)
        return redirect("accounts:login-verify")
    return _signed_in(request, user, next_url)


def _signed_in(request: HttpRequest, user: User, next_url: str | None) -> HttpResponse:
    """Sign ``user`` in (every factor they have has passed) and send them on."""
    auth_login(request, user)
    # From here on the account's language wins, as it will on every later page.
    translation.activate(user.language)
    if not user.is_verified:
        messages.warning(
            request, _("Please confirm your e-mail address: you need it to submit tickets.")
        )
    if user.needs_second_factor and not user.has_second_factor:
        # Staff set up their second factor before anything else opens.
        return _setup_redirect(next_url)
    return HttpResponseRedirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))


def _setup_redirect(next_url: str | None) -> HttpResponse:
    url = reverse("accounts:two-factor-setup")
    if next_url:
        url += "?" + urlencode({"next": next_url})
    return HttpResponseRedirect(url)


# The half of a sign-in that passed the password waits in the (anonymous) session for its
# second factor, for SECOND_STEP_FOR seconds. It names the user and the session auth hash of
# that moment: a password or second factor changed meanwhile voids it.
SECOND_STEP_KEY = "accounts:second_step"
SECOND_STEP_FOR = 5 * 60
ENROLMENT_KEY = "accounts:enrolment_secret"
FRESH_CODES_KEY = "accounts:fresh_recovery_codes"


def _second_step_start(request: HttpRequest, user: User, next_url: str | None) -> None:
    request.session.cycle_key()
    request.session[SECOND_STEP_KEY] = {
        "user": str(user.pk),
        "hash": user.get_session_auth_hash(),
        "until": int(time.time()) + SECOND_STEP_FOR,
        "next": next_url or "",
    }


def _second_step_user(request: HttpRequest) -> tuple[User, str | None] | None:
    pending = request.session.get(SECOND_STEP_KEY)
    if not isinstance(pending, dict) or int(pending.get("until", 0)) < time.time():
        return None
    user = User.objects.filter(pk=str(pending.get("user", "")), is_active=True).first()
    if user is None or not constant_time_compare(
        str(pending.get("hash", "")), user.get_session_auth_hash()
    ):
        return None
    return user, _safe_next(request, pending.get("next"))


@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def login_verify(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: a code from the app or a recovery code."""
    pending = _second_step_user(request)
    if pending is None:
        if request.session.pop(SECOND_STEP_KEY, None) is not None:
            messages.error(request, AccountError(AccountError.Code.SIGN_IN_EXPIRED).message)
        return redirect("accounts:login")
    user, next_url = pending
    if request.method != "POST":
        return _login_verify_page(request, user)
    form = SecondFactorForm(request.POST)
    if not form.is_valid():
        return _login_verify_page(request, user, form=form, status=400)
    try:
        used = services.second_factor_check(
            user=user, code=form.cleaned_data["code"], ip=client_ip(request), request=request
        )
    except AccountError as exc:
        # The code is not shown back: a wrong one is useless, a used one is spent.
        return _login_verify_page(request, user, error=exc)
    del request.session[SECOND_STEP_KEY]
    response = _signed_in(request, user, next_url)
    if used == "recovery":
        left = user.recovery_codes.filter(used_at__isnull=True).count()
        messages.warning(
            request,
            _(
                "You signed in with a recovery code; it cannot be used again. "
                "Unused codes left: %(left)d."
            )
            % {"left": left},
        )
    return response


def _login_verify_page(
    request: HttpRequest,
    user: User,
    *,
    form: SecondFactorForm | None = None,
    error: AccountError | None = None,
    status: int | None = None,
) -> HttpResponse:
    """The second step's page: the code form, and "Use a passkey" when the account has one
    and this site can offer them (shown by static/accounts/js/passkeys.js)."""
    context = {
        "form": form or SecondFactorForm(),
        "error": error.message if error is not None else "",
        "passkey_offered": passkeys.available() and user.passkeys.exists(),
        "passkey_form": PasskeySignInForm(),
    }
    if status is None:
        status = error.status if error is not None else 200
    return _render(request, "login_verify.html", context, status=status)


def _credential_read(text: str) -> dict[str, Any]:
    """The browser's answer as posted (base64url JSON); {} when it is not a JSON object, which
    the services refuse like any other answer that proves nothing."""
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


@never_cache
@require_POST
def login_verify_passkey_options(request: HttpRequest) -> HttpResponse:
    """The options for navigator.credentials.get at the second step (JSON); the challenge
    waits in the session."""
    pending = _second_step_user(request)
    if pending is None:
        error = AccountError(AccountError.Code.SIGN_IN_EXPIRED)
        return JsonResponse({"error": error.message}, status=400)
    user, _next = pending
    try:
        options = services.passkey_sign_in_begin(user=user, store=request.session)
    except AccountError as exc:
        return JsonResponse({"error": exc.message}, status=exc.status)
    return JsonResponse(options)


@never_cache
@require_POST
def login_verify_passkey(request: HttpRequest) -> HttpResponse:
    """The second step passed with a passkey: the browser's signed answer, posted as a form."""
    pending = _second_step_user(request)
    if pending is None:
        if request.session.pop(SECOND_STEP_KEY, None) is not None:
            messages.error(request, AccountError(AccountError.Code.SIGN_IN_EXPIRED).message)
        return redirect("accounts:login")
    user, next_url = pending
    form = PasskeySignInForm(request.POST)
    text = form.cleaned_data["credential"] if form.is_valid() else ""
    try:
        services.passkey_check(
            user=user, store=request.session, response=_credential_read(text), ip=client_ip(request)
        )
    except AccountError as exc:
        return _login_verify_page(request, user, error=exc)
    del request.session[SECOND_STEP_KEY]
    return _signed_in(request, user, next_url)


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    auth_logout(request)  # also forgets a half-done sign-in (the session is flushed)
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


@login_required
@require_POST
def time_zone_detected(request: SignedInRequest) -> HttpResponse:
    """The page's script reports the browser's time zone (templates/_time_zone_detect.html).

    Answers the zone the account now has, as JSON, so the page can say which zone it means;
    a name that is no zone is a 400, never a 500.
    """
    try:
        services.user_time_zone_detected(
            user=request.user, time_zone=str(request.POST.get("time_zone", ""))
        )
    except AccountError as exc:
        return JsonResponse({"error": exc.message}, status=400)
    zone = zoneinfo.ZoneInfo(request.user.time_zone)
    return JsonResponse({"time_zone": request.user.time_zone, "label": zone_label(zone)})


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


# --- the second factor ------------------------------------------------------------------------


def _two_factor_page(
    request: SignedInRequest,
    *,
    error: AccountError | None = None,
    codes_form: SecondFactorForm | None = None,
    disable_form: SecondFactorDisableForm | None = None,
    passkey_form: PasskeyAddForm | None = None,
    passkey_forms: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    passkey_forms = passkey_forms or {}
    user = request.user
    context: dict[str, Any] = {
        "codes_left": user.recovery_codes.filter(used_at__isnull=True).count()
        if user.has_second_factor
        else 0,
        "codes_form": codes_form or SecondFactorForm(prefix="codes"),
        "disable_form": disable_form or SecondFactorDisableForm(prefix="off"),
        "error": error.message if error is not None else "",
        "passkeys_available": passkeys.available(),
        "passkeys": [
            {
                "passkey": passkey,
                "rename_form": PasskeyRenameForm(
                    initial={"name": passkey.name}, prefix=f"rename-{passkey.pk}"
                ),
                "remove_form": PasskeyRemoveForm(prefix=f"remove-{passkey.pk}"),
            }
            for passkey in user.passkeys.all()
        ]
        if user.has_second_factor
        else [],
        "passkey_form": passkey_form or PasskeyAddForm(prefix="passkey"),
    }
    for entry in context["passkeys"]:
        if entry["passkey"].pk == passkey_forms.get("id"):
            entry.update({k: v for k, v in passkey_forms.items() if k != "id"})
    return _render(request, "two_factor.html", context, status=status)


@login_required
@never_cache
@require_http_methods(["GET"])
def two_factor(request: SignedInRequest) -> HttpResponse:
    """Whether the second factor is on, and what can be done with it."""
    return _two_factor_page(request)


@sensitive_post_parameters("code")
@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: SignedInRequest) -> HttpResponse:
    """Add the account to an authenticator app (QR code or the secret typed in), then confirm
    with a code before it is turned on."""
    user = request.user
    next_url = _safe_next(request, request.GET.get("next") or request.POST.get("next"))
    if user.has_second_factor:
        return redirect("accounts:two-factor")
    secret = request.session.get(ENROLMENT_KEY)
    if not isinstance(secret, str) or not secret:
        # Kept in the session until confirmed: a set-up abandoned halfway leaves nothing.
        secret = request.session[ENROLMENT_KEY] = totp.secret_new()
    enrolment = services.second_factor_enrolment(user=user, secret=secret)
    context: dict[str, Any] = {"enrolment": enrolment, "next": next_url or ""}
    if request.method != "POST":
        context["form"] = SecondFactorSetupForm()
        return _render(request, "two_factor_setup.html", context)
    form = SecondFactorSetupForm(request.POST)
    context["form"] = form
    if not form.is_valid():
        return _render(request, "two_factor_setup.html", context, status=400)
    try:
        codes = services.second_factor_enable(
            user=user,
            secret=secret,
            code=form.cleaned_data["code"],
            ip=client_ip(request),
            request=request,
        )
    except AccountError as exc:
        context["form"] = SecondFactorSetupForm()
        context["error"] = exc.message
        return _render(request, "two_factor_setup.html", context, status=exc.status)
    request.session.pop(ENROLMENT_KEY, None)
    # This session proved the new factor: it stays signed in, every other one ends.
    update_session_auth_hash(request, user)
    return _fresh_codes_show(request, codes, next_url)


def _fresh_codes_show(request: HttpRequest, codes: list[str], next_url: str | None) -> HttpResponse:
    # Shown once, on the page after the redirect (a reload does not post again).
    request.session[FRESH_CODES_KEY] = {"codes": codes, "next": next_url or ""}
    return redirect("accounts:two-factor-codes")


@login_required
@never_cache
@require_http_methods(["GET"])
def two_factor_codes(request: SignedInRequest) -> HttpResponse:
    """The recovery codes just made, shown this once."""
    fresh = request.session.pop(FRESH_CODES_KEY, None)
    if not isinstance(fresh, dict) or not fresh.get("codes"):
        return redirect("accounts:two-factor")
    next_url = _safe_next(request, fresh.get("next")) or reverse("accounts:two-factor")
    return _render(request, "two_factor_codes.html", {"codes": fresh["codes"], "next": next_url})


@sensitive_post_parameters("codes-code")
@login_required
@never_cache
@require_POST
def two_factor_codes_regenerate(request: SignedInRequest) -> HttpResponse:
    form = SecondFactorForm(request.POST, prefix="codes")
    if not form.is_valid():
        return _two_factor_page(request, codes_form=form, status=400)
    try:
        codes = services.recovery_codes_regenerate(
            user=request.user,
            code=form.cleaned_data["code"],
            ip=client_ip(request),
            request=request,
        )
    except AccountError as exc:
        return _two_factor_page(request, error=exc, status=exc.status)
    return _fresh_codes_show(request, codes, None)


@sensitive_post_parameters("off-password", "off-code")
@login_required
@never_cache
@require_POST
def two_factor_disable(request: SignedInRequest) -> HttpResponse:
    user = request.user
    form = SecondFactorDisableForm(request.POST, prefix="off")
    if not form.is_valid():
        return _two_factor_page(request, disable_form=form, status=400)
    try:
        services.second_factor_disable(
            user=user,
            password=form.cleaned_data["password"],
            code=form.cleaned_data["code"],
            ip=client_ip(request),
            request=request,
        )
    except AccountError as exc:
        return _two_factor_page(request, error=exc, status=exc.status)
    update_session_auth_hash(request, user)
    messages.success(request, _("Two-step verification is off."))
    return redirect("accounts:two-factor")


@login_required
@never_cache
@require_POST
def two_factor_passkey_options(request: SignedInRequest) -> HttpResponse:
    """The options for navigator.credentials.create (JSON); the challenge waits in the
    session."""
    try:
        options = services.passkey_registration_begin(user=request.user, store=request.session)
    except AccountError as exc:
        return JsonResponse({"error": exc.message}, status=exc.status)
    return JsonResponse(options)


@login_required
@never_cache
@require_POST
def two_factor_passkey_add(request: SignedInRequest) -> HttpResponse:
    """Store the passkey the browser made, under the name typed."""
    form = PasskeyAddForm(request.POST, prefix="passkey")
    if not form.is_valid():
        return _two_factor_page(request, passkey_form=form, status=400)
    try:
        passkey = services.passkey_register(
            user=request.user,
            store=request.session,
            name=form.cleaned_data["name"],
            response=_credential_read(form.cleaned_data["credential"]),
            request=request,
        )
    except AccountError as exc:
        data = request.POST.copy()
        if exc.code == AccountError.Code.SECRET_DETECTED:
            data["passkey-name"] = exc.params.get("masked", {}).get("name", "")
        if exc.code not in (
            AccountError.Code.PASSKEY_NAME_INVALID,
            AccountError.Code.SECRET_DETECTED,
        ):
            # The answer was spent; the name stays for the next try.
            data["passkey-credential"] = ""
        return _two_factor_page(
            request, error=exc, passkey_form=PasskeyAddForm(data, prefix="passkey"), status=400
        )
    messages.success(request, _("The passkey “%(name)s” was added.") % {"name": passkey.name})
    return redirect("accounts:two-factor")


@login_required
@never_cache
@require_POST
def two_factor_passkey_rename(request: SignedInRequest, passkey_id: UUID) -> HttpResponse:
    form = PasskeyRenameForm(request.POST, prefix=f"rename-{passkey_id}")
    if not form.is_valid():
        return _two_factor_page(
            request, passkey_forms={"id": passkey_id, "rename_form": form}, status=400
        )
    try:
        passkey = services.passkey_rename(
            user=request.user,
            passkey_id=passkey_id,
            name=form.cleaned_data["name"],
            request=request,
        )
    except AccountError as exc:
        if exc.code == AccountError.Code.PASSKEY_NOT_FOUND:
            return _two_factor_page(request, error=exc, status=404)
        return _two_factor_page(
            request,
            error=exc,
            passkey_forms={"id": passkey_id, "rename_form": form},
            status=exc.status,
        )
    messages.success(request, _("The passkey is now named “%(name)s”.") % {"name": passkey.name})
    return redirect("accounts:two-factor")


@login_required
@never_cache
@require_POST
def two_factor_passkey_remove(request: SignedInRequest, passkey_id: UUID) -> HttpResponse:
    form = PasskeyRemoveForm(request.POST, prefix=f"remove-{passkey_id}")
    form.is_valid()  # both fields are optional; the service says which one is missing
    try:
        services.passkey_remove(
            user=request.user,
            passkey_id=passkey_id,
            password=str(form.cleaned_data.get("password", "")),
            code=str(form.cleaned_data.get("code", "")),
            ip=client_ip(request),
            request=request,
        )
    except AccountError as exc:
        return _two_factor_page(
            request,
            error=exc,
            passkey_forms={
                "id": passkey_id,
                "remove_form": PasskeyRemoveForm(prefix=f"remove-{passkey_id}"),
            },
            status=exc.status,
        )
    messages.success(request, _("The passkey was removed."))
    return redirect("accounts:two-factor")


@never_cache
@require_http_methods(["GET"])
def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin site signs in through the one sign-in page, which asks for the second factor."""
    next_url = _safe_next(request, request.GET.get("next")) or reverse("admin:index")
    if request.user.is_authenticated and request.user.is_staff:
        return HttpResponseRedirect(next_url)
    if request.user.is_authenticated:
        # Signed in, but not allowed there: say so instead of offering another sign-in.
        return render(
            request,
            "error.html",
            {"title": _("Not allowed"), "text": _("This account may not use the admin site.")},
            status=403,
        )
    return _render(request, "admin_login.html", {"next": next_url})

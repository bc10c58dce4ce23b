import time
import zoneinfo
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils import timezone, translation

_DEFAULT_TZ = zoneinfo.ZoneInfo(settings.TIME_ZONE)


def _zone(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return _DEFAULT_TZ


class UserPreferencesMiddleware:
    """A signed-in user's saved language and time zone win over the browser's."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
            timezone.activate(_zone(user.time_zone))
        else:
            timezone.activate(_DEFAULT_TZ)
        response = self.get_response(request)
        timezone.deactivate()
        return response


def _now() -> int:
    return int(time.time())


SIGNED_IN_AT = "signed_in_at"
SEEN_AT = "seen_at"


def session_signed_in_mark(
    sender: object, request: HttpRequest | None, user: object = None, **kwargs: object
) -> None:
    """On sign-in: the moment the session's 14 days start from and, for staff, the first
    activity (so the next requests need no write of their own)."""
    if request is None or not hasattr(request, "session"):
        return
    now = _now()
    request.session[SIGNED_IN_AT] = now
    if _is_staff(user):
        request.session[SEEN_AT] = now
        request.session.set_expiry(settings.STAFF_SESSION_IDLE_SECONDS)
    else:
        request.session.pop(SEEN_AT, None)


def _is_staff(user: object) -> bool:
    return bool(getattr(user, "is_agent", False) or getattr(user, "is_staff", False))


class SessionTimeoutMiddleware:
    """Ends a session 14 days (SESSION_COOKIE_AGE) after sign-in however it is used, and a
    staff session after STAFF_SESSION_IDLE_SECONDS without a request.

    Staff activity is written at most once per SESSION_ACTIVITY_WRITE_SECONDS (not every
    request): each write also moves the session's stored expiry, so the store drops an idle
    staff session by itself too.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            self._check(request, is_staff=_is_staff(user))
        return self.get_response(request)

    def _check(self, request: HttpRequest, *, is_staff: bool) -> None:
        from django.contrib.auth import logout

        session = request.session
        now = _now()
        signed_in_at = session.get(SIGNED_IN_AT)
        if signed_in_at is None:
            # A session from before sign-ins were marked: its 14 days start now.
            session[SIGNED_IN_AT] = signed_in_at = now
        if now - int(signed_in_at) > settings.SESSION_COOKIE_AGE:
            logout(request)
            return
        if not is_staff:
            return
        idle = settings.STAFF_SESSION_IDLE_SECONDS
        seen_at = int(session.get(SEEN_AT, now))
        if now - seen_at > idle:
            logout(request)
            return
        if SEEN_AT not in session or now - seen_at >= settings.SESSION_ACTIVITY_WRITE_SECONDS:
            session[SEEN_AT] = now
            # Never past the absolute end of the session.
            session.set_expiry(min(idle, settings.SESSION_COOKIE_AGE - (now - int(signed_in_at))))


# Where staff need a second factor before anything opens. The set-up pages (accounts/),
# signing out, the language switch and static files are outside these on purpose.
SECOND_FACTOR_GUARDED = ("/console/", "/admin/", "/api/")


class SecondFactorRequiredMiddleware:
    """Staff (agents, administrators, anyone who may use the admin site) signed in without a
    second factor are sent to set one up before the console, the admin site or the API
    answers them. Costs no query: the flag is on the user row the session already loaded.

    Signing in never lets a user who has a second factor in without it (accounts.views), and
    turning it on ends every other session, so a staff session past this check passed it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(SECOND_FACTOR_GUARDED):
            user = getattr(request, "user", None)
            if (
                user is not None
                and user.is_authenticated
                and user.needs_second_factor
                and not user.has_second_factor
            ):
                return self._refuse(request)
        return self.get_response(request)

    def _refuse(self, request: HttpRequest) -> HttpResponse:
        from walletdesk.accounts.errors import AccountError

        if request.path.startswith("/api/"):
            error = AccountError(AccountError.Code.SECOND_FACTOR_SETUP_REQUIRED)
            return JsonResponse({"code": error.code.value, "message": error.message}, status=403)
        url = reverse("accounts:two-factor-setup")
        return HttpResponseRedirect(f"{url}?{urlencode({'next': request.get_full_path()})}")

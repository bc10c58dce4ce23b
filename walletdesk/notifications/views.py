"""Notification pages: the list, mark read, preferences, one-click unsubscribe."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from walletdesk.accounts.decorators import SignedInRequest
from walletdesk.accounts.models import User
from walletdesk.notifications import selectors, services
from walletdesk.notifications.channels.email import UNSUBSCRIBE_SALT
from walletdesk.notifications.models import Kind

_UNSUBSCRIBE_MAX_AGE_FOR = 60 * 60 * 24 * 365


def _base(user: User) -> str:
    return "console/base.html" if user.is_agent else "portal/base.html"


@login_required
def notification_list(request: SignedInRequest) -> HttpResponse:
    user = request.user
    items = selectors.notification_list_for_user(user=user)
    return render(
        request, "notifications/list.html", {"items": items, "base_template": _base(user)}
    )


@login_required
@require_POST
def notification_open(request: SignedInRequest, notification_id: UUID) -> HttpResponse:
    """Mark one read and go to its ticket, or to its page (the forum's have no ticket)."""
    user = request.user
    notification = selectors.notification_get_for_user(user=user, notification_id=notification_id)
    services.notification_mark_read(user=user, notification=notification)
    if notification.ticket is None:
        return redirect(notification.site_path or "notifications:list")
    name = "console:detail" if user.is_agent else "portal:detail"
    return redirect(name, reference=notification.ticket.reference)


@login_required
@require_POST
def notification_read_all(request: SignedInRequest) -> HttpResponse:
    services.notifications_mark_all_read(user=request.user)
    return redirect("notifications:list")


@login_required
@require_http_methods(["GET", "POST"])
def notification_preferences(request: SignedInRequest) -> HttpResponse:
    user = request.user
    switches = selectors.notification_switches_for_user(user=user)
    channels = selectors.notification_channels_for_user(user=user)
    if request.method == "POST":
        for kind, offered in switches:
            for channel in offered:
                enabled = request.POST.get(f"{kind}:{channel}") == "on"
                services.notification_preference_set(
                    user=user, kind=kind, channel=channel, enabled=enabled
                )
        # The page comes back the same; without a word the user cannot tell it was saved.
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notifications:preferences")
    off = selectors.notification_preferences_for_user(user=user)
    rows = [
        (kind, [(channel, f"{kind}:{channel}", (kind, channel) not in off) for channel in offered])
        for kind, offered in switches
    ]
    return render(
        request,
        "notifications/preferences.html",
        {"rows": rows, "channels": channels, "base_template": _base(user)},
    )


# Mail clients post the one-click unsubscribe without a session or CSRF token (RFC 8058);
# the signed token is the authorisation.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def notification_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=_UNSUBSCRIBE_MAX_AGE_FOR)
        user = User.objects.get(pk=data["u"])
        kind = Kind(data["k"])
    except (signing.BadSignature, User.DoesNotExist, KeyError, ValueError, TypeError):
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST":
        services.notification_preference_set(
            user=user, kind=kind, channel=data.get("c", "email"), enabled=False
        )
        return render(request, "notifications/unsubscribe.html", {"done": True, "kind": kind})
    return render(
        request,
        "notifications/unsubscribe.html",
        {"kind": kind, "action": reverse("notifications:unsubscribe", args=[token])},
    )

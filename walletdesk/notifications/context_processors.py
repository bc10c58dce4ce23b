"""The bell's unread count for every page's header, counted only if a page shows it."""

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from walletdesk.notifications.selectors import notification_unread_count


def bell(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Lazy: one COUNT query, and only on pages that render the bell.
    return {"notifications_unread": SimpleLazyObject(lambda: notification_unread_count(user=user))}

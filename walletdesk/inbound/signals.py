"""On sign-in, tell the account holder of new tickets by mail that wait for them."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import ngettext

from walletdesk.accounts.models import User
from walletdesk.inbound.selectors import held_tickets_pending_count


def held_tickets_announce(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    """A flash message with a link to the tickets page, where each held mail is listed."""
    count = held_tickets_pending_count(user)
    if not count or not hasattr(request, "_messages"):
        return
    text = ngettext(
        "An e-mail sent in your name waits for your confirmation before it becomes a ticket.",
        "%(count)d e-mails sent in your name wait for your confirmation before they become "
        "tickets.",
        count,
    ) % {"count": count}
    messages.info(request, format_html('<a href="{}">{}</a>', reverse("portal:list"), text))

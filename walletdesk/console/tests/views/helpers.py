"""Plain helpers the console view tests share: URLs, a ticket's history, the queue's rows."""

import re
from datetime import UTC, datetime, timedelta

from django.urls import reverse

from walletdesk.tickets.models import Ticket

ACTION_URLS = [
    "start",
    "assign",
    "reply",
    "request-info",
    "resolve",
    "close",
    "reject",
    "reopen",
    "priority",
    "category",
]


def detail_url(ticket: Ticket) -> str:
    return reverse("console:detail", args=[ticket.reference])


def action_url(name: str, ticket: Ticket) -> str:
    return reverse(f"console:{name}", args=[ticket.reference])


def queue_url(query: str = "") -> str:
    return reverse("console:queue") + (f"?{query}" if query else "")


def event_kinds(ticket: Ticket) -> list[str]:
    return list(ticket.events.order_by("created_at", "id").values_list("kind", flat=True))


def at(minutes: int) -> datetime:
    return datetime(2025, 3, 1, 8, 0, tzinfo=UTC) + timedelta(minutes=minutes)


def set_created(ticket: Ticket, when: datetime) -> None:
    # created_at is auto_now_add: set it afterwards to get a known queue order.
    Ticket.objects.filter(pk=ticket.pk).update(created_at=when)


def references_in(html: str) -> list[str]:
    """The ticket references of the queue table, in page order."""
    return re.findall(r'<td class="mono"><a href="[^"]+">(WD-[A-Z0-9]{6})</a>', html)

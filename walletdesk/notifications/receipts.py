"""Receipts: "we have your ticket", to its requester, in the app and by e-mail.

A submission writes nothing for its receipt, so a new ticket stays the one statement it is
(tickets.services._written_alone). A beat job reads the "created" events that came in since
its last run, in id order from a cursor (EventCursor "receipts"), and writes each requester's
receipt through notifications_create: preferences, delivery, retries and the unsubscribe
link work as for every other kind, on every channel a ticket comes through (web, API, e-mail).

An event's id is drawn when its INSERT runs, and a ticket stored with its files commits a
moment later, so a smaller id can become visible after a larger one. The cursor therefore only
moves past events older than RECEIPTS_SETTLED_AFTER_FOR; newer ones are read again on the next
run and skipped when their receipt exists. A ticket whose transaction outlasts that time would
miss its receipt; the submission path's transactions last well under a second.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from walletdesk.notifications.models import EventCursor, Kind, Notification
from walletdesk.notifications.services import CUSTOMER_CHANNELS, Audience, notifications_create
from walletdesk.tickets.models import TicketEvent

RECEIPTS = "receipts"


def receipts_write(*, now: datetime | None = None, limit: int | None = None) -> int:
    """Write the receipts of tickets created since the last run; returns how many tickets got
    one. Safe to run twice at once: the cursor row is locked, and a receipt is written once
    per (requester, event, channel)."""
    now = now or timezone.now()
    limit = limit or settings.RECEIPTS_BATCH_SIZE
    settled_before = now - timedelta(seconds=settings.RECEIPTS_SETTLED_AFTER_FOR)
    with transaction.atomic():
        cursor = _cursor_locked()
        events = list(
            TicketEvent.objects.filter(kind=TicketEvent.Kind.CREATED, pk__gt=cursor.last_event_id)
            .select_related("ticket__requester", "ticket__category")
            .order_by("pk")[:limit]
        )
        receipted = set(
            Notification.objects.filter(
                event__in=[e.pk for e in events], kind=Kind.RECEIVED
            ).values_list("event_id", flat=True)
        )
        written = 0
        for event in events:
            requester = event.ticket.requester
            if event.pk in receipted or not requester.is_active:
                continue
            audience = [Audience(requester, Kind.RECEIVED, CUSTOMER_CHANNELS)]
            written += bool(notifications_create(event=event, audience=audience))
        settled = _settled_prefix(events, settled_before)
        if settled is not None:
            cursor.last_event_id = settled
            cursor.save(update_fields=["last_event_id", "updated_at"])
    return written


def _cursor_locked() -> EventCursor:
    cursor, _created = EventCursor.objects.select_for_update().get_or_create(name=RECEIPTS)
    return cursor


def _settled_prefix(events: list[TicketEvent], settled_before: datetime) -> int | None:
    """The id the cursor may move to: the last of the leading events old enough that no
    smaller id can still appear."""
    last = None
    for event in events:
        if event.created_at > settled_before:
            break
        last = event.pk
    return last


def receipts_skip_written() -> None:
    """Tickets already there get no receipt: the cursor moves past every event written so
    far (demo data, imported history)."""
    last = TicketEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    EventCursor.objects.update_or_create(name=RECEIPTS, defaults={"last_event_id": last})

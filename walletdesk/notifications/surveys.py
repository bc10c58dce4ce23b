"""The satisfaction survey's one reminder: a requester who has not rated a resolved ticket
hears once more, SURVEY_REMIND_AFTER_FOR after the resolution, with the same signed links
(tickets.satisfaction) as the resolution e-mail.

A beat job reads the "resolved" status changes in id order from a cursor (EventCursor
"survey-reminders"), as the receipts do, and only those old enough; the cursor never moves
past an event that is not yet due, so each resolution is looked at once when it falls due. A
reminder is written once per resolution (a notification row per recipient, event and
channel), and only while the ticket can still be rated: resolved or closed, not rated, an
agent worked it, and its link still good.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from walletdesk.notifications.models import EventCursor
from walletdesk.tickets.closure import ticket_may_be_rated
from walletdesk.tickets.models import Status, TicketEvent
from walletdesk.tickets.services import ticket_survey_remind

SURVEY_REMINDERS = "survey-reminders"


def survey_reminders_write(*, now: datetime | None = None, limit: int | None = None) -> int:
    """Remind the requesters of tickets resolved long enough ago and not rated; returns how
    many were reminded. Safe to run twice at once (the cursor row is locked)."""
    now = now or timezone.now()
    limit = limit or settings.RECEIPTS_BATCH_SIZE
    due_before = now - timedelta(seconds=settings.SURVEY_REMIND_AFTER_FOR)
    # A resolution older than its link is not worth a reminder whose links no longer work.
    expired_before = now - timedelta(seconds=settings.SURVEY_LINK_VALID_FOR)
    with transaction.atomic():
        cursor, _created = EventCursor.objects.select_for_update().get_or_create(
            name=SURVEY_REMINDERS
        )
        events = list(
            TicketEvent.objects.filter(
                kind=TicketEvent.Kind.STATUS_CHANGED,
                to_value=Status.RESOLVED,
                pk__gt=cursor.last_event_id,
                created_at__lte=due_before,
            )
            .select_related("ticket__requester", "ticket__category")
            .order_by("pk")[:limit]
        )
        written = 0
        for event in events:
            ticket = event.ticket
            if (
                event.created_at < expired_before
                or not ticket.requester.is_active
                or not ticket_may_be_rated(ticket)
                # Resolved again later: the later resolution has its own reminder.
                or (ticket.resolved_at is not None and ticket.resolved_at > event.created_at)
            ):
                continue
            # The event tells the requester (services.audience_for_event), once per resolution.
            written += ticket_survey_remind(ticket=ticket, resolution_event_id=event.pk)
        if events:
            cursor.last_event_id = events[-1].pk
            cursor.save(update_fields=["last_event_id", "updated_at"])
    return written


def survey_reminders_skip_written() -> None:
    """Tickets resolved before now get no reminder (demo data, imported history)."""
    last = TicketEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    EventCursor.objects.update_or_create(name=SURVEY_REMINDERS, defaults={"last_event_id": last})

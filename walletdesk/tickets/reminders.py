"""The waiting and resolved sweeps: remind, then close, tickets nobody moves.

- waiting_on_customer: a reminder after REMINDER_WAITING_AFTER_DAYS working days (once per
  wait), closed by the system after CLOSE_WAITING_AFTER_DAYS working days (the requester
  is told: the close is a notified event). Working days are the ticket's team calendar's:
  public holidays skipped, make-up working days counted, the time of day kept;
  the reminder is a REMINDED ticket event like every other change; whoever listens to ticket
  events (notifications) tells the requester;
- resolved: closed after CLOSE_RESOLVED_AFTER_DAYS calendar days, silently (the requester
  was told when it was resolved; a reply before then reopens it).

The wait starts at the status change into waiting_on_customer (its TicketEvent). Each
ticket is closed through tickets.services.ticket_close, which locks and re-checks the row,
so a customer answering at the same moment wins or loses cleanly. Safe to run twice.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.models import Status, Ticket, TicketEvent
from walletdesk.tickets.selectors import team_calendar
from walletdesk.tickets.services import ticket_close, ticket_remind

_BATCH = 500


def _business_days_since(ticket: Ticket, start: datetime, days: int, now: datetime) -> bool:
    """Whether ``days`` working days of the ticket's team calendar (public holidays skipped,
    make-up working days counted) have passed since ``start``, at the same time of day."""
    return team_calendar(ticket.team_id).add_working_days(start, days) <= now


def _waiting_since(field: str = "id") -> Subquery:
    """``field`` of the event that started the current wait."""
    return Subquery(
        TicketEvent.objects.filter(
            ticket=OuterRef("pk"),
            kind=TicketEvent.Kind.STATUS_CHANGED,
            to_value=Status.WAITING_ON_CUSTOMER,
        )
        .order_by("-created_at", "-id")
        .values(field)[:1]
    )


def _waiting_longer_than(days: int, now: datetime) -> QuerySet[Ticket]:
    # Business days never exceed calendar days: prefilter by calendar, the caller checks
    # exactly. Counted from the start of the wait, not the ticket's updated_at: an internal
    # note or a priority change on a waiting ticket must not postpone its reminder or close.
    earliest = now - timedelta(days=days)
    return (
        Ticket.objects.filter(status=Status.WAITING_ON_CUSTOMER)
        .annotate(wait_event_id=_waiting_since(), wait_started_at=_waiting_since("created_at"))
        .filter(wait_started_at__lte=earliest)
        .order_by("wait_started_at")
    )


def tickets_waiting_remind(*, now: datetime | None = None) -> int:
    """Remind requesters of tickets waiting on them; returns how many reminders were recorded.

    Each reminder is a REMINDED event naming the event that started the wait;
    tickets.services.ticket_remind locks the ticket and records it once per wait, however
    often (and on however many workers) this runs.
    """
    now = now or timezone.now()
    tickets = _waiting_longer_than(settings.REMINDER_WAITING_AFTER_DAYS, now)[:_BATCH]
    written = 0
    for ticket in tickets:
        # Set by _waiting_since(); django-stubs drops annotations when a custom QuerySet
        # is iterated, so the checker only sees a plain Ticket.
        wait_event_id = ticket.wait_event_id  # type: ignore[attr-defined]
        started_at = ticket.wait_started_at  # type: ignore[attr-defined]
        if not _business_days_since(ticket, started_at, settings.REMINDER_WAITING_AFTER_DAYS, now):
            continue
        if ticket_remind(ticket=ticket, wait_event_id=wait_event_id):
            written += 1
    return written


def tickets_waiting_close(*, now: datetime | None = None) -> int:
    """Close tickets that waited on the customer too long (system actor, the user is told)."""
    now = now or timezone.now()
    tickets = _waiting_longer_than(settings.CLOSE_WAITING_AFTER_DAYS, now)[:_BATCH]
    closed = 0
    for ticket in tickets:
        # Set by _waiting_since(); django-stubs drops annotations when a custom QuerySet
        # is iterated, so the checker only sees a plain Ticket.
        wait_event_id = ticket.wait_event_id  # type: ignore[attr-defined]
        event = TicketEvent.objects.filter(pk=wait_event_id).first()
        if event is None or not _business_days_since(
            ticket, event.created_at, settings.CLOSE_WAITING_AFTER_DAYS, now
        ):
            continue
        try:
            ticket_close(ticket=ticket, actor=None, reason="no_answer")
        except TicketError:
            continue  # the customer answered meanwhile: the ticket is no longer waiting
        closed += 1
    return closed


def tickets_resolved_close(*, now: datetime | None = None) -> int:
    """Close tickets resolved more than CLOSE_RESOLVED_AFTER_DAYS ago (silently)."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.CLOSE_RESOLVED_AFTER_DAYS)
    closed = 0
    for ticket in Ticket.objects.filter(status=Status.RESOLVED, resolved_at__lte=cutoff)[:_BATCH]:
        try:
            ticket_close(ticket=ticket, actor=None, reason="resolved_expired")
        except TicketError:
            continue
        closed += 1
    return closed


def tickets_remind_and_close(*, now: datetime | None = None) -> dict[str, int]:
    """All three sweeps, for the periodic task."""
    return {
        "reminded": tickets_waiting_remind(now=now),
        "closed_waiting": tickets_waiting_close(now=now),
        "closed_resolved": tickets_resolved_close(now=now),
    }

"""SLA clocks: deadlines opened for each new ticket, paused while it waits on the customer,
resumed when they answer, met by the agent's reply or the ticket's end.

Every change arrives as a ticket event (tickets/events.py) inside the transaction that makes
it, so a clock never disagrees with the ticket. A new ticket writes nothing here: its
deadlines are opened after the fact by deadlines_open_new (a beat job reading the "created"
events from a cursor, as receipts do), counted from the ticket's own creation time, so the
submission stays one statement and its due times are the same as if written at once.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from walletdesk.calendars.arithmetic import BusinessCalendar
from walletdesk.notifications.models import EventCursor
from walletdesk.sla.errors import SlaError
from walletdesk.sla.models import Policy, TicketDeadline
from walletdesk.tickets.models import Status, Ticket, TicketEvent
from walletdesk.tickets.selectors import team_calendar

Kind = TicketDeadline.Kind
EventKind = TicketEvent.Kind
CURSOR = "sla-deadlines"
# The agent's public answers: each meets the first reply and the pending next reply.
_ANSWERS = frozenset({EventKind.AGENT_REPLIED, EventKind.INFO_REQUESTED, EventKind.REJECTED})
_ENDS = frozenset({Status.RESOLVED, Status.CLOSED, Status.REJECTED})
FOLLOWED_KINDS = frozenset({EventKind.STATUS_CHANGED, EventKind.CUSTOMER_REPLIED} | _ANSWERS)


def policy_targets_check(*, first_reply_for: int, next_reply_for: int, resolution_for: int) -> None:
    """Raises SlaError(ZERO_TARGET) for a target of zero (or less) business minutes."""
    if min(first_reply_for, next_reply_for, resolution_for) <= 0:
        raise SlaError(SlaError.Code.ZERO_TARGET)


def policy_for(ticket: Ticket, policies: Iterable[Policy]) -> Policy | None:
    """The most specific policy for the ticket: category and priority, then category, then
    priority, then one naming neither."""
    best: tuple[int, Policy] | None = None
    for policy in policies:
        if policy.category_id not in (None, ticket.category_id):
            continue
        if policy.priority not in (None, ticket.priority):
            continue
        score = 2 * (policy.category_id is not None) + (policy.priority is not None)
        if best is None or score > best[0]:
            best = (score, policy)
    return best[1] if best else None


def _calendar(ticket: Ticket) -> BusinessCalendar:
    return team_calendar(ticket.team_id)


def _deadline(
    ticket: Ticket, policy: Policy, kind: str, start: datetime, calendar: BusinessCalendar
) -> TicketDeadline:
    return TicketDeadline(
        ticket=ticket,
        kind=kind,
        policy=policy,
        started_at=start,
        due_at=calendar.add_business_minutes(start, policy.target_for(kind)),
    )


def deadlines_open(
    *, ticket: Ticket, policies: Iterable[Policy] | None = None
) -> list[TicketDeadline]:
    """Open the first-reply and resolution clocks of a ticket from its creation time (one
    INSERT; a clock already open is left alone). Nothing without a matching policy."""
    policy = policy_for(ticket, Policy.objects.all() if policies is None else policies)
    if policy is None:
        return []
    calendar = _calendar(ticket)
    rows = [
        _deadline(ticket, policy, kind, ticket.created_at, calendar)
        for kind in (Kind.FIRST_REPLY, Kind.RESOLUTION)
    ]
    TicketDeadline.objects.bulk_create(rows, ignore_conflicts=True)
    return rows


def deadlines_open_new(*, limit: int = 500) -> int:
    """Open the clocks of the tickets created since the last run (beat). Safe to run twice at
    once: the cursor row is locked and a ticket's open clock is unique per kind."""
    settled_before = timezone.now() - timedelta(seconds=settings.RECEIPTS_SETTLED_AFTER_FOR)
    with transaction.atomic():
        cursor, _created = EventCursor.objects.select_for_update().get_or_create(name=CURSOR)
        events = list(
            TicketEvent.objects.filter(kind=EventKind.CREATED, pk__gt=cursor.last_event_id)
            .select_related("ticket")
            .order_by("pk")[:limit]
        )
        policies = list(Policy.objects.all())
        opened = set(
            TicketDeadline.objects.filter(ticket_id__in=[e.ticket_id for e in events]).values_list(
                "ticket_id", flat=True
            )
        )
        count = 0
        for event in events:
            if event.ticket_id not in opened and event.ticket.is_active:
                count += bool(deadlines_open(ticket=event.ticket, policies=policies))
        # Only a leading run of settled events moves the cursor: a smaller id may still
        # commit after a larger one (see notifications/receipts.py).
        last = None
        for event in events:
            if event.created_at > settled_before:
                break
            last = event.pk
        if last is not None:
            cursor.last_event_id = last
            cursor.save(update_fields=["last_event_id", "updated_at"])
    return count


def _open_rows(ticket: Ticket) -> "list[TicketDeadline]":
    rows = list(TicketDeadline.objects.select_for_update().filter(ticket=ticket, met_at=None))
    if rows or TicketDeadline.objects.filter(ticket=ticket).exists():
        return rows
    # The ticket is younger than the opening job's last run: open its clocks now.
    deadlines_open(ticket=ticket)
    return list(TicketDeadline.objects.select_for_update().filter(ticket=ticket, met_at=None))


def _pause(rows: list[TicketDeadline], at: datetime, calendar: BusinessCalendar) -> None:
    for row in rows:
        if row.paused_at is not None or row.due_at is None:
            continue
        row.remaining_for = calendar.business_time_between(at, row.due_at)
        row.paused_at, row.due_at = at, None
        row.save(update_fields=["remaining_for", "paused_at", "due_at", "updated_at"])


def _resume(rows: list[TicketDeadline], at: datetime, calendar: BusinessCalendar) -> None:
    for row in rows:
        if row.paused_at is None:
            continue
        row.due_at = calendar.add_business_time(at, row.remaining_for or timedelta(0))
        row.paused_at, row.remaining_for = None, None
        row.save(update_fields=["remaining_for", "paused_at", "due_at", "updated_at"])


def _meet(
    rows: list[TicketDeadline], kinds: Iterable[str], at: datetime, calendar: BusinessCalendar
) -> None:
    wanted = set(kinds)
    for row in rows:
        if row.kind in wanted and row.met_at is None:
            if row.paused_at is not None:
                # Met while paused (the status change came first): the due time it kept.
                _resume([row], at, calendar)
            row.met_at = at
            row.save(update_fields=["met_at", "updated_at"])


def deadlines_follow_event(event: TicketEvent) -> None:
    """The listener (SlaConfig.ready): move the ticket's clocks for one event."""
    ticket = event.ticket
    at = event.created_at or timezone.now()
    rows = _open_rows(ticket)
    if not rows:
        return  # no policy applies, or every clock is met
    calendar = _calendar(ticket)
    if event.kind in _ANSWERS:
        _meet(rows, (Kind.FIRST_REPLY, Kind.NEXT_REPLY), at, calendar)
    elif event.kind == EventKind.CUSTOMER_REPLIED:
        _customer_answered(ticket, rows, at, calendar)
    elif event.kind == EventKind.STATUS_CHANGED:
        if event.to_value == Status.WAITING_ON_CUSTOMER:
            _pause(rows, at, calendar)
        elif event.to_value in _ENDS:
            _meet(rows, list(Kind), at, calendar)
        elif event.from_value == Status.WAITING_ON_CUSTOMER:
            _resume(rows, at, calendar)


def _customer_answered(
    ticket: Ticket, rows: list[TicketDeadline], at: datetime, calendar: BusinessCalendar
) -> None:
    """The customer wrote: the clocks go on, and once the first reply is behind us the agent
    owes a next reply."""
    _resume(rows, at, calendar)
    if any(r.kind in (Kind.FIRST_REPLY, Kind.NEXT_REPLY) for r in rows):
        return  # a reply is already owed
    resolution = next((r for r in rows if r.kind == Kind.RESOLUTION), None)
    policy = resolution.policy if resolution is not None else None
    if policy is None:
        return
    TicketDeadline.objects.bulk_create(
        [_deadline(ticket, policy, Kind.NEXT_REPLY, at, calendar)], ignore_conflicts=True
    )


def deadline_claim(*, deadline_id: UUID, field: str, now: datetime) -> bool:
    """Set ``warned_at`` or ``breached_at`` on one row if nobody has: one conditional UPDATE,
    so of two sweeps racing for one deadline exactly one wins."""
    if field not in ("warned_at", "breached_at"):
        raise ValueError(field)
    unclaimed = Q(**{f"{field}__isnull": True}, met_at__isnull=True, paused_at__isnull=True)
    return bool(
        TicketDeadline.objects.filter(unclaimed, pk=deadline_id).update(
            **{field: now}, updated_at=now
        )
    )

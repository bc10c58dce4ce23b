"""The breach sweep (beat): warn before a target is missed, mark it missed once it is.

Both read the "pending due" partial index (models.TicketDeadline), never the tickets. Each
row is claimed with one conditional UPDATE (``warned_at``/``breached_at`` still empty), in the
same transaction as the event and the notifications it causes, so of two sweeps running at
once exactly one warns: the other's UPDATE matches nothing once the first commits.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from walletdesk.accounts.models import User
from walletdesk.core.metrics import SLA_BREACHES
from walletdesk.notifications.models import Kind as NotificationKind
from walletdesk.notifications.services import AGENT_CHANNELS, Audience, notifications_create
from walletdesk.sla.models import Policy, TicketDeadline
from walletdesk.sla.services import deadline_claim
from walletdesk.tickets.models import TeamMembership, Ticket, TicketEvent
from walletdesk.tickets.selectors import team_calendar
from walletdesk.tickets.services import ticket_event_record

_BATCH = 500


def _who_hears(ticket: Ticket) -> list[User]:
    """The assignee and the supervisors of the ticket's team (each once, active only)."""
    people: dict[object, User] = {}
    if ticket.assignee is not None and ticket.assignee.is_active:
        people[ticket.assignee.pk] = ticket.assignee
    if ticket.team_id is not None:
        supervisors = User.objects.filter(
            is_active=True,
            team_memberships__team_id=ticket.team_id,
            team_memberships__role=TeamMembership.Role.SUPERVISOR,
        )
        for supervisor in supervisors:
            people.setdefault(supervisor.pk, supervisor)
    return list(people.values())


def _due_text(deadline: TicketDeadline) -> str:
    if deadline.due_at is None:  # paused: never claimed (deadline_claim skips paused rows)
        return ""
    zone = team_calendar(deadline.ticket.team_id).zone
    return f"{deadline.due_at.astimezone(zone):%Y-%m-%d %H:%M} ({zone})"


def _warn(deadline: TicketDeadline, now: datetime) -> bool:
    with transaction.atomic():
        if not deadline_claim(deadline_id=deadline.pk, field="warned_at", now=now):
            return False
        event = ticket_event_record(
            ticket=deadline.ticket,
            kind=TicketEvent.Kind.SLA_WARNED,
            actor=None,
            from_value=deadline.kind,
            to_value=_due_text(deadline),
        )
        audience = [
            Audience(person, NotificationKind.SLA_WARNING, AGENT_CHANNELS)
            for person in _who_hears(deadline.ticket)
        ]
        notifications_create(event=event, audience=audience)
    return True


def _breach(deadline: TicketDeadline, now: datetime) -> bool:
    with transaction.atomic():
        if not deadline_claim(deadline_id=deadline.pk, field="breached_at", now=now):
            return False
        ticket_event_record(
            ticket=deadline.ticket,
            kind=TicketEvent.Kind.SLA_BREACHED,
            actor=None,
            from_value=deadline.kind,
            to_value=_due_text(deadline),
        )
    SLA_BREACHES.labels(target=deadline.kind).inc()
    return True


def deadlines_sweep(*, now: datetime | None = None) -> tuple[int, int]:
    """Warn of the targets about to be missed (each policy's ``warn_before_for`` minutes
    ahead) and mark the ones missed. Returns (warned, breached). Safe to run twice, and on
    two workers at once: each warning and each breach happens once."""
    now = now or timezone.now()
    longest = Policy.objects.aggregate(longest=Max("warn_before_for"))["longest"] or 0
    soon = (
        TicketDeadline.objects.breaching(now, timedelta(minutes=longest))
        .filter(due_at__gt=now, warned_at__isnull=True)
        .select_related("ticket__assignee", "policy")[:_BATCH]
    )
    warned = 0
    for deadline in soon:
        warn_for = deadline.policy.warn_before_for if deadline.policy else longest
        due = deadline.due_at
        if due is not None and due - timedelta(minutes=warn_for) <= now:
            warned += _warn(deadline, now)
    missed = TicketDeadline.objects.breaching(now, timedelta(0)).select_related("ticket")
    breached = sum(_breach(deadline, now) for deadline in missed[:_BATCH])
    return warned, breached

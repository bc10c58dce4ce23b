"""Reads of the SLA clocks (the queue-wide reads are TicketDeadline.objects.breaching/breached)."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from django.db.models import Q

from walletdesk.accounts.models import User
from walletdesk.core.compiled import CompiledRead
from walletdesk.sla.models import TicketDeadline, TicketDeadlineQuerySet
from walletdesk.tickets.models import Ticket
from walletdesk.tickets.selectors import team_calendar, ticket_visibility


def deadline_list_for_ticket(*, ticket: Ticket) -> list[TicketDeadline]:
    """The ticket's targets, oldest first (one query). The caller has checked access."""
    return _TARGETS_OF.read(ticket_id=ticket.pk)


# Read by every agent's ticket page: its SQL is compiled once.
_TARGETS_OF = CompiledRead(
    TicketDeadline,
    lambda _shape, *, ticket_id: TicketDeadline.objects.filter(ticket_id=ticket_id).order_by(
        "started_at", "kind"
    ),
)


# The "due next" page: how far ahead an agent may look, as a filter.
WITHIN_CHOICES = {"1h": timedelta(hours=1), "4h": timedelta(hours=4), "24h": timedelta(days=1)}
DUE_PAGE_SIZE = 50


@dataclass(frozen=True)
class DueRow:
    deadline: TicketDeadline
    # Business time left on the ticket's team calendar (negative once missed).
    left: timedelta


def _rows(deadlines: list[TicketDeadline], now: datetime) -> list[DueRow]:
    rows = []
    for deadline in deadlines:
        calendar = team_calendar(deadline.ticket.team_id)
        due = deadline.due_at or now
        left = (
            calendar.business_time_between(now, due)
            if due >= now
            else -calendar.business_time_between(due, now)
        )
        rows.append(DueRow(deadline, left))
    return rows


def _visible(user: User) -> TicketDeadlineQuerySet:
    return (
        TicketDeadline.objects.filter(ticket_visibility(user, via="ticket__"))
        .select_related("ticket", "ticket__assignee")
        .only(
            "id",
            "kind",
            "due_at",
            "breached_at",
            "ticket__id",
            "ticket__reference",
            "ticket__subject",
            "ticket__status",
            "ticket__priority",
            "ticket__team_id",
            "ticket__assignee__id",
            "ticket__assignee__display_name",
            "ticket__assignee__email",
        )
    )


def deadlines_missed_for_agent(*, user: User, now: datetime) -> list[DueRow]:
    """Targets already missed and still open, oldest miss first (one query, the breached
    index), at most a page: the most urgent work."""
    rows = list(_visible(user).breached()[:DUE_PAGE_SIZE])
    return _rows(rows, now)


Position = tuple[datetime, UUID]


def deadlines_due_for_agent(
    *, user: User, now: datetime, within: timedelta | None = None, after: Position | None = None
) -> tuple[list[DueRow], Position | None]:
    """Running targets by due time, soonest first, up to ``within`` from now; keyset paged by
    (due time, id) (``after``: the last row of the page before). One query whatever the
    table's size: the pending-due index in order, stopping at the page's end."""
    pending = _visible(user).pending().order_by("due_at", "id")
    if within is not None:
        pending = pending.filter(due_at__lte=now + within)
    if after is not None:
        due, pk = after
        pending = pending.filter(Q(due_at__gt=due) | Q(due_at=due, id__gt=pk))
    rows = list(pending[: DUE_PAGE_SIZE + 1])
    more = len(rows) > DUE_PAGE_SIZE
    rows = rows[:DUE_PAGE_SIZE]
    last = rows[-1] if more and rows else None
    return _rows(rows, now), ((last.due_at, last.pk) if last and last.due_at else None)

"""Why a closed or rejected ticket ended, and what its requester can do next.

The one place that reads a finished ticket for its requester: pages show what this returns
and never test statuses themselves. The close reasons are the ones services write into the
closing STATUS_CHANGED event (tickets/reminders.py: "no_answer" from the waiting sweep,
"resolved_expired" from the resolved sweep; an agent's close names its actor).
"""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from walletdesk.tickets.models import RejectionReason, Status, Ticket, TicketEvent
from walletdesk.tickets.workflow import Actor, may_reply

NO_ANSWER = "no_answer"


class Ending(StrEnum):
    REJECTED = "rejected"
    RESOLVED = "resolved"  # closed after it was resolved
    NO_ANSWER = "no_answer"  # closed by the waiting sweep: the requester never answered
    CLOSED_BY_SUPPORT = "closed_by_support"  # closed by an agent without a resolution


@dataclass(frozen=True)
class Closure:
    ending: Ending
    # When it ended: resolved_at for a resolved ticket, else closed_at / updated_at.
    ended_at: datetime | None
    # Rejected: the reason, whose customer text says why and what to do.
    reason: RejectionReason | None = None
    may_resubmit: bool = False
    # Closed: a reply within the grace period reopens it; after that, a new ticket.
    may_reopen_by_reply: bool = False
    may_open_new: bool = False
    # An agent worked it (a public reply) and it is not rated yet.
    may_rate: bool = False


def agent_worked(ticket: Ticket) -> bool:
    """At least one public agent reply (the denormalised mark, no query)."""
    return ticket.last_agent_reply_at is not None


def _close_was_no_answer(ticket: Ticket) -> bool:
    reason = (
        TicketEvent.objects.filter(
            ticket=ticket, kind=TicketEvent.Kind.STATUS_CHANGED, to_value=Status.CLOSED
        )
        .order_by("-created_at", "-id")
        .values_list("reason", flat=True)
        .first()
    )
    return reason == NO_ANSWER


def ticket_closure(ticket: Ticket) -> Closure | None:
    """The explanation and next steps of a finished ticket; None while it is not finished.

    At most one query (a close without a resolution reads its closing event).
    """
    if ticket.status == Status.REJECTED:
        return Closure(
            ending=Ending.REJECTED,
            ended_at=ticket.updated_at,
            reason=ticket.rejection_reason,
            may_resubmit=ticket.can_be_resubmitted,
            may_open_new=not ticket.can_be_resubmitted,
        )
    if ticket.status != Status.CLOSED:
        return None
    reopen = may_reply(
        status=ticket.status, actor=Actor.CUSTOMER, in_reopen_grace=ticket.in_reopen_grace
    )
    ended_at: datetime | None
    if ticket.resolved_at is not None:
        ending, ended_at = Ending.RESOLVED, ticket.resolved_at
    else:
        ending = Ending.NO_ANSWER if _close_was_no_answer(ticket) else Ending.CLOSED_BY_SUPPORT
        ended_at = ticket.closed_at
    return Closure(
        ending=ending,
        ended_at=ended_at,
        may_reopen_by_reply=reopen,
        may_open_new=not reopen,
        may_rate=ticket_may_be_rated(ticket),
    )


def ticket_may_be_rated(ticket: Ticket) -> bool:
    """Whether the rating prompt shows: ratable and an agent worked it."""
    return ticket.can_be_rated and agent_worked(ticket)

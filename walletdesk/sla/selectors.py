"""Reads of the SLA clocks (the queue-wide reads are TicketDeadline.objects.breaching/breached)."""

from walletdesk.sla.models import TicketDeadline
from walletdesk.tickets.models import Ticket


def deadline_list_for_ticket(*, ticket: Ticket) -> list[TicketDeadline]:
    """The ticket's targets, oldest first (one query). The caller has checked access."""
    return list(TicketDeadline.objects.filter(ticket=ticket).order_by("started_at", "kind"))

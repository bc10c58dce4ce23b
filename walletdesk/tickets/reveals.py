"""An agent choosing to see a requester's masked details (core/masking.py): the one place a
reveal is recorded.

``record_reveal`` logs it (who, which ticket, what; never the value), writes it to the
security audit trail (audit.services.record, kind "reveal") and appends a REVEALED event to
the ticket's history, in one transaction.
"""

import logging

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from walletdesk.accounts.models import User
from walletdesk.audit.models import Kind as AuditKind
from walletdesk.audit.services import record as audit_record
from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.models import Ticket, TicketEvent
from walletdesk.tickets.selectors import can_work
from walletdesk.tickets.services import ticket_event_record

logger = logging.getLogger(__name__)


class Revealed(models.TextChoices):
    """What an agent may reveal of a ticket's requester."""

    EMAIL = "email", _("E-mail address")
    WALLET_ADDRESSES = "wallet_addresses", _("Verified wallet addresses")


@transaction.atomic
def record_reveal(agent: User, ticket: Ticket, what: str) -> TicketEvent:
    """Record that ``agent`` revealed ``what`` (a Revealed value) of ``ticket``'s requester.

    Raises TicketError(NOT_AGENT) for anyone who may not work the ticket (tickets.selectors
    can_work) and ValueError for an unknown ``what`` (callers validate it first). Side effects:
    one log line, one audit event and one REVEALED event, in the caller's transaction.
    """
    if not can_work(agent, ticket):
        raise TicketError(TicketError.Code.NOT_AGENT)
    kind = Revealed(what)
    logger.info(
        "requester details revealed",
        extra={"ticket": ticket.reference, "agent_id": str(agent.pk), "what": kind.value},
    )
    audit_record(AuditKind.REVEAL, actor=agent, target=ticket.reference, what=kind.value)
    return ticket_event_record(
        ticket=ticket, kind=TicketEvent.Kind.REVEALED, actor=agent, to_value=kind.value
    )

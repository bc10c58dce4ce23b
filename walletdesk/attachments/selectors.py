"""Reads: which files a person may see. Others' files answer 404, like missing ones."""

from uuid import UUID

from django.db.models import QuerySet
from django.http import Http404

from walletdesk.accounts.models import User
from walletdesk.attachments.models import Attachment
from walletdesk.tickets.models import Ticket


def _shown(with_checking: bool) -> QuerySet[Attachment]:
    return Attachment.objects.listed() if with_checking else Attachment.objects.visible()


def attachment_list_for_customer(
    *, ticket: Ticket, with_checking: bool = False
) -> list[Attachment]:
    """The files of a ticket the requester may see: visible and never from an internal note.

    ``with_checking`` adds the files still being checked for wallet secrets (a page shows
    them by name, unserved: ``Attachment.is_checking``). ``ticket`` must come from
    ticket_get_for_customer (already scoped to the requester). One query.
    """
    return list(_shown(with_checking).filter(ticket=ticket, is_internal=False))


def attachment_list_for_agent(*, ticket: Ticket, with_checking: bool = False) -> list[Attachment]:
    """Every visible file of the ticket, internal notes included (``with_checking``: as for
    the customer). One query."""
    return list(_shown(with_checking).filter(ticket=ticket))


def attachment_get_for_user(*, user: User, attachment_id: UUID) -> Attachment:
    """One file, for its ticket's requester (public files only) or an agent.

    Raises Http404 for everyone else, for files still waiting for the malware scan or the
    secret check (or refused by it), and for ids that do not exist, so a guessed id learns nothing.
    """
    attachment = (
        Attachment.objects.visible().select_related("ticket").filter(pk=attachment_id).first()
    )
    if attachment is None:
        raise Http404
    if user.is_agent:
        return attachment
    if attachment.ticket.requester_id == user.pk and not attachment.is_internal:
        return attachment
    raise Http404


def attachment_get_for_ticket(*, ticket: Ticket, attachment_id: UUID) -> Attachment:
    """One file of a ticket the agent may see (``ticket`` from ticket_get_for_agent), removed
    ones included. Raises Http404 for an id of another ticket or none."""
    attachment = Attachment.objects.filter(ticket=ticket, pk=attachment_id).first()
    if attachment is None:
        raise Http404
    return attachment

"""Reads: which files a person may see. Others' files answer 404, like missing ones."""

from typing import Any
from uuid import UUID

from django.db.models import Q, QuerySet
from django.http import Http404

from walletdesk.accounts.models import User
from walletdesk.attachments.models import Attachment
from walletdesk.core.compiled import CompiledRead
from walletdesk.tickets.models import Ticket
from walletdesk.tickets.selectors import ticket_visibility


def _shown(with_checking: bool) -> QuerySet[Attachment]:
    return Attachment.objects.listed() if with_checking else Attachment.objects.visible()


def _of_case(ticket: Ticket) -> Q:
    """The ticket's files and, for a resubmission, its original's: the case goes on, so the
    files sent before are listed (and served to the same people) without being copied."""
    if ticket.resubmission_of_id is None:
        return Q(ticket=ticket)
    return Q(ticket=ticket) | Q(ticket_id=ticket.resubmission_of_id)


def attachment_list_for_customer(
    *, ticket: Ticket, with_checking: bool = False
) -> list[Attachment]:
    """The files of a ticket the requester may see: visible and never from an internal note.

    ``with_checking`` adds the files still being checked for wallet secrets (a page shows
    them by name, unserved: ``Attachment.is_checking``). ``ticket`` must come from
    ticket_get_for_customer (already scoped to the requester). A resubmission's list holds its
    original's files too (``ticket_id`` tells them apart). One query.
    """
    return list(_shown(with_checking).filter(_of_case(ticket), is_internal=False))


def _case_files(shape: tuple[bool, bool], *, ticket_id: Any, original_id: Any = None) -> Any:
    with_checking, resubmission = shape
    case = (
        Q(ticket_id=ticket_id) | Q(ticket_id=original_id)
        if resubmission
        else Q(ticket_id=ticket_id)
    )
    return _shown(with_checking).filter(case)


# Read by every agent's ticket page: its SQL is compiled once.
_CASE_FILES = CompiledRead(Attachment, _case_files)


def attachment_list_for_agent(*, ticket: Ticket, with_checking: bool = False) -> list[Attachment]:
    """Every visible file of the ticket, internal notes included (``with_checking``: as for
    the customer; a resubmission's holds its original's files too). One query."""
    if ticket.resubmission_of_id is None:
        return _CASE_FILES.read(shape=(with_checking, False), ticket_id=ticket.pk)
    return _CASE_FILES.read(
        shape=(with_checking, True), ticket_id=ticket.pk, original_id=ticket.resubmission_of_id
    )


def attachments_split_by_ticket(
    attachments: list[Attachment], *, ticket: Ticket
) -> tuple[list[Attachment], list[Attachment]]:
    """A case's files (from the lists above) as (the ticket's own, its original's)."""
    own = [a for a in attachments if a.ticket_id == ticket.pk]
    earlier = [a for a in attachments if a.ticket_id != ticket.pk]
    return own, earlier


def attachment_get_for_user(*, user: User, attachment_id: UUID) -> Attachment:
    """One file, for its ticket's requester (public files only) or an agent who may work the
    ticket (its team's, or an administrator: tickets.selectors.ticket_visibility).

    Raises Http404 for everyone else, for files still waiting for the malware scan or the
    secret check (or refused by it), and for ids that do not exist, so a guessed id learns nothing.
    One query: the team rule is part of it.
    """
    own = Q(ticket__requester_id=user.pk, is_internal=False)
    attachment = (
        Attachment.objects.visible()
        .select_related("ticket")
        .filter(own | ticket_visibility(user, via="ticket__"), pk=attachment_id)
        .first()
    )
    if attachment is None:
        raise Http404
    return attachment


def attachment_get_for_ticket(*, ticket: Ticket, attachment_id: UUID) -> Attachment:
    """One file of a ticket the agent may see (``ticket`` from ticket_get_for_agent), removed
    ones included. Raises Http404 for an id of another ticket or none."""
    attachment = Attachment.objects.filter(ticket=ticket, pk=attachment_id).first()
    if attachment is None:
        raise Http404
    return attachment

"""Which ticket an inbound mail belongs to, and whether its sender may write there.

A mail is matched by proof, never by its subject (anyone can type "Re: [WD-7K3Q9M]"):
1. a per-ticket reply address among its recipients (HMAC-signed, see
   notifications/addresses.py), or
2. an In-Reply-To / References Message-ID that is ours: an outgoing notification's
   (``<n-<notification uuid>@reply domain>``) or a ticket's thread root
   (``<ticket-<ticket uuid>@reply domain>``), both from notifications/channels/email.py and
   unguessable (random UUIDs); one that carries the ticket's signed reply token
   (``<wd-7k3q9m.<signature>.<anything>@domain>``); or one we logged for an earlier inbound
   mail of that ticket.
Anything else is a new mail to the support address.
"""

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings

from walletdesk.accounts.models import User
from walletdesk.inbound.authentication import MailAuthentication, authentication_read
from walletdesk.inbound.models import InboundMessage
from walletdesk.inbound.parsing import ParsedMail
from walletdesk.notifications.addresses import reply_domain, reply_token_parse
from walletdesk.notifications.models import Notification
from walletdesk.tickets.models import Ticket
from walletdesk.tickets.selectors import can_work

# The signed token (reference.signature) at the start of an outgoing Message-ID's local part.
_TOKEN_IN_MESSAGE_ID = re.compile(r"^<([a-z]{1,4}-[0-9a-z]{4,12}\.[0-9a-f]{8,64})(?:[.@+])")


class Via(StrEnum):
    ADDRESS = "address"
    THREAD = "thread"
    NEW = "new"


@dataclass(frozen=True)
class Route:
    via: Via
    ticket: Ticket | None = None
    # True when the mail proves it answers something only the ticket's participants received:
    # a signed reply address, or one of our own unguessable Message-IDs. A Message-ID of an
    # earlier inbound mail is no such proof (everyone that mail was copied to knows it).
    possession: bool = False


def _reference_from_addresses(addresses: Iterable[str]) -> str | None:
    for address in addresses:
        reference = reply_token_parse(address)
        if reference:
            return reference
    return None


def _reference_from_message_ids(message_ids: Iterable[str]) -> str | None:
    for message_id in message_ids:
        match = _TOKEN_IN_MESSAGE_ID.match(message_id.lower())
        if match:
            reference = reply_token_parse(f"reply+{match.group(1)}@message-id.invalid")
            if reference:
                return reference
    return None


_OUTGOING_ID = re.compile(r"^<(n|ticket)-([0-9a-f-]{32,36})@([^>]+)>$")


def _ticket_of_outgoing(message_ids: tuple[str, ...]) -> Ticket | None:
    """The ticket of the first id that is one of our notification or thread-root ids."""
    domain = reply_domain()
    for message_id in message_ids:
        match = _OUTGOING_ID.match(message_id.lower())
        if not match or match.group(3) != domain:
            continue
        try:
            key = uuid.UUID(match.group(2))
        except ValueError:
            continue
        tickets = Ticket.objects.select_related("requester")
        if match.group(1) == "ticket":
            ticket = tickets.filter(pk=key).first()
        else:
            ticket = tickets.filter(
                pk__in=Notification.objects.filter(pk=key).values("ticket_id")
            ).first()
        if ticket is not None:
            return ticket
    return None


def _ticket_of_logged(message_ids: tuple[str, ...]) -> Ticket | None:
    if not message_ids:
        return None
    logged = (
        InboundMessage.objects.filter(message_id__in=message_ids, ticket__isnull=False)
        .select_related("ticket")
        .only("message_id", "ticket")
    )
    by_id = {row.message_id: row.ticket for row in logged}
    for message_id in message_ids:  # nearest in the thread first
        if message_id in by_id:
            return by_id[message_id]
    return None


def route_find(mail: ParsedMail, *, envelope_recipients: Iterable[str] = ()) -> Route:
    """The ticket ``mail`` answers (by reply address, then by thread), or a new-mail route.

    Pure read. A reply address for a ticket that no longer exists falls through to the
    threading headers, then to a new mail.
    """
    recipients = (*[r.lower() for r in envelope_recipients], *mail.recipients)
    reference = _reference_from_addresses(recipients)
    if reference:
        ticket = Ticket.objects.select_related("requester").filter(reference=reference).first()
        if ticket is not None:
            return Route(via=Via.ADDRESS, ticket=ticket, possession=True)
    ids = mail.referenced_ids
    ticket = _ticket_of_outgoing(ids)
    if ticket is not None:
        return Route(via=Via.THREAD, ticket=ticket, possession=True)
    reference = _reference_from_message_ids(ids)
    if reference:
        ticket = Ticket.objects.select_related("requester").filter(reference=reference).first()
        if ticket is not None:
            return Route(via=Via.THREAD, ticket=ticket, possession=True)
    ticket = _ticket_of_logged(ids)
    if ticket is not None:
        return Route(via=Via.THREAD, ticket=ticket)
    return Route(via=Via.NEW)


def sender_user(mail: ParsedMail) -> User | None:
    """The active account whose address the From: header names, if any.

    The From: header is the sender's claim, not proof: services.py believes it for staff
    only with authentication (sender_authentication, agent reply addresses) and holds new
    tickets of an unauthenticated sender until the account holder confirms them.
    """
    if not mail.sender:
        return None
    return User.objects.filter(email__iexact=mail.sender, is_active=True).first()


def sender_authentication(mail: ParsedMail) -> MailAuthentication:
    """What our receiving server vouched for about the mail's From: domain."""
    return authentication_read(
        mail.authentication_results,
        from_domain=mail.sender.rpartition("@")[2],
        authserv_id=settings.INBOUND_AUTHSERV_ID,
    )


def sender_may_reply(user: User, ticket: Ticket) -> bool:
    """Only the requester, or an agent who may work the ticket (its team's), may add to a
    ticket's thread by mail."""
    return ticket.requester_id == user.pk or can_work(user, ticket)

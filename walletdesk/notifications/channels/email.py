"""The e-mail channel: a trio of templates per kind, rendered in the recipient's language.

Every mail of a ticket carries References / In-Reply-To pointing at one root id per ticket,
so mail clients thread them; Message-ID derives from the notification id, so a retry sends
the very same message (a receiver that already has it can drop it). Reply-To is the
ticket's signed reply address (addresses.py); List-Unsubscribe a signed one-click link that
turns this kind of e-mail off.

A forum mail (FORUM_KINDS) threads per topic and has no reply address: nobody answers the
forum by mail, and it says so. It names the topic and links to the post, and never carries
the post's text: a post may be held or hidden later, and the forum is where impersonators
write, so the words of the post are read on the site alone.
"""

from typing import Any

from django.conf import settings
from django.core import signing
from django.urls import reverse

from walletdesk.core.mail import EmailMultiAlternatives, mail_build
from walletdesk.notifications.addresses import (
    agent_reply_address,
    reply_domain,
    ticket_reply_address,
)
from walletdesk.notifications.models import FORUM_KINDS, Channel, Kind, Notification
from walletdesk.tickets.models import Message, Ticket, TicketEvent
from walletdesk.tickets.satisfaction import survey_token

UNSUBSCRIBE_SALT = "walletdesk.notifications.unsubscribe"
# Kinds that quote the agent's latest public message in the mail.
_QUOTES_MESSAGE = {Kind.AGENT_REPLIED, Kind.INFO_REQUESTED, Kind.RESOLVED}


def message_id_for(notification: Notification) -> str:
    return f"<n-{notification.pk}@{reply_domain()}>"


def thread_id_for(notification: Notification) -> str:
    if notification.ticket_id is None:
        return f"<{notification.thread}@{reply_domain()}>" if notification.thread else ""
    return f"<ticket-{notification.ticket_id}@{reply_domain()}>"


def unsubscribe_token(notification: Notification) -> str:
    return signing.dumps(
        {"u": str(notification.recipient_id), "k": notification.kind, "c": Channel.EMAIL},
        salt=UNSUBSCRIBE_SALT,
    )


def _ticket_url(notification: Notification, ticket: Ticket) -> str:
    if ticket.is_support_for(notification.recipient):
        path = reverse("console:detail", args=[ticket.reference])
    else:
        path = reverse("portal:detail", args=[ticket.reference])
    return f"{settings.SITE_URL}{path}"


def _survey_links(notification: Notification, ticket: Ticket) -> list[tuple[int, str]]:
    """One signed link per score for the requester of a resolved ticket not yet rated."""
    if (
        notification.kind not in (Kind.RESOLVED, Kind.SURVEY_REMINDER)
        or notification.recipient_id != ticket.requester_id
        or not ticket.can_be_rated
    ):
        return []
    path = reverse("portal:survey", args=[survey_token(ticket)])
    return [(score, f"{settings.SITE_URL}{path}?score={score}") for score in range(1, 6)]


def _context(notification: Notification, ticket: Ticket, event: TicketEvent) -> dict[str, Any]:
    message = None
    if notification.kind in _QUOTES_MESSAGE:
        message = (
            Message.objects.filter(
                ticket=ticket, is_internal=False, created_at__lte=event.created_at
            )
            .exclude(author_role=Message.AuthorRole.CUSTOMER)
            .order_by("-created_at")
            .first()
        )
    elif notification.kind == Kind.CUSTOMER_REPLIED:
        message = (
            Message.objects.filter(ticket=ticket, author_role=Message.AuthorRole.CUSTOMER)
            .order_by("-created_at")
            .first()
        )
    return {
        **_common_context(notification),
        "survey_links": _survey_links(notification, ticket),
        "ticket": ticket,
        "event": event,
        "message": message,
        "rejection_reason": ticket.rejection_reason,
        "rejection_message": event.reason if notification.kind == Kind.REJECTED else "",
        "ticket_url": _ticket_url(notification, ticket),
    }


def _common_context(notification: Notification) -> dict[str, Any]:
    unsubscribe_path = reverse("notifications:unsubscribe", args=[unsubscribe_token(notification)])
    return {
        "notification": notification,
        "recipient": notification.recipient,
        "unsubscribe_url": f"{settings.SITE_URL}{unsubscribe_path}",
        "preferences_url": f"{settings.SITE_URL}{reverse('notifications:preferences')}",
        "site_url": settings.SITE_URL,
    }


def _forum_context(notification: Notification) -> dict[str, Any]:
    # Only a path on this site becomes the link: the mail never leads anywhere else.
    path = notification.site_path or reverse("notifications:list")
    return {
        **_common_context(notification),
        "title": notification.title,
        "post_url": f"{settings.SITE_URL}{path}",
    }


class NotAboutATicketError(ValueError):
    """Mail speaks of a ticket (its reply address, thread and templates), the forum's kinds
    aside; a notification of another kind about none was queued by mistake."""


def _unsubscribe_headers(context: dict[str, Any]) -> dict[str, str]:
    return {
        "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        # We send automatically: auto-responders must not answer (RFC 3834).
        "Auto-Submitted": "auto-generated",
    }


def _forum_email_build(notification: Notification) -> EmailMultiAlternatives:
    context = _forum_context(notification)
    headers = {"Message-ID": message_id_for(notification)}
    thread = thread_id_for(notification)
    if thread:
        headers |= {"In-Reply-To": thread, "References": thread}
    # No Reply-To: nothing reads a reply to a forum mail (the mail says to answer on the site).
    return mail_build(
        f"notifications/email/{notification.kind}",
        context,
        to=notification.recipient.email,
        language=notification.recipient.language,
        headers=headers | _unsubscribe_headers(context),
    )


def email_build(notification: Notification) -> EmailMultiAlternatives:
    """Build the notification's mail in its recipient's language (no sending).

    Raises NotAboutATicketError for a notification of a ticket's kind without a ticket
    (delivery records it on the row like any failed send).
    """
    if notification.kind in FORUM_KINDS:
        return _forum_email_build(notification)
    ticket, event = notification.ticket, notification.event
    if ticket is None or event is None:
        raise NotAboutATicketError(notification.kind)
    context = _context(notification, ticket, event)
    thread = thread_id_for(notification)
    return mail_build(
        f"notifications/email/{notification.kind}",
        context,
        to=notification.recipient.email,
        language=notification.recipient.language,
        # Staff get their own reply address: a reply to it is proof of their mailbox.
        reply_to=[
            agent_reply_address(ticket, notification.recipient)
            if notification.recipient.is_agent
            else ticket_reply_address(ticket)
        ],
        headers={
            "Message-ID": message_id_for(notification),
            "In-Reply-To": thread,
            "References": thread,
            **_unsubscribe_headers(context),
            "X-WalletDesk-Ticket": ticket.reference,
        },
    )


def email_send(notification: Notification) -> None:
    """Send one notification's mail; raises whatever the backend raises."""
    email_build(notification).send(fail_silently=False)

"""Notification rows for page tests, written directly (no delivery, no ticket flow)."""

import uuid

from walletdesk.accounts.models import User
from walletdesk.notifications.models import Channel, Kind, Notification, State
from walletdesk.tickets.models import Ticket, TicketEvent
from walletdesk.tickets.tests.factories import TicketFactory


def inapp_notification(
    *, recipient: User, ticket: Ticket | None = None, kind: str = Kind.AGENT_REPLIED
) -> Notification:
    """One unread in-app notification for ``recipient`` on its own event (a new ticket of
    theirs unless ``ticket`` is given)."""
    ticket = ticket or TicketFactory(requester=recipient)
    event = TicketEvent.objects.create(
        ticket=ticket, actor=None, kind=TicketEvent.Kind.AGENT_REPLIED
    )
    notification: Notification = Notification.objects.create(
        recipient=recipient,
        kind=kind,
        channel=Channel.INAPP,
        ticket=ticket,
        event=event,
        state=State.SENT,
    )
    return notification


def forum_notification(
    *,
    recipient: User,
    link: str = "/community/t/00000000-0000-0000-0000-000000000001/",
    kind: str = Kind.FORUM_ANSWER,
    source: str = "",
) -> Notification:
    """One unread in-app notification about no ticket, as the forum writes them."""
    notification: Notification = Notification.objects.create(
        recipient=recipient,
        kind=kind,
        channel=Channel.INAPP,
        link=link,
        source=source or f"forum-post:{uuid.uuid4()}",
        state=State.SENT,
    )
    return notification

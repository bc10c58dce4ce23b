"""Who else has a ticket open in the console, and who is typing a reply to it.

Each agent's page says so every few seconds (console's presence endpoint); the mark lives in
the Django cache for PRESENCE_TTL seconds, one key per ticket and agent, so it is shared by
every web process (Redis in production, the database cache of the embedded default) and
needs no cleaning: a closed page simply stops renewing it. Reading the others is one
get_many over the agents who may work the ticket. Nothing is stored in the database.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

from django.core.cache import cache
from django.db import DatabaseError
from django.utils import timezone

from walletdesk.accounts.models import User
from walletdesk.tickets.models import Ticket

PRESENCE_TTL = 30

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Present:
    user_id: UUID
    name: str
    typing: bool


def _key(ticket_id: UUID, user_id: UUID) -> str:
    return f"presence:{ticket_id}:{user_id}"


def presence_mark(*, ticket: Ticket, agent: User, typing: bool) -> None:
    """``agent`` has ``ticket`` open (and is typing a reply, if ``typing``)."""
    mark = {"name": agent.short_name, "typing": typing, "at": timezone.now().timestamp()}
    try:
        cache.set(_key(ticket.pk, agent.pk), mark, PRESENCE_TTL)
    except DatabaseError:
        # The marks are advisory and renewed every few seconds: when the embedded default's
        # database is busy with another write, this heartbeat is skipped, not an error page.
        logger.warning("presence mark skipped: the cache could not be written")


def presence_leave(*, ticket: Ticket, agent: User) -> None:
    try:
        cache.delete(_key(ticket.pk, agent.pk))
    except DatabaseError:
        logger.warning("presence leave skipped: the cache could not be written")


def presence_others(*, ticket: Ticket, agent: User, candidates: Iterable[User]) -> list[Present]:
    """The agents among ``candidates`` (those who may work the ticket) other than ``agent``
    who have it open now, typing ones first."""
    ids = [c.pk for c in candidates if c.pk != agent.pk]
    try:
        found = cache.get_many([_key(ticket.pk, user_id) for user_id in ids])
    except DatabaseError:
        logger.warning("presence read skipped: the cache could not be read")
        return []
    present = []
    for user_id in ids:
        mark = found.get(_key(ticket.pk, user_id))
        if isinstance(mark, dict):
            present.append(Present(user_id, str(mark.get("name", "")), bool(mark.get("typing"))))
    return sorted(present, key=lambda p: (not p.typing, p.name))

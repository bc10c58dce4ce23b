"""Reads of held mail, scoped to the account holder.

Whether a user has held mail is asked on every visit of their tickets page and at each
sign-in, so the count is cached per user (services.py forgets it whenever a mail is held or
decided, and it lapses on its own within minutes); the list itself is read only when there
is something to list.
"""

from uuid import UUID

from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone

from walletdesk.accounts.models import User
from walletdesk.inbound.models import HOLD_FOR, HeldMail
from walletdesk.inbound.parsing import ParsedMail, mail_parse

_COUNT_CACHED_FOR = 10 * 60


def _count_key(user_id: UUID | str) -> str:
    return f"inbound:held-pending:{user_id}"


def held_count_forget(user_id: UUID | str) -> None:
    """Drop the cached count of ``user_id``'s held mail (after one was held or decided)."""
    cache.delete(_count_key(user_id))


def held_tickets_pending(user: User) -> QuerySet[HeldMail]:
    """``user``'s new tickets by mail that wait for their confirmation, newest first."""
    return HeldMail.objects.filter(
        user=user,
        kind=HeldMail.Kind.NEW_TICKET,
        state=HeldMail.State.PENDING,
        created_at__gte=timezone.now() - HOLD_FOR,
    ).defer("raw")


def held_tickets_pending_count(user: User) -> int:
    """How many of ``user``'s new tickets by mail wait for them (cached, see above)."""
    key = _count_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = held_tickets_pending(user).count()
        cache.set(key, count, _COUNT_CACHED_FOR)
    return int(count)


def held_tickets_pending_list(user: User, *, limit: int = 10) -> list[HeldMail]:
    """Up to ``limit`` of them; no query at all when the cached count is nought."""
    if not held_tickets_pending_count(user):
        return []
    return list(held_tickets_pending(user)[:limit])


def held_ticket_get(user: User, held_id: str) -> HeldMail | None:
    """One of ``user``'s pending held tickets, or None (someone else's, decided, expired)."""
    return held_tickets_pending(user).filter(pk=held_id).defer(None).first()


def held_mail_read(held: HeldMail) -> ParsedMail:
    """The held mail as parsed, for the account holder to recognise it before deciding."""
    return mail_parse(bytes(held.raw))

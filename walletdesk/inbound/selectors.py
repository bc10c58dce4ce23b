"""Reads of held mail, scoped to the account holder."""

from django.db.models import QuerySet
from django.utils import timezone

from walletdesk.accounts.models import User
from walletdesk.inbound.models import HeldMail
from walletdesk.inbound.parsing import ParsedMail, mail_parse
from walletdesk.inbound.services import HOLD_FOR


def held_tickets_pending(user: User) -> QuerySet[HeldMail]:
    """``user``'s new tickets by mail that wait for their confirmation, newest first."""
    return HeldMail.objects.filter(
        user=user,
        kind=HeldMail.Kind.NEW_TICKET,
        state=HeldMail.State.PENDING,
        created_at__gte=timezone.now() - HOLD_FOR,
    ).defer("raw")


def held_ticket_get(user: User, held_id: str) -> HeldMail | None:
    """One of ``user``'s pending held tickets, or None (someone else's, decided, expired)."""
    return held_tickets_pending(user).filter(pk=held_id).defer(None).first()


def held_mail_read(held: HeldMail) -> ParsedMail:
    """The held mail as parsed, for the account holder to recognise it before deciding."""
    return mail_parse(bytes(held.raw))

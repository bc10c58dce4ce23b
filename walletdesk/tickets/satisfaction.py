"""The satisfaction survey: what a requester may say about a resolved ticket, and the signed
link in the resolution e-mail that lets them say it without signing in.

A link names one ticket and is signed with the site's secret (Django's signing, its own salt),
so it cannot be made for another ticket; it is good for SURVEY_LINK_VALID_FOR seconds and
once: a ticket is rated once (tickets.services.ticket_rate). Opening the link records nothing
(mail scanners open links); the page it opens has the chosen score ticked and records it when
the requester sends it.
"""

from dataclasses import dataclass
from uuid import UUID

from django.conf import settings
from django.core import signing
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.models import Ticket

SURVEY_SALT = "walletdesk.tickets.survey"


@dataclass(frozen=True)
class Reason:
    code: str
    label: str | Promise
    # Whether the reason praises (shown with high scores first) or complains.
    praise: bool


REASONS = (
    Reason("solved", _("My problem is solved"), praise=True),
    Reason("fast", _("The answer came quickly"), praise=True),
    Reason("clear", _("The answer was clear"), praise=True),
    Reason("not_solved", _("My problem is not solved"), praise=False),
    Reason("slow", _("I waited too long"), praise=False),
    Reason("unclear", _("The answer was hard to follow"), praise=False),
    Reason("other", _("Something else"), praise=False),
)
REASON_CODES = frozenset(reason.code for reason in REASONS)


def survey_token(ticket: Ticket) -> str:
    return signing.dumps({"t": str(ticket.pk)}, salt=SURVEY_SALT)


def survey_ticket(token: str) -> Ticket:
    """The ticket a survey link names. Raises TicketError(SURVEY_LINK_INVALID) for a link that
    was altered, made elsewhere, has expired, or names a ticket that is gone."""
    try:
        payload = signing.loads(token, salt=SURVEY_SALT, max_age=settings.SURVEY_LINK_VALID_FOR)
        ticket_id = UUID(str(payload["t"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise TicketError(TicketError.Code.SURVEY_LINK_INVALID) from None
    ticket = Ticket.objects.select_related("category", "requester").filter(pk=ticket_id).first()
    if ticket is None:
        raise TicketError(TicketError.Code.SURVEY_LINK_INVALID)
    return ticket


def reasons_clean(codes: object) -> list[str]:
    """Known reason codes, each once, in the survey's order. Raises INVALID_RATING otherwise."""
    if not isinstance(codes, list | tuple) or not all(isinstance(c, str) for c in codes):
        raise TicketError(TicketError.Code.INVALID_RATING)
    if set(codes) - REASON_CODES:
        raise TicketError(TicketError.Code.INVALID_RATING)
    return [reason.code for reason in REASONS if reason.code in codes]

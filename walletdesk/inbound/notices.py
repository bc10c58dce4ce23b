"""The short answers the desk mails back when it cannot take an inbound mail as it is.

Each notice is a template trio under inbound/email/ and is written in the language active
when it is made (the caller activates the sender's); the answer to an unknown sender, whose
language nobody knows, carries Simplified Chinese and English. ``notice_build`` makes the
mail: an automatic answer (RFC 3834) threaded under the mail it answers.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from walletdesk.core.mail import EmailMultiAlternatives, mail_build
from walletdesk.tickets.models import Ticket


@dataclass(frozen=True)
class Notice:
    """Which notice (a template under inbound/email/), what it says, and in which language."""

    name: str
    context: Mapping[str, Any]
    language: str


def _notice(name: str, **context: Any) -> Notice:
    language = translation.get_language() or settings.LANGUAGE_CODE
    return Notice(name=name, context=context, language=language)


def _url(name: str, *args: str) -> str:
    return f"{settings.SITE_URL}{reverse(name, args=args)}"


def notice_build(notice: Notice, *, to: str, in_reply_to: str) -> EmailMultiAlternatives:
    """The mail for ``notice`` to ``to``, answering the mail whose Message-ID is given."""
    return mail_build(
        f"inbound/email/{notice.name}",
        notice.context,
        to=to,
        language=notice.language,
        headers={
            # RFC 3834: an automatic answer; well-behaved responders do not answer it.
            "Auto-Submitted": "auto-replied",
            "X-Auto-Response-Suppress": "All",
            "Precedence": "auto_reply",
            "In-Reply-To": in_reply_to,
            "References": in_reply_to,
        },
    )


def unknown_sender() -> Notice:
    """Bilingual: Simplified Chinese first, then English."""
    return Notice(
        name="unknown_sender",
        context={
            "register_url": _url("accounts:register"),
            "submit_url": _url("portal:new"),
            "support": settings.SUPPORT_ADDRESS,
        },
        language=settings.LANGUAGE_CODE,
    )


def too_large(*, size: int) -> Notice:
    return _notice(
        "too_large", size=size, limit=settings.INBOUND_MAX_BYTES, url=_url("portal:list")
    )


def unverified() -> Notice:
    return _notice("unverified", login_url=_url("accounts:login"), submit_url=_url("portal:new"))


def open_refused(*, reason: str) -> Notice:
    return _notice("open_refused", reason=reason, url=_url("portal:new"))


def reply_refused(*, ticket: Ticket, reason: str) -> Notice:
    return _notice(
        "reply_refused",
        reference=ticket.reference,
        reason=reason,
        url=_url("portal:detail", ticket.reference),
    )


def files_refused(*, ticket: Ticket, refused: list[tuple[str, str]]) -> Notice:
    return _notice(
        "files_refused",
        reference=ticket.reference,
        refused=list(refused),
        url=_url("portal:detail", ticket.reference),
    )


def secret_masked(*, ticket: Ticket) -> Notice:
    return _notice("secret_masked", reference=ticket.reference)


def confirm_needed(*, held_id: str, days: int) -> Notice:
    """To the account's own address: a new ticket in their name waits for them on the site.

    Nothing of the held mail is repeated: its text is the sender's, who may not be them.
    """
    return _notice("confirm_needed", url=_url("portal:held", held_id), days=days)

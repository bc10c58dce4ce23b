"""The short answers the desk mails back when it cannot take an inbound mail as it is.

Each builds its text in the active language (the caller activates the sender's); the answer
to an unknown sender, whose language nobody knows, carries Simplified Chinese and English.
"""

from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from walletdesk.tickets.models import Ticket


@dataclass(frozen=True)
class Notice:
    subject: str
    body: str


def _url(name: str, *args: str) -> str:
    return f"{settings.SITE_URL}{reverse(name, args=args)}"


def _never_ask() -> str:
    return _("IM Wallet Support never asks for your recovery phrase or private key.")


def _unknown_sender_text() -> tuple[str, str]:
    subject = _("How to contact IM Wallet Support")
    body = _(
        "We received your e-mail, but this address does not belong to an IM Wallet Support "
        "account, so we could not open a ticket.\n\n"
        "To get help: register at %(register_url)s with this e-mail address and verify it, "
        "then submit a ticket at %(submit_url)s. Once your address is verified you can also "
        "write to %(support)s and we will open a ticket for you."
    ) % {
        "register_url": _url("accounts:register"),
        "submit_url": _url("portal:new"),
        "support": settings.SUPPORT_ADDRESS,
    }
    return subject, f"{body}\n\n{_never_ask()}"


def unknown_sender() -> Notice:
    """Bilingual: Simplified Chinese first, then English."""
    parts = []
    for language in ("zh-hans", "en"):
        with translation.override(language):
            parts.append(_unknown_sender_text())
    subject = f"{parts[0][0]} / {parts[1][0]}"
    return Notice(subject=subject, body=f"{parts[0][1]}\n\n-----\n\n{parts[1][1]}\n")


def too_large(*, size: int) -> Notice:
    return Notice(
        subject=_("Your e-mail was too large"),
        body=_(
            "Your e-mail (%(size)s) was not accepted because it is larger than %(limit)s. "
            "Please send it again with fewer or smaller attachments, or upload the files on "
            "your ticket's page: %(url)s"
        )
        % {
            "size": filesizeformat(size),
            "limit": filesizeformat(settings.INBOUND_MAX_BYTES),
            "url": _url("portal:list"),
        },
    )


def unverified() -> Notice:
    return Notice(
        subject=_("Please verify your e-mail address"),
        body=_(
            "We could not open a ticket from your e-mail because your address is not verified "
            "yet. Please sign in at %(login_url)s, verify your address, then send the e-mail "
            "again or submit a ticket at %(submit_url)s."
        )
        % {"login_url": _url("accounts:login"), "submit_url": _url("portal:new")},
    )


def open_refused(*, reason: str) -> Notice:
    return Notice(
        subject=_("We could not open a ticket from your e-mail"),
        body=_("We could not open a ticket from your e-mail: %(reason)s\n\nSubmit it at %(url)s.")
        % {"reason": reason, "url": _url("portal:new")},
    )


def reply_refused(*, ticket: Ticket, reason: str) -> Notice:
    return Notice(
        subject=_("Your e-mail was not added to ticket %(reference)s")
        % {"reference": ticket.reference},
        body=_(
            "Your e-mail could not be added to ticket %(reference)s: %(reason)s\n\n"
            "You can see the ticket at %(url)s."
        )
        % {
            "reference": ticket.reference,
            "reason": reason,
            "url": _url("portal:detail", ticket.reference),
        },
    )


def files_refused(*, ticket: Ticket, refused: list[tuple[str, str]]) -> Notice:
    lines = "\n".join(f"- {name}: {why}" for name, why in refused)
    return Notice(
        subject=_("Some files were not attached to ticket %(reference)s")
        % {"reference": ticket.reference},
        body=_(
            "Your message was added to ticket %(reference)s, but these files were not "
            "attached:\n%(files)s\n\nYou can upload them on the ticket's page: %(url)s"
        )
        % {
            "reference": ticket.reference,
            "files": lines,
            "url": _url("portal:detail", ticket.reference),
        },
    )


def secret_masked(*, ticket: Ticket) -> Notice:
    return Notice(
        subject=_("Never send your recovery phrase or private key"),
        body=_(
            "Your e-mail to ticket %(reference)s contained what looks like a recovery phrase "
            "or a private key. We stored it masked, so nobody at support can read it. If it "
            "was real, anyone who saw it can take your funds: move them to a new wallet now."
        )
        % {"reference": ticket.reference}
        + "\n\n"
        + _never_ask(),
    )

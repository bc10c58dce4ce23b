"""The log of every mail that reached the desk by IMAP or SMTP.

One row per Message-ID (unique), claimed before the mail is processed, so the same mail
delivered twice (an IMAP poll that died before marking it seen, an MTA retrying after a
timeout) is never processed twice. The row holds where the mail went and why, never its
body: a refused mail's text is not ours to keep.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from walletdesk.core.models import BaseModel


class InboundMessage(BaseModel):
    class State(models.TextChoices):
        PROCESSING = "processing", _("Being processed")
        REPLY_ADDED = "reply_added", _("Added to a ticket")
        TICKET_OPENED = "ticket_opened", _("Opened a ticket")
        IGNORED = "ignored", _("Ignored (auto-reply, bounce or list mail)")
        REFUSED = "refused", _("Refused")
        HELD = "held", _("Held (sender not authenticated)")
        FAILED = "failed", _("Failed")

    class Source(models.TextChoices):
        IMAP = "imap", "IMAP"
        SMTP = "smtp", "SMTP"
        OTHER = "other", _("Other")

    # Message-IDs are at most 998 characters per RFC 5322 line limits; longer ones are hashed.
    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    source = models.CharField(_("source"), max_length=8, choices=Source.choices)
    sender = models.EmailField(_("sender"), max_length=254, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.PROCESSING
    )
    # A short code (see services.Reason), never text from the mail.
    reason = models.CharField(_("reason"), max_length=40, blank=True)
    ticket = models.ForeignKey(
        "tickets.Ticket",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inbound_messages",
    )
    ticket_message = models.ForeignKey(
        "tickets.Message", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    replied = models.BooleanField(_("answered with a notice"), default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("inbound e-mail")
        verbose_name_plural = _("inbound e-mails")
        indexes = [models.Index(fields=["state", "created_at"], name="inbound_state_created")]

    def __str__(self) -> str:
        return self.message_id


# How long a new ticket from an unauthenticated sender waits for its account holder.
HOLD_FOR = timedelta(days=7)


class HeldMail(BaseModel):
    """A mail whose From: our receiving server did not vouch for (inbound/authentication.py).

    Two kinds. A mail from a staff address that is neither signed by its domain nor sent to
    that staff member's own reply address is never stored as a staff reply: it is kept here,
    for administrators to see, with its subject but not its body. A new ticket from an
    unauthenticated address waits here, raw, until the account holder confirms it on the site
    (it then goes through the normal submission path) or declines it, for HOLD_FOR at most;
    the raw mail is dropped either way. A mail whose text holds a wallet secret is never held.
    """

    class Kind(models.TextChoices):
        STAFF_REPLY = "staff_reply", _("Staff reply without authentication")
        NEW_TICKET = "new_ticket", _("New ticket waiting for confirmation")

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for the account holder")
        REFUSED = "refused", _("Refused")
        CONFIRMED = "confirmed", _("Confirmed: ticket opened")
        DECLINED = "declined", _("Declined: discarded")

    inbound = models.OneToOneField(
        InboundMessage, on_delete=models.CASCADE, related_name="held", verbose_name=_("e-mail")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    state = models.CharField(_("state"), max_length=16, choices=State.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="held_mails",
        verbose_name=_("account"),
    )
    # The ticket a staff reply was addressed to, or the one a confirmation opened.
    ticket = models.ForeignKey(
        "tickets.Ticket", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    # The whole mail, only while it waits for its account holder.
    raw = models.BinaryField(_("raw mail"), blank=True, default=b"", editable=False)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("held e-mail")
        verbose_name_plural = _("held e-mails")
        indexes = [models.Index(fields=["user", "state"], name="inbound_held_user_state")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.subject}"

"""The log of every mail that reached the desk by IMAP or SMTP.

One row per Message-ID (unique), claimed before the mail is processed, so the same mail
delivered twice (an IMAP poll that died before marking it seen, an MTA retrying after a
timeout) is never processed twice. The row holds where the mail went and why, never its
body: a refused mail's text is not ours to keep.
"""

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

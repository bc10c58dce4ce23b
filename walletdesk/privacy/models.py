"""What the user's data rights leave behind: their exports, and which tickets lost their
personal data (by erasure or by the retention sweep)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from walletdesk.core.models import BaseModel


class DataExport(BaseModel):
    """One ZIP of a user's data: built in the background, fetched once through an e-mailed
    signed link, its file deleted once fetched or expired (privacy.services)."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to be built")
        BUILDING = "building", _("Being built")
        READY = "ready", _("Ready to download")
        DOWNLOADED = "downloaded", _("Downloaded")
        EXPIRED = "expired", _("Expired")
        FAILED = "failed", _("Failed")

    # One export in progress or waiting to be fetched per user (the partial unique constraint):
    # the rule holds across every web process and worker, whatever the cache.
    OPEN_STATES = (State.PENDING, State.BUILDING, State.READY)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports"
    )
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.PENDING
    )
    # The language the README and the e-mail are written in (the user's, when asked).
    language = models.CharField(max_length=8)
    storage_key = models.CharField(max_length=200, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    downloaded_at = models.DateTimeField(null=True, blank=True)
    # Set once the ZIP is gone from storage (downloaded or expired): the sweep's mark.
    file_deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(state__in=["pending", "building", "ready"]),
                name="data_export_one_open_per_user",
            )
        ]
        indexes = [models.Index(fields=["user", "-created_at"], name="data_export_user_idx")]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.state}"


class AnonymisedTicket(models.Model):
    """A ticket whose personal data was removed, when and why: the retention sweep skips it,
    so a run twice does nothing twice."""

    class Reason(models.TextChoices):
        ERASURE = "erasure", _("The customer asked for erasure")
        RETENTION = "retention", _("Retention period over")

    ticket = models.OneToOneField(
        "tickets.Ticket",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="anonymisation",
    )
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    anonymised_at = models.DateTimeField(_("anonymised at"))

    class Meta:
        verbose_name = _("anonymised ticket")
        verbose_name_plural = _("anonymised tickets")

    def __str__(self) -> str:
        return f"{self.ticket_id}:{self.reason}"

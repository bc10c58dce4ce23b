from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from walletdesk.core.catalogues import Catalogue
from walletdesk.core.models import BaseModel

MB = 1024 * 1024


class AttachmentLimits(models.Model):
    """The one row of upload limits administrators edit (id is always 1)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    max_file_bytes = models.PositiveBigIntegerField(_("largest file (bytes)"), default=10 * MB)
    max_files_per_message = models.PositiveSmallIntegerField(_("files per message"), default=6)
    max_bytes_per_message = models.PositiveBigIntegerField(
        _("all files of one message (bytes)"), default=30 * MB
    )
    max_files_per_ticket = models.PositiveSmallIntegerField(_("files per ticket"), default=30)
    max_bytes_per_ticket = models.PositiveBigIntegerField(
        _("all files of one ticket (bytes)"), default=100 * MB
    )
    # Decoded size is what costs memory: 40 million pixels is a 12-megapixel photo with room
    # to spare, and about 160 MB as RGBA while it is re-encoded.
    max_pixels = models.PositiveBigIntegerField(_("largest picture (pixels)"), default=40_000_000)
    max_dimension = models.PositiveIntegerField(
        _("longest side after re-encoding (pixels)"), default=4096
    )

    class Meta:
        verbose_name = _("attachment limits")
        verbose_name_plural = _("attachment limits")
        constraints = [models.CheckConstraint(condition=Q(id=1), name="attachment_limits_single")]

    def __str__(self) -> str:
        return str(_("Attachment limits"))

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.id = 1
        super().save(*args, **kwargs)
        _limits.forget()

    @classmethod
    def current(cls) -> "AttachmentLimits":
        """The limits in force; cached so pages that show them cost no query."""
        return _limits.get()


def _limits_load() -> AttachmentLimits:
    return AttachmentLimits.objects.filter(pk=1).first() or AttachmentLimits()


_limits: Catalogue[AttachmentLimits] = Catalogue("attachment-limits", _limits_load)


class AttachmentQuerySet(models.QuerySet["Attachment"]):
    def visible(self) -> "AttachmentQuerySet":
        """Stored, checked for wallet secrets and, where a scanner runs, scanned clean: the
        only files ever served."""
        return self.filter(
            scan_state__in=(Attachment.ScanState.CLEAN, Attachment.ScanState.NOT_SCANNED),
            check_state=Attachment.CheckState.CHECKED,
        )

    def listed(self) -> "AttachmentQuerySet":
        """What a ticket page lists: the visible files, and those still being checked for
        wallet secrets (shown by name, never served)."""
        return self.filter(
            scan_state__in=(Attachment.ScanState.CLEAN, Attachment.ScanState.NOT_SCANNED),
            check_state__in=(Attachment.CheckState.CHECKED, Attachment.CheckState.CHECKING),
        )


class Attachment(BaseModel):
    class Kind(models.TextChoices):
        PNG = "png", "PNG"
        JPEG = "jpeg", "JPEG"
        WEBP = "webp", "WebP"
        PDF = "pdf", "PDF"

    class ScanState(models.TextChoices):
        NOT_SCANNED = "not_scanned", _("Not scanned (no scanner configured)")
        PENDING = "pending", _("Waiting for the malware scan")
        CLEAN = "clean", _("Scanned clean")

    class RemovalReason(models.TextChoices):
        SECRET = "secret", _("It held a recovery phrase or private key")
        ERASURE = "erasure", _("Removed with the customer's personal data")

    class CheckState(models.TextChoices):
        """The secret guard's reading of the file: in the request for most files; a long PDF
        is stored "checking" and read by a background worker (services.attachment_check)."""

        CHECKED = "checked", _("Checked")
        CHECKING = "checking", _("Being checked for recovery phrases")
        REFUSED = "refused", _("Refused")

    ticket = models.ForeignKey(
        "tickets.Ticket", on_delete=models.CASCADE, related_name="attachments"
    )
    # Null: attached to the ticket's first submission (its description), not to a reply.
    message = models.ForeignKey(
        "tickets.Message",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
    )
    uploader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    display_name = models.CharField(_("file name"), max_length=160)
    storage_key = models.CharField(max_length=200, unique=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    scan_state = models.CharField(
        max_length=16, choices=ScanState.choices, default=ScanState.NOT_SCANNED
    )
    check_state = models.CharField(
        _("secret check"), max_length=16, choices=CheckState.choices, default=CheckState.CHECKED
    )
    # When a worker took the background check; another may take it after a lease.
    check_claimed_at = models.DateTimeField(null=True, blank=True)
    # The door the file came in through (guard Channel), for the catch a background check
    # records.
    check_channel = models.CharField(max_length=8, blank=True)
    # Why a background check refused the file: an AttachmentError code (secret_detected, ...).
    refused_reason = models.CharField(_("reason refused"), max_length=32, blank=True)
    # Copied from the message when stored: internal-note files never reach the customer,
    # and the customer-side query can filter on this column without a join.
    is_internal = models.BooleanField(default=False)
    # A tombstone once set: the file is gone from storage, the row stays so the thread still
    # says a file was there, when it went and why. Never served again (attachments/downloads.py).
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_reason = models.CharField(
        _("why it was removed"), max_length=16, choices=RemovalReason.choices, blank=True
    )

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        indexes = [
            models.Index(fields=["ticket", "created_at"], name="attachment_ticket_idx"),
            # The sweep's lookup of files still being checked: a handful of rows, ever.
            models.Index(
                fields=["created_at"],
                name="attachment_checking_idx",
                condition=Q(check_state="checking"),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None

    def is_checking(self) -> bool:
        return self.check_state == self.CheckState.CHECKING

    @property
    def is_image(self) -> bool:
        return self.kind != self.Kind.PDF

    @property
    def content_type(self) -> str:
        return {
            self.Kind.PNG: "image/png",
            self.Kind.JPEG: "image/jpeg",
            self.Kind.WEBP: "image/webp",
            self.Kind.PDF: "application/pdf",
        }[self.Kind(self.kind)]

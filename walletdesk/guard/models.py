"""The secret guard's log: where a wallet secret was caught, never the secret itself."""

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from walletdesk.core.models import AppendOnlyError


class Channel(models.TextChoices):
    """The door a text came in through: web and API can ask back, e-mail cannot."""

    WEB = "web", _("Web")
    API = "api", _("API")
    EMAIL = "email", _("E-mail")


class SecretCatchQuerySet(models.QuerySet["SecretCatch"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("Secret catches are append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Secret catches are append-only.")


class SecretCatch(models.Model):
    """A wallet secret was found in text someone tried to store, or an agent's reply asked for
    one. Records where and what kind, never the text: the secret must not be stored anywhere."""

    Channel = Channel

    id = models.BigAutoField(primary_key=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Named by label, not imported: every app calls the guard, so it sits below all of them.
    ticket = models.ForeignKey(
        "tickets.Ticket",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="secret_catches",
    )
    channel = models.CharField(max_length=16, choices=Channel.choices)
    # Form field names ("description", "body", "display_name", "filename").
    fields = models.JSONField(default=list)
    # SecretKind values, or "asks_for_<RequestKind>" for an agent's reply held back.
    kinds = models.JSONField(default=list)
    # Stored masked (channels that cannot ask back) rather than refused.
    was_masked = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects: ClassVar[Any] = SecretCatchQuerySet.as_manager()

    class Meta:
        # The table keeps the name it had when the log lived with tickets.
        db_table = "tickets_secretcatch"
        ordering = ["created_at", "id"]
        verbose_name = _("secret catch")
        verbose_name_plural = _("secret catches")
        indexes = [models.Index(fields=["created_at"], name="secretcatch_created_idx")]

    def __str__(self) -> str:
        return f"{self.channel}:{','.join(self.kinds)}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("Secret catches are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Secret catches are append-only.")


class RescanCursor(models.Model):
    """How far the rescan of stored text has read, per scope, for one version of the guard.

    One row per scope ("messages", "tickets", "attachment_names"). ``guard_version`` is the
    version that did the reading (guard/version.py); when the rules change, the scope starts
    again from its first key. ``position`` is the last primary key read (keys are read in
    order), ``finished_at`` when the scope was read to its end by this version. The rescan
    locks the row for each batch, so two workers never read the same batch.
    """

    scope = models.CharField(max_length=32, primary_key=True)
    guard_version = models.CharField(max_length=64)
    position = models.CharField(max_length=64, blank=True)
    checked = models.PositiveBigIntegerField(default=0)
    redacted = models.PositiveBigIntegerField(default=0)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("secret rescan cursor")
        verbose_name_plural = _("secret rescan cursors")

    def __str__(self) -> str:
        return f"{self.scope}@{self.guard_version}:{self.position or '-'}"

"""What the API keeps per device: sign-in tokens and the answers to retried requests."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from walletdesk.core.models import BaseModel


class DeviceTokenQuerySet(models.QuerySet["DeviceToken"]):
    def usable(self) -> "DeviceTokenQuerySet":
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class DeviceToken(BaseModel):
    """One signed-in device of the wallet app. Only the SHA-256 of the secret is stored:
    a copy of this table signs nobody in."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="device_tokens"
    )
    name = models.CharField(_("device name"), max_length=80, blank=True)
    key_hash = models.CharField(max_length=64, unique=True)
    # The first characters of the token, so a user can tell their devices apart.
    prefix = models.CharField(max_length=12)
    expires_at = models.DateTimeField(_("expires at"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = DeviceTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("device token")
        verbose_name_plural = _("device tokens")
        indexes = [models.Index(fields=["user", "-created_at"], name="devicetoken_user_recent_idx")]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"


class IdempotencyRecord(BaseModel):
    """The first answer to a POST sent with an Idempotency-Key, replayed to its retries.

    A row without ``status_code`` is a request still running: a concurrent retry waits for it
    (409) instead of creating a second ticket.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    endpoint = models.CharField(max_length=200)
    body_hash = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    expires_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_user_key_unique")
        ]
        indexes = [
            models.Index(
                fields=["expires_at"], name="idempotency_expiry_idx", condition=Q(key__gt="")
            )
        ]

    def __str__(self) -> str:
        return f"{self.endpoint} {self.key}"

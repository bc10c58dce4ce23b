"""Writes for API devices: issue and revoke sign-in tokens, note when one is used."""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from walletdesk.accounts.models import User
from walletdesk.audit.models import Kind as AuditKind
from walletdesk.audit.services import record as audit_record
from walletdesk.devices.models import DeviceToken
from walletdesk.devices.selectors import token_hash

TOKEN_PREFIX = "wdt_"  # noqa: S105 - a visible prefix, not a secret
# Writing last_used_at on every request would make every read a write; once a minute is enough.
_TOUCH_EVERY_FOR = 60


@dataclass(frozen=True)
class IssuedToken:
    token: DeviceToken
    secret: str  # shown once, to the device that signed in


@transaction.atomic
def device_token_issue(*, user: User, name: str = "") -> IssuedToken:
    """Create a token for one device. The secret is returned once and only its hash is kept.

    Expires after API_DEVICE_TOKEN_LIFETIME_FOR seconds. Records TOKEN_CREATED (with the
    token's visible prefix, never the secret) in the same transaction.
    """
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = DeviceToken.objects.create(
        user=user,
        name=" ".join(name.split())[:80],
        key_hash=token_hash(secret),
        prefix=secret[:12],
        expires_at=timezone.now() + timedelta(seconds=settings.API_DEVICE_TOKEN_LIFETIME_FOR),
    )
    audit_record(
        AuditKind.TOKEN_CREATED,
        actor=user,
        target=_token_label(token),
        token_id=token.pk,
        device_name=token.name,
    )
    return IssuedToken(token=token, secret=secret)


def _token_label(token: DeviceToken) -> str:
    return f"{token.prefix}… {token.name}".strip()


@transaction.atomic
def device_token_revoke(*, token: DeviceToken) -> DeviceToken:
    """Revoke a token (idempotent): the device is signed out at its next request.

    Records TOKEN_REVOKED, by the signed-in user of the request, in the same transaction; a
    token already revoked changes nothing and records nothing.
    """
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
        audit_record(
            AuditKind.TOKEN_REVOKED,
            target=_token_label(token),
            token_id=token.pk,
            owner_id=token.user_id,
        )
    return token


def device_token_touch(*, token: DeviceToken) -> None:
    """Note that the token was used, at most once a minute (no event: not a change)."""
    now = timezone.now()
    if token.last_used_at and (now - token.last_used_at).total_seconds() < _TOUCH_EVERY_FOR:
        return
    DeviceToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now

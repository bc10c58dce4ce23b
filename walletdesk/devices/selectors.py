"""Reads: a user's own device tokens, and the token behind an Authorization header."""

import hashlib

from django.db.models import QuerySet

from walletdesk.accounts.models import User
from walletdesk.devices.models import DeviceToken


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def device_token_list_for_user(*, user: User) -> QuerySet[DeviceToken]:
    """The user's tokens still usable, newest first. Others' tokens never appear."""
    return DeviceToken.objects.usable().filter(user=user).order_by("-created_at", "-id")


def device_token_get_for_user(*, user: User, token_id: str) -> DeviceToken | None:
    """One of the user's own usable tokens, or None (another user's id is simply not found)."""
    return device_token_list_for_user(user=user).filter(pk=token_id).first()


def device_token_find(*, raw: str) -> DeviceToken | None:
    """The usable token for a presented secret, with its user; None if unknown or expired."""
    return (
        DeviceToken.objects.usable()
        .select_related("user")
        .filter(key_hash=token_hash(raw), user__is_active=True)
        .first()
    )

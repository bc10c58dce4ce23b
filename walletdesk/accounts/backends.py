"""How a request finds its signed-in user."""

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError

from walletdesk.accounts.models import User
from walletdesk.core.compiled import CompiledLookup

_USER_BY_PK = CompiledLookup(User)


class AccountBackend(ModelBackend):
    """Django's model backend (e-mail and password, permissions), with the user of every
    signed-in request read through SQL compiled once per process."""

    def get_user(self, user_id: Any) -> User | None:
        try:
            user = _USER_BY_PK.get(user_id)
        except (ValidationError, ValueError, TypeError):  # not a key at all
            return None
        return user if user is not None and self.user_can_authenticate(user) else None

"""What every API view shares: the caller's language and time zone, 429 in our shape, and the
signed-in caller as our User."""

import contextlib
import zoneinfo
from typing import Any, Never

from django.utils import timezone, translation
from rest_framework.exceptions import NotAuthenticated
from rest_framework.request import Request
from rest_framework.views import APIView

from walletdesk.accounts.models import User
from walletdesk.api.throttling import RateLimited


def signed_in_user(request: Request) -> User:
    """The caller of a view that lets only signed-in people in (IsAuthenticated, the default).

    The permission check has already answered 401 to anyone else; should a view lose that
    permission, this answers 401 too rather than hand an anonymous user to a service.
    """
    user = request.user
    if not isinstance(user, User):
        raise NotAuthenticated
    return user


class ApiView(APIView):
    def perform_authentication(self, request: Request) -> None:
        super().perform_authentication(request)
        user = request.user
        # A device token signs in inside DRF, after the middleware that applies a session
        # user's preferences: apply them here, so messages and times follow the account.
        if user is not None and user.is_authenticated:
            translation.activate(user.language)
            with contextlib.suppress(zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.activate(zoneinfo.ZoneInfo(user.time_zone))

    def throttled(self, request: Request, wait: float | None) -> Never:
        raise RateLimited(int(wait or 1))

    def get_serializer_context(self) -> dict[str, Any]:
        return {"request": self.request, "view": self}

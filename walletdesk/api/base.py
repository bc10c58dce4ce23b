"""What every API view shares: the caller's language and time zone, and 429 in our shape."""

import contextlib
import zoneinfo
from typing import Any

from django.utils import timezone, translation
from rest_framework.request import Request
from rest_framework.views import APIView

from walletdesk.api.throttling import RateLimited


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

    def throttled(self, request: Request, wait: float | None) -> None:
        raise RateLimited(int(wait or 1))

    def get_serializer_context(self) -> dict[str, Any]:
        return {"request": self.request, "view": self}

"""DRF authentication by device token: ``Authorization: Bearer wdt_...``."""

from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from walletdesk.accounts.errors import AccountError
from walletdesk.accounts.models import User
from walletdesk.devices.models import DeviceToken
from walletdesk.devices.selectors import device_token_find
from walletdesk.devices.services import device_token_touch


class DeviceTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[User, DeviceToken] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None  # not ours: the session may still sign the caller in
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Send the token as: Authorization: Bearer <token>."), code="token_invalid"
            )
        try:
            raw = header[1].decode("ascii")
        except UnicodeDecodeError:
            raw = ""
        token = device_token_find(raw=raw) if raw else None
        if token is None:
            raise exceptions.AuthenticationFailed(
                _("This sign-in has expired or was revoked. Please sign in again."),
                code="token_invalid",
            )
        user = token.user
        if user.needs_second_factor and not user.has_second_factor:
            # A staff token from before two-step verification was set up (or after an
            # administrator reset it): the agent endpoints wait for it, as the console does.
            error = AccountError(AccountError.Code.SECOND_FACTOR_SETUP_REQUIRED)
            raise exceptions.AuthenticationFailed(error.message, code=error.code.value)
        device_token_touch(token=token)
        return user, token

    def authenticate_header(self, request: Request) -> str:
        # A 401 with this header (not a 403) tells the app to sign in again.
        return f'{self.keyword} realm="api"'

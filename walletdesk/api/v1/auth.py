"""Sign-in for the wallet app: device tokens (e-mail and password) and Sign-In with Ethereum."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from uuid import UUID

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from walletdesk.accounts.errors import AccountError
from walletdesk.accounts.models import User
from walletdesk.accounts.services import second_factor_require, user_sign_in_check
from walletdesk.api.base import ApiView, signed_in_user
from walletdesk.api.throttling import (
    SIGN_IN_PER_IP,
    SIWE_CONFIRM_PER_IP,
    SIWE_NONCE_PER_IP,
    SIWE_VERIFY_PER_IP,
    TOKEN_LIST_PER_USER,
    RateLimited,
    limit,
)
from walletdesk.core import ratelimit
from walletdesk.devices import selectors as device_selectors
from walletdesk.devices import services as device_services
from walletdesk.devices.models import DeviceToken
from walletdesk.siwe import services as siwe_services
from walletdesk.siwe.services import siwe_domain, siwe_uri

_OTP_HELP = (
    "The 6-digit code of the user's authenticator app, or one of their recovery codes. "
    "Required when the account has two-step verification: without it the answer is 403 "
    "second_factor_required."
)


def _otp_field() -> serializers.CharField:
    return serializers.CharField(
        max_length=20, required=False, allow_blank=True, help_text=_OTP_HELP
    )


class TokenInput(serializers.Serializer[Any]):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(max_length=128, trim_whitespace=False)
    device_name = serializers.CharField(max_length=80, required=False, allow_blank=True)
    otp = _otp_field()


class IssuedTokenSerializer(serializers.Serializer[Any]):
    token = serializers.CharField(help_text="Shown once. Send as: Authorization: Bearer <token>")
    id = serializers.UUIDField()
    device_name = serializers.CharField()
    expires_at = serializers.DateTimeField()


class DeviceTokenSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField()
    device_name = serializers.CharField(source="name")
    prefix = serializers.CharField()
    created_at = serializers.DateTimeField()
    last_used_at = serializers.DateTimeField(allow_null=True)
    expires_at = serializers.DateTimeField()
    current = serializers.SerializerMethodField()

    def get_current(self, obj: DeviceToken) -> bool:
        return bool(obj.pk == self.context.get("current_id"))


@contextmanager
def _lockouts_as_429() -> Iterator[None]:
    """An account's sign-in or second-factor lock answers 429 rate_limited with Retry-After,
    like every other limit of the API."""
    try:
        yield
    except AccountError as exc:
        if exc.code in (AccountError.Code.RATE_LIMITED, AccountError.Code.SECOND_FACTOR_LOCKED):
            raise RateLimited(60 * int(exc.params.get("minutes", 1)), exc.message) from exc
        raise


def _issued(user: User, device_name: str) -> Response:
    issued = device_services.device_token_issue(user=user, name=device_name)
    body = {
        "token": issued.secret,
        "id": issued.token.pk,
        "device_name": issued.token.name,
        "expires_at": issued.token.expires_at,
    }
    return Response(IssuedTokenSerializer(body).data, status=status.HTTP_201_CREATED)


class TokenCreateApi(ApiView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []  # credentials are in the body, not a session

    @extend_schema(
        operation_id="auth_token_create", request=TokenInput, responses={201: IssuedTokenSerializer}
    )
    def post(self, request: Request) -> Response:
        """Sign a device in with e-mail and password; the token is shown once.

        An account with two-step verification also sends ``otp``; without it the answer is
        403 ``second_factor_required`` (a wrong code: 400 ``second_factor_invalid``; too many:
        429 ``rate_limited`` with Retry-After). Staff without it get 403
        ``second_factor_setup_required``.
        No Idempotency-Key: replaying the answer would mean keeping the secret in clear.
        A retried sign-in makes a second token, which the user sees in the list and revokes.
        """
        ip = ratelimit.client_ip(request)
        limit([(SIGN_IN_PER_IP, ip)])
        serializer = TokenInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with _lockouts_as_429():
            user = user_sign_in_check(email=data["email"], password=data["password"], ip=ip)
            second_factor_require(user=user, code=data.get("otp", ""), ip=ip)
        return _issued(user, data.get("device_name", ""))


class TokenListApi(ApiView):
    @extend_schema(operation_id="auth_tokens_list", responses=DeviceTokenSerializer(many=True))
    def get(self, request: Request) -> Response:
        """My signed-in devices."""
        user = signed_in_user(request)
        limit([(TOKEN_LIST_PER_USER, str(user.pk))])
        tokens = device_selectors.device_token_list_for_user(user=user)
        current = getattr(request.auth, "pk", None)
        return Response(
            DeviceTokenSerializer(tokens, many=True, context={"current_id": current}).data
        )


class TokenRevokeApi(ApiView):
    @extend_schema(operation_id="auth_tokens_revoke", request=None, responses={204: None})
    def delete(self, request: Request, token_id: UUID) -> Response:
        """Sign a device out. Another user's token is 404."""
        user = signed_in_user(request)
        limit([(TOKEN_LIST_PER_USER, str(user.pk))])
        token = device_selectors.device_token_get_for_user(user=user, token_id=str(token_id))
        if token is None:
            raise Http404
        device_services.device_token_revoke(token=token)
        return Response(status=status.HTTP_204_NO_CONTENT)


class NonceSerializer(serializers.Serializer[Any]):
    nonce = serializers.CharField()
    expires_at = serializers.DateTimeField()
    domain = serializers.CharField()
    uri = serializers.CharField()
    chain_ids = serializers.ListField(child=serializers.IntegerField())


class SiweNonceApi(ApiView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    @extend_schema(operation_id="auth_siwe_nonce", request=None, responses={201: NonceSerializer})
    def post(self, request: Request) -> Response:
        """A single-use nonce for an EIP-4361 message, with the domain and URI to put in it."""
        from django.conf import settings

        limit([(SIWE_NONCE_PER_IP, ratelimit.client_ip(request))])
        nonce = siwe_services.siwe_nonce_issue()
        body = {
            "nonce": nonce.nonce,
            "expires_at": nonce.expires_at,
            "domain": siwe_domain(),
            "uri": siwe_uri(),
            "chain_ids": settings.SIWE_CHAIN_IDS,
        }
        return Response(NonceSerializer(body).data, status=status.HTTP_201_CREATED)


class SiweVerifyInput(serializers.Serializer[Any]):
    message = serializers.CharField(max_length=4000, trim_whitespace=False)
    signature = serializers.RegexField(r"^0x[0-9a-fA-F]{130}$")
    email = serializers.EmailField(max_length=254, required=False, allow_blank=True)
    language = serializers.ChoiceField(choices=User.Language.choices, required=False)
    device_name = serializers.CharField(max_length=80, required=False, allow_blank=True)
    otp = _otp_field()


class WalletAddressSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField()
    address = serializers.CharField()
    chain_id = serializers.IntegerField()
    verified_at = serializers.DateTimeField()


class SignupPendingSerializer(serializers.Serializer[Any]):
    signup_id = serializers.UUIDField()
    status = serializers.CharField()


class SiweVerifyApi(ApiView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="auth_siwe_verify",
        request=SiweVerifyInput,
        responses={
            200: WalletAddressSerializer,
            201: IssuedTokenSerializer,
            202: SignupPendingSerializer,
        },
    )
    def post(self, request: Request) -> Response:
        """Check a signed message.

        Signed in: the address is linked to my account (200). Not signed in: a linked
        address gets a device token (201); an unknown one needs ``email`` and answers 202
        with a sign-up id while a code goes to that e-mail (see /auth/siwe/confirm).
        A wallet is not a second factor: an account with two-step verification also sends
        ``otp`` (403 ``second_factor_required`` without it; the nonce is spent, so sign a
        fresh message to try again).
        """
        ip = ratelimit.client_ip(request)
        limit([(SIWE_VERIFY_PER_IP, ip)])
        serializer = SiweVerifyInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if request.user.is_authenticated:
            message = siwe_services.siwe_message_verify(
                text=data["message"], signature=data["signature"]
            )
            bound = siwe_services.wallet_address_bind(
                user=request.user,
                address=message.address,
                chain_id=message.chain_id,
            )
            return Response(WalletAddressSerializer(bound).data)
        with _lockouts_as_429():
            outcome = siwe_services.siwe_sign_in(
                text=data["message"],
                signature=data["signature"],
                email=data.get("email", ""),
                language=data.get("language", ""),
                otp=data.get("otp", ""),
                ip=ip,
            )
        if outcome.user is not None:
            return _issued(outcome.user, data.get("device_name", ""))
        assert outcome.signup is not None  # noqa: S101 - siwe_sign_in returns one of the two
        body = {"signup_id": outcome.signup.pk, "status": "confirmation_sent"}
        return Response(SignupPendingSerializer(body).data, status=status.HTTP_202_ACCEPTED)


class SiweConfirmInput(serializers.Serializer[Any]):
    signup_id = serializers.UUIDField()
    code = serializers.CharField(max_length=16)
    device_name = serializers.CharField(max_length=80, required=False, allow_blank=True)
    otp = _otp_field()


class SiweConfirmApi(ApiView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    @extend_schema(
        operation_id="auth_siwe_confirm",
        request=SiweConfirmInput,
        responses={201: IssuedTokenSerializer},
    )
    def post(self, request: Request) -> Response:
        """Finish a wallet sign-up with the e-mailed code: the account is created (or the one
        with that e-mail is used), the address linked, and a device token returned. An existing
        account with two-step verification also sends ``otp`` (403 ``second_factor_required``
        without it; the sign-up stays open)."""
        ip = ratelimit.client_ip(request)
        limit([(SIWE_CONFIRM_PER_IP, ip)])
        serializer = SiweConfirmInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with _lockouts_as_429():
            user = siwe_services.siwe_signup_confirm(
                signup_id=data["signup_id"], code=data["code"], otp=data.get("otp", ""), ip=ip
            )
        return _issued(user, data.get("device_name", ""))

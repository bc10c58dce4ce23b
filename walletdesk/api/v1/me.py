"""The signed-in user's own profile, language and proven wallet addresses."""

from typing import Any
from uuid import UUID

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from walletdesk.accounts.models import User
from walletdesk.accounts.services import user_profile_typed_check, user_profile_update
from walletdesk.api.base import ApiView, signed_in_user
from walletdesk.api.v1.auth import WalletAddressSerializer
from walletdesk.siwe import selectors as siwe_selectors
from walletdesk.siwe import services as siwe_services


class ProfileSerializer(serializers.Serializer[Any]):
    email = serializers.EmailField()
    display_name = serializers.CharField()
    language = serializers.CharField()
    time_zone = serializers.CharField()
    anti_phishing_code = serializers.CharField()
    is_verified = serializers.BooleanField()
    role = serializers.CharField()


class ProfileInput(serializers.Serializer[Any]):
    display_name = serializers.CharField(max_length=80, required=False, allow_blank=True)
    language = serializers.ChoiceField(choices=User.Language.choices, required=False)
    time_zone = serializers.CharField(max_length=64, required=False)
    # Its length and characters are the service's rule (accounts.anti_phishing_code_validate).
    anti_phishing_code = serializers.CharField(
        required=False, allow_blank=True, trim_whitespace=False
    )


def _me(request: Request) -> User:
    return signed_in_user(request)


class MeApi(ApiView):
    @extend_schema(operation_id="me_get", responses=ProfileSerializer)
    def get(self, request: Request) -> Response:
        """My profile."""
        return Response(ProfileSerializer(_me(request)).data)

    @extend_schema(operation_id="me_update", request=ProfileInput, responses=ProfileSerializer)
    def patch(self, request: Request) -> Response:
        """Change my display name, language (of messages and e-mails), time zone or the
        anti-phishing code every e-mail to me starts with ("" removes it)."""
        user = _me(request)
        serializer = ProfileInput(data=request.data)
        if not serializer.is_valid():
            # A phrase too long for a name is refused as a secret (422), not as a long name.
            typed = request.data.get("display_name") if isinstance(request.data, dict) else ""
            user_profile_typed_check(user=user, display_name=str(typed or ""))
            raise exceptions.ValidationError(serializer.errors)
        data = serializer.validated_data
        user = user_profile_update(
            user=user,
            display_name=data.get("display_name", user.display_name),
            language=data.get("language", user.language),
            time_zone=data.get("time_zone", user.time_zone),
            anti_phishing_code=data.get("anti_phishing_code"),
        )
        return Response(ProfileSerializer(user).data)


class AddressListApi(ApiView):
    @extend_schema(operation_id="me_addresses_list", responses=WalletAddressSerializer(many=True))
    def get(self, request: Request) -> Response:
        """The wallet addresses I proved by signing in with them."""
        addresses = siwe_selectors.wallet_address_list_for_user(user=_me(request))
        return Response(WalletAddressSerializer(addresses, many=True).data)


class AddressDeleteApi(ApiView):
    @extend_schema(operation_id="me_addresses_delete", request=None, responses={204: None})
    def delete(self, request: Request, address_id: UUID) -> Response:
        """Unlink one of my addresses. Another user's address is 404."""
        address = siwe_selectors.wallet_address_get_for_user(
            user=_me(request), address_id=str(address_id)
        )
        if address is None:
            raise Http404
        siwe_services.wallet_address_unbind(address=address)
        return Response(status=status.HTTP_204_NO_CONTENT)

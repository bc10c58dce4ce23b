"""POST /api/v1/intake/check: how complete a ticket draft is, while the user types.

Anyone may call it (the wallet app asks before sign-in too); it stores nothing. Limited per
client address, and per account for signed-in callers, so it cannot be used to test
addresses or secrets in bulk.
"""

from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from walletdesk.api.errors import validation_error_body
from walletdesk.core import ratelimit
from walletdesk.tickets.intake import IntakeDraft, intake_check, secret_warnings
from walletdesk.tickets.selectors import category_list_active

# A user typing triggers a check about every second; a script hits the limit fast.
ANONYMOUS_LIMIT = ratelimit.Limit("intake-check-ip", count=60, window_for=60)
USER_LIMIT = ratelimit.Limit("intake-check-user", count=180, window_for=60)


class IntakeCheckApi(APIView):
    """Check a draft: field problems, missing details, score 0-100, secret warnings, flags."""

    permission_classes = [AllowAny]

    class Input(serializers.Serializer[Any]):
        category = serializers.CharField(max_length=32)
        subject = serializers.CharField(max_length=200, required=False, allow_blank=True)
        description = serializers.CharField(
            max_length=10000, required=False, allow_blank=True, trim_whitespace=False
        )
        network = serializers.CharField(max_length=40, required=False, allow_blank=True)
        asset = serializers.CharField(max_length=40, required=False, allow_blank=True)
        tx_hash = serializers.CharField(max_length=300, required=False, allow_blank=True)
        address = serializers.CharField(max_length=300, required=False, allow_blank=True)
        memo = serializers.CharField(max_length=120, required=False, allow_blank=True)
        amount = serializers.CharField(max_length=60, required=False, allow_blank=True)
        occurred_at = serializers.CharField(max_length=40, required=False, allow_blank=True)
        phishing_contact = serializers.CharField(max_length=300, required=False, allow_blank=True)
        attachments = serializers.IntegerField(required=False, min_value=0, max_value=100)

        def validate_category(self, value: str) -> str:
            slugs = {c.slug for c in category_list_active()}
            if value not in slugs:
                raise serializers.ValidationError(
                    _("Choose one of the listed topics."), code="unknown_category"
                )
            return value

        def validate_network(self, value: str) -> str:
            # Network ids are lower-case slugs; be lenient with case and spaces.
            return value.strip().lower()

    @extend_schema(operation_id="intake_check", request=Input, responses=OpenApiTypes.OBJECT)
    def post(self, request: Request) -> Response:
        user = request.user if request.user.is_authenticated else None
        checks = [(ANONYMOUS_LIMIT, ratelimit.client_ip(request))]
        if user is not None:
            checks = [(USER_LIMIT, str(user.pk))]
        verdict = ratelimit.hit_all(checks)
        if not verdict.allowed:
            return Response(
                {
                    "code": "rate_limited",
                    "message": _("Too many checks. Please wait a moment and try again."),
                },
                status=status.HTTP_429_TOO_MANY_REQUESTS,
                headers={"Retry-After": str(verdict.retry_after)},
            )
        serializer = self.Input(data=request.data)
        if not serializer.is_valid():
            # Refused for its shape, yet a secret in it is told, as a submission would be.
            typed = request.data if isinstance(request.data, Mapping) else {}
            body = validation_error_body(serializer.errors)
            body["secrets"] = [asdict(warning) for warning in secret_warnings(typed)]
            return Response(body, status=status.HTTP_400_BAD_REQUEST)
        report = intake_check(IntakeDraft.from_mapping(serializer.validated_data), user=user)
        return Response(report.as_dict())

"""POST /api/v1/attachments/check: would this file be accepted, before the user writes a ticket.

The wallet app sends a screenshot as soon as the user picks it; the file goes through the whole
upload pipeline (kind, size, pixels, PDF structure, name, malware scan, the picture guard) and
is forgotten: nothing is stored. A file that shows a recovery phrase or key answers 422
secret_detected (and is recorded as a catch, as on submission). Anyone may call it; limited per
client address, and per account for signed-in callers, like the intake check.
"""

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_serializer,
    inline_serializer,
)
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from walletdesk.accounts.models import User
from walletdesk.attachments.services import attachment_upload_try
from walletdesk.attachments.upload_handlers import refusals_of
from walletdesk.core import ratelimit
from walletdesk.guard.models import Channel

# Reading a picture costs about a second of CPU: far fewer than the intake check's typing rate.
ANONYMOUS_LIMIT = ratelimit.Limit("attachment-check-ip", count=20, window_for=60)
USER_LIMIT = ratelimit.Limit("attachment-check-user", count=40, window_for=60)

_ERROR = inline_serializer(
    "AttachmentCheckError",
    {"code": serializers.CharField(), "message": serializers.CharField()},
)


class AttachmentCheckApi(APIView):
    """Check one file as an attachment would be checked; store nothing."""

    permission_classes = [AllowAny]
    parser_classes = [MultiPartParser, FormParser]

    # Named after the endpoint: other views' Input and Output would share the component name.
    @extend_schema_serializer(component_name="AttachmentCheckInput")
    class Input(serializers.Serializer[Any]):
        file = serializers.FileField(required=False, allow_empty_file=True)

    @extend_schema_serializer(component_name="AttachmentCheckResult")
    class Output(serializers.Serializer[Any]):
        accepted = serializers.BooleanField()
        kind = serializers.CharField(help_text="png, jpeg, webp or pdf: what it would be stored as")
        size = serializers.IntegerField(help_text="bytes, after re-encoding")
        width = serializers.IntegerField(allow_null=True)
        height = serializers.IntegerField(allow_null=True)

    @extend_schema(
        operation_id="attachments_check",
        request={"multipart/form-data": Input},
        responses={
            200: Output,
            400: OpenApiResponse(_ERROR, description="refused: kind, size, damage, ..."),
            422: OpenApiResponse(_ERROR, description="secret_detected: shows a phrase or key"),
            429: OpenApiResponse(_ERROR, description="rate_limited"),
        },
    )
    def post(self, request: Request) -> Response:
        user = request.user if isinstance(request.user, User) else None
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
        serializer.is_valid(raise_exception=True)
        checked = attachment_upload_try(
            upload=serializer.validated_data.get("file"),
            user=user,
            refusals=refusals_of(request._request),
            channel=Channel.API,
        )
        return Response(
            {
                "accepted": True,
                "kind": checked.kind,
                "size": checked.size,
                "width": checked.width,
                "height": checked.height,
            }
        )

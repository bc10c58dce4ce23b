"""The wallet user's tickets: create, list mine, get, reply, resolve, rate, resubmit.

Every read goes through a selector scoped to the caller (another user's ticket is 404,
exactly like a missing one); a new ticket or a reply goes through the one submission path
(submissions/services.py), every other write through tickets/services.py.
"""

import contextlib
from collections.abc import Mapping
from typing import Any
from uuid import UUID

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import exceptions, serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from walletdesk.api.base import ApiView, signed_in_user
from walletdesk.api.idempotency import idempotent
from walletdesk.api.pagination import cursor_page
from walletdesk.api.throttling import RateLimited
from walletdesk.api.v1.shapes import (
    AttachmentSerializer,
    MessageSerializer,
    TicketDetailSerializer,
    TicketPageSerializer,
    TicketSummarySerializer,
    TicketThreadSerializer,
)
from walletdesk.attachments import selectors as attachment_selectors
from walletdesk.attachments.downloads import attachment_response
from walletdesk.attachments.upload_handlers import refusals_of
from walletdesk.community.errors import CommunityError
from walletdesk.community.models import Topic
from walletdesk.community.selectors import topic_get_for_asker
from walletdesk.community.services import topic_ticket_link
from walletdesk.core import ratelimit
from walletdesk.guard.models import Channel
from walletdesk.networks.selectors import network_get
from walletdesk.submissions.drafts import ReplySubmission, TicketSubmission
from walletdesk.submissions.services import ticket_reply_submit, ticket_submit
from walletdesk.tickets import selectors, services
from walletdesk.tickets.drafts import TicketDraft, wallet_values_check
from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.models import Category, Ticket

IDEMPOTENCY_PARAMETER = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description="Retry-safe creation: the same key and body return the first answer.",
)
_UPLOAD_PARSERS = [JSONParser, MultiPartParser, FormParser]


class TicketInput(serializers.Serializer[Any]):
    """Shape and types; the network and the wallet formats are read by the same rules the web
    form uses (tickets/drafts.py)."""

    subject = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=10000, trim_whitespace=False)
    network = serializers.CharField(max_length=40, required=False, allow_blank=True)
    asset = serializers.CharField(max_length=40, required=False, allow_blank=True)
    tx_hash = serializers.CharField(max_length=200, required=False, allow_blank=True)
    address = serializers.CharField(max_length=200, required=False, allow_blank=True)
    memo = serializers.CharField(max_length=120, required=False, allow_blank=True)
    amount = serializers.DecimalField(
        max_digits=38, decimal_places=18, min_value=0, required=False, allow_null=True
    )
    occurred_at = serializers.DateTimeField(required=False, allow_null=True)
    phishing_contact = serializers.CharField(max_length=300, required=False, allow_blank=True)
    attachments = serializers.ListField(
        child=serializers.FileField(), required=False, help_text="multipart/form-data only"
    )

    def validate_network(self, value: str) -> str:
        network = network_get(value) if value else None
        if value and (network is None or not network.is_active):
            raise serializers.ValidationError(
                _("Choose a network from the list."), code="unknown_network"
            )
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        checks = wallet_values_check(network=attrs.get("network") or "", values=attrs)
        errors = {
            name: [exceptions.ErrorDetail(str(check.message), code=str(check.code or "invalid"))]
            for name, check in checks.items()
            if not check.ok
        }
        if errors:
            raise exceptions.ValidationError(errors)
        return {**attrs, **{name: check.value for name, check in checks.items()}}


class TicketCreateInput(TicketInput):
    category = serializers.SlugField(max_length=32)
    from_topic = serializers.UUIDField(
        required=False,
        allow_null=True,
        help_text="The caller's own forum question this ticket continues, when it has no ticket "
        "yet: the question is marked as having become this ticket. The private details (network, "
        "address, amount, files) go to the ticket only, never to the forum.",
    )


def _asked_topic(request: Request, topic_id: UUID | None) -> Topic | None:
    """The caller's own question, without a ticket yet, that the new ticket starts from."""
    if topic_id is None:
        return None
    try:
        return topic_get_for_asker(topic_id=topic_id, user=signed_in_user(request))
    except Http404:
        raise exceptions.ValidationError(
            {
                "from_topic": [
                    exceptions.ErrorDetail(
                        _("Choose one of your own questions that has not become a ticket yet."),
                        code="unknown_topic",
                    )
                ]
            }
        ) from None


def _validate(
    request: Request, serializer: TicketInput, *, category: Category | None = None
) -> None:
    """Validate a ticket's input; a wallet secret in any field, valid or not, is refused as a
    secret (422 secret_detected naming the fields) before any other field error."""
    if serializer.is_valid():
        return
    values = request.data if isinstance(request.data, Mapping) else {}
    if category is None and isinstance(values.get("category"), str):
        category = selectors.category_get_active(values["category"])
    services.ticket_typed_check(
        requester=signed_in_user(request), values=values, channel=Channel.API, category=category
    )
    raise exceptions.ValidationError(serializer.errors)


def _uploads(request: Request) -> list[Any]:
    return list(request.FILES.getlist("attachments")) if request.FILES else []


def _refused_in_transit(request: Request) -> list[Any]:
    # The upload handler notes files it stopped on the Django request DRF wraps.
    return refusals_of(request._request)


class IncidentNoticeSerializer(serializers.Serializer[Any]):
    title = serializers.CharField()
    description = serializers.CharField()


class TicketCreatedSerializer(TicketDetailSerializer):
    """A new ticket, with the open incident it matches: the app tells the user support knows
    about the problem (title and public description in the user's language)."""

    incident_notice = serializers.SerializerMethodField()

    @extend_schema_field(IncidentNoticeSerializer(allow_null=True))
    def get_incident_notice(self, obj: Ticket) -> dict[str, str] | None:
        incident = self.context.get("incident")
        if incident is None:
            return None
        return {"title": incident.title, "description": incident.description}


def _open(
    request: Request,
    *,
    data: dict[str, Any],
    category: Category,
    original: Ticket | None,
    topic: Topic | None = None,
) -> Response:
    user = signed_in_user(request)
    submission = TicketSubmission(
        channel=Channel.API,
        requester=user,
        draft=TicketDraft.from_values(category=category, values=data),
        typed=request.data,
        resubmission_of=original,
        files=_uploads(request),
        refused_in_transit=_refused_in_transit(request),
        client_ip=ratelimit.client_ip(request),
    )
    try:
        outcome = ticket_submit(submission)
    except TicketError as error:
        if error.code == TicketError.Code.TOO_MANY_TICKETS:
            raise RateLimited(int(error.params.get("retry_after", 1)), error.message) from error
        raise
    if topic is not None:
        # As on the pages: a question that became a ticket meanwhile keeps its first one.
        with contextlib.suppress(CommunityError):
            topic_ticket_link(topic=topic, ticket=outcome.ticket, actor=user)
    ticket = selectors.ticket_get_for_customer(user=user, reference=outcome.ticket.reference)
    created = TicketCreatedSerializer(ticket, context={"incident": outcome.incident})
    return Response(created.data, status=status.HTTP_201_CREATED)


class TicketCollectionApi(ApiView):
    parser_classes = _UPLOAD_PARSERS

    @extend_schema(
        operation_id="tickets_list_mine",
        parameters=[OpenApiParameter("cursor", str, required=False)],
        responses=TicketPageSerializer,
    )
    def get(self, request: Request) -> Response:
        """My tickets, newest first, 20 a page; pass next_cursor back for the next page."""
        page = cursor_page(
            selectors.ticket_list_for_customer(user=signed_in_user(request)),
            cursor=str(request.query_params.get("cursor", "")),
        )
        return Response(
            {
                "results": TicketSummarySerializer(page.rows, many=True).data,
                "next_cursor": page.next_cursor,
            }
        )

    @extend_schema(
        operation_id="tickets_create",
        request={
            "application/json": TicketCreateInput,
            "multipart/form-data": TicketCreateInput,
        },
        responses={201: TicketCreatedSerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @idempotent("tickets-create")
    def post(self, request: Request) -> Response:
        """Submit a ticket, or continue one's own forum question as a ticket (from_topic). A
        wallet secret in any field is refused (422 secret_detected)."""
        serializer = TicketCreateInput(data=request.data)
        _validate(request, serializer)
        category = selectors.category_get_active(serializer.validated_data["category"])
        if category is None:
            raise exceptions.ValidationError(
                {
                    "category": [
                        exceptions.ErrorDetail(
                            _("Choose one of the listed topics."), code="unknown_category"
                        )
                    ]
                }
            )
        topic = _asked_topic(request, serializer.validated_data.get("from_topic"))
        return _open(
            request,
            data=serializer.validated_data,
            category=category,
            original=None,
            topic=topic,
        )


class TicketDetailApi(ApiView):
    @extend_schema(operation_id="tickets_get", responses=TicketThreadSerializer)
    def get(self, request: Request, reference: str) -> Response:
        """One of my tickets with its public thread and files."""
        user = signed_in_user(request)
        ticket = selectors.ticket_get_for_customer(user=user, reference=reference)
        services.ticket_mark_seen(ticket=ticket, customer=user)
        return Response(
            {
                "ticket": TicketDetailSerializer(ticket).data,
                "messages": MessageSerializer(
                    selectors.message_list_for_customer(ticket=ticket), many=True
                ).data,
                "attachments": _attachments(ticket),
            }
        )


def _attachments(ticket: Ticket) -> Any:
    return AttachmentSerializer(
        attachment_selectors.attachment_list_for_customer(ticket=ticket), many=True
    ).data


class ReplyInput(serializers.Serializer[Any]):
    body = serializers.CharField(max_length=10000, trim_whitespace=False)
    attachments = serializers.ListField(
        child=serializers.FileField(), required=False, help_text="multipart/form-data only"
    )


class TicketReplyApi(ApiView):
    parser_classes = _UPLOAD_PARSERS

    @extend_schema(
        operation_id="tickets_reply",
        request={"application/json": ReplyInput, "multipart/form-data": ReplyInput},
        responses={201: MessageSerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @idempotent("tickets-reply")
    def post(self, request: Request, reference: str) -> Response:
        """Answer in the thread (reopens a waiting or resolved ticket)."""
        user = signed_in_user(request)
        ticket = selectors.ticket_get_for_customer(user=user, reference=reference)
        serializer = ReplyInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        outcome = ticket_reply_submit(
            ReplySubmission(
                channel=Channel.API,
                ticket=ticket,
                author=user,
                body=serializer.validated_data["body"],
                files=_uploads(request),
                refused_in_transit=_refused_in_transit(request),
            )
        )
        return Response(MessageSerializer(outcome.message).data, status=status.HTTP_201_CREATED)


class TicketResolveApi(ApiView):
    @extend_schema(operation_id="tickets_resolve", request=None, responses=TicketDetailSerializer)
    def post(self, request: Request, reference: str) -> Response:
        """My problem is solved. 409 transition_not_allowed where the status forbids it."""
        user = signed_in_user(request)
        ticket = selectors.ticket_get_for_customer(user=user, reference=reference)
        services.ticket_resolve(ticket=ticket, actor=user)
        ticket = selectors.ticket_get_for_customer(user=user, reference=reference)
        return Response(TicketDetailSerializer(ticket).data)


class RateInput(serializers.Serializer[Any]):
    score = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class TicketRateApi(ApiView):
    @extend_schema(operation_id="tickets_rate", request=RateInput, responses=TicketDetailSerializer)
    def post(self, request: Request, reference: str) -> Response:
        """Rate a resolved ticket once, 1 to 5."""
        user = signed_in_user(request)
        ticket = selectors.ticket_get_for_customer(user=user, reference=reference)
        serializer = RateInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.ticket_rate(
            ticket=ticket,
            customer=user,
            score=serializer.validated_data["score"],
            comment=serializer.validated_data.get("comment", ""),
        )
        ticket = selectors.ticket_get_for_customer(user=user, reference=reference)
        return Response(TicketDetailSerializer(ticket).data)


class TicketResubmitApi(ApiView):
    parser_classes = _UPLOAD_PARSERS

    @extend_schema(
        operation_id="tickets_resubmit",
        request={"application/json": TicketInput, "multipart/form-data": TicketInput},
        responses={201: TicketCreatedSerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @idempotent("tickets-resubmit")
    def post(self, request: Request, reference: str) -> Response:
        """Supplement a rejected ticket: a new ticket linked to the original."""
        original = selectors.ticket_get_for_customer(
            user=signed_in_user(request), reference=reference
        )
        serializer = TicketInput(data=request.data)
        _validate(request, serializer, category=original.category)
        return _open(
            request, data=serializer.validated_data, category=original.category, original=original
        )


class AttachmentDownloadApi(ApiView):
    @extend_schema(
        operation_id="attachments_download",
        responses={(200, "application/octet-stream"): bytes},
    )
    def get(self, request: Request, attachment_id: UUID) -> Any:
        """The file, if it belongs to one of my tickets (agents: any ticket's)."""
        return attachment_response(
            user=signed_in_user(request), attachment_id=attachment_id, inline=False
        )

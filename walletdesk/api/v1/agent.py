"""Agent endpoints: the queue, a ticket with its whole thread, reply, request info, reject.

Customers get 404 everywhere here, as in the console (they never learn it exists).
"""

from typing import Any
from uuid import UUID

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from walletdesk.accounts.models import User
from walletdesk.api.base import ApiView, signed_in_user
from walletdesk.api.idempotency import idempotent
from walletdesk.api.v1.auth import WalletAddressSerializer
from walletdesk.api.v1.shapes import (
    AttachmentSerializer,
    MaskedField,
    MaskedWalletAddressSerializer,
    MessageSerializer,
    TicketDetailSerializer,
    TicketSummarySerializer,
)
from walletdesk.api.v1.tickets import IDEMPOTENCY_PARAMETER
from walletdesk.attachments import selectors as attachment_selectors
from walletdesk.attachments.services import attachment_remove
from walletdesk.audit.services import access_refused_record
from walletdesk.core.masking import mask
from walletdesk.guard.models import Channel
from walletdesk.kb.answers import answers_for_ticket
from walletdesk.siwe.selectors import wallet_address_list_for_requester
from walletdesk.submissions.drafts import ReplySubmission
from walletdesk.submissions.services import ticket_reply_submit
from walletdesk.tickets import selectors, services
from walletdesk.tickets.models import Redaction, Status
from walletdesk.tickets.redaction import message_redact, ticket_redact
from walletdesk.tickets.reveals import Revealed, record_reveal
from walletdesk.tickets.selectors import QueueFilters, QueueSort


def signed_in_agent(request: Request) -> User:
    """The caller as an agent: anyone else gets 404 (recorded as a refused access)."""
    user = signed_in_user(request)
    if not user.is_agent:
        access_refused_record(request, status=404, needs="agent")
        raise Http404
    return user


class QueueTicketSerializer(TicketSummarySerializer):
    priority = serializers.IntegerField()
    requester_email = MaskedField(kind="email")
    assignee_email = serializers.CharField(allow_null=True)
    first_response_due_at = serializers.DateTimeField()


class QueuePageSerializer(serializers.Serializer[Any]):
    results = QueueTicketSerializer(many=True)
    next_cursor = serializers.CharField(allow_null=True)


class QueueInput(serializers.Serializer[Any]):
    status = serializers.MultipleChoiceField(choices=Status.choices, required=False)
    sort = serializers.ChoiceField(choices=QueueSort.CHOICES, required=False)
    q = serializers.CharField(max_length=200, required=False, allow_blank=True)
    unassigned = serializers.BooleanField(required=False)
    cursor = serializers.CharField(max_length=500, required=False, allow_blank=True)


class AgentQueueApi(ApiView):
    @extend_schema(
        operation_id="agent_queue",
        parameters=[
            OpenApiParameter("status", str, many=True, enum=Status.values, required=False),
            OpenApiParameter("sort", str, enum=list(QueueSort.CHOICES), required=False),
            OpenApiParameter("q", str, required=False),
            OpenApiParameter("unassigned", bool, required=False),
            OpenApiParameter("cursor", str, required=False),
        ],
        responses=QueuePageSerializer,
    )
    def get(self, request: Request) -> Response:
        """The queue: active tickets oldest first by default, 50 a page."""
        agent = signed_in_agent(request)
        params = QueueInput(
            data={
                **{
                    k: request.query_params.get(k)
                    for k in ("sort", "q", "cursor", "unassigned")
                    if k in request.query_params
                },
                **(
                    {"status": request.query_params.getlist("status")}
                    if "status" in request.query_params
                    else {}
                ),
            }
        )
        params.is_valid(raise_exception=True)
        data = params.validated_data
        filters = QueueFilters(
            text=data.get("q", ""),
            sort=data.get("sort", QueueSort.OLDEST),
            unassigned=data.get("unassigned", False),
        )
        if data.get("status"):
            filters.statuses = sorted(data["status"])
        page = selectors.ticket_queue(user=agent, filters=filters, cursor=data.get("cursor", ""))
        return Response(
            {
                "results": QueueTicketSerializer(page.tickets, many=True).data,
                "next_cursor": page.next_cursor,
            }
        )


class AgentTicketSerializer(serializers.Serializer[Any]):
    ticket = TicketDetailSerializer()
    requester_email = MaskedField(kind="email", help_text="Masked; POST …/reveal to see it")
    wallet_addresses = MaskedWalletAddressSerializer(many=True)
    messages = MessageSerializer(many=True)
    attachments = AttachmentSerializer(many=True)


class AgentTicketApi(ApiView):
    @extend_schema(operation_id="agent_tickets_get", responses=AgentTicketSerializer)
    def get(self, request: Request, reference: str) -> Response:
        """A ticket of the agent's teams with its whole thread (internal notes too) and the
        requester's proven wallet addresses. The e-mail and addresses are masked; POST
        ``reveal`` to see them (recorded)."""
        agent = signed_in_agent(request)
        ticket = selectors.ticket_get_for_agent(user=agent, reference=reference)
        return Response(
            {
                "ticket": TicketDetailSerializer(ticket).data,
                "requester_email": mask(ticket.requester.email, "email"),
                "wallet_addresses": MaskedWalletAddressSerializer(
                    wallet_address_list_for_requester(
                        viewer=agent, requester_id=ticket.requester_id
                    ),
                    many=True,
                ).data,
                "messages": MessageSerializer(
                    selectors.message_list_for_agent(ticket=ticket), many=True
                ).data,
                "attachments": AttachmentSerializer(
                    attachment_selectors.attachment_list_for_agent(ticket=ticket), many=True
                ).data,
            }
        )


class ArticleAnswerSerializer(serializers.Serializer[Any]):
    slug = serializers.CharField(source="article.slug")
    title = serializers.CharField()
    url = serializers.CharField()
    excerpt = serializers.CharField()
    link_text = serializers.CharField()
    quote_text = serializers.CharField()


class TicketAnswerSerializer(serializers.Serializer[Any]):
    reference = serializers.CharField()
    subject = serializers.CharField()
    status = serializers.CharField()
    network = serializers.CharField()
    finished_at = serializers.DateTimeField()
    same_category = serializers.BooleanField()
    shared = serializers.ListField(child=serializers.CharField())
    reply = serializers.CharField()
    quote_text = serializers.CharField()


class AnswersSerializer(serializers.Serializer[Any]):
    language = serializers.CharField()
    articles = ArticleAnswerSerializer(many=True)
    tickets = TicketAnswerSerializer(many=True)


class AgentTicketAnswersApi(ApiView):
    @extend_schema(operation_id="agent_tickets_answers", responses=AnswersSerializer)
    def get(self, request: Request, reference: str) -> Response:
        """Answers at hand: up to three Help Center articles matching the ticket and up to
        three finished tickets like it (only those the agent may see), each with the text to
        insert into a reply, in the requester's language (``language``). A similar ticket's
        ``quote_text`` is its last public agent reply; read it before sending."""
        agent = signed_in_agent(request)
        ticket = selectors.ticket_get_for_agent(user=agent, reference=reference)
        return Response(AnswersSerializer(answers_for_ticket(ticket=ticket, user=agent)).data)


class AgentReplyInput(serializers.Serializer[Any]):
    body = serializers.CharField(max_length=10000, trim_whitespace=False)
    internal = serializers.BooleanField(required=False, default=False)


class AgentReplyApi(ApiView):
    @extend_schema(
        operation_id="agent_tickets_reply",
        request=AgentReplyInput,
        responses={201: MessageSerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @idempotent("agent-reply")
    def post(self, request: Request, reference: str) -> Response:
        """A public reply, or an internal note the customer never sees."""
        agent = signed_in_agent(request)
        ticket = selectors.ticket_get_for_agent(user=agent, reference=reference)
        serializer = AgentReplyInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        outcome = ticket_reply_submit(
            ReplySubmission(
                channel=Channel.API,
                ticket=ticket,
                author=agent,
                body=serializer.validated_data["body"],
                internal=serializer.validated_data["internal"],
            )
        )
        return Response(MessageSerializer(outcome.message).data, status=status.HTTP_201_CREATED)


class RequestInfoInput(serializers.Serializer[Any]):
    body = serializers.CharField(max_length=10000, trim_whitespace=False)


class AgentRequestInfoApi(ApiView):
    @extend_schema(
        operation_id="agent_tickets_request_info",
        request=RequestInfoInput,
        responses={201: MessageSerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @idempotent("agent-request-info")
    def post(self, request: Request, reference: str) -> Response:
        """Ask the customer for more; the ticket waits on them."""
        agent = signed_in_agent(request)
        ticket = selectors.ticket_get_for_agent(user=agent, reference=reference)
        serializer = RequestInfoInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        message = services.ticket_request_info(
            ticket=ticket,
            agent=agent,
            body=serializer.validated_data["body"],
            channel=Channel.API,
        )
        return Response(MessageSerializer(message).data, status=status.HTTP_201_CREATED)


class RejectInput(serializers.Serializer[Any]):
    reason = serializers.SlugField(max_length=40, help_text="A code from /agent/rejection-reasons")
    message = serializers.CharField(max_length=5000, trim_whitespace=False)


class RejectionReasonSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    title = serializers.CharField()
    next_steps = serializers.CharField()
    allows_resubmission = serializers.BooleanField()


class RejectionReasonListApi(ApiView):
    @extend_schema(
        operation_id="agent_rejection_reasons_list",
        responses=RejectionReasonSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        """The reasons an agent may reject with."""
        signed_in_agent(request)
        return Response(
            RejectionReasonSerializer(selectors.rejection_reason_list_active(), many=True).data
        )


class AgentRejectApi(ApiView):
    @extend_schema(
        operation_id="agent_tickets_reject", request=RejectInput, responses=TicketDetailSerializer
    )
    def post(self, request: Request, reference: str) -> Response:
        """Reject with a reason and a message the user can act on."""
        agent = signed_in_agent(request)
        ticket = selectors.ticket_get_for_agent(user=agent, reference=reference)
        serializer = RejectInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        code = serializer.validated_data["reason"]
        reason = next((r for r in selectors.rejection_reason_list_active() if r.code == code), None)
        if reason is None:
            raise serializers.ValidationError(
                {
                    "reason": [
                        serializers.ErrorDetail(
                            _("Choose one of the listed reasons."), code="unknown_reason"
                        )
                    ]
                }
            )
        services.ticket_reject(
            ticket=ticket,
            agent=agent,
            reason=reason,
            message=serializer.validated_data["message"],
            channel=Channel.API,
        )
        ticket = selectors.ticket_get_for_agent(user=agent, reference=reference)
        return Response(TicketDetailSerializer(ticket).data)


class RedactInput(serializers.Serializer[Any]):
    mode = serializers.ChoiceField(
        choices=Redaction.choices,
        default=Redaction.MASKED,
        help_text="masked: replace what the secret guard finds; removed: replace the whole text",
    )


class AgentMessageRedactApi(ApiView):
    @extend_schema(
        operation_id="agent_messages_redact", request=RedactInput, responses=MessageSerializer
    )
    def post(self, request: Request, reference: str, message_id: UUID) -> Response:
        """Take a wallet secret out of a stored message; the requester is told why.
        409 already_redacted, 422 nothing_to_redact (mask found nothing: use removed)."""
        agent = signed_in_agent(request)
        ticket = selectors.ticket_get_for_agent(user=agent, reference=reference)
        message = selectors.message_get_for_agent(ticket=ticket, message_id=message_id)
        serializer = RedactInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        redacted = message_redact(
            message=message, actor=agent, mode=serializer.validated_data["mode"]
        )
        return Response(MessageSerializer(redacted).data)


class AgentTicketRedactApi(ApiView):
    @extend_schema(
        operation_id="agent_tickets_redact", request=RedactInput, responses=TicketDetailSerializer
    )
    def post(self, request: Request, reference: str) -> Response:
        """Take a wallet secret out of the ticket's own texts (removed: the description)."""
        agent = signed_in_agent(request)
        ticket = selectors.ticket_get_for_agent(user=agent, reference=reference)
        serializer = RedactInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        ticket_redact(ticket=ticket, actor=agent, mode=serializer.validated_data["mode"])
        ticket = selectors.ticket_get_for_agent(user=agent, reference=reference)
        return Response(TicketDetailSerializer(ticket).data)


class AgentAttachmentRemoveApi(ApiView):
    @extend_schema(
        operation_id="agent_attachments_remove", request=None, responses=AttachmentSerializer
    )
    def post(self, request: Request, reference: str, attachment_id: UUID) -> Response:
        """Delete a file that holds a wallet secret; its row stays as a tombstone (downloads
        answer 410). 409 already_removed, 503 storage_unavailable."""
        agent = signed_in_agent(request)
        ticket = selectors.ticket_get_for_agent(user=agent, reference=reference)
        attachment = attachment_selectors.attachment_get_for_ticket(
            ticket=ticket, attachment_id=attachment_id
        )
        removed = attachment_remove(attachment=attachment, actor=agent)
        return Response(AttachmentSerializer(removed).data)


class RevealInput(serializers.Serializer[Any]):
    what = serializers.ChoiceField(choices=Revealed.choices)


class RevealOutput(serializers.Serializer[Any]):
    what = serializers.CharField()
    requester_email = serializers.EmailField(allow_null=True)
    wallet_addresses = WalletAddressSerializer(many=True)


class AgentRevealApi(ApiView):
    @extend_schema(operation_id="agent_tickets_reveal", request=RevealInput, responses=RevealOutput)
    def post(self, request: Request, reference: str) -> Response:
        """The requester's e-mail (``what: email``) or proven wallet addresses
        (``what: wallet_addresses``) unmasked. Every reveal is recorded in the ticket's
        history (a ``revealed`` event) before the value is answered."""
        agent = signed_in_agent(request)
        ticket = selectors.ticket_get_for_agent(user=agent, reference=reference)
        serializer = RevealInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        what = serializer.validated_data["what"]
        record_reveal(agent, ticket, what)
        addresses = (
            wallet_address_list_for_requester(viewer=agent, requester_id=ticket.requester_id)
            if what == Revealed.WALLET_ADDRESSES
            else []
        )
        return Response(
            {
                "what": what,
                "requester_email": ticket.requester.email if what == Revealed.EMAIL else None,
                "wallet_addresses": WalletAddressSerializer(addresses, many=True).data,
            }
        )

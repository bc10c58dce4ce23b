"""Agent endpoints for what the console's ticket page does besides replying: take, assign,
resolve, close, reopen, priority, category, tags, saved replies, merge, availability (saved
views and bulk actions are in agent_bulk). Each calls the same service as the console, so a
refusal is the same refusal (the status machine's 409, the team rule's 403, 404 for a ticket
the agent may not see) in the API's {code, message} shape.
"""

from typing import Any
from uuid import UUID

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from walletdesk.accounts.models import User
from walletdesk.api.base import ApiView
from walletdesk.api.idempotency import idempotent
from walletdesk.api.v1.agent import signed_in_agent
from walletdesk.api.v1.shapes import MessageSerializer, TicketDetailSerializer
from walletdesk.api.v1.tickets import IDEMPOTENCY_PARAMETER
from walletdesk.macros.selectors import macro_get_for_agent, macro_list_for_agent
from walletdesk.macros.services import macro_after_reply, macro_render
from walletdesk.tickets import selectors, services
from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.models import Priority, Ticket
from walletdesk.tickets.references import reference_normalise
from walletdesk.tickets.routing import agent_away_set


def _ticket(agent: User, reference: str) -> Ticket:
    return selectors.ticket_get_for_agent(user=agent, reference=reference)


def _answer(agent: User, reference: str) -> Response:
    """The ticket as it is after the change (read again: the services lock and refresh)."""
    return Response(TicketDetailSerializer(_ticket(agent, reference)).data)


def _unknown(field: str, message: str, code: str) -> serializers.ValidationError:
    return serializers.ValidationError({field: [serializers.ErrorDetail(message, code=code)]})


class TextInput(serializers.Serializer[Any]):
    body = serializers.CharField(max_length=10000, required=False, allow_blank=True, default="")


class ReasonInput(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class AssignInput(serializers.Serializer[Any]):
    assignee = serializers.UUIDField(allow_null=True, help_text="an agent's id; null: nobody")


class PriorityInput(serializers.Serializer[Any]):
    priority = serializers.ChoiceField(choices=Priority.choices)


class CategoryInput(serializers.Serializer[Any]):
    category = serializers.SlugField(max_length=32)


class TagInput(serializers.Serializer[Any]):
    tag = serializers.SlugField(max_length=40)


class MergeInput(serializers.Serializer[Any]):
    into = serializers.CharField(max_length=32, help_text="the reference of the ticket to keep")


class AvailabilityInput(serializers.Serializer[Any]):
    away = serializers.BooleanField()


class AgentStartApi(ApiView):
    @extend_schema(
        operation_id="agent_tickets_start", request=None, responses=TicketDetailSerializer
    )
    def post(self, request: Request, reference: str) -> Response:
        """Take the ticket (a new one opens)."""
        agent = signed_in_agent(request)
        services.ticket_start(ticket=_ticket(agent, reference), agent=agent)
        return _answer(agent, reference)


class AgentAssignApi(ApiView):
    @extend_schema(
        operation_id="agent_tickets_assign", request=AssignInput, responses=TicketDetailSerializer
    )
    def post(self, request: Request, reference: str) -> Response:
        """Give the ticket to an agent of its team, or to nobody. 403 not_supervisor when a
        plain member takes a colleague's ticket; 400 not_in_team for an agent outside it."""
        agent = signed_in_agent(request)
        ticket = _ticket(agent, reference)
        serializer = AssignInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        wanted: UUID | None = serializer.validated_data["assignee"]
        assignee = None
        if wanted is not None:
            assignee = User.objects.filter(pk=wanted, is_active=True).first()
            if assignee is None:
                raise _unknown("assignee", _("Choose an agent from the list."), "unknown_agent")
        services.ticket_assign(ticket=ticket, assignee=assignee, actor=agent)
        return _answer(agent, reference)


class AgentResolveApi(ApiView):
    @extend_schema(
        operation_id="agent_tickets_resolve", request=TextInput, responses=TicketDetailSerializer
    )
    def post(self, request: Request, reference: str) -> Response:
        """Resolve, with an optional closing message to the user."""
        agent = signed_in_agent(request)
        serializer = TextInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.ticket_resolve(
            ticket=_ticket(agent, reference), actor=agent, body=serializer.validated_data["body"]
        )
        return _answer(agent, reference)


class AgentCloseApi(ApiView):
    @extend_schema(
        operation_id="agent_tickets_close", request=ReasonInput, responses=TicketDetailSerializer
    )
    def post(self, request: Request, reference: str) -> Response:
        """Close for good (409 when the status machine has no such step)."""
        agent = signed_in_agent(request)
        serializer = ReasonInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.ticket_close(
            ticket=_ticket(agent, reference),
            actor=agent,
            reason=serializer.validated_data["reason"],
        )
        return _answer(agent, reference)


class AgentReopenApi(ApiView):
    @extend_schema(
        operation_id="agent_tickets_reopen", request=ReasonInput, responses=TicketDetailSerializer
    )
    def post(self, request: Request, reference: str) -> Response:
        """Open a resolved, closed or rejected ticket again."""
        agent = signed_in_agent(request)
        serializer = ReasonInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.ticket_reopen(
            ticket=_ticket(agent, reference),
            agent=agent,
            reason=serializer.validated_data["reason"],
        )
        return _answer(agent, reference)


class AgentPriorityApi(ApiView):
    @extend_schema(
        operation_id="agent_tickets_priority",
        request=PriorityInput,
        responses=TicketDetailSerializer,
    )
    def post(self, request: Request, reference: str) -> Response:
        agent = signed_in_agent(request)
        serializer = PriorityInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.ticket_priority_change(
            ticket=_ticket(agent, reference),
            priority=int(serializer.validated_data["priority"]),
            agent=agent,
        )
        return _answer(agent, reference)


class AgentCategoryApi(ApiView):
    @extend_schema(
        operation_id="agent_tickets_category",
        request=CategoryInput,
        responses=TicketDetailSerializer,
    )
    def post(self, request: Request, reference: str) -> Response:
        """Move the ticket to another category (and its team)."""
        agent = signed_in_agent(request)
        ticket = _ticket(agent, reference)
        serializer = CategoryInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        category = selectors.category_get_active(serializer.validated_data["category"])
        if category is None:
            raise _unknown("category", _("Choose one of the listed topics."), "unknown_category")
        services.ticket_category_change(ticket=ticket, category=category, agent=agent)
        return Response(TicketDetailSerializer(ticket).data)


class TagSerializer(serializers.Serializer[Any]):
    slug = serializers.CharField()
    name = serializers.CharField()


class AgentTagCatalogueApi(ApiView):
    @extend_schema(operation_id="agent_tags_list", responses=TagSerializer(many=True))
    def get(self, request: Request) -> Response:
        """The tags an agent may put on a ticket."""
        signed_in_agent(request)
        return Response(TagSerializer(selectors.tag_list_active(), many=True).data)


def _tag(slug: str) -> Any:
    tag = next((t for t in selectors.tag_list_active() if t.slug == slug), None)
    if tag is None:
        raise _unknown("tag", _("Choose one of the listed tags."), "unknown_tag")
    return tag


class AgentTicketTagsApi(ApiView):
    @extend_schema(
        operation_id="agent_tickets_tags_add", request=TagInput, responses=TagSerializer(many=True)
    )
    def post(self, request: Request, reference: str) -> Response:
        """Put a tag on the ticket (twice changes nothing); answers the ticket's tags."""
        agent = signed_in_agent(request)
        ticket = _ticket(agent, reference)
        serializer = TagInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.ticket_tag_add(
            ticket=ticket, tag=_tag(serializer.validated_data["tag"]), agent=agent
        )
        return Response(TagSerializer(selectors.tags_of_ticket(ticket=ticket), many=True).data)


class AgentTicketTagRemoveApi(ApiView):
    @extend_schema(
        operation_id="agent_tickets_tags_remove",
        request=TagInput,
        responses=TagSerializer(many=True),
    )
    def post(self, request: Request, reference: str) -> Response:
        agent = signed_in_agent(request)
        ticket = _ticket(agent, reference)
        serializer = TagInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.ticket_tag_remove(
            ticket=ticket, tag=_tag(serializer.validated_data["tag"]), agent=agent
        )
        return Response(TagSerializer(selectors.tags_of_ticket(ticket=ticket), many=True).data)


class MacroSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField()
    title = serializers.CharField()
    shared = serializers.BooleanField()
    uses = serializers.IntegerField()


class AgentMacroListApi(ApiView):
    @extend_schema(operation_id="agent_macros_list", responses=MacroSerializer(many=True))
    def get(self, request: Request) -> Response:
        """The saved replies this agent may use (shared and their own), most used first."""
        agent = signed_in_agent(request)
        return Response(MacroSerializer(macro_list_for_agent(user=agent), many=True).data)


class MacroApplyInput(serializers.Serializer[Any]):
    send = serializers.BooleanField(
        default=True, help_text="false: only answer the text filled in for this ticket"
    )


class MacroAppliedSerializer(serializers.Serializer[Any]):
    body = serializers.CharField()
    message = MessageSerializer(allow_null=True)
    refused = serializers.ListField(child=serializers.CharField())


class AgentMacroApplyApi(ApiView):
    @extend_schema(
        operation_id="agent_tickets_macro_apply",
        request=MacroApplyInput,
        responses={200: MacroAppliedSerializer, 201: MacroAppliedSerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @idempotent("agent-macro-apply")
    def post(self, request: Request, reference: str, macro_id: UUID) -> Response:
        """Fill a saved reply in for the ticket (in the requester's language) and, unless
        ``send`` is false, send it and make its changes; a change the status machine refuses
        is listed in ``refused`` (the reply stays sent)."""
        agent = signed_in_agent(request)
        ticket = _ticket(agent, reference)
        macro = macro_get_for_agent(user=agent, macro_id=macro_id)
        serializer = MacroApplyInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        body = macro_render(macro=macro, ticket=ticket)
        if not serializer.validated_data["send"]:
            return Response({"body": body, "message": None, "refused": []})
        message = services.ticket_reply_add(ticket=ticket, author=agent, body=body)
        refused = macro_after_reply(macro=macro, ticket=ticket, agent=agent)
        return Response(
            {"body": body, "message": MessageSerializer(message).data, "refused": refused},
            status=status.HTTP_201_CREATED,
        )


class AgentMergeApi(ApiView):
    @extend_schema(
        operation_id="agent_tickets_merge",
        request=MergeInput,
        responses=TicketDetailSerializer,
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @idempotent("agent-merge")
    def post(self, request: Request, reference: str) -> Response:
        """Merge this ticket into another of the same requester; answers the kept ticket.
        400 merge_other_requester across requesters, merge_target_unknown for a ticket the
        agent cannot see."""
        agent = signed_in_agent(request)
        duplicate = _ticket(agent, reference)
        serializer = MergeInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        wanted = reference_normalise(serializer.validated_data["into"])
        try:
            into = _ticket(agent, wanted)
        except Http404:
            raise TicketError(TicketError.Code.MERGE_TARGET_UNKNOWN, reference=wanted) from None
        kept = services.ticket_merge(duplicate=duplicate, into=into, agent=agent)
        return _answer(agent, kept.reference)


class AvailabilitySerializer(serializers.Serializer[Any]):
    away = serializers.BooleanField()
    handed_back = serializers.IntegerField()


class AgentAvailabilityApi(ApiView):
    @extend_schema(
        operation_id="agent_availability",
        request=AvailabilityInput,
        responses=AvailabilitySerializer,
    )
    def post(self, request: Request) -> Response:
        """Away (automatic assignment passes the agent by; some teams take their tickets
        back) or available again."""
        agent = signed_in_agent(request)
        serializer = AvailabilityInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        away = serializer.validated_data["away"]
        handed_back = agent_away_set(agent=agent, away=away)
        return Response({"away": away, "handed_back": handed_back})

"""Agent endpoints for incidents: list, open and read one, link and unlink a ticket, reply to
all, resolve.

Customers get 404 everywhere here, as in the console. Opening, replying to all and resolving
are for supervisors and administrators (403 ``not_incident_lead`` for other agents); the reply
to all and the resolution are delivered in the background, so they answer 202 with the update
and its progress.
"""

from typing import Any
from uuid import UUID

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from walletdesk.api.base import ApiView
from walletdesk.api.pagination import cursor_page
from walletdesk.api.v1.agent import signed_in_agent
from walletdesk.guard.models import Channel
from walletdesk.incidents import selectors
from walletdesk.incidents.models import WINDOW_HOURS_MAX, Incident, IncidentStatus
from walletdesk.incidents.services import (
    incident_link,
    incident_open,
    incident_reply_all,
    incident_resolve,
    incident_unlink,
)
from walletdesk.networks.selectors import network_get
from walletdesk.tickets import selectors as ticket_selectors
from walletdesk.tickets.selectors import category_list_active


class IncidentSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField()
    title_zh = serializers.CharField()
    title_en = serializers.CharField()
    description_zh = serializers.CharField()
    description_en = serializers.CharField()
    network = serializers.CharField()
    category = serializers.SerializerMethodField()
    status = serializers.ChoiceField(choices=IncidentStatus.choices)
    opened_at = serializers.DateTimeField()
    window_hours = serializers.IntegerField()
    resolved_at = serializers.DateTimeField(allow_null=True)

    def get_category(self, obj: Incident) -> str | None:
        return obj.category.slug if obj.category is not None else None


class IncidentPageSerializer(serializers.Serializer[Any]):
    results = IncidentSerializer(many=True)
    next_cursor = serializers.CharField(allow_null=True)


class LinkedTicketSerializer(serializers.Serializer[Any]):
    reference = serializers.CharField(source="ticket.reference")
    status = serializers.CharField(source="ticket.status")
    linked_at = serializers.DateTimeField()
    how = serializers.CharField()


class IncidentDetailSerializer(IncidentSerializer):
    linked_count = serializers.IntegerField()
    linked = LinkedTicketSerializer(many=True)
    linked_next_after = serializers.IntegerField(allow_null=True)
    updates = serializers.ListField(child=serializers.DictField())


class IncidentInput(serializers.Serializer[Any]):
    title_zh = serializers.CharField(max_length=120)
    title_en = serializers.CharField(max_length=120)
    description_zh = serializers.CharField(max_length=10000)
    description_en = serializers.CharField(max_length=10000)
    network = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    category = serializers.SlugField(max_length=32, required=False, allow_null=True, default=None)
    window_hours = serializers.IntegerField(min_value=1, max_value=WINDOW_HOURS_MAX, default=24)

    def validate_network(self, value: str) -> str:
        if value and network_get(value) is None:
            raise serializers.ValidationError(_("Unknown network."), code="unknown_network")
        return value.strip().lower()

    def validate_category(self, value: str | None) -> str | None:
        if value and value not in {c.slug for c in category_list_active()}:
            raise serializers.ValidationError(_("Unknown category."), code="unknown_category")
        return value


class IncidentMessageInput(serializers.Serializer[Any]):
    body_zh = serializers.CharField(max_length=10000, required=False, allow_blank=True, default="")
    body_en = serializers.CharField(max_length=10000, required=False, allow_blank=True, default="")


class IncidentUpdateSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField()
    kind = serializers.CharField()
    targets = serializers.IntegerField()
    created_at = serializers.DateTimeField()


class LinkInput(serializers.Serializer[Any]):
    reference = serializers.CharField(max_length=32)


def _detail(request: Request, incident: Incident) -> dict[str, Any]:
    agent = signed_in_agent(request)
    page = selectors.incident_linked_tickets(user=agent, incident=incident)
    data: dict[str, Any] = dict(IncidentSerializer(incident).data)
    data["linked_count"] = selectors.incident_linked_count(incident=incident)
    data["linked"] = LinkedTicketSerializer(page.links, many=True).data
    data["linked_next_after"] = page.next_after
    data["updates"] = [
        {
            "id": str(p.update.pk),
            "kind": p.update.kind,
            "targets": p.update.targets,
            "posted": p.posted,
            "refused": p.refused,
            "finished": p.update.finished_at is not None,
        }
        for p in selectors.incident_update_list(incident=incident)
    ]
    return data


def _incident(request: Request, incident_id: UUID) -> Incident:
    return selectors.incident_get_for_agent(user=signed_in_agent(request), incident_id=incident_id)


class AgentIncidentCollectionApi(ApiView):
    @extend_schema(
        operation_id="agent_incidents_list",
        parameters=[
            OpenApiParameter("status", str, enum=IncidentStatus.values, required=False),
            OpenApiParameter("cursor", str, required=False),
        ],
        responses=IncidentPageSerializer,
    )
    def get(self, request: Request) -> Response:
        """Incidents, newest first (``status`` to keep the open or the resolved ones)."""
        agent = signed_in_agent(request)
        incidents = selectors.incident_list(user=agent)
        wanted = request.query_params.get("status", "")
        if wanted in IncidentStatus.values:
            incidents = incidents.filter(status=wanted)
        page = cursor_page(incidents, request.query_params.get("cursor", ""))
        return Response(
            {
                "results": IncidentSerializer(page.rows, many=True).data,
                "next_cursor": page.next_cursor,
            }
        )

    @extend_schema(
        operation_id="agent_incidents_open",
        request=IncidentInput,
        responses={201: IncidentSerializer},
    )
    def post(self, request: Request) -> Response:
        """Open an incident (supervisors and administrators)."""
        agent = signed_in_agent(request)
        serializer = IncidentInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        category = next((c for c in category_list_active() if c.slug == data["category"]), None)
        incident = incident_open(
            author=agent,
            title_zh=data["title_zh"],
            title_en=data["title_en"],
            description_zh=data["description_zh"],
            description_en=data["description_en"],
            network=data["network"],
            category=category,
            window_hours=data["window_hours"],
            channel=Channel.API,
        )
        return Response(IncidentSerializer(incident).data, status=status.HTTP_201_CREATED)


class AgentIncidentApi(ApiView):
    @extend_schema(operation_id="agent_incidents_get", responses=IncidentDetailSerializer)
    def get(self, request: Request, incident_id: UUID) -> Response:
        """One incident with the first page of its linked tickets and its updates' progress."""
        return Response(_detail(request, _incident(request, incident_id)))


class AgentIncidentLinkApi(ApiView):
    @extend_schema(
        operation_id="agent_incidents_link",
        request=LinkInput,
        responses={201: LinkedTicketSerializer},
    )
    def post(self, request: Request, incident_id: UUID) -> Response:
        """Link a ticket (by reference) to the open incident; a ticket has one at most."""
        agent = signed_in_agent(request)
        incident = _incident(request, incident_id)
        serializer = LinkInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        ticket = ticket_selectors.ticket_get_for_agent(
            user=agent, reference=serializer.validated_data["reference"]
        )
        link = incident_link(incident=incident, ticket=ticket, agent=agent)
        return Response(LinkedTicketSerializer(link).data, status=status.HTTP_201_CREATED)


class AgentIncidentUnlinkApi(ApiView):
    @extend_schema(operation_id="agent_incidents_unlink", request=None, responses={204: None})
    def delete(self, request: Request, incident_id: UUID, reference: str) -> Response:
        """Take a ticket off the incident."""
        agent = signed_in_agent(request)
        _incident(request, incident_id)
        ticket = ticket_selectors.ticket_get_for_agent(user=agent, reference=reference)
        incident_unlink(ticket=ticket, agent=agent)
        return Response(status=status.HTTP_204_NO_CONTENT)


class AgentIncidentReplyApi(ApiView):
    @extend_schema(
        operation_id="agent_incidents_reply_all",
        request=IncidentMessageInput,
        responses={202: IncidentUpdateSerializer},
    )
    def post(self, request: Request, incident_id: UUID) -> Response:
        """Reply to every linked ticket, in each requester's language (one language given is
        used for both); delivered in the background."""
        agent = signed_in_agent(request)
        incident = _incident(request, incident_id)
        serializer = IncidentMessageInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        update = incident_reply_all(
            incident=incident,
            author=agent,
            body_zh=serializer.validated_data["body_zh"],
            body_en=serializer.validated_data["body_en"],
            channel=Channel.API,
        )
        return Response(IncidentUpdateSerializer(update).data, status=status.HTTP_202_ACCEPTED)


class AgentIncidentResolveApi(ApiView):
    @extend_schema(
        operation_id="agent_incidents_resolve",
        request=IncidentMessageInput,
        responses={202: IncidentUpdateSerializer},
    )
    def post(self, request: Request, incident_id: UUID) -> Response:
        """Resolve the incident with a final message; its linked tickets are resolved in the
        background where the status machine allows (the others are listed on the incident)."""
        agent = signed_in_agent(request)
        incident = _incident(request, incident_id)
        serializer = IncidentMessageInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        update = incident_resolve(
            incident=incident,
            author=agent,
            body_zh=serializer.validated_data["body_zh"],
            body_en=serializer.validated_data["body_en"],
            channel=Channel.API,
        )
        return Response(IncidentUpdateSerializer(update).data, status=status.HTTP_202_ACCEPTED)

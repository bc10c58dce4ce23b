"""Agent endpoints for saved views and bulk actions: list and save the queue's filters under a
name, start one change on many tickets, follow a job. The same queues services as the console,
so a refusal is the same refusal in the API's {code, message} shape.
"""

from typing import Any
from uuid import UUID

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from walletdesk.api.base import ApiView
from walletdesk.api.idempotency import idempotent
from walletdesk.api.v1.agent import signed_in_agent
from walletdesk.api.v1.tickets import IDEMPOTENCY_PARAMETER
from walletdesk.queues import selectors as queue_selectors
from walletdesk.queues import services as queue_services
from walletdesk.queues.models import BulkJob
from walletdesk.tickets import selectors
from walletdesk.tickets.models import Priority
from walletdesk.tickets.references import reference_normalise


class SavedViewSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(read_only=True)
    name = serializers.CharField(max_length=80)
    query = serializers.CharField(
        max_length=1000, allow_blank=True, help_text="the queue's filters as a query string"
    )
    shared = serializers.BooleanField(default=False)


class AgentSavedViewsApi(ApiView):
    @extend_schema(operation_id="agent_views_list", responses=SavedViewSerializer(many=True))
    def get(self, request: Request) -> Response:
        """The agent's own views and those shared with every agent."""
        agent = signed_in_agent(request)
        views = queue_selectors.saved_view_list_for(user=agent)
        return Response(SavedViewSerializer(views, many=True).data)

    @extend_schema(
        operation_id="agent_views_save",
        request=SavedViewSerializer,
        responses={201: SavedViewSerializer},
    )
    def post(self, request: Request) -> Response:
        """Save a view (the same name again replaces its filters)."""
        agent = signed_in_agent(request)
        serializer = SavedViewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        view = queue_services.saved_view_save(owner=agent, **serializer.validated_data)
        return Response(SavedViewSerializer(view).data, status=status.HTTP_201_CREATED)


class BulkInput(serializers.Serializer[Any]):
    action = serializers.ChoiceField(choices=BulkJob.Action.choices)
    tickets = serializers.ListField(
        child=serializers.CharField(max_length=32), max_length=queue_services.BULK_MAX
    )
    assignee = serializers.UUIDField(required=False, allow_null=True)
    priority = serializers.ChoiceField(choices=Priority.choices, required=False)
    tag = serializers.UUIDField(required=False)
    macro = serializers.UUIDField(required=False)
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True)


class BulkJobSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField()
    action = serializers.CharField()
    state = serializers.CharField()
    total = serializers.IntegerField()
    done = serializers.IntegerField()
    refused = serializers.IntegerField()


class AgentBulkApi(ApiView):
    @extend_schema(
        operation_id="agent_bulk_start",
        request=BulkInput,
        responses={202: BulkJobSerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @idempotent("agent-bulk")
    def post(self, request: Request) -> Response:
        """Start one change on many tickets (by reference); large ones run in the background:
        follow them with GET /agent/bulk/{id}."""
        agent = signed_in_agent(request)
        serializer = BulkInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        ids = list(
            selectors.tickets_visible_to(agent)
            .filter(reference__in=[reference_normalise(r) for r in data["tickets"]])
            .values_list("id", flat=True)
        )
        params = {
            key: "" if data.get(key) is None else str(data[key])
            for key in ("assignee", "priority", "tag", "macro", "reason")
        }
        job = queue_services.bulk_job_start(
            agent=agent, action=data["action"], params=params, ticket_ids=ids, described="API"
        )
        return Response(BulkJobSerializer(job).data, status=status.HTTP_202_ACCEPTED)


class AgentBulkJobApi(ApiView):
    @extend_schema(operation_id="agent_bulk_get", responses=BulkJobSerializer)
    def get(self, request: Request, job_id: UUID) -> Response:
        agent = signed_in_agent(request)
        job = queue_selectors.bulk_job_get_for(user=agent, job_id=job_id)
        if job is None:
            raise Http404
        return Response(BulkJobSerializer(job).data)

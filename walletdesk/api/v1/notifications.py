"""The signed-in user's in-app notifications and which notifications they want.

Reads go through notifications/selectors.py, scoped to the caller (another user's
notification is 404, exactly like a missing one); writes through notifications/services.py.
"""

from typing import Any
from uuid import UUID

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.request import Request
from rest_framework.response import Response

from walletdesk.accounts.models import User
from walletdesk.api.base import ApiView, signed_in_user
from walletdesk.api.pagination import cursor_page
from walletdesk.notifications import selectors, services
from walletdesk.notifications.models import Channel, Kind, Notification


def _user(request: Request) -> User:
    return signed_in_user(request)


class NotificationSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField()
    kind = serializers.ChoiceField(choices=Kind.choices)
    title = serializers.CharField(source="get_kind_display")
    # Empty for a notification about no ticket (the forum's): ``link`` says where it leads.
    ticket_reference = serializers.SerializerMethodField()
    ticket_subject = serializers.SerializerMethodField()
    link = serializers.CharField(
        help_text="The site path a notification about no ticket opens (the forum topic's)."
    )
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)
    unread = serializers.BooleanField(source="is_unread")

    def get_ticket_reference(self, notification: Notification) -> str:
        return notification.ticket.reference if notification.ticket is not None else ""

    def get_ticket_subject(self, notification: Notification) -> str:
        return notification.ticket.subject if notification.ticket is not None else ""


class NotificationPageSerializer(serializers.Serializer[Any]):
    results = NotificationSerializer(many=True)
    next_cursor = serializers.CharField(allow_null=True)


class NotificationListApi(ApiView):
    @extend_schema(
        operation_id="notifications_list_mine",
        parameters=[OpenApiParameter("cursor", str, required=False)],
        responses=NotificationPageSerializer,
    )
    def get(self, request: Request) -> Response:
        """My in-app notifications, newest first, 20 a page; pass next_cursor back."""
        page = cursor_page(
            selectors.notification_queryset_for_user(user=_user(request)),
            cursor=str(request.query_params.get("cursor", "")),
        )
        return Response(
            {
                "results": NotificationSerializer(page.rows, many=True).data,
                "next_cursor": page.next_cursor,
            }
        )


class NotificationReadApi(ApiView):
    @extend_schema(
        operation_id="notifications_mark_read", request=None, responses=NotificationSerializer
    )
    def post(self, request: Request, notification_id: UUID) -> Response:
        """Mark one of my notifications read (again is harmless). Anyone else's is 404."""
        user = _user(request)
        notification = selectors.notification_get_for_user(
            user=user, notification_id=notification_id
        )
        services.notification_mark_read(user=user, notification=notification)
        notification = selectors.notification_get_for_user(
            user=user, notification_id=notification_id
        )
        return Response(NotificationSerializer(notification).data)


class ReadAllSerializer(serializers.Serializer[Any]):
    marked = serializers.IntegerField(help_text="How many were unread until now.")


class NotificationReadAllApi(ApiView):
    @extend_schema(
        operation_id="notifications_mark_all_read", request=None, responses=ReadAllSerializer
    )
    def post(self, request: Request) -> Response:
        """Mark every one of my notifications read."""
        marked = services.notifications_mark_all_read(user=_user(request))
        return Response(ReadAllSerializer({"marked": marked}).data)


class PreferenceSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=Kind.choices)
    channel = serializers.ChoiceField(choices=Channel.choices)
    enabled = serializers.BooleanField()


class PreferenceOutput(PreferenceSerializer):
    kind_label = serializers.CharField()
    channel_label = serializers.CharField()


class PreferenceListSerializer(serializers.Serializer[Any]):
    preferences = PreferenceOutput(many=True)


class PreferenceListInput(serializers.Serializer[Any]):
    # DRF hands max_length to the ListSerializer that many=True builds (LIST_SERIALIZER_KWARGS);
    # the stubs' BaseSerializer.__init__ does not list it.
    preferences = PreferenceSerializer(many=True, max_length=100)  # type: ignore[call-arg]


def _preferences(user: User) -> dict[str, Any]:
    """Every switch the user may set, each with its current state (off is stored, on is not)."""
    off = selectors.notification_preferences_for_user(user=user)
    rows = [
        {
            "kind": kind.value,
            "kind_label": kind.label,
            "channel": channel.value,
            "channel_label": channel.label,
            "enabled": (kind.value, channel.value) not in off,
        }
        for kind, channels in selectors.notification_switches_for_user(user=user)
        for channel in channels
    ]
    return dict(PreferenceListSerializer({"preferences": rows}).data)


class NotificationPreferencesApi(ApiView):
    @extend_schema(
        operation_id="me_notification_preferences_get", responses=PreferenceListSerializer
    )
    def get(self, request: Request) -> Response:
        """Which notifications I get, per kind and channel."""
        return Response(_preferences(_user(request)))

    @extend_schema(
        operation_id="me_notification_preferences_set",
        request=PreferenceListInput,
        responses=PreferenceListSerializer,
    )
    def put(self, request: Request) -> Response:
        """Turn kinds of notification on or off per channel; switches not listed stay as they
        are. A kind or channel that is not offered to me is refused (400) and nothing changes."""
        user = _user(request)
        serializer = PreferenceListInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        offered = {
            (kind.value, channel.value)
            for kind, channels in selectors.notification_switches_for_user(user=user)
            for channel in channels
        }
        rows = serializer.validated_data["preferences"]
        refused = {
            str(index): [
                exceptions.ErrorDetail(
                    _("This notification cannot be chosen on this channel."),
                    code="preference_not_offered",
                )
            ]
            for index, row in enumerate(rows)
            if (row["kind"], row["channel"]) not in offered
        }
        if refused:
            raise exceptions.ValidationError({"preferences": refused})
        services.notification_preferences_set(
            user=user, choices=[(row["kind"], row["channel"], row["enabled"]) for row in rows]
        )
        return Response(_preferences(user))

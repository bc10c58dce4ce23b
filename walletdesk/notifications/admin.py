from typing import cast

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from walletdesk.accounts.models import User
from walletdesk.notifications.channels.webhook import webhook_post
from walletdesk.notifications.models import (
    Notification,
    NotificationPreference,
    WebhookDelivery,
    WebhookEndpoint,
)
from walletdesk.tickets.selectors import ticket_not_restricted_for


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin[Notification]):
    list_display = [
        "created_at",
        "kind",
        "channel",
        "state",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "read_at",
    ]
    list_filter = ["state", "channel", "kind"]
    raw_id_fields = ["recipient", "ticket", "event"]
    readonly_fields = ["claimed_at", "next_attempt_at", "sent_at", "attempts", "last_error"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Notification]:
        # A restricted team's notifications are its members' alone, as in the console.
        user = cast(User, request.user)
        return super().get_queryset(request).filter(ticket_not_restricted_for(user, via="ticket__"))


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin[NotificationPreference]):
    list_display = ["user", "kind", "channel", "enabled"]
    raw_id_fields = ["user"]


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin[WebhookEndpoint]):
    list_display = ["name", "url", "is_active"]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin[WebhookDelivery]):
    list_display = ["created_at", "endpoint", "attempt", "status_code", "succeeded", "duration_ms"]
    list_filter = ["succeeded", "endpoint"]
    list_select_related = ["endpoint"]
    raw_id_fields = ["notification"]
    readonly_fields = [
        "notification",
        "endpoint",
        "attempt",
        "status_code",
        "succeeded",
        "error",
        "duration_ms",
    ]
    actions = ["replay"]

    @admin.action(description=_("Replay: post these notifications again"))
    def replay(self, request: HttpRequest, queryset: QuerySet[WebhookDelivery]) -> None:
        count = 0
        for delivery in queryset.select_related(
            "notification__ticket", "notification__recipient", "endpoint"
        ):
            webhook_post(
                notification=delivery.notification,
                endpoint=delivery.endpoint,
                attempt=delivery.attempt + 1,
            )
            count += 1
        self.message_user(request, _("Replayed %(n)d deliveries.") % {"n": count}, messages.SUCCESS)

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from walletdesk.sla.models import Policy, TicketDeadline


@admin.register(Policy)
class PolicyAdmin(admin.ModelAdmin[Policy]):
    list_display = (
        "name_zh",
        "name_en",
        "category",
        "priority",
        "first_reply_for",
        "next_reply_for",
        "resolution_for",
        "warn_before_for",
    )
    list_filter = ("category", "priority")


@admin.register(TicketDeadline)
class TicketDeadlineAdmin(admin.ModelAdmin[TicketDeadline]):
    """Read only: the clocks move with the ticket, never by hand."""

    list_display = ("ticket", "kind", "due_at", "paused_at", "met_at", "breached_at", "warned_at")
    list_filter = ("kind",)
    raw_id_fields = ("ticket",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

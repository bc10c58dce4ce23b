from django.contrib import admin
from django.http import HttpRequest

from walletdesk.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    """Read only: the trail is append-only, here as in the database."""

    list_display = ("created_at", "kind", "actor_label", "target", "ip")
    list_filter = ("kind",)
    search_fields = ("actor_label", "target")
    # No second COUNT of the whole table on each page of the list.
    show_full_result_count = False
    readonly_fields = (
        "created_at",
        "kind",
        "actor_id",
        "actor_label",
        "target",
        "ip",
        "user_agent",
        "detail",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

from django.contrib import admin
from django.http import HttpRequest

from walletdesk.guard.models import SecretCatch


@admin.register(SecretCatch)
class SecretCatchAdmin(admin.ModelAdmin[SecretCatch]):
    """Audit only: where secrets were caught. Rows are append-only and hold no text."""

    list_display = ("created_at", "channel", "user", "ticket", "kinds", "fields", "was_masked")
    list_filter = ("channel", "was_masked")
    readonly_fields = ("created_at", "channel", "user", "ticket", "kinds", "fields", "was_masked")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

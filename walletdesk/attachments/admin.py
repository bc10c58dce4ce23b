from typing import cast

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from walletdesk.accounts.models import User
from walletdesk.attachments.models import Attachment, AttachmentLimits
from walletdesk.tickets.selectors import ticket_not_restricted_for


@admin.register(AttachmentLimits)
class AttachmentLimitsAdmin(admin.ModelAdmin[AttachmentLimits]):
    list_display = (
        "max_file_bytes",
        "max_files_per_message",
        "max_bytes_per_message",
        "max_files_per_ticket",
        "max_bytes_per_ticket",
        "max_pixels",
        "max_dimension",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        # One row only: it is created with the defaults and then edited.
        return not AttachmentLimits.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin[Attachment]):
    """Read-only: files change only through the services (and their events)."""

    list_display = ("display_name", "ticket", "kind", "size", "scan_state", "is_internal")
    list_filter = ("kind", "scan_state", "is_internal")
    search_fields = ("ticket__reference", "sha256")
    readonly_fields = [f.name for f in Attachment._meta.fields]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Attachment]:
        # A restricted team's files are its members' alone, here as in the console.
        user = cast(User, request.user)
        return super().get_queryset(request).filter(ticket_not_restricted_for(user, via="ticket__"))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

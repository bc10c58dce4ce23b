from django.contrib import admin
from django.http import HttpRequest

from walletdesk.privacy.models import AnonymisedTicket, DataExport


class _ReadOnly:
    """Written by the data rights services only; administrators look, never edit."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(DataExport)
class DataExportAdmin(_ReadOnly, admin.ModelAdmin[DataExport]):
    list_display = ("created_at", "user", "state", "size", "expires_at", "downloaded_at")
    list_filter = ("state",)
    list_select_related = ("user",)
    # The storage key is not a link: the file leaves only through its owner's signed link.
    exclude = ("storage_key",)
    readonly_fields = [f.name for f in DataExport._meta.fields if f.name != "storage_key"]


@admin.register(AnonymisedTicket)
class AnonymisedTicketAdmin(_ReadOnly, admin.ModelAdmin[AnonymisedTicket]):
    list_display = ("ticket", "reason", "anonymised_at")
    list_filter = ("reason",)
    search_fields = ("ticket__reference",)
    list_select_related = ("ticket",)
    readonly_fields = ("ticket", "reason", "anonymised_at")

from django.contrib import admin
from django.http import HttpRequest

from walletdesk.inbound.models import HeldMail, InboundMessage


@admin.register(InboundMessage)
class InboundMessageAdmin(admin.ModelAdmin[InboundMessage]):
    """Read-only: the log is written by the intake only."""

    list_display = ("created_at", "source", "sender", "state", "reason", "ticket", "size")
    list_filter = ("state", "source", "reason")
    search_fields = ("message_id", "sender", "ticket__reference")
    list_select_related = ("ticket",)
    readonly_fields = [f.name for f in InboundMessage._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(HeldMail)
class HeldMailAdmin(admin.ModelAdmin[HeldMail]):
    """Read-only: mail held because its sender was not authenticated (a forged staff From:
    shows here), written by the intake and decided by the account holder on the site."""

    list_display = ("created_at", "kind", "state", "user", "subject", "ticket")
    list_filter = ("kind", "state")
    search_fields = ("user__email", "subject", "inbound__message_id")
    list_select_related = ("user", "ticket")
    exclude = ("raw",)
    readonly_fields = [f.name for f in HeldMail._meta.fields if f.name != "raw"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

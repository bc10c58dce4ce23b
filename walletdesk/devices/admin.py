from django.contrib import admin

from walletdesk.devices.models import DeviceToken


@admin.register(DeviceToken)
class DeviceTokenAdmin(admin.ModelAdmin[DeviceToken]):
    list_display = ("prefix", "user", "name", "created_at", "last_used_at", "expires_at")
    list_filter = ("revoked_at",)
    search_fields = ("user__email", "prefix")
    readonly_fields = ("key_hash", "prefix", "user", "created_at", "last_used_at")

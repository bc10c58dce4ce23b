from django.contrib import admin

from walletdesk.kb.models import ContactChannel


@admin.register(ContactChannel)
class ContactChannelAdmin(admin.ModelAdmin):
    list_display = ("kind", "label_zh", "label_en", "value", "position", "is_active")
    list_editable = ("position", "is_active")

from django.contrib import admin
from django.db import models

from walletdesk.networks.models import Asset, Network


class AssetInline(admin.TabularInline[Asset, Network]):
    model = Asset
    extra = 1
    fields = ("symbol", "name", "contract", "decimals", "position")


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin[Network]):
    list_display = ("slug", "name_zh", "name_en", "family", "chain_id", "needs_memo", "position")
    list_editable = ("position",)
    list_filter = ("family", "needs_memo", "is_active")
    search_fields = ("slug", "name_zh", "name_en")
    inlines = [AssetInline]
    # RPC endpoints are https; a bare host typed in the admin should not become http.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Asset)
class AssetAdmin(admin.ModelAdmin[Asset]):
    list_display = ("symbol", "network", "contract", "decimals")
    list_filter = ("network",)
    search_fields = ("symbol", "name", "contract")

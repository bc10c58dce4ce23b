from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "walletdesk.networks"
    label = "networks"
    verbose_name = _("Networks")

    def ready(self) -> None:
        # Admin edits must reach the cached catalogue at once (cache busting only).
        from walletdesk.networks import signals  # noqa: F401

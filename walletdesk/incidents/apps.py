from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    name = "walletdesk.incidents"
    label = "incidents"
    verbose_name = _("Incidents")

    def ready(self) -> None:
        # A new or resolved incident must reach the cached open incidents (cache busting only).
        from walletdesk.incidents import signals  # noqa: F401

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarsConfig(AppConfig):
    name = "walletdesk.calendars"
    label = "calendars"
    verbose_name = _("Business calendars")

    def ready(self) -> None:
        # Admin edits must reach the cached calendars at once (cache busting only).
        from walletdesk.calendars import signals  # noqa: F401

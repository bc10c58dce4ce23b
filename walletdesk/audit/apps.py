from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "walletdesk.audit"
    label = "audit"
    verbose_name = _("Security audit")

    def ready(self) -> None:
        from walletdesk.audit import receivers

        receivers.connect()

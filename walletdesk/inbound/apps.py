from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InboundConfig(AppConfig):
    name = "walletdesk.inbound"
    label = "inbound"
    verbose_name = _("Inbound e-mail")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from walletdesk.inbound.signals import held_tickets_announce

        user_logged_in.connect(held_tickets_announce, dispatch_uid="inbound-held-announce")

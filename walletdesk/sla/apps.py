from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SlaConfig(AppConfig):
    name = "walletdesk.sla"
    label = "sla"
    verbose_name = _("Service levels")

    def ready(self) -> None:
        from walletdesk.sla.services import FOLLOWED_KINDS, deadlines_follow_event
        from walletdesk.tickets.events import ticket_event_listen

        # Not "created": a new ticket stays one statement; its deadlines are opened after the
        # fact (services.deadlines_open_new).
        ticket_event_listen(deadlines_follow_event, kinds=FOLLOWED_KINDS)

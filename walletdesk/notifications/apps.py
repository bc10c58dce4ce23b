from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "walletdesk.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        # Every ticket change passes through this one hook (tickets/events.py).
        from walletdesk.notifications.services import HEARD_KINDS, notifications_for_event
        from walletdesk.tickets.events import ticket_event_listen

        ticket_event_listen(notifications_for_event, kinds=HEARD_KINDS)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsoleConfig(AppConfig):
    """The agent's pages: the queue and the ticket workspace."""

    name = "walletdesk.console"
    label = "console"
    verbose_name = _("Agent console")

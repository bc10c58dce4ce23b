from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The wallet user's ticket pages: submit, follow, answer, rate, resubmit."""

    name = "walletdesk.portal"
    label = "portal"
    verbose_name = _("Portal")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuardConfig(AppConfig):
    name = "walletdesk.guard"
    label = "guard"
    verbose_name = _("Secret guard")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MacrosConfig(AppConfig):
    name = "walletdesk.macros"
    label = "macros"
    verbose_name = _("Saved replies")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiweConfig(AppConfig):
    name = "walletdesk.siwe"
    label = "siwe"
    verbose_name = _("Sign-In with Ethereum")

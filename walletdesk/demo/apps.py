from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """`manage.py seed_demo`: the people, tickets and articles `make run` shows. It sits on top
    of every domain app (it only calls their services) and nothing imports it."""

    name = "walletdesk.demo"
    label = "demo"
    verbose_name = _("Demo data")

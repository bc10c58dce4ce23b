from django.apps import AppConfig


class KbConfig(AppConfig):
    name = "walletdesk.kb"
    label = "kb"

from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "walletdesk.community"
    label = "community"

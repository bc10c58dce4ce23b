from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "walletdesk.api"
    label = "api"

    def ready(self) -> None:
        # Registers the schema extensions (drf-spectacular finds them by subclassing).
        from walletdesk.api import extensions  # noqa: F401

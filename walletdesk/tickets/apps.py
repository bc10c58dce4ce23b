from django.apps import AppConfig


class TicketsConfig(AppConfig):
    name = "walletdesk.tickets"
    label = "tickets"

    def ready(self) -> None:
        # Admin edits must reach the cached category list at once (cache busting only).
        from walletdesk.tickets import signals  # noqa: F401

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttachmentsConfig(AppConfig):
    name = "walletdesk.attachments"
    label = "attachments"
    verbose_name = _("Attachments")

    def ready(self) -> None:
        # HEIC (iPhone photos) becomes one more format Pillow opens; nothing else changes.
        from pillow_heif import register_heif_opener

        register_heif_opener()

"""Where attachment bytes live: the ``attachments`` entry of STORAGES (a local folder by
default, S3-compatible object storage in production), else the default storage."""

from django.conf import settings
from django.core.files.storage import Storage, default_storage, storages


def attachment_storage() -> Storage:
    if "attachments" in settings.STORAGES:
        return storages["attachments"]
    return default_storage


def signed_urls_enabled() -> bool:
    """Hand out the storage's short-lived signed URL instead of streaming through Django."""
    return bool(getattr(settings, "ATTACHMENTS_SIGNED_URLS", False))

"""Cache busting only: an admin edit of a network or asset drops the cached catalogue."""

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from walletdesk.networks.models import Asset, Network
from walletdesk.networks.selectors import network_catalogue_forget


@receiver([post_save, post_delete], sender=Network)
@receiver([post_save, post_delete], sender=Asset)
def _forget_catalogue(sender: type, **kwargs: Any) -> None:
    network_catalogue_forget()

"""Cache busting only: a saved or deleted incident drops the cached open incidents."""

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from walletdesk.incidents.models import Incident
from walletdesk.incidents.selectors import incident_catalogue_forget


@receiver([post_save, post_delete], sender=Incident)
def _forget_open_incidents(sender: type, **kwargs: Any) -> None:
    incident_catalogue_forget()
    # Again once the change is visible: another process may have reloaded the old rows
    # between the first drop and the commit.
    transaction.on_commit(incident_catalogue_forget)

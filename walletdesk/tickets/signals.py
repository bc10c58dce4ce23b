"""Cache busting only: an admin edit of a category drops the cached category list."""

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from walletdesk.tickets.models import Category
from walletdesk.tickets.selectors import category_catalogue_forget


@receiver([post_save, post_delete], sender=Category)
def _forget_categories(sender: type, **kwargs: Any) -> None:
    category_catalogue_forget()

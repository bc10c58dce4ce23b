"""Cache busting only: an admin edit of a category, a team or a tag drops what is cached of it."""

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from walletdesk.tickets.models import Category, Tag, Team
from walletdesk.tickets.selectors import (
    category_catalogue_forget,
    tag_catalogue_forget,
    team_calendar_catalogue_forget,
)


@receiver([post_save, post_delete], sender=Category)
def _forget_categories(sender: type, **kwargs: Any) -> None:
    category_catalogue_forget()


@receiver([post_save, post_delete], sender=Tag)
def _forget_tags(sender: type, **kwargs: Any) -> None:
    tag_catalogue_forget()


@receiver([post_save, post_delete], sender=Team)
def _forget_team_calendars(sender: type, **kwargs: Any) -> None:
    team_calendar_catalogue_forget()
    category_catalogue_forget()  # it carries each category's team

"""Cache busting only: an admin edit of a calendar, its hours or its days drops the cache."""

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from walletdesk.calendars.models import Calendar, CalendarDay, WorkingHours
from walletdesk.calendars.selectors import calendar_catalogue_forget


@receiver([post_save, post_delete], sender=Calendar)
@receiver([post_save, post_delete], sender=WorkingHours)
@receiver([post_save, post_delete], sender=CalendarDay)
def _forget_calendars(sender: type, **kwargs: Any) -> None:
    calendar_catalogue_forget()

"""Checks of a calendar before it is stored (the admin calls them; one place for the rules)."""

import zoneinfo
from collections.abc import Iterable
from datetime import date, time
from itertools import pairwise

from django.utils.formats import date_format

from walletdesk.calendars.errors import CalendarError
from walletdesk.calendars.models import WorkingHours


def calendar_zone_check(name: str) -> None:
    """Raises CalendarError(UNKNOWN_ZONE) for a name the time-zone database does not know."""
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise CalendarError(CalendarError.Code.UNKNOWN_ZONE, zone=name) from None


def calendar_hours_check(hours: Iterable[tuple[int, time, time]]) -> None:
    """Working hours as (weekday, opens, closes). Raises CalendarError(HOURS_BACKWARDS) for a
    period that closes before it opens, HOURS_OVERLAP for two periods of one weekday that
    overlap, NO_WORKING_TIME when no weekday has any."""
    by_day: dict[int, list[tuple[time, time]]] = {}
    for weekday, opens, closes in hours:
        name = str(WorkingHours.Weekday(weekday).label)
        if closes <= opens:
            raise CalendarError(CalendarError.Code.HOURS_BACKWARDS, weekday=name)
        by_day.setdefault(weekday, []).append((opens, closes))
    if not by_day:
        raise CalendarError(CalendarError.Code.NO_WORKING_TIME)
    for weekday, periods in by_day.items():
        periods.sort()
        for (_, closes), (opens, _) in pairwise(periods):
            if opens < closes:
                name = str(WorkingHours.Weekday(weekday).label)
                raise CalendarError(CalendarError.Code.HOURS_OVERLAP, weekday=name)


def calendar_days_check(dates: Iterable[date]) -> None:
    """Raises CalendarError(DAY_DUPLICATE) when a date is entered twice on one calendar."""
    seen: set[date] = set()
    for day in dates:
        if day in seen:
            raise CalendarError(CalendarError.Code.DAY_DUPLICATE, date=date_format(day, "Y-m-d"))
        seen.add(day)

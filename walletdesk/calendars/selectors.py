"""Reads of the business calendars: the stored rows as BusinessCalendar objects.

Calendars are read on every ticket opened (its due time) and every queue page, so they are
cached as one catalogue (core/catalogues.py) and dropped on any admin edit (signals.py).
"""

import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import time
from uuid import UUID

from walletdesk.calendars.arithmetic import BusinessCalendar, DayHours, weekdays
from walletdesk.calendars.models import Calendar, CalendarDay, WorkingHours
from walletdesk.calendars.official import official_days, official_years
from walletdesk.core.catalogues import Catalogue

# Used only while no calendar is stored at all (the data migration seeds one).
FALLBACK = weekdays(zoneinfo.ZoneInfo("Asia/Shanghai"), ((9 * 60, 18 * 60),))


def _minutes(at: time) -> int:
    return at.hour * 60 + at.minute


def calendar_build(
    calendar: Calendar, hours: Iterable[WorkingHours], days: Iterable[CalendarDay]
) -> BusinessCalendar:
    """One stored calendar as arithmetic: official days first, the admin's days over them."""
    week: list[list[tuple[int, int]]] = [[] for _ in range(7)]
    for row in sorted(hours, key=lambda h: (h.weekday, h.opens_at)):
        week[row.weekday].append((_minutes(row.opens_at), _minutes(row.closes_at)))
    merged = official_days(calendar.official_days)
    merged.update({day.date: day.kind == CalendarDay.Kind.WORKING for day in days})
    try:
        zone: zoneinfo.ZoneInfo = zoneinfo.ZoneInfo(calendar.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("Asia/Shanghai")
    week_hours: tuple[DayHours, ...] = tuple(tuple(day) for day in week)
    return BusinessCalendar(zone=zone, week=week_hours, days=merged)


@dataclass(frozen=True)
class _Calendars:
    default: UUID | None
    built: dict[UUID, BusinessCalendar]


def _load() -> _Calendars:
    calendars = list(Calendar.objects.all())
    hours: dict[UUID, list[WorkingHours]] = {c.pk: [] for c in calendars}
    days: dict[UUID, list[CalendarDay]] = {c.pk: [] for c in calendars}
    for row in WorkingHours.objects.all():
        hours[row.calendar_id].append(row)
    for day in CalendarDay.objects.all():
        days[day.calendar_id].append(day)
    built = {c.pk: calendar_build(c, hours[c.pk], days[c.pk]) for c in calendars}
    default = next((c.pk for c in calendars if c.is_default), None)
    return _Calendars(default=default, built=built)


_catalogue: Catalogue[_Calendars] = Catalogue("calendars", _load)


def calendar_catalogue_forget() -> None:
    """Drop the cached calendars everywhere; the next read goes to the database."""
    _catalogue.forget()


def business_calendar(calendar_id: UUID | None) -> BusinessCalendar:
    """The calendar with this id, or the default one (no id, or one since deleted)."""
    data = _catalogue.get()
    if calendar_id is not None and calendar_id in data.built:
        return data.built[calendar_id]
    if data.default is not None and data.default in data.built:
        return data.built[data.default]
    return FALLBACK


def calendar_unknown_years(calendar: Calendar, years: Iterable[int]) -> list[int]:
    """Years neither the official source nor the admin's days know: counted as plain weekdays
    (no holidays), which the admin is warned about."""
    known = official_years(calendar.official_days)
    entered = {day.year for day in calendar.days.values_list("date", flat=True)}
    return [year for year in years if year not in known and year not in entered]

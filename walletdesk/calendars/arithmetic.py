"""Business time: which instants are working time, and counting in it.

Plain Python (no database): a ``BusinessCalendar`` is a time zone, the working hours of each
weekday, and the dates that differ from the week (public holidays off, make-up working days
on). Every due time a person sees is counted here; the stored calendars (models.py) are
turned into one of these by selectors.py.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo

# Minutes from midnight: (opens, closes), closes may be 1440 (the whole day).
Interval = tuple[int, int]
DayHours = tuple[Interval, ...]

MINUTES_PER_DAY = 24 * 60
# How far ahead a search for working time looks before it gives up (a calendar without any
# working time is refused when it is saved; this only stops a loop on bad data).
_SEARCH_DAYS = 3 * 366


class NoWorkingTime(ValueError):
    """The calendar has no working time in the searched span."""


@dataclass(frozen=True)
class BusinessCalendar:
    zone: tzinfo
    # Seven entries, Monday first.
    week: tuple[DayHours, ...]
    # Dates that differ from the week: True = a working day, False = a day off.
    days: Mapping[date, bool] = field(default_factory=dict)
    # The hours of a make-up working day that falls on a day the week leaves empty.
    makeup_hours: DayHours = ()

    def __post_init__(self) -> None:
        if len(self.week) != 7:
            raise ValueError("a week has seven days")
        if not self.makeup_hours:
            first = next((hours for hours in self.week if hours), ())
            object.__setattr__(self, "makeup_hours", first)

    # -- days ---------------------------------------------------------------------------

    def is_working_day(self, day: date) -> bool:
        override = self.days.get(day)
        if override is not None:
            return override and bool(self.hours_on(day))
        return bool(self.week[day.weekday()])

    def hours_on(self, day: date) -> DayHours:
        """The working intervals of a date (empty on a day off)."""
        override = self.days.get(day)
        if override is False:
            return ()
        hours = self.week[day.weekday()]
        if override is True and not hours:
            return self.makeup_hours
        return hours

    def _local(self, at: datetime) -> datetime:
        if at.tzinfo is None:
            raise ValueError("business time needs an aware datetime")
        return at.astimezone(self.zone)

    def _instant(self, day: date, minute: int) -> datetime:
        """The instant (in UTC) of a wall-clock minute of a date in the calendar's zone."""
        local = datetime.combine(day, time(0), tzinfo=self.zone) + timedelta(minutes=minute)
        return local.astimezone(UTC)

    def _intervals_from(self, day: date) -> Iterator[tuple[datetime, datetime]]:
        """Working intervals as UTC instants, from ``day`` on, in order."""
        for offset in range(_SEARCH_DAYS):
            current = day + timedelta(days=offset)
            for opens, closes in self.hours_on(current):
                yield self._instant(current, opens), self._instant(current, closes)
        raise NoWorkingTime(str(day))

    # -- instants -----------------------------------------------------------------------

    def is_working_time(self, at: datetime) -> bool:
        local = self._local(at)
        minute = local.hour * 60 + local.minute + (local.second + local.microsecond / 1e6) / 60
        return any(opens <= minute < closes for opens, closes in self.hours_on(local.date()))

    def next_working_moment(self, at: datetime) -> datetime:
        """``at`` itself if it is working time, else the next opening, in the calendar's zone."""
        moment = at.astimezone(UTC)
        day = self._local(at).date() - timedelta(days=1)  # a night interval may start earlier
        for opens, closes in self._intervals_from(day):
            if closes > moment:
                return max(opens, moment).astimezone(self.zone)
        raise AssertionError("unreachable")  # pragma: no cover

    def add_business_time(self, at: datetime, amount: timedelta) -> datetime:
        """The instant ``amount`` of working time after ``at`` (at least ``at``).

        A positive amount always ends inside a working interval or at its closing instant.
        """
        if amount <= timedelta(0):
            return at.astimezone(self.zone)
        moment = at.astimezone(UTC)
        left = amount
        day = self._local(at).date() - timedelta(days=1)
        for opens, closes in self._intervals_from(day):
            if closes <= moment:
                continue
            start = max(opens, moment)
            if closes - start >= left:
                return (start + left).astimezone(self.zone)
            left -= closes - start
            moment = closes
        raise AssertionError("unreachable")  # pragma: no cover

    def add_business_minutes(self, at: datetime, minutes: int) -> datetime:
        return self.add_business_time(at, timedelta(minutes=minutes))

    def business_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Working time in [start, end); zero when end is not after start."""
        low, high = start.astimezone(UTC), end.astimezone(UTC)
        total = timedelta(0)
        if high <= low:
            return total
        day = self._local(start).date() - timedelta(days=1)
        last = self._local(end).date() + timedelta(days=1)
        current = day
        while current <= last:
            for opens, closes in self.hours_on(current):
                a, b = self._instant(current, opens), self._instant(current, closes)
                overlap = min(b, high) - max(a, low)
                if overlap > timedelta(0):
                    total += overlap
            current += timedelta(days=1)
        return total

    def add_business_days(self, at: datetime, days: int) -> datetime:
        """The ``days``-th working day after ``at``'s date, at ``at``'s time of day; a time
        outside that day's hours moves on to the next working moment. Zero or fewer: ``at``.

        This is the "reply within N business days" promise: asked on Friday at 10:00, two
        business days is Tuesday at 10:00, however many holidays lie between.
        """
        if days <= 0:
            return at
        local = self._local(at)
        current = local.date()
        for _ in range(_SEARCH_DAYS):
            current += timedelta(days=1)
            if self.is_working_day(current):
                days -= 1
                if days == 0:
                    break
        else:
            raise NoWorkingTime(str(local.date()))
        wall = datetime.combine(current, local.time(), tzinfo=self.zone)
        if self.is_working_time(wall):
            return wall
        return self.next_working_moment(wall)

    def add_working_days(self, at: datetime, days: int) -> datetime:
        """The ``days``-th working day after ``at``'s date (holidays skipped, make-up days
        counted), at the same wall-clock time whatever the working hours. For waits that are
        the customer's, not the team's: "reminded after two working days" falls on a working
        day but need not fall in office hours. Zero or fewer: ``at``."""
        if days <= 0:
            return at
        local = self._local(at)
        current = local.date()
        for _ in range(_SEARCH_DAYS):
            current += timedelta(days=1)
            if self.is_working_day(current):
                days -= 1
                if days == 0:
                    return datetime.combine(current, local.time(), tzinfo=self.zone)
        raise NoWorkingTime(str(local.date()))


def weekdays(zone: tzinfo, hours: DayHours = ((0, MINUTES_PER_DAY),)) -> BusinessCalendar:
    """Monday to Friday at the given hours (all day by default), no holidays: the fallback
    for a year nobody knows, and the rule before calendars were stored."""
    return BusinessCalendar(zone=zone, week=(hours,) * 5 + ((), ()))

"""Business days: weekends are skipped, the time of day and the zone are kept."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from walletdesk.tickets.business_days import add_business_days

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day: int, hour: int = 10, zone: ZoneInfo = SHANGHAI) -> dt.datetime:
    """A time in June 2025: the 2nd is a Monday, the 6th a Friday, the 7th/8th a weekend."""
    return dt.datetime(2025, 6, day, hour, 0, tzinfo=zone)


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (at(2), 1, at(3)),  # Monday + 1 = Tuesday
        (at(2), 4, at(6)),  # Monday + 4 = Friday
        (at(2), 5, at(9)),  # Monday + 5 = next Monday
        (at(6), 1, at(9)),  # Friday + 1 = Monday
        (at(6), 2, at(10)),  # Friday + 2 = Tuesday
        (at(6), 3, at(11)),
        (at(7), 1, at(9)),  # Saturday + 1 = Monday
        (at(8), 1, at(9)),  # Sunday + 1 = Monday
        (at(8), 2, at(10)),
        (at(2), 10, at(16)),  # two whole weeks
        (at(6, hour=23), 1, at(9, hour=23)),  # late Friday keeps its hour
    ],
)
def test_add_business_days(start: dt.datetime, days: int, expected: dt.datetime) -> None:
    result = add_business_days(start, days)

    assert result == expected
    assert result.weekday() < 5
    assert result.tzinfo is start.tzinfo


@pytest.mark.parametrize("days", [0, -1])
def test_no_days_returns_the_start(days: int) -> None:
    assert add_business_days(at(7), days) == at(7)


def test_weekdays_are_counted_in_the_given_zone() -> None:
    # Friday 06:00 in Shanghai is Thursday 22:00 UTC: the same instant, different business days.
    friday_shanghai = at(6, hour=6)
    thursday_utc = friday_shanghai.astimezone(dt.UTC)

    assert add_business_days(friday_shanghai, 1) == at(9, hour=6)  # Monday in Shanghai
    # Counted in UTC, the next business day is Friday 22:00 UTC: Saturday morning in Shanghai.
    assert add_business_days(thursday_utc, 1) == dt.datetime(2025, 6, 6, 22, 0, tzinfo=dt.UTC)


def test_wall_clock_time_survives_a_daylight_saving_change() -> None:
    new_york = ZoneInfo("America/New_York")
    friday_before_change = dt.datetime(2025, 3, 7, 9, 0, tzinfo=new_york)  # clocks go forward 9th

    due = add_business_days(friday_before_change, 1)

    assert due == dt.datetime(2025, 3, 10, 9, 0, tzinfo=new_york)
    assert due.utcoffset() == dt.timedelta(hours=-4)

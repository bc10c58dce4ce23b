"""Business time on a calendar: working hours, holidays and make-up days, in the calendar's zone."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from walletdesk.calendars.arithmetic import BusinessCalendar, NoWorkingTime

SHANGHAI = ZoneInfo("Asia/Shanghai")
LONDON = ZoneInfo("Europe/London")
NINE_TO_SIX = ((9 * 60, 18 * 60),)
WITH_LUNCH = ((9 * 60, 12 * 60), (13 * 60, 18 * 60))


def cal(zone: ZoneInfo = SHANGHAI, days: dict[dt.date, bool] | None = None, hours=NINE_TO_SIX):
    return BusinessCalendar(zone=zone, week=(hours,) * 5 + ((), ()), days=days or {})


def sh(month: int, day: int, hour: int = 10, minute: int = 0, year: int = 2026) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


def test_business_hours_roll_over_the_night_and_the_weekend() -> None:
    friday_five_pm = sh(12, 4, 17)

    due = cal().add_business_minutes(friday_five_pm, 120)

    assert due == sh(12, 7, 10)  # one hour on Friday, one on Monday


def test_a_holiday_is_skipped_and_a_make_up_day_is_worked() -> None:
    days = {dt.date(2026, 12, 7): False, dt.date(2026, 12, 5): True}  # Monday off, Saturday on

    due = cal(days=days).add_business_minutes(sh(12, 4, 17), 120)

    assert due == sh(12, 5, 10)  # the make-up Saturday works the week's hours


def test_lunch_is_not_working_time() -> None:
    assert cal(hours=WITH_LUNCH).add_business_minutes(sh(12, 3, 11), 90) == sh(12, 3, 13, 30)


def test_next_working_moment() -> None:
    calendar = cal()

    assert calendar.next_working_moment(sh(12, 3, 10)) == sh(12, 3, 10)  # already working
    assert calendar.next_working_moment(sh(12, 3, 20)) == sh(12, 4, 9)
    assert calendar.next_working_moment(sh(12, 5, 10)) == sh(12, 7, 9)  # Saturday -> Monday


def test_business_time_between_counts_only_working_time() -> None:
    calendar = cal(days={dt.date(2026, 12, 7): False})

    between = calendar.business_time_between(sh(12, 4, 17), sh(12, 8, 10))

    assert between == dt.timedelta(hours=2)  # Friday 17-18, Tuesday 9-10
    assert calendar.business_time_between(sh(12, 8, 10), sh(12, 4, 17)) == dt.timedelta(0)


def test_business_days_keep_the_time_of_day_and_skip_days_off() -> None:
    calendar = cal(days={dt.date(2026, 12, 7): False})

    assert calendar.add_business_days(sh(12, 4, 10), 2) == sh(12, 9, 10)  # Fri -> Wed
    # Asked after closing: the time of day is moved to the next opening.
    assert calendar.add_business_days(sh(12, 3, 20), 1) == sh(12, 7, 9) + dt.timedelta(days=1)


def test_instants_are_counted_in_the_calendars_zone() -> None:
    london = cal(zone=LONDON)
    # 16:00 in Shanghai on a Friday is 08:00 in London: London opens at 09:00.
    due = london.add_business_minutes(sh(12, 4, 16), 60)

    assert due == dt.datetime(2026, 12, 4, 10, 0, tzinfo=LONDON)
    assert due.tzinfo is LONDON


def test_a_calendar_without_working_time_gives_up_instead_of_looping() -> None:
    empty = BusinessCalendar(zone=SHANGHAI, week=((),) * 7)

    with pytest.raises(NoWorkingTime):
        empty.add_business_minutes(sh(12, 4), 1)


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        cal().add_business_days(dt.datetime(2026, 12, 4, 10), 1)  # noqa: DTZ001 the point


# -- properties ----------------------------------------------------------------------------

HOLIDAY_DAYS = st.dictionaries(
    st.dates(dt.date(2026, 1, 1), dt.date(2026, 3, 31)), st.booleans(), max_size=20
)
# Hypothesis takes naive bounds and attaches the zone itself.
INSTANTS = st.datetimes(
    dt.datetime(2026, 1, 1),  # noqa: DTZ001
    dt.datetime(2026, 3, 31),  # noqa: DTZ001
    timezones=st.just(dt.UTC),
)
ZONES = st.sampled_from([SHANGHAI, LONDON, ZoneInfo("America/New_York")])
HOURS = st.sampled_from([NINE_TO_SIX, WITH_LUNCH, ((22 * 60, 24 * 60),)])


def _is_working_or_closing(calendar: BusinessCalendar, at: dt.datetime) -> bool:
    if calendar.is_working_time(at):
        return True
    just_before = at - dt.timedelta(microseconds=1)
    return calendar.is_working_time(just_before)


@settings(max_examples=150, deadline=None)
@given(
    days=HOLIDAY_DAYS,
    zone=ZONES,
    hours=HOURS,
    start=INSTANTS,
    minutes=st.integers(1, 5000),
)
def test_adding_business_time_lands_in_working_time(days, zone, hours, start, minutes) -> None:
    calendar = cal(zone=zone, days=days, hours=hours)

    due = calendar.add_business_minutes(start, minutes)

    assert due > start
    assert _is_working_or_closing(calendar, due)
    assert calendar.business_time_between(start, due) == dt.timedelta(minutes=minutes)


@settings(max_examples=150, deadline=None)
@given(
    days=HOLIDAY_DAYS,
    zone=ZONES,
    hours=HOURS,
    first=INSTANTS,
    second=INSTANTS,
    minutes=st.integers(0, 5000),
    more=st.integers(0, 600),
)
def test_adding_business_time_is_monotonic(days, zone, hours, first, second, minutes, more):
    calendar = cal(zone=zone, days=days, hours=hours)
    early, late = sorted([first, second])

    assert calendar.add_business_minutes(early, minutes) <= calendar.add_business_minutes(
        late, minutes
    )
    assert calendar.add_business_minutes(early, minutes) <= calendar.add_business_minutes(
        early, minutes + more
    )


@settings(max_examples=150, deadline=None)
@given(days=HOLIDAY_DAYS, zone=ZONES, start=INSTANTS, count=st.integers(1, 5))
def test_business_days_land_on_working_days_in_working_time(days, zone, start, count) -> None:
    calendar = cal(zone=zone, days=days)

    due = calendar.add_business_days(start, count)

    assert due > start
    assert calendar.is_working_day(due.astimezone(zone).date())
    assert calendar.is_working_time(due)


def test_working_days_keep_the_wall_time_and_skip_holidays_only() -> None:
    shanghai = ZoneInfo("Asia/Shanghai")
    calendar = BusinessCalendar(
        zone=shanghai,
        week=(((540, 1080),),) * 5 + ((), ()),
        days={dt.date(2026, 2, 14): True, **{dt.date(2026, 2, d): False for d in range(15, 24)}},
    )
    friday_evening = dt.datetime(2026, 2, 13, 21, 30, tzinfo=shanghai)  # after hours

    # The make-up Saturday counts, the holidays do not, and the time of day stays.
    assert calendar.add_working_days(friday_evening, 1) == dt.datetime(
        2026, 2, 14, 21, 30, tzinfo=shanghai
    )
    assert calendar.add_working_days(friday_evening, 2) == dt.datetime(
        2026, 2, 24, 21, 30, tzinfo=shanghai
    )
    assert calendar.add_working_days(friday_evening, 0) == friday_evening
    # Business days, by contrast, move an after-hours moment to the next opening.
    assert calendar.add_business_days(friday_evening, 1) == dt.datetime(
        2026, 2, 24, 9, 0, tzinfo=shanghai
    )

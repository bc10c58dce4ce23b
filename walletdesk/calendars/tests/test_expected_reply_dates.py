"""The reply date promised on a new ticket, on the team's calendar: China's 2026 holidays and
make-up working days from the official data, 2027 from an administrator's entries, and a second
team in another zone."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from walletdesk.calendars.models import Calendar, CalendarDay, WorkingHours
from walletdesk.calendars.selectors import business_calendar, calendar_unknown_years
from walletdesk.tickets.models import Ticket
from walletdesk.tickets.services import ticket_open
from walletdesk.tickets.tests.factories import category
from walletdesk.tickets.tests.services.helpers import draft

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
LONDON = ZoneInfo("Europe/London")


def sh(year: int, month: int, day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(year, month, day, hour, 0, tzinfo=SHANGHAI)


def due_of(opened_at: dt.datetime, slug: str, requester) -> dt.datetime:
    with time_machine.travel(opened_at, tick=False):
        ticket = ticket_open(requester=requester, draft=draft(category=category(slug)))
    return Ticket.objects.get(pk=ticket.pk).first_response_due_at.astimezone(SHANGHAI)


def test_the_seeded_calendar_is_chinas_working_week() -> None:
    china = Calendar.objects.get(is_default=True)

    assert (china.time_zone, china.official_days) == ("Asia/Shanghai", "cn")
    hours = {(h.weekday, h.opens_at, h.closes_at) for h in china.hours.all()}
    assert hours == {(day, dt.time(9), dt.time(18)) for day in range(5)}


@pytest.mark.parametrize(
    ("day", "working"),
    [
        # 2026 Spring Festival: 15-23 February off; Saturday 14th and Saturday 28th worked.
        *[(dt.date(2026, 2, d), False) for d in range(15, 24)],
        (dt.date(2026, 2, 14), True),
        (dt.date(2026, 2, 28), True),
        (dt.date(2026, 2, 24), True),
        # 2026 National Day: 1-7 October off; Sunday 20 September and Saturday 10 October worked.
        *[(dt.date(2026, 10, d), False) for d in range(1, 8)],
        (dt.date(2026, 9, 20), True),
        (dt.date(2026, 10, 10), True),
        (dt.date(2026, 10, 11), False),  # an ordinary Sunday
    ],
)
def test_chinas_2026_days_come_from_the_official_data(day: dt.date, working: bool) -> None:
    assert business_calendar(None).is_working_day(day) is working


@pytest.mark.parametrize(
    ("opened_at", "slug", "expected"),
    [
        # Spring Festival 2026. Thursday + 2 business days is the make-up Saturday.
        (sh(2026, 2, 12), "withdrawal", sh(2026, 2, 14)),
        # Friday + 2: Saturday 14th worked, then nine days off, then Tuesday 24th.
        (sh(2026, 2, 13), "withdrawal", sh(2026, 2, 24)),
        # Asked during the holiday: the first two working days after it.
        (sh(2026, 2, 18), "withdrawal", sh(2026, 2, 25)),
        # Friday 27th + 1 is the make-up Saturday 28th.
        (sh(2026, 2, 27), "account", sh(2026, 2, 28)),
        # National Day 2026. Friday 18 September + 1 is the make-up Sunday 20th.
        (sh(2026, 9, 18), "account", sh(2026, 9, 20)),
        # Wednesday 30 September + 1: the week off, then Thursday 8 October.
        (sh(2026, 9, 30), "account", sh(2026, 10, 8)),
        # Thursday 8 October + 2: Friday 9th and the make-up Saturday 10th.
        (sh(2026, 10, 8), "withdrawal", sh(2026, 10, 10)),
        # After closing time the promise starts from the next opening.
        (sh(2026, 9, 30, 20), "account", sh(2026, 10, 9, 9)),
    ],
)
def test_the_promised_reply_date_keeps_chinas_2026_calendar(
    alice, opened_at: dt.datetime, slug: str, expected: dt.datetime
) -> None:
    assert due_of(opened_at, slug, alice) == expected


def _enter_2027(china: Calendar) -> None:
    """2027 as an administrator enters it before the package knows the year."""
    off = [dt.date(2027, 2, d) for d in range(6, 13)] + [dt.date(2027, 10, d) for d in range(1, 8)]
    CalendarDay.objects.bulk_create(
        [
            *[
                CalendarDay(calendar=china, date=d, kind=CalendarDay.Kind.HOLIDAY, name_en="Hol")
                for d in off
            ],
            CalendarDay(calendar=china, date=dt.date(2027, 2, 13), kind="working"),
            CalendarDay(calendar=china, date=dt.date(2027, 10, 9), kind="working"),
        ]
    )
    Calendar.objects.get(pk=china.pk).save()  # as the admin's save does: the cache is dropped


def test_2027_is_unknown_until_an_administrator_enters_it(alice) -> None:
    china = Calendar.objects.get(is_default=True)
    assert calendar_unknown_years(china, [2026, 2027]) == [2027]
    # Unknown: only weekends are off, Friday 5 February + 2 is Tuesday 9th.
    assert due_of(sh(2027, 2, 5), "withdrawal", alice) == sh(2027, 2, 9)

    _enter_2027(china)

    assert calendar_unknown_years(china, [2026, 2027]) == []
    # 6-12 February off, the make-up Saturday 13th, Sunday off, Monday 15th.
    assert due_of(sh(2027, 2, 5), "withdrawal", alice) == sh(2027, 2, 15)
    # 1-7 October off (Friday to Thursday), Friday 8th, make-up Saturday 9th.
    assert due_of(sh(2027, 9, 30), "withdrawal", alice) == sh(2027, 10, 9)


def test_an_administrators_day_wins_over_the_official_one(alice) -> None:
    china = Calendar.objects.get(is_default=True)
    # The desk decides to work Monday 16 February 2026, a public holiday.
    CalendarDay.objects.create(calendar=china, date=dt.date(2026, 2, 16), kind="working")

    assert due_of(sh(2026, 2, 13), "withdrawal", alice) == sh(2026, 2, 16)


def test_a_team_in_another_zone_counts_on_its_own_calendar(alice) -> None:
    london = Calendar.objects.create(name_zh="伦敦", name_en="London", time_zone="Europe/London")
    WorkingHours.objects.bulk_create(
        WorkingHours(calendar=london, weekday=d, opens_at=dt.time(9), closes_at=dt.time(17))
        for d in range(5)
    )
    team = category("withdrawal").team
    team.calendar = london
    team.save()

    # Friday 13 February 2026, 10:00 in Shanghai is 02:00 in London: no Chinese holiday
    # there; the promise counts from London's opening at 09:00, two business days on.
    due = due_of(sh(2026, 2, 13), "withdrawal", alice).astimezone(LONDON)

    assert due == dt.datetime(2026, 2, 17, 9, 0, tzinfo=LONDON)

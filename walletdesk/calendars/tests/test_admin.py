"""Administrators edit calendars: bad ones are refused with a clear message, nothing is stored,
and a year nobody knows is pointed out."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from walletdesk.calendars.models import Calendar, CalendarDay, WorkingHours

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, dave):
    client.force_login(dave)
    client.dave = dave
    return client


def _form(hours: list[tuple[int, str, str]], days: list[tuple[str, str]], **fields) -> dict:
    data = {
        "name_zh": "伦敦团队",
        "name_en": "London team",
        "time_zone": "Europe/London",
        "official_days": "",
        "hours-TOTAL_FORMS": str(len(hours)),
        "hours-INITIAL_FORMS": "0",
        "days-TOTAL_FORMS": str(len(days)),
        "days-INITIAL_FORMS": "0",
    }
    for i, (weekday, opens, closes) in enumerate(hours):
        data |= {f"hours-{i}-weekday": weekday, f"hours-{i}-opens_at": opens}
        data[f"hours-{i}-closes_at"] = closes
    for i, (date, kind) in enumerate(days):
        data |= {f"days-{i}-date": date, f"days-{i}-kind": kind}
    return data | fields


def _add(admin_client, data: dict, language: str = "en"):
    """Post the add form as an administrator whose language is ``language``."""
    admin = admin_client.dave
    admin.language = language
    admin.save(update_fields=["language"])
    return admin_client.post(reverse("admin:calendars_calendar_add"), data)


def test_a_calendar_with_hours_and_days_is_stored(admin_client) -> None:
    data = _form([(0, "09:00", "12:00"), (0, "13:00", "17:00")], [("2026-12-25", "holiday")])

    _add(admin_client, data)

    london = Calendar.objects.get(name_en="London team")
    assert WorkingHours.objects.filter(calendar=london).count() == 2
    assert CalendarDay.objects.get(calendar=london).date == dt.date(2026, 12, 25)


@pytest.mark.parametrize(
    ("hours", "days", "fields", "message"),
    [
        ([], [], {}, "A calendar needs working hours on at least one weekday"),
        ([(0, "09:00", "12:00"), (0, "11:00", "17:00")], [], {}, "Working hours on Monday overlap"),
        ([(1, "18:00", "09:00")], [], {}, "Working hours must close after they open"),
        (
            [(0, "09:00", "17:00")],
            [("2026-12-25", "holiday"), ("2026-12-25", "working")],
            {},
            "2026-12-25 is entered more than once on this calendar",
        ),
        ([(0, "09:00", "17:00")], [], {"time_zone": "Mars/Olympus"}, "Unknown time zone"),
    ],
)
def test_a_bad_calendar_is_refused_with_a_clear_message(
    admin_client, hours, days, fields, message
) -> None:
    response = _add(admin_client, _form(hours, days, **fields))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Calendar.objects.filter(name_en="London team").exists()
    assert 'value="London team"' in response.content.decode()  # what was typed is kept


def test_the_refusal_reads_in_chinese(admin_client) -> None:
    response = _add(admin_client, _form([], []), language="zh-hans")

    assert "日历至少需要一个工作日的工作时间" in response.content.decode()


@time_machine.travel(dt.datetime(2026, 12, 4, 10, 0, tzinfo=dt.UTC))
def test_the_admin_is_warned_of_a_year_nobody_knows(admin_client) -> None:
    china = Calendar.objects.get(is_default=True)
    url = reverse("admin:calendars_calendar_change", args=[china.pk])
    admin_client.dave.language = "en"
    admin_client.dave.save(update_fields=["language"])

    before = admin_client.get(url).content.decode()
    CalendarDay.objects.create(calendar=china, date=dt.date(2027, 2, 8), kind="holiday")
    after = admin_client.get(url).content.decode()

    assert "2027: neither the official calendar nor your days below know this year" in before
    assert "2026:" not in before  # the package knows 2026
    assert "2027: neither" not in after

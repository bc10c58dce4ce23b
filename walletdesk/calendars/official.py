"""Official working days from the `chinesecalendar` package (module ``chinese_calendar``).

The package knows China's public holidays and 调休 make-up working days for the years the
State Council has published; a later year is unknown to it until the package is upgraded, and
until then an administrator enters that year's days on the calendar (overrides win anyway).
"""

from datetime import date

import chinese_calendar
from chinese_calendar.constants import Holiday
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

CHINA = "cn"

_NAMES: dict[str, tuple[str, str]] = {
    Holiday.new_years_day.value: ("元旦", "New Year's Day"),
    Holiday.spring_festival.value: ("春节", "Spring Festival"),
    Holiday.tomb_sweeping_day.value: ("清明节", "Tomb-sweeping Day"),
    Holiday.labour_day.value: ("劳动节", "Labour Day"),
    Holiday.dragon_boat_festival.value: ("端午节", "Dragon Boat Festival"),
    Holiday.national_day.value: ("国庆节", "National Day"),
    Holiday.mid_autumn_festival.value: ("中秋节", "Mid-autumn Festival"),
    Holiday.anti_fascist_70th_day.value: ("抗战胜利70周年纪念日", "Anti-Fascist 70th Day"),
}

SOURCES: list[tuple[str, Promise]] = [(CHINA, _("China (official holidays and make-up days)"))]


def official_days(source: str) -> dict[date, bool]:
    """Dates that differ from the working week: True = make-up working day, False = holiday."""
    if source != CHINA:
        return {}
    days: dict[date, bool] = dict.fromkeys(chinese_calendar.constants.holidays, False)
    days.update(dict.fromkeys(chinese_calendar.constants.workdays, True))
    return days


def official_years(source: str) -> set[int]:
    """The years the source knows (a year it has no holiday for is a year it does not know)."""
    if source != CHINA:
        return set()
    return {day.year for day in chinese_calendar.constants.holidays}


def official_name(source: str, day: date) -> tuple[str, str]:
    """(Chinese, English) name of the holiday a date belongs to, or ("", "")."""
    if source != CHINA:
        return "", ""
    try:
        _on_holiday, name = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:
        return "", ""
    return _NAMES.get(name or "", ("", ""))

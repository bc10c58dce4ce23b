"""Business calendars: a team's working week, its time zone and the dates that differ.

The arithmetic lives in arithmetic.py; selectors.py turns these rows (and the official days of
the chosen source) into a BusinessCalendar.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from walletdesk.calendars.official import SOURCES
from walletdesk.core.i18n import pick
from walletdesk.core.models import BaseModel


class Calendar(BaseModel):
    name_zh = models.CharField(_("name (Chinese)"), max_length=60)
    name_en = models.CharField(_("name (English)"), max_length=60)
    time_zone = models.CharField(_("time zone"), max_length=64, default="Asia/Shanghai")
    official_days = models.CharField(
        _("official days"),
        max_length=8,
        blank=True,
        choices=SOURCES,
        help_text=_("Public holidays and make-up working days from the official calendar."),
    )
    is_default = models.BooleanField(
        _("default"), default=False, help_text=_("Used by teams without a calendar of their own.")
    )

    class Meta:
        ordering = ["-is_default", "name_en"]
        verbose_name = _("business calendar")
        verbose_name_plural = _("business calendars")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="calendar_one_default",
                violation_error_message=_("Only one calendar can be the default."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick(self.name_zh, self.name_en)


class WorkingHours(BaseModel):
    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(_("closes at"))

    class Meta:
        ordering = ["weekday", "opens_at"]
        verbose_name = _("working hours")
        verbose_name_plural = _("working hours")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")),
                name="working_hours_close_after_open",
                violation_error_message=_("Working hours must close after they open."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M}-{self.closes_at:%H:%M}"


class CalendarDay(BaseModel):
    """A date that differs from the working week: a holiday off, or a make-up working day."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Holiday (day off)")
        WORKING = "working", _("Working day")

    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    name_zh = models.CharField(_("name (Chinese)"), max_length=60, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=60, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        constraints = [
            models.UniqueConstraint(
                fields=["calendar", "date"],
                name="calendar_day_once",
                violation_error_message=_(
                    "This date is already entered on this calendar: keep one entry per date."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()}"

    @property
    def name(self) -> str:
        return pick(self.name_zh, self.name_en)

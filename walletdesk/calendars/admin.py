from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from walletdesk.calendars.errors import CalendarError
from walletdesk.calendars.models import Calendar, CalendarDay, WorkingHours
from walletdesk.calendars.selectors import calendar_unknown_years
from walletdesk.calendars.services import (
    calendar_days_check,
    calendar_hours_check,
    calendar_zone_check,
)


def _kept(formset: BaseInlineFormSet[Any, Any, Any]) -> list[dict[str, Any]]:
    return [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class WorkingHoursFormSet(BaseInlineFormSet[WorkingHours, Calendar, Any]):
    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        rows = _kept(self)
        try:
            calendar_hours_check((r["weekday"], r["opens_at"], r["closes_at"]) for r in rows)
        except CalendarError as error:
            raise ValidationError(error.message, code=error.code.value) from None


class CalendarDayFormSet(BaseInlineFormSet[CalendarDay, Calendar, Any]):
    def clean(self) -> None:
        # Before the generic uniqueness check, whose message names no date.
        if not any(self.errors):
            try:
                calendar_days_check(r["date"] for r in _kept(self) if r.get("date"))
            except CalendarError as error:
                raise ValidationError(error.message, code=error.code.value) from None
        super().clean()


class WorkingHoursInline(admin.TabularInline[WorkingHours, Calendar]):
    model = WorkingHours
    formset = WorkingHoursFormSet
    extra = 0
    fields = ("weekday", "opens_at", "closes_at")


class CalendarDayInline(admin.TabularInline[CalendarDay, Calendar]):
    model = CalendarDay
    formset = CalendarDayFormSet
    extra = 1
    fields = ("date", "kind", "name_zh", "name_en")


class CalendarForm(forms.ModelForm[Calendar]):
    class Meta:
        model = Calendar
        fields = ("name_zh", "name_en", "time_zone", "official_days", "is_default")

    def clean_time_zone(self) -> str:
        name = str(self.cleaned_data["time_zone"]).strip()
        try:
            calendar_zone_check(name)
        except CalendarError as error:
            raise ValidationError(error.message, code=error.code.value) from None
        return name


@admin.register(Calendar)
class CalendarAdmin(admin.ModelAdmin[Calendar]):
    form = CalendarForm
    list_display = ("name_zh", "name_en", "time_zone", "official_days", "is_default")
    inlines = [WorkingHoursInline, CalendarDayInline]

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        calendar = self.get_object(request, object_id)
        if calendar is not None and request.method == "GET":
            this_year = timezone.localdate().year
            for year in calendar_unknown_years(calendar, [this_year, this_year + 1]):
                messages.warning(
                    request,
                    _(
                        "%(year)s: neither the official calendar nor your days below know this "
                        "year, so only weekends are days off. Enter its holidays and make-up "
                        "working days."
                    )
                    % {"year": year},
                )
        return super().change_view(request, object_id, form_url, extra_context)

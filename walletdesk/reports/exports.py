"""A dashboard as one table (a row per day, then the totals and the slices) for the CSV and
XLSX exports, and as the numbers its charts draw. Cells that a spreadsheet would run as a
formula are written as text."""

import csv
import io
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook

from walletdesk.reports.models import Metric
from walletdesk.reports.rollups import DURATION_BUCKETS
from walletdesk.reports.selectors import Dashboard

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_DAILY = (
    Metric.CREATED,
    Metric.RESOLVED,
    Metric.REOPENED,
    Metric.SLA_BREACHED,
    Metric.RATED,
    Metric.BACKLOG,
)


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[list[Any]]


def cell_text(value: Any) -> Any:
    """A cell a spreadsheet would run as a formula, written as text."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def report_table(report: Dashboard) -> Table:
    """The report as rows: section, key, then one column per daily metric."""
    labels = [str(Metric(m).label) for m in _DAILY]
    header = [_("Section"), _("Day or name"), *labels]
    rows: list[list[Any]] = []
    for n, day in enumerate(report.days):
        rows.append([_("Day"), day.isoformat(), *(report.series[m][n] for m in _DAILY)])
    rows.append([_("Total"), "", *(report.totals[m] for m in _DAILY)])
    for section, slices in (
        (_("Topic"), report.by_category),
        (_("Network"), report.by_network),
        (_("Channel"), report.by_channel),
    ):
        for row in slices:
            counts = [row.counts.get(m, 0) if m != Metric.BACKLOG else "" for m in _DAILY]
            rows.append([section, cell_text(row.name), *counts])
    for row in report.agents:
        counts = [row.counts.get(m, 0) if m == Metric.RESOLVED else "" for m in _DAILY]
        rows.append([_("Agent"), cell_text(row.name), *counts])
    return Table(header=header, rows=rows)


def as_csv(table: Table) -> bytes:
    """UTF-8 with a byte-order mark, which spreadsheet programs need to read Chinese."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.header)
    writer.writerows(table.rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def as_xlsx(table: Table) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Report"))
    sheet.append(table.header)
    for row in table.rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def chart_data(report: Dashboard) -> dict[str, Any]:
    """What the charts draw (console/reports.html hands it to static/js/reports.js)."""
    bounds = [_minutes_label(b) for b in DURATION_BUCKETS] + [
        _("over %(n)d d") % {"n": DURATION_BUCKETS[-1] // 1440}
    ]
    return {
        "days": [day.isoformat() for day in report.days],
        "volume": [
            {"label": str(Metric(m).label), "values": report.series[m]}
            for m in (Metric.CREATED, Metric.RESOLVED, Metric.SLA_BREACHED, Metric.BACKLOG)
        ],
        "durations": {
            "labels": bounds,
            "series": [
                {"label": _("First reply"), "values": report.first_reply.buckets},
                {"label": _("Resolution"), "values": report.resolution.buckets},
            ],
        },
        "ratings": {"labels": ["1", "2", "3", "4", "5"], "values": report.ratings.by_score},
    }


def _minutes_label(minutes: int) -> str:
    if minutes < 60:
        return _("≤ %(n)d min") % {"n": minutes}
    if minutes < 1440:
        return _("≤ %(n)d h") % {"n": minutes // 60}
    return _("≤ %(n)d d") % {"n": minutes // 1440}

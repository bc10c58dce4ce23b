"""The dashboard (volume, reply and resolution times, service targets, satisfaction, what the
Help Center could not answer, each agent's work) and its exports as CSV and XLSX.

Supervisors read their own teams' numbers and administrators every team's
(reports.selectors.report_may_read); other agents are refused with a clear message (403) and
customers get 404 (accounts.decorators.agent_required). Every export is written to the audit
trail with who, what and how many rows.
"""

from datetime import date, timedelta
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from walletdesk.accounts.decorators import AgentRequest, agent_required
from walletdesk.audit.models import Kind as AuditKind
from walletdesk.audit.services import record
from walletdesk.console.forms import ReportFilterForm
from walletdesk.core.replica import replica_reads
from walletdesk.networks.selectors import network_list_active
from walletdesk.reports import exports, selectors
from walletdesk.reports.models import Metric
from walletdesk.reports.selectors import Dashboard, ReportFilters
from walletdesk.tickets.selectors import category_list_active


def _today(request: AgentRequest) -> date:
    return timezone.localdate(timezone.now(), timezone.get_current_timezone())


def _form(request: AgentRequest) -> ReportFilterForm:
    teams = selectors.report_teams_for(request.user)
    # Always bound, with the default range written in: the date fields show the days the
    # report covers, and the export links carry them.
    data = request.GET.copy()
    today = _today(request)
    if not data.get("end"):
        data["end"] = today.isoformat()
    if not data.get("start") and "end" not in request.GET:
        data["start"] = (today - timedelta(days=ReportFilterForm.DEFAULT_DAYS - 1)).isoformat()
    return ReportFilterForm(
        data,
        teams=[(str(t.pk), t.name) for t in teams],
        categories=[(str(c.pk), c.name) for c in category_list_active()],
        networks=[(n.slug, n.name) for n in network_list_active()],
        today=_today(request),
        max_days=selectors.MAX_RANGE_DAYS,
    )


def _filters(request: AgentRequest, form: ReportFilterForm) -> ReportFilters | None:
    if not form.is_valid():
        return None
    data = form.cleaned_data
    scope = selectors.report_team_scope(request.user)
    team = data.get("team") or ""
    return ReportFilters(
        start=data["start"],
        end=data["end"],
        team_ids=frozenset({team}) if team else scope,
        category_id=data.get("category") or "",
        network=data.get("network") or "",
    )


def _refused(request: AgentRequest) -> HttpResponse:
    context = {"refusal": _("Only supervisors and administrators read the reports.")}
    return render(request, "console/reports.html", context, status=403)


def _tables(report: Dashboard) -> dict[str, Any]:
    """The charts' numbers as rows, for the tables a screen reader reads."""
    series = report.series
    daily = zip(
        report.days,
        series[Metric.CREATED],
        series[Metric.RESOLVED],
        series[Metric.REOPENED],
        series[Metric.SLA_BREACHED],
        series[Metric.BACKLOG],
        strict=True,
    )
    labels = exports.chart_data(report)["durations"]["labels"]
    durations = zip(labels, report.first_reply.buckets, report.resolution.buckets, strict=True)
    return {
        "daily_rows": list(daily),
        "duration_rows": list(durations),
        "rating_rows": list(enumerate(report.ratings.by_score, start=1)),
    }


@replica_reads
@agent_required
@never_cache
@require_GET
def dashboard(request: AgentRequest) -> HttpResponse:
    if not selectors.report_may_read(request.user):
        return _refused(request)
    form = _form(request)
    filters = _filters(request, form)
    report = selectors.dashboard_read(filters) if filters is not None else None
    context: dict[str, Any] = {"form": form, "report": report}
    if report is not None:
        context |= _tables(report)
        context["chart"] = exports.chart_data(report)
        context["export_query"] = form.query_params().urlencode()
    return render(request, "console/reports.html", context, status=200 if report else 400)


@agent_required
@never_cache
@require_GET
def export(request: AgentRequest, file_format: str) -> HttpResponse:
    if not selectors.report_may_read(request.user):
        return _refused(request)
    form = _form(request)
    filters = _filters(request, form)
    if filters is None:
        context = {"form": form, "report": None, "export_query": ""}
        return render(request, "console/reports.html", context, status=400)
    report = selectors.dashboard_read(filters)
    table = exports.report_table(report)
    name = f"walletdesk-report-{filters.start:%Y%m%d}-{filters.end:%Y%m%d}.{file_format}"
    record(
        AuditKind.EXPORT,
        request=request,
        target=name,
        rows=len(table.rows),
        report="dashboard",
        filters=form.query_params().dict(),
    )
    if file_format == "xlsx":
        body, content_type = exports.as_xlsx(table), exports.XLSX_TYPE
    else:
        body, content_type = exports.as_csv(table), "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response

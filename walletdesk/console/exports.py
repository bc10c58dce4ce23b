"""Ticket list exports in the console: the queue's "Export" buttons ask for one with the
queue's filters, its page follows it while it is written in the background, and its owner
downloads it (reports.ticket_exports holds the rules). Anyone else gets 404."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse, QueryDict
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from walletdesk.accounts.decorators import AgentRequest, agent_required
from walletdesk.console.bulk import filter_form
from walletdesk.reports import ticket_exports
from walletdesk.reports.errors import ReportError
from walletdesk.reports.models import TicketExport


@agent_required
@require_POST
def export_start(request: AgentRequest) -> HttpResponse:
    query = request.POST.get("query", "")
    form = filter_form(request, QueryDict(query))
    try:
        export = ticket_exports.ticket_export_start(
            user=request.user,
            filters=form.to_filters(),
            file_format=request.POST.get("format", ""),
            described=form.query_params().urlencode(),
        )
    except ReportError as refusal:
        messages.error(request, refusal.message)
        return redirect(reverse("console:queue") + (f"?{query}" if query else ""))
    return redirect("console:export", export_id=export.pk)


def _export_or_404(request: AgentRequest, export_id: str) -> TicketExport:
    export = ticket_exports.ticket_export_get_for(user=request.user, export_id=export_id)
    if export is None:
        raise Http404
    return export


@agent_required
@never_cache
@require_GET
def export_page(request: AgentRequest, export_id: str) -> HttpResponse:
    export = _export_or_404(request, export_id)
    working = export.state in (TicketExport.State.QUEUED, TicketExport.State.RUNNING)
    return render(request, "console/export.html", {"export": export, "working": working})


@agent_required
@never_cache
@require_GET
def export_download(request: AgentRequest, export_id: str) -> HttpResponseBase:
    export = _export_or_404(request, export_id)
    try:
        handle = ticket_exports.ticket_export_open(export)
    except ReportError as refusal:
        messages.error(request, refusal.message)
        return redirect("console:export", export_id=export.pk)
    return FileResponse(handle, as_attachment=True, filename=export.file_name)

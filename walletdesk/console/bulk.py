"""Saved views and bulk actions in the console (the rules: queues.services).

A view is the queue's own query string kept under a name; opening it is opening the queue
with it. A bulk action takes the ticked tickets of a queue page, or every ticket the page's
filters show, and follows on a page of its own while it runs.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from walletdesk.accounts.decorators import AgentRequest, agent_required
from walletdesk.console.forms import QueueFilterForm
from walletdesk.queues import selectors as queue_selectors
from walletdesk.queues import services as queue_services
from walletdesk.queues.errors import QueueError
from walletdesk.queues.models import BulkJob
from walletdesk.tickets import selectors


def filter_form(request: AgentRequest, data: QueryDict) -> QueueFilterForm:
    """The queue's filter form over ``data``, with this agent's choices (one place)."""
    return QueueFilterForm(
        data,
        user=request.user,
        categories=selectors.category_list_active(),
        agents=selectors.agent_list_active(user=request.user),
        tags=selectors.tag_list_active(),
    )


def _queue_url(query: str) -> str:
    return reverse("console:queue") + (f"?{query}" if query else "")


@agent_required
@require_POST
def view_save(request: AgentRequest) -> HttpResponse:
    # Only the filters the queue itself accepts are kept.
    query = filter_form(request, QueryDict(request.POST.get("query", ""))).query_params()
    try:
        view = queue_services.saved_view_save(
            owner=request.user,
            name=request.POST.get("name", ""),
            query=query.urlencode(),
            shared=request.POST.get("shared") == "on",
        )
    except QueueError as refusal:
        messages.error(request, refusal.message)
        return redirect(_queue_url(query.urlencode()))
    messages.success(request, _("View “%(name)s” saved.") % {"name": view.name})
    return redirect(_queue_url(view.query))


@agent_required
@require_POST
def view_delete(request: AgentRequest, view_id: str) -> HttpResponse:
    view = queue_selectors.saved_view_get_for(user=request.user, view_id=view_id)
    if view is None:
        raise Http404
    try:
        queue_services.saved_view_delete(view=view, user=request.user)
    except QueueError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("View “%(name)s” deleted.") % {"name": view.name})
    return redirect("console:queue")


@agent_required
@require_POST
def bulk_start(request: AgentRequest) -> HttpResponse:
    query = request.POST.get("query", "")
    if request.POST.get("scope") == "all":
        form = filter_form(request, QueryDict(query))
        ids = selectors.ticket_ids_matching(
            user=request.user, filters=form.to_filters(), limit=queue_services.BULK_MAX + 1
        )
        described = _("Every ticket of the view (%(count)s)") % {"count": len(ids)}
    else:
        references = request.POST.getlist("ticket")[: queue_services.BULK_MAX + 1]
        ids = list(
            selectors.tickets_visible_to(request.user)
            .filter(reference__in=references)
            .values_list("id", flat=True)
        )
        described = _("%(count)s ticked tickets") % {"count": len(ids)}
    params = {key: request.POST.get(key, "") for key in ("assignee", "priority", "tag", "macro")}
    params["reason"] = request.POST.get("reason", "")
    try:
        job = queue_services.bulk_job_start(
            agent=request.user,
            action=request.POST.get("action", ""),
            params=params,
            ticket_ids=ids,
            described=described,
        )
    except QueueError as refusal:
        messages.error(request, refusal.message)
        return redirect(_queue_url(query))
    return redirect("console:bulk-job", job_id=job.pk)


def _job_or_404(request: AgentRequest, job_id: str) -> BulkJob:
    job = queue_selectors.bulk_job_get_for(user=request.user, job_id=job_id)
    if job is None:
        raise Http404
    return job


@agent_required
@require_GET
def bulk_job(request: AgentRequest, job_id: str) -> HttpResponse:
    job = _job_or_404(request, job_id)
    finished = job.state == BulkJob.State.FINISHED
    return render(
        request,
        "console/bulk_job.html",
        {
            "job": job,
            "finished": finished,
            "refusals": list(queue_selectors.bulk_refusals(job=job)) if job.refused else [],
        },
    )


@agent_required
@require_GET
def bulk_progress(request: AgentRequest, job_id: str) -> JsonResponse:
    """What the job page polls: one row read."""
    job = _job_or_404(request, job_id)
    return JsonResponse(
        {
            "state": job.state,
            "total": job.total,
            "done": job.done,
            "refused": job.refused,
            "finished": job.state == BulkJob.State.FINISHED,
        }
    )


def queue_context(request: AgentRequest, form: QueueFilterForm) -> dict[str, object]:
    """What the queue page shows of views and bulk actions: the agent's views (one query),
    the count asked for (only when asked: ``?count=1``), and the bulk action's choices."""
    count = None
    if request.GET.get("count") == "1":
        count = selectors.ticket_count_matching(
            user=request.user, filters=form.to_filters(), cap=queue_services.BULK_MAX + 1
        )
    return {
        "saved_views": queue_selectors.saved_view_list_for(user=request.user),
        "count": count,
        "count_cap": queue_services.BULK_MAX,
        "bulk_actions": BulkJob.Action.choices,
        "bulk_macros": queue_selectors.macro_choices_for(user=request.user),
    }

"""Incident pages: the list (open first), opening one, and one incident with its linked
tickets, its answers to all and how far each got, and resolving it.

Every agent reads them; customers get 404 (accounts.decorators.agent_required). Opening,
answering to all and resolving are for supervisors and administrators
(incidents.selectors.incident_may_lead): anyone else is refused with a clear message (403).
"""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from walletdesk.accounts.decorators import AgentRequest, agent_required
from walletdesk.console.forms import IncidentForm, IncidentMessageForm
from walletdesk.incidents import selectors
from walletdesk.incidents.errors import IncidentError
from walletdesk.incidents.models import Incident, IncidentUpdate
from walletdesk.incidents.services import incident_open, incident_reply_all, incident_resolve
from walletdesk.networks.selectors import network_list_active
from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.selectors import category_list_active


def _incident_form(data: Any = None) -> IncidentForm:
    return IncidentForm(
        data,
        networks=[(n.slug, n.name) for n in network_list_active()],
        categories=category_list_active(),
        auto_id="incident-%s",
    )


@agent_required
@require_GET
def incident_list(request: AgentRequest) -> HttpResponse:
    page = Paginator(selectors.incident_list(user=request.user), selectors.INCIDENT_PAGE_SIZE)
    context = {
        "page": page.get_page(request.GET.get("page")),
        "may_lead": selectors.incident_may_lead(request.user),
    }
    return render(request, "console/incidents.html", context)


@agent_required
@require_http_methods(["GET", "POST"])
def incident_new(request: AgentRequest) -> HttpResponse:
    if not selectors.incident_may_lead(request.user):
        context = {"refusal": IncidentError(IncidentError.Code.NOT_INCIDENT_LEAD).message}
        return render(request, "console/incident_new.html", context, status=403)
    if request.method == "GET":
        return render(request, "console/incident_new.html", {"form": _incident_form()})
    form = _incident_form(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            incident = incident_open(
                author=request.user,
                title_zh=data["title_zh"],
                title_en=data["title_en"],
                description_zh=data["description_zh"],
                description_en=data["description_en"],
                network=data["network"] or "",
                category=data["category"],
                window_hours=data["window_hours"],
            )
        except (IncidentError, TicketError) as error:
            form = _refused(form, error, _incident_form)
        else:
            messages.success(request, _("Incident opened: %(title)s") % {"title": incident.title})
            return redirect("console:incident", incident_id=incident.pk)
    return render(request, "console/incident_new.html", {"form": form}, status=400)


def _refused(form: Any, error: IncidentError | TicketError, make: Any) -> Any:
    """The form again with the refusal; a wallet secret comes back masked, the rest as typed."""
    masked = error.params.get("masked") if isinstance(error, TicketError) else None
    if masked:
        data = form.data.copy()
        for field, text in masked.items():
            data[field] = text
        form = make(data)
        form.is_valid()
    form.add_error(None, error.message)
    return form


def _render_incident(
    request: AgentRequest,
    incident: Incident,
    *,
    failed: tuple[str, IncidentMessageForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    try:
        after = max(int(request.GET.get("after", "0")), 0)
    except ValueError:
        after = 0
    forms = {
        "reply": IncidentMessageForm(auto_id="reply-%s"),
        "resolve": IncidentMessageForm(auto_id="resolve-%s"),
    }
    if failed is not None:
        forms[failed[0]] = failed[1]
    context = {
        "incident": incident,
        "linked": selectors.incident_linked_tickets(
            user=request.user, incident=incident, after=after
        ),
        "linked_count": selectors.incident_linked_count(incident=incident),
        "updates": selectors.incident_update_list(incident=incident),
        "refusals": selectors.incident_refusals(user=request.user, incident=incident),
        "may_lead": selectors.incident_may_lead(request.user),
        "forms": forms,
        "failed": failed[0] if failed else "",
        "kinds": IncidentUpdate.Kind,
    }
    return render(request, "console/incident.html", context, status=status)


@agent_required
@require_GET
def incident_detail(request: AgentRequest, incident_id: UUID) -> HttpResponse:
    incident = selectors.incident_get_for_agent(user=request.user, incident_id=incident_id)
    return _render_incident(request, incident)


# A refusal that is not about what was typed: the lead's right, or an incident resolved meanwhile.
_REFUSAL_STATUS = {
    IncidentError.Code.NOT_INCIDENT_LEAD.value: 403,
    IncidentError.Code.INCIDENT_RESOLVED.value: 409,
}


def _answer(request: AgentRequest, incident_id: UUID, *, name: str) -> HttpResponse:
    incident = selectors.incident_get_for_agent(user=request.user, incident_id=incident_id)
    form = IncidentMessageForm(request.POST, auto_id=f"{name}-%s")
    if not form.is_valid():
        return _render_incident(request, incident, failed=(name, form), status=400)
    service = incident_resolve if name == "resolve" else incident_reply_all
    try:
        service(
            incident=incident,
            author=request.user,
            body_zh=form.cleaned_data["body_zh"],
            body_en=form.cleaned_data["body_en"],
        )
    except (IncidentError, TicketError) as error:
        status = _REFUSAL_STATUS.get(error.code.value, 400)
        form = _refused(form, error, lambda data: IncidentMessageForm(data, auto_id=f"{name}-%s"))
        return _render_incident(request, incident, failed=(name, form), status=status)
    if name == "resolve":
        flash = _("Incident resolved: its tickets are being resolved in the background.")
    else:
        flash = _("Reply to all sent: it is being posted on every linked ticket.")
    messages.success(request, flash)
    return redirect("console:incident", incident_id=incident.pk)


@agent_required
@require_POST
def incident_reply(request: AgentRequest, incident_id: UUID) -> HttpResponse:
    return _answer(request, incident_id, name="reply")


@agent_required
@require_POST
def incident_resolve_view(request: AgentRequest, incident_id: UUID) -> HttpResponse:
    return _answer(request, incident_id, name="resolve")

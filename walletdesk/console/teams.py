"""Supervisors' pages: the teams they lead, each team's members with their open and waiting
tickets, and reassigning a ticket between members.

A team's page is its supervisors' and the administrators' (tickets.selectors
``team_get_for_supervisor``); anyone else gets 404. An administrator outside a restricted team
sees its counts, never its tickets. Reassigning goes through tickets.services.ticket_assign,
which checks the rule again on the locked ticket and writes the audit trail.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from walletdesk.accounts.decorators import AgentRequest, agent_required
from walletdesk.console.forms import TeamBulkReassignForm, TeamReassignForm
from walletdesk.tickets import selectors, services
from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.selectors import TeamOverview


@agent_required
@require_GET
def team_list(request: AgentRequest) -> HttpResponse:
    teams = selectors.team_list_for_supervisor(user=request.user)
    return render(request, "console/teams.html", {"teams": teams})


def _render_team(
    request: AgentRequest,
    overview: TeamOverview,
    *,
    failed: TeamReassignForm | None = None,
    bulk: TeamBulkReassignForm | None = None,
    status: int = 200,
) -> HttpResponse:
    users = [member.user for member in overview.members]
    rows = [
        (
            ticket,
            failed
            if failed is not None and failed.data.get("reference") == ticket.reference
            else TeamReassignForm(
                members=users,
                initial={"reference": ticket.reference, "assignee": str(ticket.assignee_id or "")},
                auto_id=f"reassign-{ticket.reference}-%s",
            ),
        )
        for ticket in overview.tickets or []
    ]
    context = {
        "overview": overview,
        "rows": rows,
        "failed": failed,
        "bulk": bulk
        or TeamBulkReassignForm(
            members=users,
            references=[t.reference for t in overview.tickets or []],
            auto_id="bulk-%s",
        ),
    }
    return render(request, "console/team.html", context, status=status)


@agent_required
@require_GET
def team_detail(request: AgentRequest, slug: str) -> HttpResponse:
    overview = selectors.team_get_for_supervisor(user=request.user, slug=slug)
    return _render_team(request, overview)


@agent_required
@require_POST
def team_reassign(request: AgentRequest, slug: str) -> HttpResponse:
    """Give one of the team's tickets to a member. A ticket of another team, or one the
    supervisor may not open, answers 404 like one that does not exist."""
    overview = selectors.team_get_for_supervisor(user=request.user, slug=slug)
    if not overview.may_reassign:
        raise Http404
    users = [member.user for member in overview.members]
    form = TeamReassignForm(request.POST, members=users)
    if not form.is_valid():
        return _render_team(request, overview, failed=form, status=400)
    ticket = selectors.ticket_get_for_agent(
        user=request.user, reference=form.cleaned_data["reference"]
    )
    if ticket.team_id != overview.team.pk:
        raise Http404
    try:
        services.ticket_assign(
            ticket=ticket, assignee=form.cleaned_data["assignee"], actor=request.user
        )
    except TicketError as error:
        form.add_error(None, error.message)
        return _render_team(request, overview, failed=form, status=400)
    messages.success(request, _("%(reference)s reassigned.") % {"reference": ticket.reference})
    return redirect("console:team", slug=slug)


@agent_required
@require_POST
def team_reassign_bulk(request: AgentRequest, slug: str) -> HttpResponse:
    """Give the ticked tickets, or all of one member's active tickets, to a member: each
    ticket on its own through the same rule; the refused ones are listed with why."""
    overview = selectors.team_get_for_supervisor(user=request.user, slug=slug)
    if not overview.may_reassign or overview.tickets is None:
        raise Http404
    users = [member.user for member in overview.members]
    on_page = {t.reference: t for t in overview.tickets}
    form = TeamBulkReassignForm(
        request.POST, members=users, references=list(on_page), auto_id="bulk-%s"
    )
    if not form.is_valid():
        return _render_team(request, overview, bulk=form, status=400)
    source = form.cleaned_data["from_member"]
    chosen = [on_page[r] for r in form.cleaned_data["references"]]
    if source is not None:
        chosen += selectors.team_tickets_of_member(team=overview.team, member=source)
    tickets = list({t.pk: t for t in chosen}.values())
    refused = services.tickets_assign_each(
        tickets=tickets, assignee=form.cleaned_data["assignee"], actor=request.user
    )
    done = len(tickets) - len(refused)
    messages.success(request, _("%(count)d tickets reassigned.") % {"count": done})
    for ticket, why in refused:
        messages.warning(
            request,
            _("%(reference)s not reassigned: %(why)s")
            % {"reference": ticket.reference, "why": why},
        )
    return redirect("console:team", slug=slug)

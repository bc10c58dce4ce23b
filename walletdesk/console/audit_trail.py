"""The audit trail page: security events, newest first, for superusers only.

Agents are refused with 403 and customers with 404 (accounts.decorators.superuser_required);
each refusal is itself an audit event.
"""

import json

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from walletdesk.accounts.decorators import AgentRequest, superuser_required
from walletdesk.audit import selectors
from walletdesk.audit.models import AuditEvent
from walletdesk.console.forms import AuditFilterForm


def _detail_text(event: AuditEvent) -> str:
    if not event.detail:
        return ""
    return json.dumps(event.detail, ensure_ascii=False, sort_keys=True, default=str)


@superuser_required
@never_cache
@require_GET
def audit_log(request: AgentRequest) -> HttpResponse:
    """Filters in the query string, keyset paging (no COUNT), one query for the rows."""
    form = AuditFilterForm(request.GET)
    page = selectors.audit_event_page(
        filters=form.to_filters(),
        cursor=str(form.cleaned_data.get("cursor") or ""),
        # Read at call time so tests can shrink the page.
        page_size=selectors.PAGE_SIZE,
    )
    params = form.query_params()
    next_url = ""
    if page.next_cursor:
        next_params = params.copy()
        next_params["cursor"] = page.next_cursor
        next_url = "?" + next_params.urlencode()
    rows = [(event, _detail_text(event)) for event in page.events]
    context = {
        "form": form,
        "rows": rows,
        "next_url": next_url,
        "first_url": "?" + params.urlencode(),
        "is_first_page": not form.cleaned_data.get("cursor"),
    }
    return render(request, "console/audit.html", context)

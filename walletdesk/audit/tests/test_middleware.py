"""Refusals of the console, the administration site and the API for signed-in users are
recorded once each; visitors who are simply sent to sign in are not."""

import pytest
from django.http import HttpResponseForbidden
from django.urls import resolve, reverse

from walletdesk.accounts.tests.factories import AgentFactory
from walletdesk.api.tests.helpers import token_client
from walletdesk.audit.middleware import AuditMiddleware
from walletdesk.audit.models import AuditEvent, Kind

pytestmark = pytest.mark.django_db


def _refusals() -> list[tuple[str, str, dict]]:
    return list(
        AuditEvent.objects.filter(kind=Kind.ACCESS_REFUSED)
        .order_by("id")
        .values_list("actor_label", "target", "detail")
    )


def test_customer_opening_the_console_is_refused_and_recorded(client, alice):
    client.force_login(alice)

    response = client.get(reverse("console:queue"), REMOTE_ADDR="203.0.113.9")

    assert response.status_code == 404
    assert _refusals() == [
        ("alice@example.com", "/console/", {"status": 404, "method": "GET", "needs": "agent"})
    ]
    assert AuditEvent.objects.get(kind=Kind.ACCESS_REFUSED).ip == "203.0.113.9"


def test_agent_opening_the_audit_trail_is_refused_once(client, carol):
    client.force_login(carol)

    response = client.get(reverse("console:audit"))

    assert response.status_code == 403
    assert _refusals() == [
        (carol.email, "/console/audit/", {"status": 403, "method": "GET", "needs": "superuser"})
    ]


def test_customer_calling_an_agent_endpoint_of_the_api_is_recorded(alice):
    response = token_client(alice).get("/api/v1/agent/queue")

    assert response.status_code == 404
    assert _refusals() == [
        (
            "alice@example.com",
            "/api/v1/agent/queue",
            {"status": 404, "method": "GET", "needs": "agent"},
        )
    ]


def test_customer_sent_away_from_the_administration_site_is_recorded(client, alice):
    client.force_login(alice)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert _refusals() == [
        ("alice@example.com", "/admin/", {"status": 302, "method": "GET", "needs": "staff"})
    ]


def test_staff_without_the_permission_gets_403_in_the_administration_site_recorded(client):
    helper = AgentFactory(email="helper@walletdesk.example", is_staff=True)
    client.force_login(helper)

    response = client.get(reverse("admin:tickets_category_changelist"))

    assert response.status_code == 403
    assert _refusals() == [
        (
            "helper@walletdesk.example",
            "/admin/tickets/category/",
            {"status": 403, "method": "GET"},
        )
    ]


def test_visitors_and_allowed_pages_record_no_refusal(client, carol, dave):
    client.get(reverse("console:queue"))  # sent to sign in
    client.get(reverse("admin:index"))  # sent to the admin sign-in
    client.force_login(carol)
    client.get(reverse("console:queue"))
    client.force_login(dave)
    client.get(reverse("console:audit"))
    client.get(reverse("admin:index"))

    assert _refusals() == []


def test_a_403_outside_the_guarded_areas_is_not_an_access_refusal(rf, alice):
    # A portal refusal (an unconfirmed address may not submit yet) is not a security event.
    request = rf.get(reverse("portal:new"))
    request.user = alice
    request.resolver_match = resolve(reverse("portal:new"))
    guarded = rf.get(reverse("console:queue"))
    guarded.user = alice
    guarded.resolver_match = resolve(reverse("console:queue"))
    middleware = AuditMiddleware(lambda request: HttpResponseForbidden())

    responses = [middleware(request), middleware(guarded)]

    assert [r.status_code for r in responses] == [403, 403]
    assert _refusals() == [
        ("alice@example.com", "/console/", {"status": 403, "method": "GET"}),
    ]

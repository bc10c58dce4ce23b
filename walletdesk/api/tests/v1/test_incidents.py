import pytest

from walletdesk.api.tests.helpers import token_client
from walletdesk.incidents.models import Incident, IncidentLink, IncidentStatus, IncidentUpdate
from walletdesk.incidents.services import incident_update_deliver
from walletdesk.incidents.tests.factories import incident_make, lead_make, link_make
from walletdesk.tickets.models import Status
from walletdesk.tickets.tests.factories import TicketFactory

pytestmark = pytest.mark.django_db

BASE = "/api/v1/agent/incidents"


@pytest.fixture
def lead(db):
    return lead_make()


def test_a_lead_opens_links_replies_and_resolves_through_the_api(lead, alice, bob) -> None:
    client = token_client(lead)
    zh_ticket = TicketFactory(requester=alice)
    en_ticket = TicketFactory(requester=bob)

    opened = client.post(
        BASE,
        {
            "title_zh": "TRON 拥堵",
            "title_en": "TRON congested",
            "description_zh": "提现延迟。",
            "description_en": "Withdrawals late.",
            "network": "tron",
            "category": "withdrawal",
            "window_hours": 6,
        },
        format="json",
    )
    incident_id = opened.json()["id"]
    for ticket in (zh_ticket, en_ticket):
        linked = client.post(
            f"{BASE}/{incident_id}/links", {"reference": ticket.reference}, format="json"
        )
        assert linked.status_code == 201
    replied = client.post(
        f"{BASE}/{incident_id}/replies", {"body_zh": "处理中。", "body_en": "On it."}, format="json"
    )
    incident_update_deliver(update_id=replied.json()["id"])
    detail = client.get(f"{BASE}/{incident_id}").json()
    resolved = client.post(f"{BASE}/{incident_id}/resolve", {"body_en": "Fixed."}, format="json")
    incident_update_deliver(update_id=resolved.json()["id"])

    assert opened.status_code == 201
    assert opened.json()["category"] == "withdrawal"
    assert replied.status_code == 202
    assert detail["linked_count"] == 2
    assert detail["updates"][0] == {
        "id": replied.json()["id"],
        "kind": "reply",
        "targets": 2,
        "posted": 2,
        "refused": 0,
        "finished": True,
    }
    assert zh_ticket.messages.first().body == "处理中。"
    assert en_ticket.messages.first().body == "On it."
    assert resolved.status_code == 202
    assert Incident.objects.get().status == IncidentStatus.RESOLVED
    zh_ticket.refresh_from_db()
    assert zh_ticket.status == Status.RESOLVED


def test_customers_get_404_everywhere(alice, lead) -> None:
    incident = incident_make(author=lead)
    client = token_client(alice)

    answers = [
        client.get(BASE),
        client.post(BASE, {}, format="json"),
        client.get(f"{BASE}/{incident.pk}"),
        client.post(f"{BASE}/{incident.pk}/replies", {"body_en": "x"}, format="json"),
    ]

    assert [a.status_code for a in answers] == [404, 404, 404, 404]
    assert answers[0].json()["code"] == "not_found"


def test_a_plain_agent_may_link_but_not_answer_to_all(carol, alice, lead) -> None:
    incident = incident_make(author=lead)
    ticket = TicketFactory(requester=alice)
    client = token_client(carol)

    linked = client.post(
        f"{BASE}/{incident.pk}/links", {"reference": ticket.reference}, format="json"
    )
    replied = client.post(f"{BASE}/{incident.pk}/replies", {"body_en": "Hi"}, format="json")

    assert linked.status_code == 201
    assert replied.status_code == 403
    assert replied.json()["code"] == "not_incident_lead"
    assert not IncidentUpdate.objects.exists()


def test_the_same_errors_as_the_other_agent_views(lead, alice) -> None:
    incident = incident_make(author=lead)
    other = incident_make(author=lead, title_en="Other")
    ticket = TicketFactory(requester=alice)
    link_make(other, ticket)
    client = token_client(lead)

    twice = client.post(
        f"{BASE}/{incident.pk}/links", {"reference": ticket.reference}, format="json"
    )
    asks = client.post(
        f"{BASE}/{incident.pk}/replies",
        {"body_en": "Send us your recovery phrase and we will check."},
        format="json",
    )
    invalid = client.post(BASE, {"title_zh": "z"}, format="json")
    unlinked = client.delete(f"{BASE}/{other.pk}/links/{ticket.reference}")

    assert twice.status_code == 409
    assert twice.json()["code"] == "already_linked"
    assert asks.status_code == 422
    assert asks.json()["code"] == "secret_request"
    assert invalid.status_code == 400
    assert invalid.json()["code"] == "invalid"
    assert "title_en" in invalid.json()["errors"]
    assert unlinked.status_code == 204
    assert not IncidentLink.objects.exists()


def test_bob_cannot_see_alices_ticket(lead, alice, bob) -> None:
    incident = incident_make(author=lead)
    ticket = TicketFactory(requester=alice)
    client = token_client(bob)

    response = client.post(
        f"{BASE}/{incident.pk}/links", {"reference": ticket.reference}, format="json"
    )

    assert response.status_code == 404
    assert not IncidentLink.objects.exists()


def test_the_list_pages_with_a_fixed_number_of_queries(lead, django_assert_num_queries) -> None:
    client = token_client(lead)
    for n in range(3):
        incident_make(author=lead, title_en=f"Incident {n}")
    client.get(BASE)

    # the token with its user, one page of incidents (categories joined)
    with django_assert_num_queries(2) as small:
        client.get(BASE)
    for n in range(25):
        incident_make(author=lead, title_en=f"More {n}")
    with django_assert_num_queries(len(small.captured_queries)):
        page = client.get(BASE).json()

    assert len(page["results"]) == 20
    assert page["next_cursor"]


def test_the_schema_describes_the_incident_endpoints(client) -> None:
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()

    assert "post" in schema["paths"]["/api/v1/agent/incidents"]
    assert "post" in schema["paths"]["/api/v1/agent/incidents/{incident_id}/replies"]
    assert "delete" in schema["paths"]["/api/v1/agent/incidents/{incident_id}/links/{reference}"]


def test_a_new_ticket_through_the_api_carries_the_incident_notice(alice, bob, lead) -> None:
    from walletdesk.incidents.models import IncidentLink as Link

    incident_make(author=lead, network="tron")
    body = {
        "category": "withdrawal",
        "subject": "USDT withdrawal missing",
        "description": "I withdrew 100 USDT two hours ago.",
        "network": "tron",
        "asset": "USDT",
        "address": "TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE",
        "amount": "100",
    }

    zh = token_client(alice).post("/api/v1/tickets", body, format="json")
    en = token_client(bob).post("/api/v1/tickets", {**body, "network": "tron"}, format="json")
    other = token_client(bob).post(
        "/api/v1/tickets",
        {**body, "network": "ethereum", "address": "0x52908400098527886E0F7030069857D2E4169EE7"},
        format="json",
    )

    assert zh.status_code == 201
    assert zh.json()["incident_notice"]["title"] == "TRON 上的 USDT 提现延迟"
    assert en.json()["incident_notice"] == {
        "title": "USDT withdrawals on TRON delayed",
        "description": "The TRON network is congested: withdrawals arrive late, funds are safe.",
    }
    assert other.status_code == 201
    assert other.json()["incident_notice"] is None
    assert not Link.objects.exists()

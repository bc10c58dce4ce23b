from datetime import UTC, datetime

import pytest

from walletdesk.api.tests.helpers import token_client
from walletdesk.siwe.models import WalletAddress
from walletdesk.tickets.models import Status, TicketEvent

pytestmark = pytest.mark.django_db


def test_agent_sees_queue_and_ticket_with_proven_addresses(carol, alice, alice_ticket) -> None:
    WalletAddress.objects.create(
        user=alice,
        address="0x52908400098527886E0F7030069857D2E4169EE7",
        chain_id=1,
        verified_at=datetime.now(UTC),
    )
    client = token_client(carol)

    queue = client.get("/api/v1/agent/queue").json()
    detail = client.get(f"/api/v1/agent/tickets/{alice_ticket.reference}").json()
    revealed = client.post(
        f"/api/v1/agent/tickets/{alice_ticket.reference}/reveal",
        {"what": "wallet_addresses"},
        format="json",
    ).json()

    assert [t["reference"] for t in queue["results"]] == [alice_ticket.reference]
    assert detail["wallet_addresses"][0]["address"] == "0x52…9EE7"
    assert revealed["wallet_addresses"][0]["address"].startswith("0x5290")


def test_agent_request_info_and_reject(carol, alice_ticket) -> None:
    client = token_client(carol)
    ref = alice_ticket.reference

    asked = client.post(
        f"/api/v1/agent/tickets/{ref}/request-info", {"body": "Which network?"}, format="json"
    )
    code = client.get("/api/v1/agent/rejection-reasons").json()[0]["code"]
    rejected = client.post(
        f"/api/v1/agent/tickets/{ref}/reject",
        {"reason": code, "message": "Out of scope."},
        format="json",
    )

    assert asked.status_code == 201
    assert rejected.status_code == 200
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.REJECTED
    assert alice_ticket.events.filter(kind=TicketEvent.Kind.INFO_REQUESTED).exists()
    assert alice_ticket.events.filter(kind=TicketEvent.Kind.REJECTED).exists()


def test_internal_note_is_hidden_from_the_customer(carol, alice, alice_ticket) -> None:
    token_client(carol).post(
        f"/api/v1/agent/tickets/{alice_ticket.reference}/replies",
        {"body": "Looks like address poisoning", "internal": True},
        format="json",
    )

    thread = token_client(alice).get(f"/api/v1/tickets/{alice_ticket.reference}").json()

    assert thread["messages"] == []
    assert alice_ticket.messages.filter(is_internal=True).count() == 1


def test_bob_cannot_see_alice_ticket_in_agent_endpoints(bob, alice_ticket) -> None:
    client = token_client(bob)

    answers = [
        client.get(f"/api/v1/agent/tickets/{alice_ticket.reference}"),
        client.post(
            f"/api/v1/agent/tickets/{alice_ticket.reference}/reject",
            {"reason": "x", "message": "y"},
            format="json",
        ),
        client.get("/api/v1/agent/rejection-reasons"),
    ]

    assert [a.status_code for a in answers] == [404, 404, 404]
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.NEW

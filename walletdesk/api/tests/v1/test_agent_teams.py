"""The agent API under teams: another team's tickets are missing, requester details are
masked, and a reveal is recorded before it answers."""

from datetime import UTC, datetime

import pytest

from walletdesk.accounts.tests.factories import AgentFactory
from walletdesk.api.tests.helpers import token_client
from walletdesk.siwe.models import WalletAddress
from walletdesk.tickets.models import TicketEvent
from walletdesk.tickets.tests.factories import TeamFactory

pytestmark = pytest.mark.django_db

WALLET = "0x52908400098527886E0F7030069857D2E4169EE7"


@pytest.fixture
def wallet(alice) -> WalletAddress:
    return WalletAddress.objects.create(
        user=alice, address=WALLET, chain_id=1, verified_at=datetime.now(UTC)
    )


def _reveals(ticket) -> list[str]:
    return list(
        ticket.events.filter(kind=TicketEvent.Kind.REVEALED).values_list("to_value", flat=True)
    )


def test_the_queue_and_the_ticket_mask_the_requester(carol, alice, alice_ticket, wallet) -> None:
    client = token_client(carol)

    queue = client.get("/api/v1/agent/queue")
    detail = client.get(f"/api/v1/agent/tickets/{alice_ticket.reference}")

    for response in (queue, detail):
        assert alice.email not in response.content.decode()
        assert WALLET not in response.content.decode()
    assert queue.json()["results"][0]["requester_email"] == "a***@example.com"
    assert detail.json()["requester_email"] == "a***@example.com"
    assert detail.json()["wallet_addresses"][0]["address"] == "0x52…9EE7"
    assert _reveals(alice_ticket) == []


def test_revealing_the_email_records_it_and_answers_only_the_email(
    carol, alice, alice_ticket, wallet
) -> None:
    client = token_client(carol)

    response = client.post(
        f"/api/v1/agent/tickets/{alice_ticket.reference}/reveal", {"what": "email"}, format="json"
    )

    assert response.status_code == 200
    assert response.json() == {
        "what": "email",
        "requester_email": alice.email,
        "wallet_addresses": [],
    }
    assert _reveals(alice_ticket) == ["email"]
    assert alice_ticket.events.get(kind=TicketEvent.Kind.REVEALED).actor == carol


def test_an_unknown_reveal_is_a_clear_400_and_records_nothing(carol, alice_ticket) -> None:
    client = token_client(carol, HTTP_ACCEPT_LANGUAGE="zh-hans")

    response = client.post(
        f"/api/v1/agent/tickets/{alice_ticket.reference}/reveal", {"what": "seed"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert response.json()["errors"]["what"][0]["code"] == "invalid_choice"
    assert _reveals(alice_ticket) == []


def test_another_teams_agent_gets_404_everywhere(alice_ticket) -> None:
    outsider = AgentFactory(teams=[TeamFactory()])
    client = token_client(outsider)
    base = f"/api/v1/agent/tickets/{alice_ticket.reference}"

    responses = [
        client.get(base),
        client.post(f"{base}/reveal", {"what": "email"}, format="json"),
        client.post(f"{base}/replies", {"body": "hi"}, format="json"),
    ]
    queue = client.get("/api/v1/agent/queue").json()

    assert [r.status_code for r in responses] == [404, 404, 404]
    assert queue["results"] == []
    assert _reveals(alice_ticket) == []
    assert alice_ticket.messages.count() == 0


def test_bob_cannot_reveal_alices_email(bob, alice_ticket) -> None:
    response = token_client(bob).post(
        f"/api/v1/agent/tickets/{alice_ticket.reference}/reveal", {"what": "email"}, format="json"
    )

    assert response.status_code == 404
    assert _reveals(alice_ticket) == []

"""Agent redaction through the API: the same services as the console."""

import pytest

from walletdesk.api.tests.helpers import token_client
from walletdesk.attachments.models import Attachment
from walletdesk.tickets.models import Redaction, TicketEvent
from walletdesk.tickets.tests.factories import MessageFactory

pytestmark = pytest.mark.django_db

PHRASE = "abandon amount liar amount expire adjust cage candy arch gather drum buyer"


def _url(ticket, message) -> str:
    return f"/api/v1/agent/tickets/{ticket.reference}/messages/{message.pk}/redact"


def test_agent_masks_a_message_then_a_second_try_is_409(carol, alice_ticket):
    leaked = MessageFactory(ticket=alice_ticket, body=f"助记词 {PHRASE}")
    client = token_client(carol)

    first = client.post(_url(alice_ticket, leaked), {"mode": "masked"}, format="json")
    second = client.post(_url(alice_ticket, leaked), {"mode": "masked"}, format="json")

    assert first.status_code == 200
    assert first.json()["redaction"] == Redaction.MASKED
    assert PHRASE not in first.json()["body"]
    assert second.status_code == 409
    assert second.json()["code"] == "already_redacted"
    assert alice_ticket.events.filter(kind=TicketEvent.Kind.REDACTED).count() == 1


def test_masking_a_half_phrase_is_422_and_removing_it_works(carol, alice_ticket):
    half = MessageFactory(ticket=alice_ticket, body="abandon amount liar amount expire adjust")
    client = token_client(carol)

    masked = client.post(_url(alice_ticket, half), {"mode": "masked"}, format="json")
    removed = client.post(_url(alice_ticket, half), {"mode": "removed"}, format="json")

    assert masked.status_code == 422
    assert masked.json()["code"] == "nothing_to_redact"
    assert removed.status_code == 200
    assert removed.json()["redaction"] == Redaction.REMOVED


def test_agent_removes_a_file(carol, alice, alice_ticket, attachment_folder):
    (attachment_folder / "attachments").mkdir(parents=True)
    (attachment_folder / "attachments" / "p.png").write_bytes(b"\x89PNG")
    photo = Attachment.objects.create(
        ticket=alice_ticket,
        uploader=alice,
        kind=Attachment.Kind.PNG,
        display_name="p.png",
        storage_key="attachments/p.png",
        size=4,
        sha256="0" * 64,
    )
    url = f"/api/v1/agent/tickets/{alice_ticket.reference}/attachments/{photo.pk}/remove"

    response = token_client(carol).post(url)

    assert response.status_code == 200
    assert response.json()["removed"] is True
    assert not (attachment_folder / "attachments" / "p.png").exists()


@pytest.mark.parametrize("who", ["alice", "bob"])
def test_customers_get_404(request, who, alice_ticket):
    leaked = MessageFactory(ticket=alice_ticket, body=f"助记词 {PHRASE}")
    client = token_client(request.getfixturevalue(who))

    response = client.post(_url(alice_ticket, leaked), {"mode": "removed"}, format="json")

    assert response.status_code == 404
    leaked.refresh_from_db()
    assert PHRASE in leaked.body

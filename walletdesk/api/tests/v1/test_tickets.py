import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from walletdesk.api.tests.helpers import token_client
from walletdesk.attachments.models import Attachment
from walletdesk.devices.models import IdempotencyRecord
from walletdesk.guard.models import SecretCatch
from walletdesk.tickets.models import (
    Category,
    RejectionReason,
    Status,
    Ticket,
    TicketEvent,
)
from walletdesk.tickets.services import ticket_reject
from walletdesk.tickets.tests.factories import TicketFactory

pytestmark = pytest.mark.django_db
PHRASE = "abandon amount liar amount expire adjust cage candy arch gather drum buyer"
DRAFT = {
    "category": "other",
    "subject": "App shows a wrong balance",
    "description": "Since yesterday the balance on the home screen is zero.",
}


def test_create_then_get_and_list_mine(alice) -> None:
    client = token_client(alice)

    created = client.post("/api/v1/tickets", DRAFT, format="json")

    assert created.status_code == 201
    ticket = Ticket.objects.get(requester=alice)
    assert created.json()["reference"] == ticket.reference
    # Reports count tickets by the channel they came through: kept on the "created" event.
    assert ticket.events.get(kind=TicketEvent.Kind.CREATED).from_value == "api"
    assert (
        client.get(f"/api/v1/tickets/{ticket.reference}").json()["ticket"]["subject"]
        == (DRAFT["subject"])
    )
    assert [t["reference"] for t in client.get("/api/v1/tickets").json()["results"]] == [
        ticket.reference
    ]


def test_bob_cannot_see_alice_ticket_through_any_endpoint(bob, alice_ticket) -> None:
    client = token_client(bob)
    ref = alice_ticket.reference
    attachment_id = "00000000-0000-0000-0000-000000000001"

    answers = [
        client.get(f"/api/v1/tickets/{ref}"),
        client.post(f"/api/v1/tickets/{ref}/replies", {"body": "hi"}, format="json"),
        client.post(f"/api/v1/tickets/{ref}/resolve", format="json"),
        client.post(f"/api/v1/tickets/{ref}/rating", {"score": 5}, format="json"),
        client.post(f"/api/v1/tickets/{ref}/resubmission", DRAFT, format="json"),
        client.get(f"/api/v1/agent/tickets/{ref}"),
        client.post(f"/api/v1/agent/tickets/{ref}/replies", {"body": "x"}, format="json"),
        client.get("/api/v1/agent/queue"),
        client.get(f"/api/v1/attachments/{attachment_id}"),
    ]

    assert [a.status_code for a in answers] == [404] * len(answers)
    assert client.get("/api/v1/tickets").json()["results"] == []
    assert alice_ticket.messages.count() == 0
    assert alice_ticket.status == Status.NEW


def test_bob_cannot_download_alice_attachment(alice, bob) -> None:
    alice_client = token_client(alice)
    picture = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(picture, "PNG")
    png = picture.getvalue()
    created = alice_client.post(
        "/api/v1/tickets",
        {**DRAFT, "attachments": [SimpleUploadedFile("proof.png", png, "image/png")]},
        format="multipart",
    )
    assert created.status_code == 201, created.json()
    attachment = Attachment.objects.get()

    mine = alice_client.get(f"/api/v1/attachments/{attachment.pk}")
    theirs = token_client(bob).get(f"/api/v1/attachments/{attachment.pk}")

    assert mine.status_code == 200
    assert theirs.status_code == 404


def test_secret_is_refused_with_422_and_nothing_stored(alice) -> None:
    client = token_client(alice)

    response = client.post("/api/v1/tickets", {**DRAFT, "description": PHRASE}, format="json")

    assert response.status_code == 422
    assert response.json()["code"] == "secret_detected"
    assert not Ticket.objects.exists()
    assert SecretCatch.objects.get().channel == SecretCatch.Channel.API


def test_invalid_address_is_a_field_error(alice) -> None:
    client = token_client(alice, HTTP_ACCEPT_LANGUAGE="en")

    response = client.post(
        "/api/v1/tickets",
        {
            "category": "deposit",
            "subject": "USDT not arrived",
            "description": "Sent from exchange an hour ago.",
            "network": "tron",
            "address": "not-an-address",
        },
        format="json",
    )

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert "address" in body["errors"]
    assert not Ticket.objects.exists()


def test_messages_follow_the_users_language(alice, bob) -> None:
    # alice reads Chinese, bob English: the same refusal in each one's language.
    zh = token_client(alice).post(
        "/api/v1/tickets", {**DRAFT, "description": PHRASE}, format="json"
    )
    en = token_client(bob).post("/api/v1/tickets", {**DRAFT, "description": PHRASE}, format="json")

    assert "Nothing was sent" in en.json()["message"]
    assert "Nothing was sent" not in zh.json()["message"]


def test_idempotent_retry_returns_the_first_answer_and_creates_nothing(alice) -> None:
    client = token_client(alice)
    headers = {"HTTP_IDEMPOTENCY_KEY": "retry-1"}

    first = client.post("/api/v1/tickets", DRAFT, format="json", **headers)
    second = client.post("/api/v1/tickets", DRAFT, format="json", **headers)

    assert first.status_code == second.status_code == 201
    assert second.json() == first.json()
    assert second["Idempotent-Replayed"] == "true"
    assert Ticket.objects.count() == 1
    assert TicketEvent.objects.filter(kind=TicketEvent.Kind.CREATED).count() == 1


def test_same_key_with_another_body_is_422(alice) -> None:
    client = token_client(alice)
    client.post("/api/v1/tickets", DRAFT, format="json", HTTP_IDEMPOTENCY_KEY="k")

    other = client.post(
        "/api/v1/tickets", {**DRAFT, "subject": "Other"}, format="json", HTTP_IDEMPOTENCY_KEY="k"
    )

    assert other.status_code == 422
    assert other.json()["code"] == "idempotency_key_reused"
    assert Ticket.objects.count() == 1


def test_idempotency_keys_are_per_user(alice, bob) -> None:
    token_client(alice).post("/api/v1/tickets", DRAFT, format="json", HTTP_IDEMPOTENCY_KEY="k")

    response = token_client(bob).post(
        "/api/v1/tickets", DRAFT, format="json", HTTP_IDEMPOTENCY_KEY="k"
    )

    assert response.status_code == 201
    assert Ticket.objects.filter(requester=bob).count() == 1


def test_refused_request_keeps_no_record_so_a_fixed_retry_works(alice) -> None:
    client = token_client(alice)
    client.post(
        "/api/v1/tickets", {**DRAFT, "subject": ""}, format="json", HTTP_IDEMPOTENCY_KEY="k"
    )

    assert not IdempotencyRecord.objects.exists()


def test_idempotent_reply(alice, alice_ticket) -> None:
    client = token_client(alice)
    url = f"/api/v1/tickets/{alice_ticket.reference}/replies"

    client.post(url, {"body": "More detail"}, format="json", HTTP_IDEMPOTENCY_KEY="r1")
    client.post(url, {"body": "More detail"}, format="json", HTTP_IDEMPOTENCY_KEY="r1")

    assert alice_ticket.messages.count() == 1


def test_ticket_creation_is_throttled(alice) -> None:
    client = token_client(alice)

    statuses = [
        client.post("/api/v1/tickets", {**DRAFT, "subject": f"n{i}"}, format="json").status_code
        for i in range(11)
    ]

    assert statuses[:10] == [201] * 10
    assert statuses[10] == 429
    assert Ticket.objects.count() == 10


def test_resolve_twice_is_409(alice) -> None:
    ticket = TicketFactory(requester=alice, status=Status.OPEN)
    client = token_client(alice)

    first = client.post(f"/api/v1/tickets/{ticket.reference}/resolve")
    second = client.post(f"/api/v1/tickets/{ticket.reference}/resolve")

    assert first.status_code == 200
    assert second.status_code == 409
    assert second.json()["code"] == "transition_not_allowed"
    ticket.refresh_from_db()
    assert ticket.status == Status.RESOLVED


def test_rate_and_resubmit(alice, carol) -> None:
    resolved = TicketFactory(requester=alice, status=Status.OPEN)
    client = token_client(alice)
    client.post(f"/api/v1/tickets/{resolved.reference}/resolve")

    rated = client.post(f"/api/v1/tickets/{resolved.reference}/rating", {"score": 4}, format="json")

    assert rated.status_code == 200
    resolved.refresh_from_db()
    assert resolved.rating == 4
    rejected = TicketFactory(
        requester=alice, status=Status.OPEN, category=Category.objects.get(slug="other")
    )
    reason = RejectionReason.objects.filter(allows_resubmission=True).first()
    ticket_reject(ticket=rejected, agent=carol, reason=reason, message="Add the hash.")
    again = client.post(
        f"/api/v1/tickets/{rejected.reference}/resubmission",
        {"subject": "With hash", "description": "Here it is."},
        format="json",
    )
    assert again.status_code == 201, again.json()
    assert Ticket.objects.get(reference=again.json()["reference"]).resubmission_of == rejected


def test_list_mine_pages_by_cursor_with_constant_queries(alice, django_assert_num_queries) -> None:
    TicketFactory.create_batch(25, requester=alice)
    client = token_client(alice)
    client.get("/api/v1/tickets")  # warm caches that are not per request

    # token lookup, touch is skipped within the minute, list: the same for 25 rows as for 2.
    with django_assert_num_queries(2):
        first = client.get("/api/v1/tickets").json()
    second = client.get("/api/v1/tickets", {"cursor": first["next_cursor"]}).json()

    assert len(first["results"]) == 20
    assert len(second["results"]) == 5
    assert second["next_cursor"] is None
    seen = {t["reference"] for t in first["results"] + second["results"]}
    assert len(seen) == 25


def test_list_query_count_same_for_two_rows(alice, django_assert_num_queries) -> None:
    TicketFactory.create_batch(2, requester=alice)
    client = token_client(alice)
    client.get("/api/v1/tickets")

    with django_assert_num_queries(2):
        client.get("/api/v1/tickets")


def test_tampered_cursor_restarts_at_the_first_page(alice) -> None:
    TicketFactory(requester=alice)

    response = token_client(alice).get("/api/v1/tickets", {"cursor": "%%%garbage"})

    assert response.status_code == 200
    assert len(response.json()["results"]) == 1


def test_anonymous_gets_401(client) -> None:
    response = client.get("/api/v1/tickets")

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"

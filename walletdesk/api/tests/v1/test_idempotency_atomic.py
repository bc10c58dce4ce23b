"""A key, the ticket it creates and the kept answer commit together: a failure between them
leaves none of them, and the retry with the same key creates the ticket (never a 409)."""

import threading
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from walletdesk.api.tests.helpers import token_client
from walletdesk.devices.models import IdempotencyRecord
from walletdesk.devices.services import device_token_issue
from walletdesk.guard.models import SecretCatch
from walletdesk.tickets.models import Ticket

DRAFT = {
    "category": "other",
    "subject": "App shows a wrong balance",
    "description": "Since yesterday the balance on the home screen is zero.",
}
PHRASE = "abandon amount liar amount expire adjust cage candy arch gather drum buyer"


@pytest.mark.django_db
def test_a_failure_after_the_ticket_is_stored_leaves_no_ticket_and_no_key(
    alice: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def lost_database(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("server closed the connection unexpectedly")

    # The ticket is inserted; then reading it back for the answer fails.
    monkeypatch.setattr(
        "walletdesk.api.v1.tickets.selectors.ticket_get_for_customer", lost_database
    )
    client = token_client(alice)
    client.raise_request_exception = False

    failed = client.post("/api/v1/tickets", DRAFT, format="json", HTTP_IDEMPOTENCY_KEY="k1")

    assert failed.status_code == 500
    assert failed.json()["code"] == "server_error"
    assert not Ticket.objects.filter(requester=alice).exists()
    assert not IdempotencyRecord.objects.exists()

    monkeypatch.undo()
    retried = client.post("/api/v1/tickets", DRAFT, format="json", HTTP_IDEMPOTENCY_KEY="k1")
    replayed = client.post("/api/v1/tickets", DRAFT, format="json", HTTP_IDEMPOTENCY_KEY="k1")

    assert retried.status_code == 201
    assert replayed.status_code == 201
    assert replayed["Idempotent-Replayed"] == "true"
    assert replayed.json()["reference"] == retried.json()["reference"]
    assert Ticket.objects.filter(requester=alice).count() == 1


@pytest.mark.django_db
def test_a_refusal_keeps_what_it_recorded_and_frees_the_key(alice: Any) -> None:
    client = token_client(alice)

    refused = client.post(
        "/api/v1/tickets",
        {**DRAFT, "description": PHRASE},
        format="json",
        HTTP_IDEMPOTENCY_KEY="k2",
    )

    assert refused.status_code == 422
    assert refused.json()["code"] == "secret_detected"
    assert SecretCatch.objects.filter(user=alice).count() == 1  # the catch is committed
    assert not IdempotencyRecord.objects.exists()
    fixed = client.post("/api/v1/tickets", DRAFT, format="json", HTTP_IDEMPOTENCY_KEY="k2")
    assert fixed.status_code == 201


@pytest.mark.django_db(transaction=True)
def test_two_requests_with_one_key_at_once_store_one_ticket(alice: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need a server database (the PostgreSQL run)")
    token = device_token_issue(user=alice, name="test phone").secret
    answers: list[tuple[int, str]] = []
    start = threading.Barrier(2)

    def submit() -> None:
        client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
        start.wait()
        response = client.post(
            "/api/v1/tickets", DRAFT, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k3"
        )
        answers.append((response.status_code, response.json().get("reference", "")))
        connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert Ticket.objects.filter(requester=alice).count() == 1
    # Both callers learn the one reference (the second waited for the first to commit).
    assert [status for status, _ in answers] == [201, 201]
    assert len({reference for _, reference in answers}) == 1

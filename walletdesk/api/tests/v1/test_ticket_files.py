"""Files through the API take the one submission path: a file the server stopped is refused,
never dropped, and a storage outage stores nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from walletdesk.api.tests.helpers import token_client
from walletdesk.attachments.models import Attachment
from walletdesk.attachments.tests import corpus
from walletdesk.testing.storage import stored_files
from walletdesk.tickets.models import Message, Ticket

pytestmark = pytest.mark.django_db
DRAFT = {"category": "other", "subject": "Deposit not arrived", "description": "Sent 1 h ago."}


def _png(name: str = "proof.png", padding: int = 0) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, corpus.png() + b"\0" * padding, content_type="image/png")


def test_a_12_mib_picture_is_refused_not_silently_dropped(alice, attachment_folder):
    client = token_client(alice, HTTP_ACCEPT_LANGUAGE="en")

    response = client.post(
        "/api/v1/tickets",
        {**DRAFT, "attachments": [_png("huge.png", padding=12 * 1024 * 1024)]},
        format="multipart",
    )

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "file_too_large"
    assert "huge.png" in body["message"]
    assert not Ticket.objects.exists()
    assert stored_files(attachment_folder) == []


def test_a_12_mib_picture_on_a_reply_is_refused_too(alice, alice_ticket, attachment_folder):
    client = token_client(alice, HTTP_ACCEPT_LANGUAGE="en")

    response = client.post(
        f"/api/v1/tickets/{alice_ticket.reference}/replies",
        {"body": "here it is", "attachments": [_png("huge.png", padding=12 * 1024 * 1024)]},
        format="multipart",
    )

    assert response.status_code == 400
    assert response.json()["code"] == "file_too_large"
    assert not Message.objects.exists()


def test_storage_outage_answers_503_and_stores_nothing(alice, failing_storage, attachment_folder):
    failing_storage(fail_on=2)
    client = token_client(alice, HTTP_ACCEPT_LANGUAGE="en")

    response = client.post(
        "/api/v1/tickets",
        {**DRAFT, "attachments": [_png("a.png"), _png("b.png")]},
        format="multipart",
    )

    assert response.status_code == 503
    assert response.json()["code"] == "storage_unavailable"
    assert not Ticket.objects.exists()
    assert not Attachment.objects.exists()
    assert stored_files(attachment_folder) == []


def test_storage_outage_on_a_reply_answers_503(alice, alice_ticket, failing_storage):
    failing_storage(fail_on=1)

    response = token_client(alice).post(
        f"/api/v1/tickets/{alice_ticket.reference}/replies",
        {"body": "截图", "attachments": [_png()]},
        format="multipart",
    )

    assert response.status_code == 503
    assert not Message.objects.exists()


def test_bob_cannot_add_files_to_alices_ticket(bob, alice_ticket, attachment_folder):
    response = token_client(bob).post(
        f"/api/v1/tickets/{alice_ticket.reference}/replies",
        {"body": "mine now", "attachments": [_png()]},
        format="multipart",
    )

    assert response.status_code == 404
    assert stored_files(attachment_folder) == []

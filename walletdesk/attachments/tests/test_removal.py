"""Deleting a file that holds a wallet secret: attachments.services.attachment_remove, on the
local folder and on the S3-compatible server, and what downloads answer afterwards."""

import json

import pytest
from django.core.files.storage import storages
from django.urls import reverse
from django.utils import translation

from walletdesk.api.tests.helpers import token_client
from walletdesk.attachments.errors import AttachmentError
from walletdesk.attachments.models import Attachment
from walletdesk.attachments.services import attachment_name_redact, attachment_remove
from walletdesk.attachments.tests import corpus
from walletdesk.attachments.tests.conftest import BUCKET, upload
from walletdesk.notifications.models import Kind, Notification
from walletdesk.testing.storage import stored_files
from walletdesk.tickets.models import TicketEvent

pytestmark = pytest.mark.django_db

PHRASE = "abandon amount liar amount expire adjust cage candy arch gather drum buyer"


def _attach(client, ticket, name: str = "付款.png") -> Attachment:
    url = reverse("portal:reply", args=[ticket.reference])
    response = client.post(url, {"body": "截图", "attachments": [upload(name, corpus.png())]})
    assert response.status_code == 302
    return Attachment.objects.get()


def test_removing_deletes_the_file_and_keeps_a_tombstone(
    attachment_folder, alice_client, alice_ticket, carol
):
    attachment = _attach(alice_client, alice_ticket)
    assert len(stored_files(attachment_folder)) == 1

    attachment_remove(attachment=attachment, actor=carol)

    assert stored_files(attachment_folder) == []
    attachment.refresh_from_db()
    assert attachment.is_removed
    assert attachment.removed_reason == Attachment.RemovalReason.SECRET
    event = alice_ticket.events.get(kind=TicketEvent.Kind.REDACTED)
    assert (event.actor, event.from_value, event.to_value) == (
        carol,
        "attachment",
        str(attachment.pk),
    )
    assert json.loads(event.reason) == {"mode": "removed", "kinds": [], "fields": ["file"]}
    assert Notification.objects.filter(
        recipient=alice_ticket.requester, kind=Kind.REDACTED
    ).exists()


def test_a_removed_file_is_never_served_again(
    alice_client, carol_client, alice_ticket, alice, carol
):
    attachment = _attach(alice_client, alice_ticket)
    attachment_remove(attachment=attachment, actor=carol)

    for client, user in ((alice_client, alice), (carol_client, carol)):
        with translation.override(user.language):
            why = AttachmentError(AttachmentError.Code.FILE_REMOVED).message
        for name in ("attachments:download", "attachments:view"):
            response = client.get(reverse(name, args=[attachment.pk]))
            assert response.status_code == 410
            assert why in response.content.decode()


def test_the_api_answers_410_with_the_reason(alice_client, alice_ticket, alice, carol):
    attachment = _attach(alice_client, alice_ticket)
    attachment_remove(attachment=attachment, actor=carol)
    api = token_client(alice)

    response = api.get(reverse("api:v1-attachment-download", args=[attachment.pk]))

    assert response.status_code == 410
    assert response.json()["code"] == "file_removed"


def test_bob_still_gets_404_for_alices_removed_file(alice_client, bob_client, alice_ticket, carol):
    attachment = _attach(alice_client, alice_ticket)
    attachment_remove(attachment=attachment, actor=carol)

    response = bob_client.get(reverse("attachments:download", args=[attachment.pk]))

    assert response.status_code == 404


def test_removing_twice_is_refused(alice_client, alice_ticket, carol, erin):
    attachment = _attach(alice_client, alice_ticket)
    attachment_remove(attachment=attachment, actor=carol)

    with pytest.raises(AttachmentError) as refused:
        attachment_remove(attachment=attachment, actor=erin)

    assert refused.value.code == AttachmentError.Code.ALREADY_REMOVED
    assert alice_ticket.events.filter(kind=TicketEvent.Kind.REDACTED).count() == 1


def test_a_customer_cannot_remove_a_file(attachment_folder, alice_client, alice_ticket, alice):
    attachment = _attach(alice_client, alice_ticket)

    with pytest.raises(AttachmentError) as refused:
        attachment_remove(attachment=attachment, actor=alice)

    assert refused.value.code == AttachmentError.Code.NOT_ALLOWED
    assert len(stored_files(attachment_folder)) == 1


def test_a_storage_failure_keeps_everything_as_it_was(
    monkeypatch, attachment_folder, alice_client, alice_ticket, carol
):
    attachment = _attach(alice_client, alice_ticket)

    def down(keys):
        raise OSError("object store unreachable")

    monkeypatch.setattr("walletdesk.attachments.services._storage_delete", down)

    with pytest.raises(AttachmentError) as refused:
        attachment_remove(attachment=attachment, actor=carol)

    assert refused.value.code == AttachmentError.Code.STORAGE_UNAVAILABLE
    attachment.refresh_from_db()
    assert not attachment.is_removed
    assert not alice_ticket.events.filter(kind=TicketEvent.Kind.REDACTED).exists()
    assert len(stored_files(attachment_folder)) == 1


def test_a_secret_in_the_name_is_masked_when_the_file_goes(alice_client, alice_ticket, carol):
    attachment = _attach(alice_client, alice_ticket)
    # Stored before the guard read file names with their separators as spaces.
    Attachment.objects.filter(pk=attachment.pk).update(
        display_name=PHRASE.replace(" ", "_") + ".png"
    )

    attachment_remove(attachment=attachment, actor=carol)

    attachment.refresh_from_db()
    assert "abandon" not in attachment.display_name
    assert attachment.display_name.endswith(".png")
    event = alice_ticket.events.get(kind=TicketEvent.Kind.REDACTED)
    assert json.loads(event.reason)["fields"] == ["file", "display_name"]


def test_masking_only_the_name_keeps_the_file(attachment_folder, alice_client, alice_ticket, carol):
    attachment = _attach(alice_client, alice_ticket)
    Attachment.objects.filter(pk=attachment.pk).update(display_name=f"{PHRASE}.png")

    attachment_name_redact(attachment=attachment, actor=None)

    attachment.refresh_from_db()
    assert "abandon" not in attachment.display_name
    assert not attachment.is_removed
    assert len(stored_files(attachment_folder)) == 1


def test_removing_deletes_the_object_from_the_s3_server(
    s3_storage, alice_client, alice_ticket, carol
):
    attachment = _attach(alice_client, alice_ticket)
    listed = s3_storage.list_objects_v2(Bucket=BUCKET, Prefix=attachment.storage_key)
    assert listed["KeyCount"] == 1

    attachment_remove(attachment=attachment, actor=carol)

    listed = s3_storage.list_objects_v2(Bucket=BUCKET, Prefix=attachment.storage_key)
    assert listed.get("KeyCount", 0) == 0
    assert not storages["attachments"].exists(attachment.storage_key)
    attachment.refresh_from_db()
    assert attachment.is_removed


def test_a_removed_s3_file_gets_no_signed_url(
    settings, s3_storage, alice_client, alice_ticket, carol
):
    settings.ATTACHMENTS_SIGNED_URLS = True
    attachment = _attach(alice_client, alice_ticket)
    attachment_remove(attachment=attachment, actor=carol)

    response = alice_client.get(reverse("attachments:download", args=[attachment.pk]))

    assert response.status_code == 410
    assert "Location" not in response

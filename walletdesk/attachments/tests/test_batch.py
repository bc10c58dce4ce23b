"""AttachmentBatch: the files of one submission stored inside its transaction, byte for byte,
with their events, and refused when they do not belong to the ticket."""

import hashlib

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from walletdesk.attachments.errors import AttachmentError
from walletdesk.attachments.services import AttachmentBatch, attachment_uploads_check
from walletdesk.attachments.tests import corpus
from walletdesk.testing.storage import stored_files
from walletdesk.tickets.models import TicketEvent
from walletdesk.tickets.tests.factories import MessageFactory, TicketFactory

pytestmark = pytest.mark.django_db


def _checked(user, ticket=None, name: str = "proof.png"):
    upload = SimpleUploadedFile(name, corpus.png(), content_type="image/png")
    return attachment_uploads_check(uploads=[upload], uploader=user, ticket=ticket)


def test_the_stored_file_is_the_checked_file_byte_for_byte(alice, alice_ticket):
    batch = AttachmentBatch(uploader=alice, uploads=_checked(alice))
    with batch, transaction.atomic():
        (attachment,) = batch.store(ticket=alice_ticket)

    with storages["attachments"].open(attachment.storage_key, "rb") as handle:
        stored = handle.read()
    assert hashlib.sha256(stored).hexdigest() == attachment.sha256
    assert attachment.size == len(stored)


def test_each_file_is_announced_by_an_event_naming_it(alice, alice_ticket):
    with AttachmentBatch(uploader=alice, uploads=_checked(alice)) as batch:
        batch.store(ticket=alice_ticket)

    event = alice_ticket.events.get(kind=TicketEvent.Kind.ATTACHMENT_ADDED)
    assert (event.actor_id, event.to_value, event.reason) == (alice.pk, "png", "proof.png")


def test_someone_elses_ticket_is_refused_even_with_checked_files(alice, bob, alice_ticket):
    with (
        pytest.raises(AttachmentError) as refused,
        AttachmentBatch(uploader=bob, uploads=_checked(bob)) as batch,
    ):
        batch.store(ticket=alice_ticket)

    assert refused.value.code == AttachmentError.Code.NOT_ALLOWED
    assert not alice_ticket.attachments.exists()


def test_a_message_of_another_ticket_is_refused(alice, alice_ticket, attachment_folder):
    elsewhere = MessageFactory(ticket=TicketFactory(requester=alice))

    with (
        pytest.raises(AttachmentError) as refused,
        AttachmentBatch(uploader=alice, uploads=_checked(alice)) as batch,
    ):
        batch.store(ticket=alice_ticket, message=elsewhere)

    assert refused.value.code == AttachmentError.Code.NOT_ALLOWED
    assert stored_files(attachment_folder) == []


def test_a_failure_after_the_files_were_written_takes_them_back(
    alice, alice_ticket, attachment_folder
):
    batch = AttachmentBatch(uploader=alice, uploads=_checked(alice))

    def store_then_fail() -> None:
        with batch, transaction.atomic():
            batch.store(ticket=alice_ticket)
            raise RuntimeError("the commit failed")

    with pytest.raises(RuntimeError):
        store_then_fail()

    assert stored_files(attachment_folder) == []
    assert not alice_ticket.attachments.exists()

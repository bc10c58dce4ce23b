"""A storage outage while a ticket or a reply is sent: nothing half-stored, the user keeps
what they typed and is told to try again (the one submission path, through the pages)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from walletdesk.attachments.models import Attachment
from walletdesk.attachments.tests import corpus
from walletdesk.testing.storage import stored_files
from walletdesk.tickets.models import Message, Ticket
from walletdesk.tickets.tests.factories import category

pytestmark = pytest.mark.django_db
SUBJECT = "充值未到账，附两张截图"
DESCRIPTION = "从交易所提币到钱包，交易所显示成功，钱包里看不到。"


def _png(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, corpus.png(), content_type="image/png")


@pytest.fixture
def alice_en(alice):
    alice.language = "en"
    alice.save(update_fields=["language"])
    return alice


def test_the_form_comes_back_with_everything_typed_and_nothing_is_stored(
    client, alice_en, failing_storage, attachment_folder
):
    failing_storage(fail_on=2)
    client.force_login(alice_en)

    response = client.post(
        reverse("portal:create", args=[category("other").slug]),
        {
            "subject": SUBJECT,
            "description": DESCRIPTION,
            "attachments": [_png("1.png"), _png("2.png")],
        },
    )

    html = response.content.decode()
    assert response.status_code == 503
    assert "could not be stored just now, so nothing was sent" in html
    assert SUBJECT in html
    assert DESCRIPTION in html
    assert not Ticket.objects.exists()
    assert not Attachment.objects.exists()
    assert stored_files(attachment_folder) == []


def test_the_same_submission_goes_through_once_storage_is_back(
    client, alice_en, failing_storage, attachment_folder, monkeypatch
):
    failing_storage(fail_on=1)
    client.force_login(alice_en)
    url = reverse("portal:create", args=[category("other").slug])
    form = {"subject": SUBJECT, "description": DESCRIPTION}
    client.post(url, {**form, "attachments": [_png("1.png")]})
    monkeypatch.undo()

    response = client.post(url, {**form, "attachments": [_png("1.png")]})

    assert response.status_code == 302
    ticket = Ticket.objects.get()
    assert [a.display_name for a in ticket.attachments.all()] == ["1.png"]
    assert len(stored_files(attachment_folder)) == 1


def test_a_reply_is_not_sent_and_its_text_stays_in_the_box(
    client, alice_en, alice_ticket, failing_storage, attachment_folder
):
    failing_storage(fail_on=1)
    client.force_login(alice_en)

    response = client.post(
        reverse("portal:reply", args=[alice_ticket.reference]),
        {"body": "这是转账记录截图", "attachments": [_png("proof.png")]},
    )

    assert response.status_code == 503
    assert "这是转账记录截图" in response.content.decode()
    assert not Message.objects.exists()
    assert stored_files(attachment_folder) == []


def test_an_agents_reply_keeps_its_text_too(client, carol, alice_ticket, failing_storage):
    failing_storage(fail_on=1)
    client.force_login(carol)

    response = client.post(
        reverse("console:reply", args=[alice_ticket.reference]),
        {"body": "请看附件中的链上记录", "attachments": [_png("chain.png")]},
    )

    assert response.status_code == 503
    assert "请看附件中的链上记录" in response.content.decode()
    assert not Message.objects.exists()

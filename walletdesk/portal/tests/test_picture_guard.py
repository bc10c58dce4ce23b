"""A screenshot of a recovery phrase is refused on the form and on a reply: nothing stored,
everything typed kept, the catch recorded against the file, never the phrase."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from walletdesk.attachments.models import Attachment
from walletdesk.attachments.tests import corpus
from walletdesk.guard.models import SecretCatch
from walletdesk.guard.tests import screens
from walletdesk.testing.storage import stored_files
from walletdesk.tickets.models import Message, Ticket
from walletdesk.tickets.tests.factories import category

pytestmark = pytest.mark.django_db
SUBJECT = "钱包备份问题"
DESCRIPTION = "我把备份页面截了图，请帮我看看是否正确。"


def _phrase_png() -> SimpleUploadedFile:
    return SimpleUploadedFile("备份.png", screens.phrase_screenshot_png(), content_type="image/png")


def test_the_form_is_refused_with_the_text_kept(client, alice, attachment_folder):
    client.force_login(alice)

    response = client.post(
        reverse("portal:create", args=[category("other").slug]),
        {
            "subject": SUBJECT,
            "description": DESCRIPTION,
            "attachments": [
                SimpleUploadedFile("ok.png", corpus.png(), content_type="image/png"),
                _phrase_png(),
            ],
        },
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "备份.png 中显示了助记词或私钥" in html
    assert SUBJECT in html
    assert DESCRIPTION in html
    assert not Ticket.objects.exists()
    assert not Attachment.objects.exists()
    assert stored_files(attachment_folder) == []
    catch = SecretCatch.objects.get()
    assert catch.fields == ["file:备份.png"]
    assert catch.channel == "web"


def test_a_reply_is_refused_with_the_text_kept(client, alice, alice_ticket, attachment_folder):
    client.force_login(alice)

    response = client.post(
        reverse("portal:reply", args=[alice_ticket.reference]),
        {"body": "补充截图如下", "attachments": [_phrase_png()]},
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "显示了助记词或私钥" in html
    assert "补充截图如下" in html
    assert not Message.objects.filter(ticket=alice_ticket).exists()
    assert stored_files(attachment_folder) == []
    assert SecretCatch.objects.get().ticket == alice_ticket

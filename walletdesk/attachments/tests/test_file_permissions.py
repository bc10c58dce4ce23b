"""Stored attachment files and the folders holding them are not readable by other users of
the machine: files 0o640, folders 0o750."""

import stat

import pytest
from django.urls import reverse

from walletdesk.attachments.models import Attachment
from walletdesk.attachments.storage import attachment_storage
from walletdesk.attachments.tests import corpus
from walletdesk.attachments.tests.conftest import upload

pytestmark = pytest.mark.django_db


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_stored_attachment_and_its_folders_are_private(
    alice_client, alice_ticket, attachment_folder
) -> None:
    alice_client.post(
        reverse("portal:reply", args=[alice_ticket.reference]),
        {"body": "截图", "attachments": [upload("付款.png", corpus.png())]},
    )

    stored = attachment_folder / Attachment.objects.get().storage_key
    assert stored.is_file()
    assert _mode(stored) == 0o640
    folder = stored.parent
    while folder != attachment_folder.parent:
        assert _mode(folder) == 0o750, folder
        folder = folder.parent
    assert attachment_storage().path(Attachment.objects.get().storage_key) == str(stored)


def test_a_download_is_never_stored(alice_client, alice_ticket) -> None:
    alice_client.post(
        reverse("portal:reply", args=[alice_ticket.reference]),
        {"body": "截图", "attachments": [upload("付款.png", corpus.png())]},
    )

    response = alice_client.get(reverse("attachments:download", args=[Attachment.objects.get().pk]))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]

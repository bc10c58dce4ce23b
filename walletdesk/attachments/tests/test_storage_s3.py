"""The S3 path against a local S3-compatible server (moto) on 127.0.0.1."""

import urllib.request

import pytest
from django.core.files.storage import storages
from django.urls import reverse

from walletdesk.attachments.models import Attachment
from walletdesk.attachments.services import attachment_delete_for_ticket
from walletdesk.attachments.tests import corpus
from walletdesk.attachments.tests.conftest import BUCKET, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def s3_file(s3_storage, alice_client, alice_ticket) -> Attachment:
    url = reverse("portal:reply", args=[alice_ticket.reference])
    response = alice_client.post(
        url, {"body": "截图", "attachments": [upload("付款.png", corpus.png())]}
    )
    assert response.status_code == 302
    return Attachment.objects.get()


def test_upload_lands_in_the_bucket_under_its_random_key(s3_storage, s3_file):
    listed = s3_storage.list_objects_v2(Bucket=BUCKET, Prefix=s3_file.storage_key)

    assert [o["Key"] for o in listed.get("Contents", [])] == [s3_file.storage_key]
    assert listed["Contents"][0]["Size"] == s3_file.size


def test_download_streams_from_the_bucket(alice_client, s3_file):
    response = alice_client.get(reverse("attachments:download", args=[s3_file.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_download_redirects_to_a_short_lived_signed_url(settings, alice_client, s3_file):
    settings.ATTACHMENTS_SIGNED_URLS = True

    response = alice_client.get(reverse("attachments:download", args=[s3_file.pk]))

    location = response["Location"]
    assert response.status_code == 302
    assert "X-Amz-Expires=60" in location
    assert "X-Amz-Signature=" in location
    assert "response-content-disposition=attachment" in location
    with urllib.request.urlopen(location) as fetched:  # noqa: S310 - loopback test server
        assert fetched.read().startswith(b"\x89PNG")
        assert fetched.headers["Content-Disposition"].startswith("attachment;")


def test_bob_gets_404_not_a_signed_url(settings, bob_client, s3_file):
    settings.ATTACHMENTS_SIGNED_URLS = True

    response = bob_client.get(reverse("attachments:download", args=[s3_file.pk]))

    assert response.status_code == 404


def test_the_bucket_object_is_private(s3_endpoint, s3_file):
    unsigned = f"{s3_endpoint}/{BUCKET}/{s3_file.storage_key}"

    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(unsigned)  # noqa: S310 - loopback test server

    assert caught.value.code == 403


def test_deleting_ticket_files_removes_the_objects(
    s3_storage, s3_file, alice_ticket, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        attachment_delete_for_ticket(ticket=alice_ticket)

    listed = s3_storage.list_objects_v2(Bucket=BUCKET, Prefix=s3_file.storage_key)
    assert listed.get("KeyCount", 0) == 0
    assert not storages["attachments"].exists(s3_file.storage_key)

"""POST /api/v1/attachments/check runs the whole upload pipeline and stores nothing; a picture
that shows a recovery phrase is 422 secret_detected here and on ticket creation alike."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from walletdesk.api.tests.helpers import token_client
from walletdesk.api.v1 import attachments as api
from walletdesk.attachments.models import Attachment
from walletdesk.attachments.tests import corpus
from walletdesk.core import ratelimit
from walletdesk.guard.models import SecretCatch
from walletdesk.guard.tests import screens
from walletdesk.testing.storage import stored_files
from walletdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db
URL = "/api/v1/attachments/check"


def _file(name: str, data: bytes, content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_an_ordinary_screenshot_is_accepted_and_nothing_stored(attachment_folder):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")

    response = client.post(
        URL, {"file": _file("tx.png", screens.ordinary_screenshot_png())}, format="multipart"
    )

    assert response.status_code == 200
    assert response.json()["accepted"] is True
    assert response.json()["kind"] == "png"
    assert not Attachment.objects.exists()
    assert stored_files(attachment_folder) == []
    assert not SecretCatch.objects.exists()


def test_a_phrase_screenshot_is_422_secret_detected_and_recorded(alice, attachment_folder):
    client = token_client(alice, HTTP_ACCEPT_LANGUAGE="en")

    response = client.post(
        URL, {"file": _file("backup.png", screens.phrase_screenshot_png())}, format="multipart"
    )

    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "secret_detected"
    assert "backup.png shows a recovery phrase" in body["message"]
    catch = SecretCatch.objects.get()
    assert catch.user == alice
    assert catch.channel == "api"
    assert catch.fields == ["file:backup.png"]
    assert catch.kinds == ["recovery_phrase"]
    assert stored_files(attachment_folder) == []


def test_the_refusal_is_in_chinese_for_a_chinese_app():
    response = APIClient(HTTP_ACCEPT_LANGUAGE="zh-hans").post(
        URL, {"file": _file("备份.png", screens.phrase_screenshot_png())}, format="multipart"
    )

    assert response.status_code == 422
    assert "显示了助记词或私钥" in response.json()["message"]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (corpus.html_page(), "kind_not_allowed"),
        (b"", "empty_file"),
        (corpus.pdf_with_javascript(), "pdf_active_content"),
    ],
)
def test_the_uploads_own_errors_keep_their_shape(data, code):
    response = APIClient(HTTP_ACCEPT_LANGUAGE="en").post(
        URL, {"file": _file("x.bin", data)}, format="multipart"
    )

    assert response.status_code == 400
    assert response.json()["code"] == code
    assert response.json()["message"]


def test_no_file_is_an_empty_file_error():
    response = APIClient().post(URL, {}, format="multipart")

    assert response.status_code == 400
    assert response.json()["code"] == "empty_file"


def test_a_pdf_whose_page_is_a_phrase_picture_is_refused():
    image = screens.phrase_grid(
        screens.phrase("english", 12, 9), columns=3, language="english", dark=True
    )
    pdf = screens.pdf_of(image)

    response = APIClient().post(
        URL, {"file": _file("scan.pdf", pdf, "application/pdf")}, format="multipart"
    )

    assert response.status_code == 422
    assert response.json()["code"] == "secret_detected"


def test_a_pdf_whose_text_layer_holds_a_phrase_is_refused():
    pdf = screens.pdf_with_text("Wallet backup: " + " ".join(screens.phrase("english", 12, 10)))

    response = APIClient().post(
        URL, {"file": _file("notes.pdf", pdf, "application/pdf")}, format="multipart"
    )

    assert response.status_code == 422


def test_an_ordinary_pdf_is_accepted():
    pdf = screens.pdf_with_text("Deposit receipt: 120.5 USDT on TRC20, 2025-03-14 15:26")

    response = APIClient().post(
        URL, {"file": _file("receipt.pdf", pdf, "application/pdf")}, format="multipart"
    )

    assert response.status_code == 200
    assert response.json()["kind"] == "pdf"


def test_checks_are_rate_limited_per_address(monkeypatch):
    monkeypatch.setattr(api, "ANONYMOUS_LIMIT", ratelimit.Limit("attachment-check-ip-t", 2, 60))
    client = APIClient()

    answers = [
        client.post(URL, {"file": _file("x.png", corpus.png())}, format="multipart").status_code
        for _ in range(3)
    ]

    assert answers == [200, 200, 429]


def test_a_ticket_with_a_phrase_screenshot_is_refused_whole(alice, attachment_folder):
    client = token_client(alice, HTTP_ACCEPT_LANGUAGE="en")

    response = client.post(
        "/api/v1/tickets",
        {
            "category": "other",
            "subject": "My wallet backup",
            "description": "Is this right?",
            "attachments": [
                _file("ok.png", corpus.png()),
                _file("backup.png", screens.phrase_screenshot_png()),
            ],
        },
        format="multipart",
    )

    assert response.status_code == 422
    assert response.json()["code"] == "secret_detected"
    assert not Ticket.objects.exists()
    assert stored_files(attachment_folder) == []
    assert SecretCatch.objects.get().fields == ["file:backup.png"]


def test_the_check_is_in_the_openapi_schema():
    schema = APIClient().get("/api/schema/?format=json").json()

    operation = schema["paths"]["/api/v1/attachments/check"]["post"]
    assert operation["operationId"] == "attachments_check"
    assert {"200", "400", "422", "429"} <= set(operation["responses"])

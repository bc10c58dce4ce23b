"""Pictures inside a PDF are held to the same pixel bound as an uploaded picture, measured
before anything is decoded: a decompression bomb in a PDF is refused with the picture's own
clear error, and the PDF is never decoded."""

import io

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf._page import PageObject
from pypdf.generic import NameObject, NumberObject

from walletdesk.attachments import reading
from walletdesk.attachments.errors import AttachmentError
from walletdesk.attachments.models import Attachment, AttachmentLimits
from walletdesk.attachments.services import attachment_uploads_check
from walletdesk.attachments.tests.conftest import upload
from walletdesk.guard.tests import screens

pytestmark = pytest.mark.django_db


def _limit_pixels(max_pixels: int) -> None:
    limits = AttachmentLimits.current()
    limits.max_pixels = max_pixels
    limits.save()


def _pdf_of_picture(width: int, height: int) -> bytes:
    """A scanned page: one JPEG picture (Pillow writes RGB pictures with DCTDecode)."""
    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, "PDF", resolution=72)
    return out.getvalue()


def _declared_as(pdf: bytes, width: int, height: int) -> bytes:
    """The same PDF with its picture's /Width and /Height rewritten: the JPEG inside still
    says its own size, which is what a codec decodes."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for image in writer.pages[0]["/Resources"]["/XObject"].values():
        stream = image.get_object()
        stream[NameObject("/Width")] = NumberObject(width)
        stream[NameObject("/Height")] = NumberObject(height)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def no_decoding(monkeypatch):
    """Fail the test if pypdf is asked to decode any picture."""

    def refuse(*args, **kwargs):
        raise AssertionError("a picture was decoded")

    monkeypatch.setattr(PageObject, "_get_image", refuse)


def test_a_picture_declared_larger_than_the_limit_is_refused_undecoded(alice, no_decoding):
    _limit_pixels(1_000_000)

    with pytest.raises(AttachmentError) as refused:
        attachment_uploads_check(
            uploads=[upload("scan.pdf", _pdf_of_picture(1200, 1000), "application/pdf")],
            uploader=alice,
        )

    assert refused.value.code == AttachmentError.Code.TOO_MANY_PIXELS
    assert refused.value.params == {"name": "scan.pdf", "limit": 1}


def test_a_jpeg_larger_than_the_page_says_is_refused_undecoded(alice, no_decoding):
    # The PDF claims 100x100; the JPEG inside is 2000x1000, and decodes as such.
    pdf = _declared_as(_pdf_of_picture(2000, 1000), 100, 100)
    _limit_pixels(1_000_000)

    with pytest.raises(AttachmentError) as refused:
        attachment_uploads_check(uploads=[upload("x.pdf", pdf, "application/pdf")], uploader=alice)

    assert refused.value.code == AttachmentError.Code.TOO_MANY_PIXELS


def test_a_bomb_is_refused_in_chinese_on_the_form(client, alice, attachment_folder):
    from django.urls import reverse

    from walletdesk.tickets.tests.factories import category

    _limit_pixels(1_000_000)
    client.force_login(alice)

    response = client.post(
        reverse("portal:create", args=[category("other").slug]),
        {
            "subject": "扫描件",
            "description": "银行回单扫描件",
            "attachments": [upload("回单.pdf", _pdf_of_picture(1200, 1000), "application/pdf")],
        },
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "回单.pdf" in html
    assert "像素" in html
    assert "银行回单扫描件" in html
    assert not Attachment.objects.exists()


def test_a_picture_within_the_limit_is_still_read():
    pdf = screens.pdf_of(Image.new("RGB", (400, 300), "white"))

    readings = list(
        reading.file_readings(io.BytesIO(pdf), kind="pdf", name="a.pdf", max_pixels=1_000_000)
    )

    # The page's (empty) text layer, then its one picture.
    assert len(readings) == 2


def test_inline_pictures_together_are_bounded_too():
    writer = PdfWriter()
    page = writer.add_blank_page(width=200, height=200)
    from pypdf.generic import DecodedStreamObject

    stream = DecodedStreamObject()
    # Two inline pictures of 800x800 each (declared; their data is never decoded).
    data = b"q 10 0 0 10 0 0 cm BI /W 800 /H 800 /CS /G /BPC 8 ID \x00 EI Q\n" * 2
    stream.set_data(data)
    page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)

    with pytest.raises(AttachmentError) as refused:
        list(
            reading.file_readings(
                io.BytesIO(out.getvalue()), kind="pdf", name="i.pdf", max_pixels=1_000_000
            )
        )

    assert refused.value.code == AttachmentError.Code.TOO_MANY_PIXELS

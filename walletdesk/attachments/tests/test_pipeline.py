"""The pipeline on its own: sniffing, re-encoding, PDF structure, names."""

import io

import pytest
from PIL import Image
from PIL.ExifTags import IFD

from walletdesk.attachments import pipeline
from walletdesk.attachments.errors import AttachmentError
from walletdesk.attachments.tests import corpus

LIMITS = {"max_pixels": 40_000_000, "max_dimension": 4096}


def run(data: bytes, name: str = "x") -> pipeline.Processed:
    return pipeline.process(io.BytesIO(data), name=name, **LIMITS)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (corpus.png(), "png"),
        (corpus.jpeg(), "jpeg"),
        (corpus.webp(), "webp"),
        (corpus.pdf_clean(), "pdf"),
        (corpus.svg_with_script(), None),
        (corpus.html_page(), None),
        (corpus.zip_archive(), None),
        (corpus.windows_executable(), None),
        (corpus.shell_script(), None),
        (b"   %PDF-1.7 with a prefix", None),
    ],
)
def test_sniff_decides_by_magic_bytes(data, expected):
    assert pipeline.sniff(data[:32]) == expected


def test_heic_is_recognised_and_becomes_jpeg():
    result = run(corpus.heic(), "IMG_0001.HEIC")

    assert result.kind == "jpeg"
    assert Image.open(result.file).format == "JPEG"


def test_gps_and_camera_tags_are_gone_and_orientation_applied():
    result = run(corpus.jpeg_with_gps_and_rotation())

    stored = Image.open(result.file)
    exif = stored.getexif()
    assert not exif.get_ifd(IFD.GPSInfo)
    assert 0x0110 not in exif
    assert 0x0112 not in exif
    assert b"Exif" not in result.file.getvalue() if hasattr(result.file, "getvalue") else True
    # 80×40 with "rotate 90°" is stored upright as 40×80.
    assert (result.width, result.height) == (40, 80)
    result.file.seek(0)
    raw = result.file.read()
    assert b"Home Phone" not in raw
    assert b"GPS" not in raw


def test_appended_html_of_a_polyglot_is_dropped():
    result = run(corpus.polyglot_jpeg_html())

    result.file.seek(0)
    raw = result.file.read()
    assert result.kind == "jpeg"
    assert b"<script" not in raw
    assert b"<html" not in raw


def test_header_pixel_bomb_is_refused_before_decoding():
    with pytest.raises(AttachmentError) as caught:
        run(corpus.png_header_bomb(), "bomb.png")

    assert caught.value.code == AttachmentError.Code.TOO_MANY_PIXELS


def test_decompression_bomb_over_the_configured_pixel_limit_is_refused():
    data = corpus.png_decompression_bomb(3000)
    assert len(data) < 100_000  # tiny on the wire, 9 million pixels decoded

    with pytest.raises(AttachmentError) as caught:
        pipeline.process(io.BytesIO(data), name="b.png", max_pixels=4_000_000, max_dimension=4096)

    assert caught.value.code == AttachmentError.Code.TOO_MANY_PIXELS


def test_large_pictures_are_capped_to_the_longest_side():
    result = pipeline.process(
        io.BytesIO(corpus.png(3000, 1000)), name="wide.png", max_pixels=10**8, max_dimension=1200
    )

    assert (result.width, result.height) == (1200, 400)


def test_truncated_image_is_refused_as_damaged():
    with pytest.raises(AttachmentError) as caught:
        run(corpus.png()[:60], "cut.png")

    assert caught.value.code == AttachmentError.Code.DAMAGED_IMAGE


@pytest.mark.parametrize(
    "data",
    [corpus.pdf_with_javascript(), corpus.pdf_with_embedded_file()],
    ids=["javascript", "embedded-file"],
)
def test_pdf_with_active_content_is_refused(data):
    with pytest.raises(AttachmentError) as caught:
        run(data, "receipt.pdf")

    assert caught.value.code == AttachmentError.Code.PDF_ACTIVE_CONTENT


def test_pdf_javascript_hidden_from_the_byte_scan_is_found_in_the_structure():
    # An action dictionary whose /S is /JavaScript, but with the /JS key spelled as a hex
    # escape so no byte pattern matches: only parsing finds it.
    data = corpus.pdf_clean()
    reader_data = data.replace(
        b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /Java#53cript >>"
    )

    with pytest.raises(AttachmentError) as caught:
        run(reader_data, "sneaky.pdf")

    assert caught.value.code == AttachmentError.Code.PDF_ACTIVE_CONTENT


def test_clean_pdf_is_kept_as_sent():
    data = corpus.pdf_clean()

    result = run(data, "receipt.pdf")

    result.file.seek(0)
    assert result.kind == "pdf"
    assert result.file.read() == data


def test_damaged_pdf_is_refused():
    with pytest.raises(AttachmentError) as caught:
        run(b"%PDF-1.7\n garbage garbage", "bad.pdf")

    assert caught.value.code == AttachmentError.Code.DAMAGED_PDF


def test_empty_file_is_refused():
    with pytest.raises(AttachmentError) as caught:
        run(b"", "empty.png")

    assert caught.value.code == AttachmentError.Code.EMPTY_FILE


@pytest.mark.parametrize(
    ("raw", "kind", "expected"),
    [
        ("../../etc/passwd.png", "png", "passwd.png"),
        ("C:\\Users\\me\\Desktop\\转账截图.PNG", "png", "转账截图.PNG"),
        ("..\\..\\boot.ini", None, "boot.ini"),
        ("receipt\u200b.png", "png", "receipt.png"),
        ("invoice\u202egnp.exe", "png", "invoicegnp_exe.png"),
        ("line\nbreak\x00.jpg", "jpeg", "line break.jpg"),
        ("ｆｕｌｌ／ｗｉｄｔｈ．ｐｄｆ", "pdf", "width.pdf"),
        ("screenshot.html", "png", "screenshot_html.png"),
        ("IMG_1234.HEIC", "jpeg", "IMG_1234.jpg"),
        ("...", "png", "attachment.png"),
        ("", None, "attachment"),
    ],
)
def test_names_are_normalised(raw, kind, expected):
    assert pipeline.name_normalise(raw, kind=kind) == expected


def test_long_names_are_cut_but_keep_their_extension():
    name = pipeline.name_normalise("长" * 300 + ".png", kind="png")

    assert len(name) <= 120
    assert name.endswith(".png")


def test_pdf_with_data_hidden_after_its_end_is_refused_without_parsing_it():
    padded = corpus.pdf_clean() + b"\n%" + b"00" * 200_000

    with pytest.raises(AttachmentError) as caught:
        run(padded, "receipt.pdf")

    assert caught.value.code == AttachmentError.Code.DAMAGED_PDF

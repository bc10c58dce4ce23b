"""What the secret guard reads of an uploaded file, after the pipeline has checked it.

A picture is read by the OCR engine (guard/pictures.py). A PDF gives the text layer of each
page (pypdf) and each picture placed on its pages, read by the same engine: a scanned page or
a pasted screenshot holds no text layer at all. Readings are produced one at a time, so the
guard stops at the first secret without reading the rest.

Reading is bounded twice:

* in pixels: a picture inside a PDF is decoded only when its declared size (and its mask's) is
  within the same ``max_pixels`` an uploaded picture must respect, and its codec header agrees;
  otherwise the file is refused (``TOO_MANY_PIXELS``) before a pixel is decoded;
* in length: a ``ReadingLimits`` caps the pages and pictures read. A file over the limits of
  the request (``IN_REQUEST``) raises ``TOO_LONG_TO_CHECK`` before anything is read; the
  upload is then checked in the background under ``IN_BACKGROUND`` (services.py), and only a
  file beyond those is refused, since a part that was not read may hold a phrase.
"""

import io
import logging
import warnings
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from typing import IO

from PIL import Image
from pypdf import PageObject, PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    StreamObject,
)

from walletdesk.attachments.errors import AttachmentError
from walletdesk.guard.pictures import Reading, picture_read

logger = logging.getLogger(__name__)
Code = AttachmentError.Code


@dataclass(frozen=True)
class ReadingLimits:
    pages: int
    pictures: int


# What a request reads while the user waits (a picture costs about a second).
IN_REQUEST = ReadingLimits(pages=40, pictures=8)
# What a background check reads; a longer file is refused.
IN_BACKGROUND = ReadingLimits(pages=1000, pictures=120)
# Pictures smaller than this on either side (icons, rules, logos) hold no readable phrase.
_MIN_PICTURE_SIDE = 48
# Forms inside forms inside a page: deeper than this is not a document anyone drew.
_MAX_FORM_DEPTH = 8
_CODEC_FILTERS = {"/DCTDecode", "/JPXDecode"}
_DECODE_ERRORS = (PyPdfError, ValueError, KeyError, TypeError, OSError, NotImplementedError)


def file_readings(
    file: IO[bytes],
    *,
    kind: str,
    name: str,
    max_pixels: int,
    limits: ReadingLimits = IN_REQUEST,
) -> Generator[Reading, None, None]:
    """The readings of a checked upload (``kind`` as stored), one at a time (see above)."""
    file.seek(0)
    try:
        if kind == "pdf":
            yield from _pdf_readings(file, name=name, max_pixels=max_pixels, limits=limits)
        else:
            with Image.open(file) as picture:
                yield _read(picture, name=name)
    finally:
        file.seek(0)


def pdf_fits(file: IO[bytes], *, name: str, max_pixels: int, limits: ReadingLimits) -> bool:
    """Whether the PDF's pages and pictures are within ``limits`` (nothing decoded).

    Raises TOO_MANY_PIXELS for a picture declared larger than ``max_pixels``.
    """
    file.seek(0)
    try:
        reader = PdfReader(file, strict=False)
        if len(reader.pages) > limits.pages:
            return False
        count = 0
        for page in reader.pages:
            count += len(_page_pictures(page, name=name, max_pixels=max_pixels))
            if count > limits.pictures:
                return False
        return True
    finally:
        file.seek(0)


def _too_long(name: str, limits: ReadingLimits) -> AttachmentError:
    return AttachmentError(Code.TOO_LONG_TO_CHECK, name=name, limit=limits.pages)


def _too_many_pixels(name: str, max_pixels: int) -> AttachmentError:
    return AttachmentError(Code.TOO_MANY_PIXELS, name=name, limit=max(1, max_pixels // 1_000_000))


def _pdf_readings(
    file: IO[bytes], *, name: str, max_pixels: int, limits: ReadingLimits
) -> Iterator[Reading]:
    if not pdf_fits(file, name=name, max_pixels=max_pixels, limits=limits):
        raise _too_long(name, limits)
    reader = PdfReader(file, strict=False)
    read = 0
    for page in reader.pages:
        yield Reading(texts=(_page_text(page),))
        pictures = [
            *_page_pictures(page, name=name, max_pixels=max_pixels),
            *_inline_pictures(page, name=name, max_pixels=max_pixels),
        ]
        for key, stream in pictures:
            read += 1
            if read > limits.pictures:
                # Only inline pictures (uncounted before) can get here.
                raise _too_long(name, limits)
            picture = _decode(page, key, stream, name=name, max_pixels=max_pixels)
            if picture is not None:
                yield _read(picture, name=name)


def _read(picture: Image.Image, *, name: str) -> Reading:
    try:
        return picture_read(picture)
    except Exception as exc:  # the engine on a picture it cannot take: refused, never stored
        logger.exception("a picture could not be read for secrets")
        raise AttachmentError(Code.DAMAGED_IMAGE, name=name) from exc


def _page_text(page: PageObject) -> str:
    try:
        return page.extract_text()
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        # pdf_check accepted the structure; a page whose text cannot be extracted shows none.
        logger.info("a PDF page's text layer could not be read")
        return ""


# --- pictures, sized before they are decoded --------------------------------------------------

PictureKey = str | list[str]


def _resolved(value: object) -> object:
    return value.get_object() if isinstance(value, IndirectObject) else value


def _declared_size(stream: DictionaryObject) -> tuple[int, int] | None:
    try:
        width = int(_resolved(stream.get("/Width", stream.get("/W", 0))))  # type: ignore[call-overload]
        height = int(_resolved(stream.get("/Height", stream.get("/H", 0))))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None
    return (width, height) if width > 0 and height > 0 else None


def _bounded(stream: DictionaryObject, *, name: str, max_pixels: int) -> bool:
    """Whether the picture is worth reading; raises TOO_MANY_PIXELS when it, or the mask
    pypdf would decode with it, declares more than ``max_pixels``."""
    size = _declared_size(stream)
    if size is None:
        return False  # no size: it cannot be decoded, by us or by a viewer
    for mask_key in ("/SMask", "/Mask"):
        mask = _resolved(stream.get(mask_key))
        if isinstance(mask, StreamObject):
            mask_size = _declared_size(mask)
            if mask_size and mask_size[0] * mask_size[1] > max_pixels:
                raise _too_many_pixels(name, max_pixels)
    if size[0] * size[1] > max_pixels:
        raise _too_many_pixels(name, max_pixels)
    return min(size) >= _MIN_PICTURE_SIDE


def _page_pictures(
    page: PageObject, *, name: str, max_pixels: int
) -> list[tuple[PictureKey, StreamObject]]:
    """The picture objects a page (and the forms it holds) places, as pypdf names them."""
    found: list[tuple[PictureKey, StreamObject]] = []
    seen: set[int] = set()

    def walk(holder: DictionaryObject, path: list[str], depth: int) -> None:
        resources = _resolved(holder.get("/Resources"))
        if not isinstance(resources, DictionaryObject):
            return
        xobjects = _resolved(resources.get("/XObject"))
        if not isinstance(xobjects, DictionaryObject):
            return
        for key in list(xobjects):
            stream = _resolved(xobjects[key])
            if not isinstance(stream, StreamObject):
                continue
            subtype = stream.get("/Subtype")
            if subtype == "/Image":
                if _bounded(stream, name=name, max_pixels=max_pixels):
                    found.append((str(key) if not path else [*path, str(key)], stream))
            elif subtype == "/Form" and depth < _MAX_FORM_DEPTH and id(stream) not in seen:
                seen.add(id(stream))
                walk(stream, [*path, str(key)], depth + 1)

    try:
        walk(page, [], 0)
    except AttachmentError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        logger.info("a PDF page's pictures could not be listed")
    return found


def _inline_pictures(
    page: PageObject, *, name: str, max_pixels: int
) -> list[tuple[PictureKey, StreamObject]]:
    """Pictures written inside the page's content (BI ... EI), sized from their settings.

    pypdf decodes every inline picture of a page at once, so all of them together must stay
    within ``max_pixels``.
    """
    try:
        contents = page.get_contents()
        operations = contents.operations if contents is not None else []
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return []
    found: list[tuple[PictureKey, StreamObject]] = []
    total = 0
    number = 0
    for operands, operator in operations:
        if operator != b"INLINE IMAGE":
            continue
        settings = DictionaryObject(
            {NameObject(str(k)): v for k, v in dict(operands.get("settings", {})).items()}
        )
        size = _declared_size(settings)
        if size is not None:
            total += size[0] * size[1]
            if total > max_pixels:
                raise _too_many_pixels(name, max_pixels)
            if min(size) >= _MIN_PICTURE_SIDE:
                found.append((f"~{number}~", StreamObject()))
        number += 1
    return found


def _codec_size(stream: StreamObject) -> tuple[int, int] | None:
    """The size a JPEG or JPEG 2000 stream's own header declares (it may differ from the
    PDF's /Width and /Height, and the codec decodes what its header says)."""
    filters = _resolved(stream.get("/Filter"))
    last = filters[-1] if isinstance(filters, ArrayObject) and filters else filters
    if str(last) not in _CODEC_FILTERS:
        return None
    with Image.open(io.BytesIO(stream.get_data())) as head:  # the header only
        return head.size


def _decode(
    page: PageObject, key: PictureKey, stream: StreamObject, *, name: str, max_pixels: int
) -> Image.Image | None:
    """The picture's pixels, or None when it cannot be decoded (no viewer shows it either)."""
    try:
        with warnings.catch_warnings():
            # Pillow's own bomb guard only warns below twice its limit: an error here.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            codec = _codec_size(stream)
            if codec is not None and codec[0] * codec[1] > max_pixels:
                raise _too_many_pixels(name, max_pixels)
            picture = page.images[key].image
            if picture is None:
                return None
            if picture.width * picture.height > max_pixels:
                raise _too_many_pixels(name, max_pixels)
            picture.load()
            return picture
    except AttachmentError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels(name, max_pixels) from None
    except _DECODE_ERRORS:
        logger.info("a picture in a PDF could not be decoded")
        return None

"""What the secret guard reads of an uploaded file, after the pipeline has checked it.

A picture is read by the OCR engine (guard/pictures.py). A PDF gives the text layer of each
page (pypdf) and each picture placed on its pages, read by the same engine: a scanned page or
a pasted screenshot holds no text layer at all. Readings are produced one at a time, so the
guard stops at the first secret without reading the rest.

Reading is bounded: a PDF is read for at most ``MAX_PDF_PAGES`` pages and ``MAX_PDF_PICTURES``
pictures; a file with more is refused (``AttachmentError.Code.TOO_LONG_TO_CHECK``), since a
part that was not read may hold a phrase.
"""

import logging
from collections.abc import Generator, Iterator
from typing import IO

from PIL import Image
from pypdf import PageObject, PdfReader
from pypdf.errors import PyPdfError

from walletdesk.attachments.errors import AttachmentError
from walletdesk.attachments.pipeline import Processed
from walletdesk.guard.pictures import Reading, picture_read

logger = logging.getLogger(__name__)

MAX_PDF_PAGES = 40
MAX_PDF_PICTURES = 8
# Pictures smaller than this on either side (icons, rules, logos) hold no readable phrase.
_MIN_PICTURE_SIDE = 48


def file_readings(processed: Processed, *, name: str) -> Generator[Reading, None, None]:
    """The readings of a checked upload, one at a time (see the module docstring)."""
    processed.file.seek(0)
    try:
        if processed.kind == "pdf":
            yield from _pdf_readings(processed.file, name=name)
        else:
            with Image.open(processed.file) as picture:
                yield _read(picture, name=name)
    finally:
        processed.file.seek(0)


def _pdf_readings(file: IO[bytes], *, name: str) -> Iterator[Reading]:
    reader = PdfReader(file, strict=False)
    if len(reader.pages) > MAX_PDF_PAGES:
        raise AttachmentError(
            AttachmentError.Code.TOO_LONG_TO_CHECK, name=name, limit=MAX_PDF_PAGES
        )
    pictures = 0
    for page in reader.pages:
        yield Reading(texts=(_page_text(page),))
        for picture in _page_pictures(page):
            if min(picture.size) < _MIN_PICTURE_SIDE:
                continue
            pictures += 1
            if pictures > MAX_PDF_PICTURES:
                raise AttachmentError(
                    AttachmentError.Code.TOO_LONG_TO_CHECK, name=name, limit=MAX_PDF_PAGES
                )
            yield _read(picture, name=name)


def _read(picture: Image.Image, *, name: str) -> Reading:
    try:
        return picture_read(picture)
    except Exception as exc:  # the engine on a picture it cannot take: refused, never stored
        logger.exception("a picture could not be read for secrets")
        raise AttachmentError(AttachmentError.Code.DAMAGED_IMAGE, name=name) from exc


def _page_text(page: PageObject) -> str:
    try:
        return page.extract_text()
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        # pdf_check accepted the structure; a page whose text cannot be extracted shows none.
        logger.info("a PDF page's text layer could not be read")
        return ""


def _page_pictures(page: PageObject) -> Iterator[Image.Image]:
    try:
        images = list(page.images)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError):
        logger.info("a PDF page's pictures could not be listed")
        return
    for image in images:
        try:
            picture = image.image
        except (PyPdfError, ValueError, KeyError, TypeError, OSError, NotImplementedError):
            logger.info("a picture in a PDF could not be decoded")
            continue
        if picture is not None:
            yield picture

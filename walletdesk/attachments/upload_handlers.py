"""Enforce the file size limit while the bytes arrive.

Django caps form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but not file bytes. This handler writes
every upload to a temporary file on disk (never to memory) and counts the bytes of each file
as they come: past the per-file limit it stops taking that file (SkipFile, so the rest of the
form, including the typed text, is still parsed) and notes the refusal on the request for the
view to report. A request whose declared length is far beyond what one message may carry is
stopped where it passes that, and the rest of its body is not read.
"""

from typing import Any

from django.core.files.uploadhandler import (
    SkipFile,
    StopUpload,
    TemporaryFileUploadHandler,
)
from django.http import HttpRequest

from walletdesk.attachments.models import AttachmentLimits

# Room for the form's text fields and multipart framing on top of the files.
_FORM_SLACK_BYTES = 1024 * 1024


class Refusal:
    """A file the handler stopped taking: its name and why."""

    def __init__(self, name: str, code: str) -> None:
        self.name = name
        self.code = code


def refusals_of(request: HttpRequest) -> list[Refusal]:
    return list(getattr(request, "upload_refusals", []))


class LimitedUploadHandler(TemporaryFileUploadHandler):
    """TemporaryFileUploadHandler with the per-file and per-request limits applied."""

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self._limits: AttachmentLimits | None = None
        self._received = 0  # bytes of the current file
        self._total = 0  # bytes of every file in this request

    @property
    def limits(self) -> AttachmentLimits:
        if self._limits is None:
            self._limits = AttachmentLimits.current()
        return self._limits

    def _refuse(self, code: str) -> None:
        if self.request is not None:
            refusals = getattr(self.request, "upload_refusals", None)
            if refusals is None:
                refusals = []
                self.request.upload_refusals = refusals  # type: ignore[attr-defined]
            refusals.append(Refusal(self.file_name or "", code))

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self._received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self._received += len(raw_data)
        self._total += len(raw_data)
        if self._total > self.limits.max_bytes_per_message + _FORM_SLACK_BYTES:
            # Far past anything one message may carry: stop reading the body altogether.
            # The fields before the files (the typed text) are already parsed and kept.
            self._refuse("message_too_large")
            raise StopUpload(connection_reset=True)
        if self._received > self.limits.max_file_bytes:
            self._refuse("file_too_large")
            raise SkipFile  # the parser skips this file's remaining bytes without storing them
        return super().receive_data_chunk(raw_data, start)

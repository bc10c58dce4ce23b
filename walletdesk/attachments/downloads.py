"""The answer that hands out one attachment, for the pages and the API alike: access-checked,
then streamed, or a short-lived signed storage URL, with headers that keep any file from ever
running as a page or a script of our origin."""

from typing import Protocol, cast
from urllib.parse import quote
from uuid import UUID

from django.http import FileResponse, HttpResponseBase, HttpResponseRedirect

from walletdesk.accounts.models import User
from walletdesk.attachments.errors import AttachmentError
from walletdesk.attachments.selectors import attachment_get_for_user
from walletdesk.attachments.storage import attachment_storage, signed_urls_enabled

# An upload must never run as a page or a script of our origin, whatever it contains.
SANDBOX_CSP = "sandbox; default-src 'none'"
SIGNED_URL_EXPIRES_FOR = 60


class _SignedUrlStorage(Protocol):
    """Signed URLs are switched on only with the S3 backend (django-storages, untyped), whose
    url() takes the response headers and the lifetime; Django's Storage.url() does not."""

    def url(
        self, name: str, parameters: dict[str, str] | None = None, expire: int | None = None
    ) -> str: ...


def _disposition(kind: str, name: str) -> str:
    ascii_name = name.encode("ascii", "ignore").decode() or "attachment"
    ascii_name = ascii_name.replace('"', "").replace("\\", "")
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"


def attachment_response(*, user: User, attachment_id: UUID, inline: bool) -> HttpResponseBase:
    """The file for ``user`` (404 for anyone who may not see it, as for a missing one).

    ``inline`` shows a picture we re-encoded in the page; anything else is always a download.
    Raises AttachmentError(FILE_REMOVED) for a tombstone (attachment_remove): its file is gone
    and is never served again; callers answer 410 Gone with the reason.
    """
    attachment = attachment_get_for_user(user=user, attachment_id=attachment_id)
    if attachment.is_removed:
        raise AttachmentError(AttachmentError.Code.FILE_REMOVED)
    # Only pictures we re-encoded ourselves may show inline; a PDF is always a download.
    disposition = _disposition(
        "inline" if inline and attachment.is_image else "attachment", attachment.display_name
    )
    storage = attachment_storage()
    response: HttpResponseBase
    if signed_urls_enabled():
        url = cast(_SignedUrlStorage, storage).url(
            attachment.storage_key,
            parameters={
                "ResponseContentDisposition": disposition,
                "ResponseContentType": attachment.content_type,
            },
            expire=SIGNED_URL_EXPIRES_FOR,
        )
        response = HttpResponseRedirect(url)
    else:
        response = FileResponse(
            storage.open(attachment.storage_key, "rb"), content_type=attachment.content_type
        )
        response["Content-Disposition"] = disposition
        response["Content-Length"] = str(attachment.size)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX_CSP
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response

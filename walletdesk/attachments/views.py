"""Downloads: access-checked, then streamed (or a short-lived signed storage URL)."""

from typing import Protocol, cast
from urllib.parse import quote
from uuid import UUID

from django.http import FileResponse, HttpRequest, HttpResponseBase, HttpResponseRedirect
from django.views.decorators.http import require_GET

from walletdesk.accounts.decorators import customer_required
from walletdesk.accounts.models import User
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


def _serve(request: HttpRequest, attachment_id: UUID, *, inline: bool) -> HttpResponseBase:
    user: User = request.user  # type: ignore[assignment]
    attachment = attachment_get_for_user(user=user, attachment_id=attachment_id)
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


@customer_required
@require_GET
def attachment_download(request: HttpRequest, attachment_id: UUID) -> HttpResponseBase:
    return _serve(request, attachment_id, inline=False)


@customer_required
@require_GET
def attachment_view(request: HttpRequest, attachment_id: UUID) -> HttpResponseBase:
    """Pictures inline (thumbnails and previews); anything else still downloads."""
    return _serve(request, attachment_id, inline=True)

"""Downloads through the pages; the answer itself is attachments.downloads'."""

from uuid import UUID

from django.http import HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from walletdesk.accounts.decorators import SignedInRequest, customer_required
from walletdesk.attachments.downloads import attachment_response
from walletdesk.attachments.errors import AttachmentError


def _answer(request: SignedInRequest, attachment_id: UUID, *, inline: bool) -> HttpResponseBase:
    try:
        return attachment_response(user=request.user, attachment_id=attachment_id, inline=inline)
    except AttachmentError as error:
        # A removed file (the only refusal here): say why, never a broken image or a 500.
        return render(
            request,
            "error.html",
            {"title": _("File removed"), "text": error.message},
            status=410,
        )


@customer_required
@require_GET
def attachment_download(request: SignedInRequest, attachment_id: UUID) -> HttpResponseBase:
    return _answer(request, attachment_id, inline=False)


@customer_required
@require_GET
def attachment_view(request: SignedInRequest, attachment_id: UUID) -> HttpResponseBase:
    """Pictures inline (thumbnails and previews); anything else still downloads."""
    return _answer(request, attachment_id, inline=True)

"""Downloads through the pages; the answer itself is attachments.downloads'."""

from uuid import UUID

from django.http import HttpResponseBase
from django.views.decorators.http import require_GET

from walletdesk.accounts.decorators import SignedInRequest, customer_required
from walletdesk.attachments.downloads import attachment_response


@customer_required
@require_GET
def attachment_download(request: SignedInRequest, attachment_id: UUID) -> HttpResponseBase:
    return attachment_response(user=request.user, attachment_id=attachment_id, inline=False)


@customer_required
@require_GET
def attachment_view(request: SignedInRequest, attachment_id: UUID) -> HttpResponseBase:
    """Pictures inline (thumbnails and previews); anything else still downloads."""
    return attachment_response(user=request.user, attachment_id=attachment_id, inline=True)

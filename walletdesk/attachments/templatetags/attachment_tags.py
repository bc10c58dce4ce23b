from collections.abc import Sequence
from typing import Any

from django import template

from walletdesk.attachments.models import Attachment, AttachmentLimits

register = template.Library()

# What the file pickers offer; the server still decides by content, never by this list.
ACCEPT = "image/png,image/jpeg,image/webp,image/heic,image/heif,.heic,.heif,application/pdf"


@register.inclusion_tag("attachments/_upload_field.html")
def attachment_upload_field(
    field_id: str = "id_attachments", errors: Sequence[str] = ()
) -> dict[str, Any]:
    """The file picker (gallery, camera, drag and drop) with the limits spelled out."""
    return {
        "field_id": field_id,
        "limits": AttachmentLimits.current(),
        "accept": ACCEPT,
        "errors": errors,
    }


@register.inclusion_tag("attachments/_list.html", takes_context=True)
def attachments_of(
    context: template.Context,
    attachments: Sequence[Attachment],
    message: Any = None,
    remove_url: str = "",
    reference: str = "",
) -> dict[str, Any]:
    """The files of one message (``message`` None: of the ticket's first submission).

    ``attachments`` is the list the page's selector already loaded: no query here. A removed
    file shows as a tombstone (name and why, no link). ``remove_url`` (a URL name taking the
    ticket's ``reference`` and the file's id: the console's) adds the agent's "Remove file"
    action to each file still there.
    """
    message_id = getattr(message, "pk", None)
    return {
        "files": [a for a in attachments if a.message_id == message_id],
        "remove_url": remove_url,
        "reference": reference,
        "csrf_token": context.get("csrf_token"),
    }

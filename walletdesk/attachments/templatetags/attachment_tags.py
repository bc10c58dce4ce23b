from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from walletdesk.attachments.models import Attachment, AttachmentLimits

register = template.Library()

# What the file pickers offer; the server still decides by content, never by this list.
ACCEPT = "image/png,image/jpeg,image/webp,image/heic,image/heif,.heic,.heif,application/pdf"


_UPLOAD_FIELD = "attachments/_upload_field.html"


@register.simple_tag
def attachment_upload_field(
    field_id: str = "id_attachments", errors: Sequence[str] = ()
) -> SafeString:
    """The file picker (gallery, camera, drag and drop) with the limits spelled out.

    Without errors it depends only on its id, the limits and the language: it is drawn once
    per process for each (its four size texts and some seventy nodes were a tenth of the
    agent's reply form, on every ticket page)."""
    limits = AttachmentLimits.current()
    if errors:
        return _upload_field(field_id, limits, errors)
    return _upload_field_kept(
        translation.get_language(),
        field_id,
        limits.max_file_bytes,
        limits.max_files_per_message,
        limits.max_bytes_per_message,
    )


def _upload_field(field_id: str, limits: AttachmentLimits, errors: Sequence[str]) -> SafeString:
    context = {"field_id": field_id, "limits": limits, "accept": ACCEPT, "errors": errors}
    return mark_safe(render_to_string(_UPLOAD_FIELD, context))  # noqa: S308 -- autoescaped


@lru_cache(maxsize=64)
def _upload_field_kept(
    # The language is part of the key because the texts and the sizes' numbers follow it.
    language: str | None,
    field_id: str,
    max_file_bytes: int,
    max_files_per_message: int,
    max_bytes_per_message: int,
) -> SafeString:
    limits = AttachmentLimits(
        max_file_bytes=max_file_bytes,
        max_files_per_message=max_files_per_message,
        max_bytes_per_message=max_bytes_per_message,
    )
    return _upload_field(field_id, limits, ())


# A message's or a submission's files (the console's thread draws it from Python too).
ATTACHMENT_LIST = "attachments/_list.html"


@register.inclusion_tag(ATTACHMENT_LIST, takes_context=True)
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

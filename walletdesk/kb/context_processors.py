from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from walletdesk.kb.selectors import contact_channel_list


def footer(request: HttpRequest) -> dict[str, Any]:
    """Contact channels for the footer of every portal page; queried only when rendered."""
    return {"contact_channels": SimpleLazyObject(contact_channel_list)}

"""Per-ticket reply addresses: ``reply+<reference>.<signature>@<domain>``.

Outgoing mail puts this address in Reply-To; inbound mail is matched to its ticket by
parsing it back. The signature is an HMAC of the reference keyed with SECRET_KEY, so an
address cannot be guessed from a reference someone read aloud, and a forged or mistyped
one parses to None (the inbound side then falls back to the threading headers).

Mail systems may change the case of the local part, so the token is written in lower case
and compared without regard to case.
"""

import hmac
from email.utils import parseaddr

from django.conf import settings
from django.utils.crypto import salted_hmac

from walletdesk.tickets.models import Ticket
from walletdesk.tickets.references import ALPHABET, LENGTH, PREFIX

_SALT = "walletdesk.notifications.reply-address"
_LOCAL_PREFIX = "reply+"
# 20 hex characters = 80 bits: far beyond guessing, short enough for a mail client's column.
_SIGNATURE_LENGTH = 20


def reply_domain() -> str:
    """The domain of reply addresses: NOTIFICATIONS_REPLY_DOMAIN, else the From domain."""
    configured = getattr(settings, "NOTIFICATIONS_REPLY_DOMAIN", "")
    if configured:
        return str(configured).lower()
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return address.rpartition("@")[2].lower() or "localhost"


def _signature(reference: str) -> str:
    return salted_hmac(_SALT, reference.upper(), algorithm="sha256").hexdigest()[:_SIGNATURE_LENGTH]


def reply_token(reference: str) -> str:
    """The local-part token for a reference: ``wd-7k3q9m.<signature>``."""
    return f"{reference.lower()}.{_signature(reference)}"


def ticket_reply_address(ticket: Ticket) -> str:
    """The address a reply to this ticket's mails goes to (set as Reply-To)."""
    return f"{_LOCAL_PREFIX}{reply_token(ticket.reference)}@{reply_domain()}"


def reply_token_parse(address: str) -> str | None:
    """The ticket reference an address (or a whole ``Name <addr>`` header value) stands for.

    Returns None for anything that is not a well-formed reply address with a valid
    signature. The domain is not checked: mail may arrive through an alias domain.
    """
    _name, bare = parseaddr(address or "")
    local, at, _domain = bare.rpartition("@")
    if not at:
        return None
    local = local.lower()
    if not local.startswith(_LOCAL_PREFIX):
        return None
    reference_part, dot, signature = local[len(_LOCAL_PREFIX) :].rpartition(".")
    if not dot:
        return None
    reference = reference_part.upper()
    body = reference[len(PREFIX) :]
    if (
        not reference.startswith(PREFIX)
        or len(body) != LENGTH
        or any(ch not in ALPHABET for ch in body)
    ):
        return None
    if not hmac.compare_digest(signature, _signature(reference)):
        return None
    return reference

"""Per-ticket reply addresses: ``reply+<reference>.<signature>@<domain>``.

Outgoing mail puts this address in Reply-To; inbound mail is matched to its ticket by
parsing it back. The signature is an HMAC of the reference keyed with SECRET_KEY, so an
address cannot be guessed from a reference someone read aloud, and a forged or mistyped
one parses to None (the inbound side then falls back to the threading headers).

Staff get their own address per ticket, ``reply+<reference>.<signature>.<agent tag>@<domain>``:
the agent tag is an HMAC (keyed with SECRET_KEY) of the reference, the agent's id and the
agent's mail reply key (a random value on the account, replaced to revoke every address the
agent was ever sent). The tag is the proof that a mail "from" an agent came from someone who
received that agent's notification; inbound/services.py takes an agent's reply only with it
or with a mail the From: domain signed (docs/inbound-mail.md).

Mail systems may change the case of the local part, so the token is written in lower case
and compared without regard to case.
"""

import hmac
from collections.abc import Iterable
from email.utils import parseaddr

from django.conf import settings
from django.utils.crypto import salted_hmac

from walletdesk.accounts.models import User
from walletdesk.tickets.models import Ticket
from walletdesk.tickets.references import ALPHABET, LENGTH, PREFIX

_SALT = "walletdesk.notifications.reply-address"
_AGENT_SALT = "walletdesk.notifications.agent-reply-address"
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


def _agent_tag(reference: str, agent: User) -> str:
    material = f"{reference.upper()}:{agent.pk}:{agent.mail_reply_key}"
    return salted_hmac(_AGENT_SALT, material, algorithm="sha256").hexdigest()[:_SIGNATURE_LENGTH]


def agent_reply_address(ticket: Ticket, agent: User) -> str:
    """The address ``agent``'s replies to this ticket go to (set as Reply-To of their mail)."""
    token = f"{reply_token(ticket.reference)}.{_agent_tag(ticket.reference, agent)}"
    return f"{_LOCAL_PREFIX}{token}@{reply_domain()}"


def _local_parts(address: str) -> list[str] | None:
    _name, bare = parseaddr(address or "")
    local, at, _domain = bare.rpartition("@")
    local = local.lower()
    if not at or not local.startswith(_LOCAL_PREFIX):
        return None
    parts = local[len(_LOCAL_PREFIX) :].split(".")
    return parts if len(parts) in (2, 3) else None


def agent_reply_address_valid(addresses: Iterable[str], ticket: Ticket, agent: User) -> bool:
    """Whether one of ``addresses`` is ``agent``'s own reply address for ``ticket``."""
    expected = _agent_tag(ticket.reference, agent)
    for address in addresses:
        parts = _local_parts(address)
        if (
            parts is not None
            and len(parts) == 3
            and reply_token_parse(address) == ticket.reference
            and hmac.compare_digest(parts[2], expected)
        ):
            return True
    return False


def reply_token_parse(address: str) -> str | None:
    """The ticket reference an address (or a whole ``Name <addr>`` header value) stands for.

    Returns None for anything that is not a well-formed reply address with a valid
    signature; an agent's address gives its ticket's reference too (its tag is checked by
    agent_reply_address_valid). The domain is not checked: mail may arrive through an alias
    domain.
    """
    parts = _local_parts(address)
    if parts is None:
        return None
    reference_part, signature = parts[0], parts[1]
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

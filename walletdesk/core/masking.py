"""How a requester's contact details look to an agent who has not chosen to reveal them.

Agents work tickets with the details masked, so a screen seen over a shoulder, a screenshot
or a curious insider learns little: ``a***@example.com``, ``0x12…89ab``. Revealing them is a
deliberate, recorded act (tickets/reveals.py). The console's template filter and the agent
API's serializer field both call ``mask``: this is the one place the shape is written.
"""

from typing import Literal

MaskKind = Literal["email", "address"]

_ADDRESS_HEAD = 4  # "0x12": the prefix and two characters, enough to tell addresses apart
_ADDRESS_TAIL = 4


def mask_email(value: str) -> str:
    """``alice@example.com`` → ``a***@example.com``: the first character of the mailbox and
    the whole domain (which support needs to recognise a provider). Text without an ``@``
    keeps only its first character."""
    local, at, domain = value.partition("@")
    if not local:
        return "***" + at + domain
    return f"{local[0]}***{at}{domain}"


def mask_address(value: str) -> str:
    """``0x1234…89ab``-style: the head and tail an agent compares against a screenshot, never
    the whole address. Short values are masked entirely."""
    if len(value) <= _ADDRESS_HEAD + _ADDRESS_TAIL:
        return "…"
    return f"{value[:_ADDRESS_HEAD]}…{value[-_ADDRESS_TAIL:]}"


def mask(value: object, kind: MaskKind) -> str:
    """``value`` masked as ``kind`` ("email" or "address"); empty stays empty."""
    text = "" if value is None else str(value)
    if not text:
        return ""
    return mask_email(text) if kind == "email" else mask_address(text)

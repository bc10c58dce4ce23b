"""Ticket references people read aloud and type: WD- and six characters, no look-alikes."""

import secrets

# Crockford-style alphabet without 0/O, 1/I/L and U, so a reference survives a phone call.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 6
PREFIX = "WD-"


def reference_generate() -> str:
    return PREFIX + "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def reference_normalise(raw: str) -> str:
    """Accept what a user types: lower case, spaces, a missing prefix."""
    cleaned = "".join(raw.split()).upper()
    if not cleaned.startswith(PREFIX):
        cleaned = PREFIX + cleaned.removeprefix("WD")
    return cleaned

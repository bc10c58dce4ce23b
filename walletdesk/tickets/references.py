"""Ticket references people read aloud and type: WD- and six characters, no look-alikes."""

import secrets
import unicodedata

# Crockford-style alphabet without 0/O, 1/I/L and U, so a reference survives a phone call.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 6
PREFIX = "WD-"


def reference_generate() -> str:
    return PREFIX + "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def reference_normalise(raw: str) -> str:
    """Accept what a user types: lower case, spaces, a missing prefix or dash.

    NFKC folds the full-width letters and dash a Chinese input method produces; NUL is
    dropped because PostgreSQL refuses it in a query parameter.
    """
    cleaned = "".join(unicodedata.normalize("NFKC", raw).replace("\x00", "").split()).upper()
    if cleaned.startswith(PREFIX):
        return cleaned
    # W and D are in the alphabet: a bare six-character reference may itself start with
    # "WD", so only strip a prefix when what follows it is a whole reference.
    if cleaned.startswith("WD") and len(cleaned) == len("WD") + LENGTH:
        return PREFIX + cleaned[2:]
    return PREFIX + cleaned

"""Ticket references people read aloud and type: WD- and six characters, no look-alikes."""

import secrets
import unicodedata

# Crockford-style alphabet without 0/O, 1/I/L and U, so a reference survives a phone call.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 6
PREFIX = "WD-"
# A random byte below this is a letter, each equally likely (256 is not a multiple of 30).
_UNBIASED = 256 - 256 % len(ALPHABET)
# Bytes drawn at a time: enough for a whole reference nearly always (one read of the system's
# randomness per ticket instead of one per letter), more drawn in the rare case it is not.
_DRAW = 2 * LENGTH


def reference_generate() -> str:
    letters: list[str] = []
    while len(letters) < LENGTH:
        letters += [
            ALPHABET[b % len(ALPHABET)] for b in secrets.token_bytes(_DRAW) if b < _UNBIASED
        ]
    return PREFIX + "".join(letters[:LENGTH])


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

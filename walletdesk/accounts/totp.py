"""The arithmetic of the second factor: time-based codes (RFC 6238, pyotp), recovery codes and
their hashes, and the enrolment QR code (segno, drawn here as inline SVG). No models and no
writes: accounts.services decides and stores.
"""

import hashlib
import hmac
import secrets
import time

import pyotp
import segno

ISSUER = "WalletDesk"
STEP_FOR = 30  # seconds one code is shown for
DIGITS = 6
# A code from the step before or after the current one is accepted too: phone clocks drift
# and people type slowly. Never more, or a seen code would stay good for minutes.
DRIFT_STEPS = 1

RECOVERY_CODE_COUNT = 10
# 12 symbols of 32 (60 bits): unguessable, so a fast salted hash is safe to store (a slow
# password hash protects low-entropy secrets; these are random).
_RECOVERY_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
_RECOVERY_GROUPS = 3
_RECOVERY_GROUP_LENGTH = 4


def secret_new() -> str:
    """A fresh shared secret, base32 (160 bits), as authenticator apps expect it."""
    return pyotp.random_base32(length=32)


def secret_grouped(secret: str) -> str:
    """The secret in groups of four, for typing it into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def provisioning_uri(*, secret: str, account: str) -> str:
    """The otpauth:// link a QR code carries (issuer and account label, SHA-1, 6 digits, 30 s)."""
    return pyotp.TOTP(secret, digits=DIGITS, interval=STEP_FOR).provisioning_uri(
        name=account, issuer_name=ISSUER
    )


def qr_svg(data: str) -> str:
    """``data`` as a QR code, an inline <svg> element (no XML declaration, scales with CSS)."""
    code = segno.make(data, error="m", micro=False)
    svg = code.svg_inline(scale=4, border=2, dark="#111", light="#fff", omitsize=True)
    return str(svg)


def counter_now(at: float | None = None) -> int:
    """The time step a code made at ``at`` (now by default) belongs to."""
    return int((time.time() if at is None else at) // STEP_FOR)


def code_for(secret: str, counter: int) -> str:
    """The code an authenticator app shows during time step ``counter``."""
    return pyotp.TOTP(secret, digits=DIGITS, interval=STEP_FOR).at(counter * STEP_FOR)


def code_normalize(code: str) -> str:
    """What a person typed, without spaces and dashes, upper case (recovery codes)."""
    return "".join(ch for ch in code.strip().upper() if ch.isalnum())


def totp_match(*, secret: str, code: str, last_counter: int, at: float | None = None) -> int | None:
    """The time step ``code`` belongs to, if it is good now and later than ``last_counter``.

    Returns None for a wrong code, a code outside the drift window, and a code whose step was
    already used (or is older than one that was): each code works once.
    """
    typed = code_normalize(code)
    if len(typed) != DIGITS or not typed.isdigit():
        return None
    now = counter_now(at)
    for counter in range(now - DRIFT_STEPS, now + DRIFT_STEPS + 1):
        if counter <= last_counter:
            continue
        if hmac.compare_digest(code_for(secret, counter), typed):
            return counter
    return None


def recovery_codes_new(count: int = RECOVERY_CODE_COUNT) -> list[str]:
    """``count`` fresh recovery codes, shown as XXXX-XXXX-XXXX."""
    codes = []
    for _ in range(count):
        groups = [
            "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(_RECOVERY_GROUP_LENGTH))
            for _ in range(_RECOVERY_GROUPS)
        ]
        codes.append("-".join(groups))
    return codes


def recovery_code_hash(*, user_id: object, code: str) -> str:
    """The stored form of a recovery code: SHA-256 of the user's id and the normalised code.

    The id salts it (the same code of two users hashes apart, no table precomputed once
    serves all), normalising lets people type it with or without dashes, in any case.
    """
    material = f"{user_id}:{code_normalize(code)}".encode()
    return hashlib.sha256(material).hexdigest()


def looks_like_recovery_code(code: str) -> bool:
    typed = code_normalize(code)
    return len(typed) == _RECOVERY_GROUPS * _RECOVERY_GROUP_LENGTH and all(
        ch in _RECOVERY_ALPHABET for ch in typed
    )

"""Signed links for confirming an e-mail address.

The token is signed with the project's secret and carries its own time stamp, so it expires
after settings.EMAIL_VERIFICATION_MAX_AGE_FOR without any row to clean up. It also carries a
fingerprint of the user's e-mail state: once the address is confirmed (or changed) the
fingerprint no longer matches, so a used link cannot be used again.
"""

from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

from walletdesk.accounts.errors import AccountError
from walletdesk.accounts.models import User

_SALT = "walletdesk.accounts.email-verification"


def _fingerprint(user: User) -> str:
    state = f"{user.pk}|{user.email}|{user.email_verified_at}|{user.is_active}"
    return salted_hmac(_SALT, state, algorithm="sha256").hexdigest()[:32]


def verification_token_make(user: User) -> str:
    """A URL-safe token that confirms ``user``'s current address once."""
    return signing.dumps({"u": str(user.pk), "f": _fingerprint(user)}, salt=_SALT)


def verification_token_read(token: str) -> tuple[str, str]:
    """Return (user id, fingerprint) from a token.

    Raises AccountError(LINK_EXPIRED) for an old token and AccountError(LINK_INVALID) for
    anything tampered with or malformed.
    """
    try:
        payload = signing.loads(token, salt=_SALT, max_age=settings.EMAIL_VERIFICATION_MAX_AGE_FOR)
    except signing.SignatureExpired as exc:
        raise AccountError(AccountError.Code.LINK_EXPIRED) from exc
    except signing.BadSignature as exc:
        raise AccountError(AccountError.Code.LINK_INVALID) from exc
    if not isinstance(payload, dict):
        raise AccountError(AccountError.Code.LINK_INVALID)
    user_id, fingerprint = payload.get("u"), payload.get("f")
    if not isinstance(user_id, str) or not isinstance(fingerprint, str):
        raise AccountError(AccountError.Code.LINK_INVALID)
    return user_id, fingerprint


def verification_token_matches(user: User, fingerprint: str) -> bool:
    return constant_time_compare(_fingerprint(user), fingerprint)

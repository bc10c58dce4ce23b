"""Sign-In with Ethereum: issue nonces, check signed messages, bind addresses, sign-ups.

A message is accepted only if every check passes: our domain and URI, a chain we accept,
its times (issued, not before, expiry), an EIP-191 signature by the address it names, and
a nonce we issued that is unused and unexpired. The nonce is consumed with a conditional
UPDATE, so two requests racing with one signed message cannot both sign in.
Contract wallets (EIP-1271) are not supported yet: their signatures fail the EIP-191 check.
"""

import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from urllib.parse import urlsplit
from uuid import UUID

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from eth_account import Account
from eth_account.messages import encode_defunct

from walletdesk.accounts.models import User
from walletdesk.accounts.services import email_normalize, language_validate, second_factor_require
from walletdesk.core.mail import EmailMultiAlternatives, mail_build
from walletdesk.siwe.errors import SiweError
from walletdesk.siwe.message import SiweMessage, siwe_message_parse
from walletdesk.siwe.models import SiweNonce, WalletAddress, WalletSignup

logger = logging.getLogger(__name__)

# A signed message older than this is refused even without an expiration time of its own.
MESSAGE_MAX_AGE_FOR = 60 * 10
# Clocks of phones drift; a message a little in the future is still fine.
CLOCK_SKEW_FOR = 60
SIGNUP_LIFETIME_FOR = 60 * 30
SIGNUP_MAX_ATTEMPTS = 5
_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
_CODE_LENGTH = 8


def siwe_domain() -> str:
    """The domain a message must name: SIWE_DOMAIN, else the host of SITE_URL."""
    return settings.SIWE_DOMAIN or urlsplit(settings.SITE_URL).netloc


def siwe_uri() -> str:
    """The URI a message must name (or start with): SIWE_URI, else SITE_URL."""
    return (settings.SIWE_URI or settings.SITE_URL).rstrip("/")


def siwe_nonce_issue() -> SiweNonce:
    """A fresh single-use nonce, valid for SIWE_NONCE_LIFETIME_FOR seconds."""
    lifetime = timedelta(seconds=settings.SIWE_NONCE_LIFETIME_FOR)
    return SiweNonce.objects.create(
        nonce=secrets.token_hex(12), expires_at=timezone.now() + lifetime
    )


def _signer_of(text: str, signature: str) -> str:
    try:
        recovered = Account.recover_message(encode_defunct(text=text), signature=signature)
    except Exception:
        raise SiweError(SiweError.Code.SIGNATURE_INVALID) from None
    return str(recovered)


def _check_message(message: SiweMessage) -> None:
    if message.domain != siwe_domain():
        raise SiweError(SiweError.Code.DOMAIN_MISMATCH)
    uri = siwe_uri()
    if message.uri.rstrip("/") != uri and not message.uri.startswith(uri + "/"):
        raise SiweError(SiweError.Code.URI_MISMATCH)
    if message.chain_id not in settings.SIWE_CHAIN_IDS:
        raise SiweError(SiweError.Code.CHAIN_NOT_SUPPORTED)
    now = timezone.now()
    skew = timedelta(seconds=CLOCK_SKEW_FOR)
    if message.issued_at > now + skew:
        raise SiweError(SiweError.Code.NOT_YET_VALID)
    if message.issued_at < now - timedelta(seconds=MESSAGE_MAX_AGE_FOR):
        raise SiweError(SiweError.Code.MESSAGE_EXPIRED)
    if message.expiration_time is not None and message.expiration_time <= now:
        raise SiweError(SiweError.Code.MESSAGE_EXPIRED)
    if message.not_before is not None and message.not_before > now + skew:
        raise SiweError(SiweError.Code.NOT_YET_VALID)


def siwe_message_verify(*, text: str, signature: str) -> SiweMessage:
    """Check a signed EIP-4361 message and consume its nonce; returns the parsed message.

    Raises SiweError: MESSAGE_INVALID, INVALID_ADDRESS, DOMAIN_MISMATCH, URI_MISMATCH,
    CHAIN_NOT_SUPPORTED, NOT_YET_VALID, MESSAGE_EXPIRED, SIGNATURE_INVALID, NONCE_INVALID.
    The nonce is used up only by a message that passed every other check.
    """
    message = siwe_message_parse(text)
    _check_message(message)
    if _signer_of(text, signature) != message.address:
        raise SiweError(SiweError.Code.SIGNATURE_INVALID)
    now = timezone.now()
    consumed = SiweNonce.objects.filter(
        nonce=message.nonce, used_at__isnull=True, expires_at__gt=now
    ).update(used_at=now)
    if consumed != 1:
        raise SiweError(SiweError.Code.NONCE_INVALID)
    return message


def _refuse_staff(user: User) -> None:
    """Staff never use a wallet: signing in by wallet would skip their password and second
    factor. Agents and administrators count even when deactivated, and so does anyone who
    may use the admin site, whatever their role."""
    if user.role in (User.Role.AGENT, User.Role.ADMIN) or user.is_staff or user.is_superuser:
        raise SiweError(SiweError.Code.STAFF_ACCOUNT)


def wallet_address_bind(*, user: User, address: str, chain_id: int) -> WalletAddress:
    """Link a proven address to ``user`` (again: refreshes the time). Raises STAFF_ACCOUNT
    for staff, ADDRESS_TAKEN when another account holds it."""
    _refuse_staff(user)
    existing = WalletAddress.objects.filter(address=address).first()
    if existing is not None:
        if existing.user_id != user.pk:
            raise SiweError(SiweError.Code.ADDRESS_TAKEN)
        existing.verified_at = timezone.now()
        existing.chain_id = chain_id
        existing.save(update_fields=["verified_at", "chain_id", "updated_at"])
        return existing
    try:
        with transaction.atomic():
            return WalletAddress.objects.create(
                user=user, address=address, chain_id=chain_id, verified_at=timezone.now()
            )
    except IntegrityError:  # bound by a concurrent request meanwhile
        raise SiweError(SiweError.Code.ADDRESS_TAKEN) from None


def wallet_address_unbind(*, address: WalletAddress) -> None:
    """Forget a linked address (the user's own choice)."""
    address.delete()


@dataclass(frozen=True)
class SiweSignIn:
    """Either the account the address belongs to, or the sign-up waiting for its e-mail."""

    user: User | None = None
    signup: WalletSignup | None = None


def _code_hash(signup_id: UUID | str, code: str) -> str:
    material = f"{signup_id}:{code.strip().upper()}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), material, hashlib.sha256).hexdigest()


def signup_code_email_build(*, to: str, code: str, language: str) -> EmailMultiAlternatives:
    """The mail that carries a sign-up's code, in the language the sign-up asked for."""
    context = {"code": code, "valid_for_minutes": SIGNUP_LIFETIME_FOR // 60}
    return mail_build("siwe/email/signup_code", context, to=to, language=language)


def _signup_email_send(*, to: str, code: str, language: str) -> None:
    signup_code_email_build(to=to, code=code, language=language).send()


def siwe_sign_in(
    *,
    text: str,
    signature: str,
    email: str = "",
    language: str = "",
    otp: str = "",
    ip: str = "",
) -> SiweSignIn:
    """Sign in with a signed message: a linked address gives its account; an unknown one
    starts a sign-up that e-mails a code to ``email`` (raises EMAIL_REQUIRED without one).
    Raises STAFF_ACCOUNT for an address linked to staff (possible for links made before staff
    were refused), ADDRESS_TAKEN for one linked to a deactivated account.

    The wallet proves possession of the wallet, not a second factor: an account with one
    needs ``otp`` too (AccountError SECOND_FACTOR_REQUIRED without it; see
    accounts.services.second_factor_require). The nonce is spent either way: the app signs
    a fresh message to try again with the code.

    No account is created here: only siwe_signup_confirm creates one, after the e-mail.
    """
    message = siwe_message_verify(text=text, signature=signature)
    bound = WalletAddress.objects.select_related("user").filter(address=message.address).first()
    if bound is not None:
        _refuse_staff(bound.user)
        if not bound.user.is_active:
            raise SiweError(SiweError.Code.ADDRESS_TAKEN)
        second_factor_require(user=bound.user, code=otp, ip=ip)
        return SiweSignIn(user=bound.user)
    if not email.strip():
        raise SiweError(SiweError.Code.EMAIL_REQUIRED)
    code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_LENGTH))
    language = language_validate(language) if language else settings.LANGUAGE_CODE
    with transaction.atomic():
        signup = WalletSignup.objects.create(
            address=message.address,
            chain_id=message.chain_id,
            email=email_normalize(email),
            language=language,
            code_hash="",
            expires_at=timezone.now() + timedelta(seconds=SIGNUP_LIFETIME_FOR),
        )
        signup.code_hash = _code_hash(signup.pk, code)
        signup.save(update_fields=["code_hash"])
        transaction.on_commit(
            partial(_signup_email_send, to=signup.email, code=code, language=language)
        )
    return SiweSignIn(signup=signup)


def _signup_open(signup_id: UUID | str) -> WalletSignup | None:
    return (
        WalletSignup.objects.filter(
            pk=signup_id,
            confirmed_at__isnull=True,
            expires_at__gt=timezone.now(),
            attempts__lt=SIGNUP_MAX_ATTEMPTS,
        )
        .select_for_update()
        .first()
    )


def siwe_signup_confirm(*, signup_id: UUID | str, code: str, otp: str = "", ip: str = "") -> User:
    """Finish a wallet sign-up with the e-mailed code: the account (new, or the existing one
    with that address, whose mailbox the code just reached) gets the wallet address.

    Raises SIGNUP_INVALID (unknown, expired, used or too many attempts), CODE_INVALID (the
    attempt is counted and stays counted), STAFF_ACCOUNT (staff never sign in by wallet),
    ADDRESS_TAKEN. An existing account with a second factor also needs ``otp`` (AccountError
    SECOND_FACTOR_REQUIRED without it; the sign-up stays open to send it again with the code).
    """
    with transaction.atomic():
        signup = _signup_open(signup_id)
        if signup is None:
            raise SiweError(SiweError.Code.SIGNUP_INVALID)
        matches = hmac.compare_digest(signup.code_hash, _code_hash(signup.pk, code))
        if not matches:
            WalletSignup.objects.filter(pk=signup.pk).update(attempts=signup.attempts + 1)
    if not matches:
        # Raised after the block committed: the counted attempt must not roll back.
        raise SiweError(SiweError.Code.CODE_INVALID)
    existing = User.objects.filter(email=signup.email, is_active=True).first()
    if existing is not None:
        _refuse_staff(existing)
        # A mailbox and a wallet are not the account's second factor.
        second_factor_require(user=existing, code=otp, ip=ip)
    return _signup_finish(signup_id)


@transaction.atomic
def _signup_finish(signup_id: UUID | str) -> User:
    signup = _signup_open(signup_id)
    if signup is None:  # confirmed by a concurrent request meanwhile
        raise SiweError(SiweError.Code.SIGNUP_INVALID)
    user = User.objects.filter(email=signup.email).first()
    if user is not None:
        _refuse_staff(user)
        if not user.is_active:
            raise SiweError(SiweError.Code.STAFF_ACCOUNT)
    now = timezone.now()
    if user is None:
        user = User.objects.create_user(
            email=signup.email, password=None, language=signup.language, email_verified_at=now
        )
    elif user.email_verified_at is None:
        user.email_verified_at = now
        user.save(update_fields=["email_verified_at"])
    wallet_address_bind(user=user, address=signup.address, chain_id=signup.chain_id)
    signup.confirmed_at = now
    signup.save(update_fields=["confirmed_at", "updated_at"])
    logger.info("wallet sign-up confirmed", extra={"user_id": str(user.pk)})
    return user

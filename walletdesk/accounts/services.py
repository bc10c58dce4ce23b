"""Every write to an account goes through here: registration, e-mail confirmation, sign-in
checks, password resets, language and profile.

Three rules shape this module:
- No account enumeration: a known and an unknown address get the same answer, the same
  e-mail count from the caller's point of view and the same rate limits.
- Rate limits per address and per client IP (see limits.py) are counted before any work.
- E-mails are queued with ``transaction.on_commit``: nothing is sent for a rolled-back change.
"""

import hashlib
import logging
import math
import time
import zoneinfo
from functools import partial

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from walletdesk.accounts import limits
from walletdesk.accounts.display_names import display_name_is_reserved, display_name_key
from walletdesk.accounts.emails import account_email_send, site_url_for
from walletdesk.accounts.errors import AccountError
from walletdesk.accounts.models import ANTI_PHISHING_CODE_MAX_LENGTH, User
from walletdesk.accounts.tokens import (
    verification_token_make,
    verification_token_matches,
    verification_token_read,
)
from walletdesk.core.ratelimit import Limit, hit, hit_all
from walletdesk.guard.services import secret_guard

logger = logging.getLogger(__name__)


def email_normalize(email: str) -> str:
    """The form every address is stored and compared in (the manager lower-cases it too)."""
    return email.strip().lower()


def _rate_check(checks: list[tuple[Limit, str]]) -> None:
    verdict = hit_all(checks)
    if not verdict.allowed:
        minutes = max(1, math.ceil(verdict.retry_after / 60))
        raise AccountError(AccountError.Code.RATE_LIMITED, minutes=minutes)


def _queue_email(*, user: User, name: str, context: dict[str, object]) -> None:
    transaction.on_commit(
        partial(
            account_email_send,
            to=user.email,
            name=name,
            language=user.language,
            context={"user": user, **context},
        )
    )


def language_validate(language: str) -> str:
    """Return ``language`` if the site offers it. Raises AccountError(LANGUAGE_UNKNOWN)."""
    offered = {code for code, _label in settings.LANGUAGES}
    if language not in offered:
        raise AccountError(AccountError.Code.LANGUAGE_UNKNOWN)
    return language


def _language_or_default(language: str) -> str:
    try:
        return language_validate(language)
    except AccountError:
        return str(settings.LANGUAGE_CODE)


def _verification_email_queue(user: User) -> None:
    link = site_url_for("accounts:verify", token=verification_token_make(user))
    _queue_email(
        user=user,
        name="verify_email",
        context={
            "verify_url": link,
            "valid_for_hours": settings.EMAIL_VERIFICATION_MAX_AGE_FOR // 3600,
        },
    )


@transaction.atomic
def user_register(*, email: str, password: str, language: str, ip: str) -> User | None:
    """Create an unverified customer and e-mail them a confirmation link.

    Returns the new user, or None when the address already has an account; then the
    owner is e-mailed a note instead ("someone tried to register with your address").
    Callers must answer both cases identically. ``language`` is the one the visitor
    used the site in; it becomes the account's language.

    Raises AccountError(RATE_LIMITED) per address and per IP before anything is done.
    """
    address = email_normalize(email)
    _rate_check([(limits.REGISTER_PER_ADDRESS, address), (limits.REGISTER_PER_IP, ip)])

    existing = User.objects.filter(email=address).first()
    if existing is None:
        try:
            # A savepoint, so a concurrent registration of the same address is not fatal.
            with transaction.atomic():
                user = User.objects.create_user(
                    address,
                    password,
                    role=User.Role.CUSTOMER,
                    language=_language_or_default(language),
                )
        except IntegrityError:
            existing = User.objects.filter(email=address).first()
        else:
            _verification_email_queue(user)
            logger.info("account registered", extra={"user_id": str(user.pk)})
            return user

    # Hash anyway, so the time taken does not tell a known address from a new one.
    make_password(password)
    if existing is not None and existing.is_active:
        _queue_email(
            user=existing,
            name="register_existing",
            context={
                "login_url": site_url_for("accounts:login"),
                "reset_url": site_url_for("accounts:password-reset"),
            },
        )
    return None


def user_verification_resend(*, user: User, ip: str) -> None:
    """E-mail ``user`` a fresh confirmation link.

    Raises AccountError(ALREADY_VERIFIED) and AccountError(RATE_LIMITED) (per account and
    per IP). Earlier links stay valid until they expire or one of them is used.
    """
    if user.is_verified:
        raise AccountError(AccountError.Code.ALREADY_VERIFIED)
    _rate_check(
        [
            (limits.VERIFICATION_RESEND_PER_ACCOUNT, str(user.pk)),
            (limits.VERIFICATION_RESEND_PER_IP, ip),
        ]
    )
    with transaction.atomic():
        _verification_email_queue(user)


@transaction.atomic
def user_verify_email(*, token: str) -> User:
    """Confirm the address a verification link was sent to.

    The link works once: confirming changes the state its fingerprint was made from.
    Raises AccountError(LINK_EXPIRED) for an old link and AccountError(LINK_INVALID) for a
    used, tampered, or foreign link or an inactive account. Locks the user row, so two
    clicks at once confirm once.
    """
    user_id, fingerprint = verification_token_read(token)
    try:
        user = User.objects.select_for_update().get(pk=user_id)
    except (User.DoesNotExist, ValueError, ValidationError) as exc:
        raise AccountError(AccountError.Code.LINK_INVALID) from exc
    if not user.is_active or user.is_verified or not verification_token_matches(user, fingerprint):
        raise AccountError(AccountError.Code.LINK_INVALID)
    user.email_verified_at = timezone.now()
    user.save(update_fields=["email_verified_at"])
    logger.info("e-mail confirmed", extra={"user_id": str(user.pk)})
    return user


def user_sign_in_check(*, email: str, password: str, ip: str) -> User:
    """Return the active user with this address and password, for ``django.contrib.auth.login``.

    Counts the attempt per address and per IP. Failures are counted per address too: the
    failure that goes over SIGN_IN_FAILURES_PER_ACCOUNT locks the address until its window
    ends, and while locked even the right password is refused, so guessing stops there.
    Raises AccountError(RATE_LIMITED) and AccountError(INVALID_CREDENTIALS) (the same one
    for an unknown address, a wrong password and an inactive account).
    """
    address = email_normalize(email)
    _rate_check([(limits.SIGN_IN_PER_ADDRESS, address), (limits.SIGN_IN_PER_IP, ip)])
    _sign_in_lock_check(address)
    user = authenticate(None, email=address, password=password)
    if not isinstance(user, User):
        verdict = hit(limits.SIGN_IN_FAILURES_PER_ACCOUNT, address)
        if not verdict.allowed:
            _sign_in_lock(address, verdict.retry_after)
            _sign_in_lock_check(address)
        raise AccountError(AccountError.Code.INVALID_CREDENTIALS)
    return user


# core.ratelimit counts and refuses in one step, but a locked address must be refused
# *before* its password is checked, so the lock is a cache marker of its own. The key is
# hashed: addresses never sit in the cache in clear text.
def _sign_in_lock_key(address: str) -> str:
    return f"accounts:sign-in-lock:{hashlib.sha256(address.encode()).hexdigest()[:32]}"


def _sign_in_lock(address: str, retry_after: int) -> None:
    cache.set(_sign_in_lock_key(address), time.time() + retry_after, timeout=retry_after)


def _sign_in_lock_check(address: str) -> None:
    until = cache.get(_sign_in_lock_key(address))
    if until is not None:
        minutes = max(1, math.ceil((float(until) - time.time()) / 60))
        raise AccountError(AccountError.Code.RATE_LIMITED, minutes=minutes)


def user_language_set(*, user: User, language: str) -> User:
    """Save the language ``user`` reads the site and their e-mails in.

    Raises AccountError(LANGUAGE_UNKNOWN) for a language the site does not offer.
    """
    user.language = language_validate(language)
    user.save(update_fields=["language"])
    return user


def time_zone_validate(time_zone: str) -> str:
    """Return ``time_zone`` if it is an IANA zone name. Raises AccountError(TIME_ZONE_UNKNOWN)."""
    if time_zone not in zoneinfo.available_timezones():
        raise AccountError(AccountError.Code.TIME_ZONE_UNKNOWN)
    return time_zone


def user_profile_update(
    *,
    user: User,
    display_name: str,
    language: str,
    time_zone: str,
    anti_phishing_code: str | None = None,
) -> User:
    """Save the name support staff see, the language and time zone pages are shown in, and
    (unless None: left as it is) the anti-phishing code every e-mail to the user shows.

    Raises AccountError(SECRET_DETECTED) when the name or the code holds a wallet secret (a
    SecretCatch is recorded; nothing is saved), AccountError(LANGUAGE_UNKNOWN),
    AccountError(TIME_ZONE_UNKNOWN), AccountError(ANTI_PHISHING_CODE_INVALID) and
    AccountError(DISPLAY_NAME_RESERVED) when a customer picks a name of the desk's or of a
    staff member's (display_name_check).
    """
    user_profile_typed_check(
        user=user, display_name=display_name, anti_phishing_code=anti_phishing_code or ""
    )
    name = " ".join(display_name.split())
    if name != user.display_name:
        # A name kept from before the rule does not block a change of language or zone.
        display_name_check(user=user, display_name=name)
    fields = ["display_name", "language", "time_zone"]
    user.display_name = name
    user.language = language_validate(language)
    user.time_zone = time_zone_validate(time_zone)
    if anti_phishing_code is not None:
        user.anti_phishing_code = anti_phishing_code_validate(anti_phishing_code)
        fields.append("anti_phishing_code")
    user.save(update_fields=fields)
    return user


def anti_phishing_code_validate(code: str) -> str:
    """The code as stored: spaces collapsed; "" removes it. One short line of printable
    characters (at most ANTI_PHISHING_CODE_MAX_LENGTH); raises
    AccountError(ANTI_PHISHING_CODE_INVALID) otherwise. The secret guard is
    user_profile_typed_check's: the code is printed in every mail, so it must not be one.
    """
    cleaned = " ".join(code.split())
    if len(cleaned) > ANTI_PHISHING_CODE_MAX_LENGTH or not all(ch.isprintable() for ch in cleaned):
        raise AccountError(
            AccountError.Code.ANTI_PHISHING_CODE_INVALID,
            fields=["anti_phishing_code"],
            limit=ANTI_PHISHING_CODE_MAX_LENGTH,
        )
    return cleaned


def display_name_check(*, user: User, display_name: str) -> None:
    """The one rule over a name a customer gives themselves, for every door that sets it.

    E-mails and notifications show a name alone, so a customer may not take one of the desk's
    own names ("客服", "Support", "WalletDesk", ...), anything that looks like one (case,
    spacing, punctuation, full-width or Cyrillic/Greek letters) or an active staff member's
    display name compared the same way. Staff may use any of them. Raises
    AccountError(DISPLAY_NAME_RESERVED) with ``fields``.
    """
    if user.is_agent or not display_name.strip():
        return
    refused = display_name_is_reserved(display_name)
    if not refused:
        key = display_name_key(display_name)
        staff_names = (
            User.objects.filter(is_active=True, role__in=(User.Role.AGENT, User.Role.ADMIN))
            .exclude(display_name="")
            .exclude(pk=user.pk)
            .values_list("display_name", flat=True)
        )
        refused = any(display_name_key(name) == key for name in staff_names)
    if refused:
        raise AccountError(AccountError.Code.DISPLAY_NAME_RESERVED, fields=["display_name"])


def user_profile_typed_check(
    *, user: User, display_name: str, anti_phishing_code: str = ""
) -> None:
    """The secret guard over a display name and an anti-phishing code as typed, also for a
    door whose own validation refused them (too long): a phrase is told as a secret, never
    echoed back as a long name or code.

    Raises AccountError(SECRET_DETECTED) with ``fields`` and ``masked`` (the texts with the
    secret replaced) and records a SecretCatch; returns when there is none.
    """
    fields = {"display_name": display_name}
    if anti_phishing_code:
        fields["anti_phishing_code"] = anti_phishing_code
    scan = secret_guard(fields=fields, user=user)
    if scan.found:
        raise AccountError(AccountError.Code.SECRET_DETECTED, **scan.refusal(fields))


def user_password_reset_request(*, email: str, ip: str) -> None:
    """Queue a password reset mail for this address; the background worker sends it if an
    active account has the address (user_password_reset_mail_send).

    Returns nothing either way: the caller always says "if an account exists we sent a
    link". The request does the same work for every address, a known one included: looking
    the account up, making the link and sending the mail all happen in the background, so
    the time of the answer does not tell who has an account. Raises
    AccountError(RATE_LIMITED) per address and per IP.
    """
    from walletdesk.accounts.tasks import password_reset_mail_task

    address = email_normalize(email)
    _rate_check([(limits.PASSWORD_RESET_PER_ADDRESS, address), (limits.PASSWORD_RESET_PER_IP, ip)])
    transaction.on_commit(partial(password_reset_mail_task.delay, email=address))


def user_password_reset_mail_send(*, email: str) -> bool:
    """E-mail a password reset link if an active account has this address; True if sent.

    Runs in the background worker. Raises whatever the e-mail backend raises (the task
    retries); a mail sent twice carries two links that both work once.
    """
    user = User.objects.filter(email=email_normalize(email), is_active=True).first()
    if user is None:
        return False
    link = site_url_for(
        "accounts:password-reset-confirm",
        uidb64=urlsafe_base64_encode(force_bytes(user.pk)),
        token=default_token_generator.make_token(user),
    )
    account_email_send(
        to=user.email,
        name="password_reset",
        language=user.language,
        context={
            "user": user,
            "reset_url": link,
            "valid_for_hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
        },
    )
    return True


def user_password_reset_check(*, uidb64: str, token: str, ip: str) -> User:
    """The user a password reset link belongs to, if the link is still good.

    Django's token generator makes the link single-use (it hashes the password and last
    sign-in) and expire after settings.PASSWORD_RESET_TIMEOUT.
    Raises AccountError(LINK_INVALID) and AccountError(RATE_LIMITED) per IP.
    """
    _rate_check([(limits.PASSWORD_RESET_CONFIRM_PER_IP, ip)])
    try:
        user_id = force_str(urlsafe_base64_decode(uidb64))
        user = User.objects.get(pk=user_id, is_active=True)
    except (ValueError, TypeError, OverflowError, ValidationError, User.DoesNotExist) as exc:
        raise AccountError(AccountError.Code.LINK_INVALID) from exc
    if not default_token_generator.check_token(user, token):
        raise AccountError(AccountError.Code.LINK_INVALID)
    return user


@transaction.atomic
def user_password_reset_complete(*, user: User, password: str) -> User:
    """Set a new password from a checked reset link and tell the owner it changed.

    Opening the link proved the person reads this mailbox, so an unconfirmed address
    becomes confirmed. The new password invalidates the link and every other session.
    The password must already have passed the validators (SetPasswordForm does that).
    """
    user.set_password(password)
    fields = ["password"]
    if user.email_verified_at is None:
        user.email_verified_at = timezone.now()
        fields.append("email_verified_at")
    user.save(update_fields=fields)
    _queue_email(
        user=user,
        name="password_changed",
        context={"reset_url": site_url_for("accounts:password-reset")},
    )
    logger.info("password reset", extra={"user_id": str(user.pk)})
    return user

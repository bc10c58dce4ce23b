"""Every write to an account goes through here: registration, e-mail confirmation, sign-in
checks, password resets, language and profile, and the second factor (at the end).

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
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from functools import partial
from typing import Any
from uuid import UUID

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from walletdesk.accounts import limits, passkeys, totp
from walletdesk.accounts.display_names import display_name_is_reserved, display_name_key
from walletdesk.accounts.emails import account_email_send, site_url_for
from walletdesk.accounts.errors import AccountError
from walletdesk.accounts.models import (
    ANTI_PHISHING_CODE_MAX_LENGTH,
    Passkey,
    RecoveryCode,
    TotpDevice,
    User,
)
from walletdesk.accounts.signals import SecondFactorChange, second_factor_changed
from walletdesk.accounts.tokens import (
    verification_token_make,
    verification_token_matches,
    verification_token_read,
)
from walletdesk.audit.models import Kind as AuditKind
from walletdesk.audit.services import record as audit_record
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


def user_time_zone_detected(*, user: User, time_zone: str) -> bool:
    """The browser reports its zone: it becomes ``user``'s zone if they still have the site
    default (never one they chose, never twice). Returns whether it was taken.

    Raises AccountError(TIME_ZONE_UNKNOWN) for a name that is no IANA zone. One conditional
    UPDATE: a profile saved at the same moment keeps the zone the user chose.
    """
    zone = time_zone_validate(time_zone)
    taken = User.objects.filter(pk=user.pk, time_zone_source=User.TimeZoneSource.DEFAULT).update(
        time_zone=zone, time_zone_source=User.TimeZoneSource.BROWSER
    )
    if taken:
        user.time_zone = zone
        user.time_zone_source = User.TimeZoneSource.BROWSER
    return bool(taken)


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
    zone = time_zone_validate(time_zone)
    if zone != user.time_zone:
        # Chosen: the browser's zone never replaces it.
        user.time_zone_source = User.TimeZoneSource.USER
        fields.append("time_zone_source")
    user.time_zone = zone
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
    # Recorded for every address alike (known or not), so the work done tells nobody apart.
    audit_record(AuditKind.PASSWORD_RESET_REQUESTED, target=address)
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
    Records PASSWORD_RESET_DONE (accounts/auditing.py, on the save) in the same transaction.
    """
    user.set_password(password)
    user.password_set_by_reset = True
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


# --- the second factor ------------------------------------------------------------------------
# An authenticator app (TOTP) and ten single-use recovery codes. Each change below is its own
# function, mails the owner in their language and, once committed, sends
# signals.second_factor_changed (kind, user, request) for an audit trail to record. ``request``
# is passed through to that signal only; nothing here reads it.


@dataclass(frozen=True)
class Enrolment:
    """What the set-up page shows for a secret not yet confirmed."""

    secret: str
    secret_grouped: str
    uri: str
    qr_svg: str


def second_factor_enrolment(*, user: User, secret: str) -> Enrolment:
    """The QR code (inline SVG) and the text of ``secret`` for ``user`` to add to their app."""
    uri = totp.provisioning_uri(secret=secret, account=user.email)
    return Enrolment(
        secret=secret, secret_grouped=totp.secret_grouped(secret), uri=uri, qr_svg=totp.qr_svg(uri)
    )


def _second_factor_lock_key(user: User) -> str:
    return f"accounts:second-factor-lock:{user.pk}"


def _second_factor_lock_check(user: User) -> None:
    until = cache.get(_second_factor_lock_key(user))
    if until is not None:
        minutes = max(1, math.ceil((float(until) - time.time()) / 60))
        raise AccountError(AccountError.Code.SECOND_FACTOR_LOCKED, minutes=minutes)


def _second_factor_attempt(user: User, ip: str) -> None:
    """Count an attempt (per account and IP) and refuse while the account's second step is
    locked. Raises SECOND_FACTOR_LOCKED or RATE_LIMITED."""
    _second_factor_lock_check(user)
    verdict = hit_all(
        [(limits.SECOND_FACTOR_PER_ACCOUNT, str(user.pk)), (limits.SECOND_FACTOR_PER_IP, ip)]
    )
    if not verdict.allowed:
        minutes = max(1, math.ceil(verdict.retry_after / 60))
        raise AccountError(AccountError.Code.RATE_LIMITED, minutes=minutes)


def _second_factor_failed(
    user: User,
    *,
    invalid: AccountError.Code = AccountError.Code.SECOND_FACTOR_INVALID,
    step: str = "second_factor",
) -> AccountError:
    """Count a wrong code (or a refused passkey: ``invalid`` and ``step`` say which); the one
    that goes over the limit locks the account's second step until the window ends (the right
    code is refused too while locked). Records a failed sign-in (``step``); callers raise the
    answer outside any transaction, so the record stays."""
    verdict = hit(limits.SECOND_FACTOR_FAILURES_PER_ACCOUNT, str(user.pk))
    audit_record(
        AuditKind.SIGN_IN_FAILED,
        target=user.email,
        step=step,
        locked=not verdict.allowed,
    )
    if not verdict.allowed:
        cache.set(
            _second_factor_lock_key(user),
            time.time() + verdict.retry_after,
            timeout=verdict.retry_after,
        )
        logger.warning("second factor locked", extra={"user_id": str(user.pk)})
        minutes = max(1, math.ceil(verdict.retry_after / 60))
        return AccountError(AccountError.Code.SECOND_FACTOR_LOCKED, minutes=minutes)
    return AccountError(invalid)


def _second_factor_announce(
    *, user: User, kind: SecondFactorChange, request: HttpRequest | None, **context: object
) -> None:
    """After commit: the owner's mail, then the signal for listeners (an audit trail)."""
    _queue_email(
        user=user,
        name="second_factor_changed",
        context={
            "kind": str(kind),
            "profile_url": site_url_for("accounts:two-factor"),
            "reset_url": site_url_for("accounts:password-reset"),
            **context,
        },
    )
    extra = {"passkey": context["passkey"]} if "passkey" in context else {}
    transaction.on_commit(
        partial(
            second_factor_changed.send,
            sender=User,
            user=user,
            kind=kind,
            request=request,
            **extra,
        )
    )


def _recovery_codes_store(user: User) -> list[str]:
    codes = totp.recovery_codes_new()
    RecoveryCode.objects.filter(user=user).delete()
    RecoveryCode.objects.bulk_create(
        RecoveryCode(user=user, code_hash=totp.recovery_code_hash(user_id=user.pk, code=code))
        for code in codes
    )
    return codes


def _user_second_factor_mark(user: User, *, on: bool) -> None:
    now = timezone.now()
    user.second_factor_enabled_at = now if on else None
    user.second_factor_changed_at = now
    user.save(update_fields=["second_factor_enabled_at", "second_factor_changed_at"])


def second_factor_enable(
    *, user: User, secret: str, code: str, ip: str, request: HttpRequest | None = None
) -> list[str]:
    """Turn the second factor on once ``code`` proves the app holds ``secret``.

    Returns the ten recovery codes in clear, to be shown once (only their hashes are kept).
    Every other session of the user ends (the session auth hash changes); the caller keeps
    its own with update_session_auth_hash. Mails the owner; sends second_factor_changed
    (ENABLED). Raises SECOND_FACTOR_ALREADY_ON, SECOND_FACTOR_INVALID, SECOND_FACTOR_LOCKED,
    RATE_LIMITED. Locks the user row, so two confirmations at once enable once.
    """
    _second_factor_attempt(user, ip)
    counter = totp.totp_match(secret=secret, code=code, last_counter=0)
    if counter is None:
        raise _second_factor_failed(user)
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        if locked.has_second_factor:
            raise AccountError(AccountError.Code.SECOND_FACTOR_ALREADY_ON)
        TotpDevice.objects.filter(user=locked).delete()
        TotpDevice.objects.create(user=locked, secret=secret, last_counter=counter)
        codes = _recovery_codes_store(locked)
        _user_second_factor_mark(locked, on=True)
        _second_factor_announce(user=locked, kind=SecondFactorChange.ENABLED, request=request)
    user.second_factor_enabled_at = locked.second_factor_enabled_at
    user.second_factor_changed_at = locked.second_factor_changed_at
    logger.info("second factor enabled", extra={"user_id": str(user.pk)})
    return codes


def _totp_accept(user: User, code: str) -> bool:
    device = TotpDevice.objects.filter(user=user).first()
    if device is None:
        return False
    counter = totp.totp_match(secret=device.secret, code=code, last_counter=device.last_counter)
    if counter is None:
        return False
    # Conditional: two requests with the same code at once cannot both pass.
    return (
        TotpDevice.objects.filter(pk=device.pk, last_counter__lt=counter).update(
            last_counter=counter
        )
        == 1
    )


def _recovery_code_accept(user: User, code: str) -> bool:
    code_hash = totp.recovery_code_hash(user_id=user.pk, code=code)
    # Conditional: a code used by a concurrent request is not used again.
    return (
        RecoveryCode.objects.filter(user=user, code_hash=code_hash, used_at__isnull=True).update(
            used_at=timezone.now()
        )
        == 1
    )


def second_factor_check(
    *, user: User, code: str, ip: str, request: HttpRequest | None = None
) -> str:
    """Accept a code from the authenticator app or one recovery code; returns "totp" or
    "recovery".

    An app code is accepted once (its time step is stored) and a recovery code once (it is
    marked used; the owner is mailed and second_factor_changed RECOVERY_CODE_USED is sent).
    Raises SECOND_FACTOR_OFF, SECOND_FACTOR_INVALID (the failure is counted),
    SECOND_FACTOR_LOCKED (after SECOND_FACTOR_FAILURES_PER_ACCOUNT, for the rest of the
    window, even for a right code) and RATE_LIMITED.
    """
    if not user.has_second_factor:
        raise AccountError(AccountError.Code.SECOND_FACTOR_OFF)
    _second_factor_attempt(user, ip)
    if _totp_accept(user, code):
        return "totp"
    if totp.looks_like_recovery_code(code) and _recovery_code_accept(user, code):
        with transaction.atomic():
            left = RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()
            _second_factor_announce(
                user=user,
                kind=SecondFactorChange.RECOVERY_CODE_USED,
                request=request,
                codes_left=left,
            )
        logger.info("recovery code used", extra={"user_id": str(user.pk)})
        return "recovery"
    raise _second_factor_failed(user)


def second_factor_require(
    *, user: User, code: str, ip: str, request: HttpRequest | None = None
) -> None:
    """The gate of every door that signs in without the web's second step (device tokens,
    wallet sign-in): a user with a second factor must send a code with the request.

    Raises SECOND_FACTOR_REQUIRED (no code sent), SECOND_FACTOR_SETUP_REQUIRED (staff who
    have none yet: they set it up on the website first) and what second_factor_check raises.
    """
    if user.has_second_factor:
        if not code.strip():
            raise AccountError(AccountError.Code.SECOND_FACTOR_REQUIRED)
        second_factor_check(user=user, code=code, ip=ip, request=request)
    elif user.needs_second_factor:
        raise AccountError(AccountError.Code.SECOND_FACTOR_SETUP_REQUIRED)


def recovery_codes_regenerate(
    *, user: User, code: str, ip: str, request: HttpRequest | None = None
) -> list[str]:
    """Replace every recovery code with ten new ones, after a code (app or recovery) proves
    the person holds the second factor. Returns the new codes in clear, to be shown once.
    Mails the owner; sends second_factor_changed (RECOVERY_CODES_REGENERATED). Raises what
    second_factor_check raises.
    """
    second_factor_check(user=user, code=code, ip=ip, request=request)
    with transaction.atomic():
        codes = _recovery_codes_store(user)
        _second_factor_announce(
            user=user, kind=SecondFactorChange.RECOVERY_CODES_REGENERATED, request=request
        )
    logger.info("recovery codes regenerated", extra={"user_id": str(user.pk)})
    return codes


def second_factor_disable(
    *, user: User, password: str, code: str, ip: str, request: HttpRequest | None = None
) -> None:
    """Turn the second factor off: needs the password and a code. Staff may not (it is
    mandatory for them). The passkeys go with it. Ends every other session. Mails the owner; sends
    second_factor_changed (DISABLED).

    Raises SECOND_FACTOR_MANDATORY, SECOND_FACTOR_OFF, PASSWORD_INVALID (counted as a failed
    code, so the pair cannot be guessed faster), and what second_factor_check raises.
    """
    if user.needs_second_factor:
        raise AccountError(AccountError.Code.SECOND_FACTOR_MANDATORY)
    if not user.has_second_factor:
        raise AccountError(AccountError.Code.SECOND_FACTOR_OFF)
    _second_factor_lock_check(user)
    if not user.check_password(password):
        error = _second_factor_failed(user)
        if error.code == AccountError.Code.SECOND_FACTOR_LOCKED:
            raise error
        raise AccountError(AccountError.Code.PASSWORD_INVALID)
    second_factor_check(user=user, code=code, ip=ip, request=request)
    with transaction.atomic():
        TotpDevice.objects.filter(user=user).delete()
        RecoveryCode.objects.filter(user=user).delete()
        Passkey.objects.filter(user=user).delete()
        _user_second_factor_mark(user, on=False)
        _second_factor_announce(user=user, kind=SecondFactorChange.DISABLED, request=request)
    logger.info("second factor disabled", extra={"user_id": str(user.pk)})


@transaction.atomic
def second_factor_reset(*, user: User, request: HttpRequest | None = None) -> None:
    """An administrator clears a user's second factor (a lost phone, no recovery code left).

    Staff must set it up again at their next visit of the console or the admin site. The
    passkeys are removed too. Ends the user's sessions. Mails the owner; sends
    second_factor_changed (RESET_BY_ADMIN).
    """
    TotpDevice.objects.filter(user=user).delete()
    RecoveryCode.objects.filter(user=user).delete()
    Passkey.objects.filter(user=user).delete()
    _user_second_factor_mark(user, on=False)
    _second_factor_announce(user=user, kind=SecondFactorChange.RESET_BY_ADMIN, request=request)
    logger.info("second factor reset", extra={"user_id": str(user.pk)})


# --- passkeys ---------------------------------------------------------------------------------
# WebAuthn credentials an account with an authenticator app adds as a second way through the
# second step (accounts/passkeys.py does the WebAuthn arithmetic). The challenge between the
# browser's two trips waits in ``store`` (the session), single use, for a short while; every
# refused answer counts toward the second step's lockout like a wrong code.

PASSKEY_NAME_MAX_LENGTH = 64


def _passkeys_available() -> None:
    if not passkeys.available():
        raise AccountError(AccountError.Code.PASSKEY_UNAVAILABLE)


def _passkey_name_validate(*, user: User, name: str) -> str:
    """One line of printable text, 1 to PASSKEY_NAME_MAX_LENGTH characters, and no wallet
    secret (the secret guard, as for a display name)."""
    cleaned = " ".join(name.split())
    if (
        not cleaned
        or len(cleaned) > PASSKEY_NAME_MAX_LENGTH
        or not all(ch.isprintable() for ch in cleaned)
    ):
        raise AccountError(
            AccountError.Code.PASSKEY_NAME_INVALID, fields=["name"], limit=PASSKEY_NAME_MAX_LENGTH
        )
    scan = secret_guard(fields={"name": cleaned}, user=user)
    if scan.found:
        raise AccountError(AccountError.Code.SECRET_DETECTED, **scan.refusal({"name": cleaned}))
    return cleaned


def _credential_data(user: User) -> list[bytes]:
    return [bytes(data) for data in user.passkeys.values_list("credential_data", flat=True)]


def passkey_registration_begin(*, user: User, store: MutableMapping[str, Any]) -> dict[str, Any]:
    """The options the browser needs to make a passkey for ``user`` (the publicKey part of
    navigator.credentials.create, base64url JSON); the challenge is kept in ``store``.

    Only an account with two-step verification on may add one. Raises SECOND_FACTOR_OFF and
    PASSKEY_UNAVAILABLE (SITE_URL is an IP address or plain http other than localhost).
    """
    _passkeys_available()
    if not user.has_second_factor:
        raise AccountError(AccountError.Code.SECOND_FACTOR_OFF)
    options, state = passkeys.registration_options(
        user_id=user.pk.bytes,
        name=user.email,
        display_name=user.short_name,
        existing=_credential_data(user),
    )
    passkeys.challenge_keep(store, purpose=passkeys.REGISTER, user_id=str(user.pk), state=state)
    return options


def passkey_register(
    *,
    user: User,
    store: MutableMapping[str, Any],
    name: str,
    response: Mapping[str, Any],
    request: HttpRequest | None = None,
) -> Passkey:
    """Store the passkey the browser made for the challenge in ``store`` (taken, whatever the
    outcome). Mails the owner; sends second_factor_changed (PASSKEY_ADDED).

    Raises PASSKEY_NAME_INVALID and SECRET_DETECTED (the name; the challenge is kept, so the
    person may correct the name and send the same answer), PASSKEY_UNAVAILABLE,
    SECOND_FACTOR_OFF, PASSKEY_EXPIRED (no challenge, an old one, one of another purpose or
    user), PASSKEY_INVALID (the answer does not prove a new credential for this site, or the
    credential is already stored).
    """
    _passkeys_available()
    if not user.has_second_factor:
        raise AccountError(AccountError.Code.SECOND_FACTOR_OFF)
    cleaned = _passkey_name_validate(user=user, name=name)
    state = passkeys.challenge_take(store, purpose=passkeys.REGISTER, user_id=str(user.pk))
    if state is None:
        raise AccountError(AccountError.Code.PASSKEY_EXPIRED)
    try:
        credential = passkeys.registration_verify(state=state, response=response)
    except passkeys.PasskeyRefused as exc:
        logger.info(
            "passkey registration refused", extra={"user_id": str(user.pk), "why": str(exc)}
        )
        raise AccountError(AccountError.Code.PASSKEY_INVALID) from exc
    try:
        with transaction.atomic():
            passkey = Passkey.objects.create(
                user=user,
                name=cleaned,
                credential_id=credential.credential_id,
                credential_data=credential.credential_data,
                sign_count=credential.sign_count,
            )
            _second_factor_announce(
                user=user,
                kind=SecondFactorChange.PASSKEY_ADDED,
                request=request,
                passkey=cleaned,
            )
    except IntegrityError as exc:  # the same credential twice (this or another account)
        raise AccountError(AccountError.Code.PASSKEY_INVALID) from exc
    logger.info("passkey added", extra={"user_id": str(user.pk)})
    return passkey


def _passkey_of(user: User, passkey_id: UUID | str) -> Passkey:
    try:
        return Passkey.objects.get(pk=passkey_id, user=user)
    except (Passkey.DoesNotExist, ValueError, ValidationError) as exc:
        raise AccountError(AccountError.Code.PASSKEY_NOT_FOUND) from exc


def passkey_rename(
    *, user: User, passkey_id: UUID | str, name: str, request: HttpRequest | None = None
) -> Passkey:
    """Give one of ``user``'s passkeys another name. Mails the owner; sends
    second_factor_changed (PASSKEY_RENAMED). Raises PASSKEY_NOT_FOUND (another user's too),
    PASSKEY_NAME_INVALID, SECRET_DETECTED."""
    passkey = _passkey_of(user, passkey_id)
    cleaned = _passkey_name_validate(user=user, name=name)
    if cleaned == passkey.name:
        return passkey
    with transaction.atomic():
        passkey.name = cleaned
        passkey.save(update_fields=["name"])
        _second_factor_announce(
            user=user, kind=SecondFactorChange.PASSKEY_RENAMED, request=request, passkey=cleaned
        )
    return passkey


def passkey_remove(
    *,
    user: User,
    passkey_id: UUID | str,
    password: str,
    code: str,
    ip: str,
    request: HttpRequest | None = None,
) -> None:
    """Remove one of ``user``'s passkeys, once the password or a current code (app or recovery)
    confirms it is the owner. Mails the owner; sends second_factor_changed (PASSKEY_REMOVED).

    Raises PASSKEY_NOT_FOUND (another user's too), PASSKEY_CONFIRM_REQUIRED (neither given),
    PASSWORD_INVALID (counted as a failed code), and what second_factor_check raises.
    """
    passkey = _passkey_of(user, passkey_id)
    if password:
        _second_factor_lock_check(user)
        if not user.check_password(password):
            error = _second_factor_failed(user)
            if error.code == AccountError.Code.SECOND_FACTOR_LOCKED:
                raise error
            raise AccountError(AccountError.Code.PASSWORD_INVALID)
    elif code.strip():
        second_factor_check(user=user, code=code, ip=ip, request=request)
    else:
        raise AccountError(AccountError.Code.PASSKEY_CONFIRM_REQUIRED)
    with transaction.atomic():
        passkey.delete()
        _second_factor_announce(
            user=user,
            kind=SecondFactorChange.PASSKEY_REMOVED,
            request=request,
            passkey=passkey.name,
        )
    logger.info("passkey removed", extra={"user_id": str(user.pk)})


def passkey_sign_in_begin(*, user: User, store: MutableMapping[str, Any]) -> dict[str, Any]:
    """The options for the browser to sign ``user``'s second step with one of their passkeys
    (only theirs are named); the challenge is kept in ``store``.

    Raises PASSKEY_UNAVAILABLE (no passkey, or none possible on this SITE_URL) and
    SECOND_FACTOR_LOCKED (the second step is locked: no point asking the authenticator).
    """
    _passkeys_available()
    existing = _credential_data(user)
    if not existing or not user.has_second_factor:
        raise AccountError(AccountError.Code.PASSKEY_UNAVAILABLE)
    _second_factor_lock_check(user)
    options, state = passkeys.authentication_options(existing=existing)
    passkeys.challenge_keep(store, purpose=passkeys.SIGN_IN, user_id=str(user.pk), state=state)
    return options


def passkey_check(
    *,
    user: User,
    store: MutableMapping[str, Any],
    response: Mapping[str, Any],
    ip: str,
) -> Passkey:
    """Accept an answer signed by one of ``user``'s passkeys over the challenge in ``store``
    (taken, whatever the outcome): it passes the second step, as an app code does.

    Refused, and counted toward the lockout like a wrong code: no challenge (expired, used, or
    made for another user), a credential that is not this user's, a wrong origin or relying
    party, a bad signature, and a signature counter that did not advance (a cloned key or a
    replay). Raises PASSKEY_INVALID, SECOND_FACTOR_LOCKED and RATE_LIMITED.
    """
    _second_factor_attempt(user, ip)
    state = passkeys.challenge_take(store, purpose=passkeys.SIGN_IN, user_id=str(user.pk))
    passkey = None
    why = "no challenge"
    try:
        if state is not None:
            credential_id = passkeys.assertion_credential_id(response)
            passkey = Passkey.objects.filter(user=user, credential_id=credential_id).first()
            why = "not this user's passkey"
    except passkeys.PasskeyRefused as exc:
        why = str(exc)
    if state is not None and passkey is not None:
        try:
            received = passkeys.assertion_verify(
                state=state, credential_data=bytes(passkey.credential_data), response=response
            )
        except passkeys.PasskeyRefused as exc:
            why = str(exc)
        else:
            stored = passkey.sign_count
            # Conditional on the counter read: two uses with one answer cannot both pass.
            if passkeys.sign_count_advances(stored=stored, received=received) and (
                Passkey.objects.filter(pk=passkey.pk, sign_count=stored).update(
                    sign_count=received, last_used_at=timezone.now()
                )
                == 1
            ):
                passkey.sign_count = received
                return passkey
            why = "signature counter did not advance"
            logger.warning(
                "passkey counter did not advance: a cloned key or a replay",
                extra={"user_id": str(user.pk), "passkey_id": str(passkey.pk)},
            )
    logger.info("passkey refused", extra={"user_id": str(user.pk), "why": why})
    raise _second_factor_failed(user, invalid=AccountError.Code.PASSKEY_INVALID, step="passkey")

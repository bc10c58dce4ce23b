from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from walletdesk.core.errors import DomainError


class AccountError(DomainError):
    class Code(DomainError.Code):
        RATE_LIMITED = "rate_limited"
        INVALID_CREDENTIALS = "invalid_credentials"
        LINK_INVALID = "link_invalid"
        LINK_EXPIRED = "link_expired"
        ALREADY_VERIFIED = "already_verified"
        LANGUAGE_UNKNOWN = "language_unknown"
        TIME_ZONE_UNKNOWN = "time_zone_unknown"
        SECRET_DETECTED = "secret_detected"  # noqa: S105 - an error code, not a password
        DISPLAY_NAME_RESERVED = "display_name_reserved"
        SECOND_FACTOR_REQUIRED = "second_factor_required"
        SECOND_FACTOR_SETUP_REQUIRED = "second_factor_setup_required"
        SECOND_FACTOR_INVALID = "second_factor_invalid"
        SECOND_FACTOR_LOCKED = "second_factor_locked"
        SECOND_FACTOR_ALREADY_ON = "second_factor_already_on"
        SECOND_FACTOR_OFF = "second_factor_off"
        SECOND_FACTOR_MANDATORY = "second_factor_mandatory"
        SIGN_IN_EXPIRED = "sign_in_expired"
        PASSWORD_INVALID = "password_invalid"  # noqa: S105 - an error code, not a password
        ANTI_PHISHING_CODE_INVALID = "anti_phishing_code_invalid"
        PASSKEY_INVALID = "passkey_invalid"
        PASSKEY_EXPIRED = "passkey_expired"
        PASSKEY_UNAVAILABLE = "passkey_unavailable"
        PASSKEY_NOT_FOUND = "passkey_not_found"
        PASSKEY_NAME_INVALID = "passkey_name_invalid"
        PASSKEY_CONFIRM_REQUIRED = "passkey_confirm_required"

    messages = {
        Code.RATE_LIMITED.value: ngettext_lazy(
            "Too many attempts. Please wait %(minutes)d minute and try again.",
            "Too many attempts. Please wait %(minutes)d minutes and try again.",
            "minutes",
        ),
        # One message for an unknown address and a wrong password: never say which.
        Code.INVALID_CREDENTIALS.value: _("The e-mail address or password is incorrect."),
        Code.LINK_INVALID.value: _(
            "This link is not valid. It may have been used already or copied incompletely."
        ),
        Code.LINK_EXPIRED.value: _("This link has expired. Request a new one."),
        Code.ALREADY_VERIFIED.value: _("Your e-mail address is already confirmed."),
        Code.LANGUAGE_UNKNOWN.value: _("This language is not available."),
        Code.TIME_ZONE_UNKNOWN.value: _("Choose a time zone from the list."),
        Code.SECRET_DETECTED.value: _(
            "Not saved: this looks like a recovery phrase or a private key. Support never asks "
            "for it. Anyone who has seen it can take your funds: move them to a new wallet now."
        ),
        Code.DISPLAY_NAME_RESERVED.value: _(
            "This name is kept for the support team. Choose another display name."
        ),
        Code.SECOND_FACTOR_REQUIRED.value: _(
            "Enter the 6-digit code from your authenticator app, or a recovery code."
        ),
        Code.SECOND_FACTOR_SETUP_REQUIRED.value: _(
            "Staff accounts need two-step verification. Set it up on the website first."
        ),
        Code.SECOND_FACTOR_INVALID.value: _(
            "This code is not correct, has expired or was used already. Try the current code."
        ),
        Code.SECOND_FACTOR_LOCKED.value: ngettext_lazy(
            "Too many wrong codes. Two-step verification is locked for %(minutes)d minute.",
            "Too many wrong codes. Two-step verification is locked for %(minutes)d minutes.",
            "minutes",
        ),
        Code.SECOND_FACTOR_ALREADY_ON.value: _("Two-step verification is already on."),
        Code.SECOND_FACTOR_OFF.value: _("Two-step verification is not on for this account."),
        Code.SECOND_FACTOR_MANDATORY.value: _("Staff accounts must keep two-step verification on."),
        Code.SIGN_IN_EXPIRED.value: _("This sign-in took too long. Please sign in again."),
        Code.PASSWORD_INVALID.value: _("The password is incorrect."),
        Code.ANTI_PHISHING_CODE_INVALID.value: _(
            "Not saved: the anti-phishing code is one line of at most %(limit)d characters."
        ),
        Code.PASSKEY_INVALID.value: _(
            "The passkey was not accepted. Try again, or enter a code from your authenticator app."
        ),
        Code.PASSKEY_EXPIRED.value: _(
            "The passkey request expired or was used already. Try again."
        ),
        Code.PASSKEY_UNAVAILABLE.value: _(
            "Passkeys are not available here. Use a code from your authenticator app."
        ),
        Code.PASSKEY_NOT_FOUND.value: _("This passkey does not exist or was removed."),
        Code.PASSKEY_NAME_INVALID.value: _(
            "Give the passkey a name of one line, at most %(limit)d characters."
        ),
        Code.PASSKEY_CONFIRM_REQUIRED.value: _(
            "Enter your password or a current code to remove a passkey."
        ),
    }

    # Which HTTP status a page answers with for each refusal.
    statuses = {
        Code.RATE_LIMITED.value: 429,
        Code.ALREADY_VERIFIED.value: 409,
        Code.SECOND_FACTOR_LOCKED.value: 429,
        Code.SECOND_FACTOR_MANDATORY.value: 409,
        Code.SECOND_FACTOR_ALREADY_ON.value: 409,
        Code.PASSKEY_NOT_FOUND.value: 404,
    }

    @property
    def message(self) -> str:
        template = self.messages.get(self.code.value, self.code.value)
        # Interpolate before str(): a plural message picks its form from the number.
        return str(template % self.params) if self.params else str(template)

    @property
    def status(self) -> int:
        return self.statuses.get(self.code.value, 400)

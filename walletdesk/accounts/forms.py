"""Input shape for the account pages; the services decide everything else."""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from walletdesk.accounts.models import User
from walletdesk.core.forms import choice_field

# Zones wallet users are most often in, Asia/Shanghai first (the default). Labels name
# places people recognise; the IANA name is shown too because that is what the API uses.
COMMON_TIME_ZONES: list[tuple[str, Any]] = [
    ("Asia/Shanghai", _("Beijing, Shanghai")),
    ("Asia/Hong_Kong", _("Hong Kong")),
    ("Asia/Taipei", _("Taipei")),
    ("Asia/Singapore", _("Singapore")),
    ("Asia/Kuala_Lumpur", _("Kuala Lumpur")),
    ("Asia/Tokyo", _("Tokyo")),
    ("Asia/Seoul", _("Seoul")),
    ("Asia/Bangkok", _("Bangkok")),
    ("Asia/Ho_Chi_Minh", _("Ho Chi Minh City")),
    ("Asia/Jakarta", _("Jakarta")),
    ("Asia/Manila", _("Manila")),
    ("Asia/Kolkata", _("India")),
    ("Asia/Dubai", _("Dubai")),
    ("Europe/Moscow", _("Moscow")),
    ("Europe/Istanbul", _("Istanbul")),
    ("Europe/Berlin", _("Berlin, Paris")),
    ("Europe/London", _("London")),
    ("America/New_York", _("New York")),
    ("America/Chicago", _("Chicago")),
    ("America/Los_Angeles", _("Los Angeles")),
    ("Australia/Sydney", _("Sydney")),
    ("UTC", _("Coordinated Universal Time (UTC)")),
]


def _email_field() -> forms.EmailField:
    return forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(
            attrs={"autocomplete": "email", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )


def _password_field(label: Any, autocomplete: str, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        strip=False,
        help_text=help_text,
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
    )


class RegisterForm(forms.Form):
    email = _email_field()
    password1 = _password_field(
        _("Password"),
        "new-password",
        _("At least 8 characters; not only numbers and not a common password."),
    )
    password2 = _password_field(_("Repeat the password"), "new-password")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords are not the same."))
        elif password1:
            # An unsaved user lets the similarity validator compare with the address.
            candidate = User(email=cleaned.get("email") or "")
            try:
                password_validation.validate_password(password1, candidate)
            except ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned


class SignInForm(forms.Form):
    email = _email_field()
    password = _password_field(_("Password"), "current-password")
    next = forms.CharField(required=False, widget=forms.HiddenInput)


class PasswordResetRequestForm(forms.Form):
    email = _email_field()


class ProfileForm(forms.Form):
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=80,
        required=False,
        help_text=_("The name support agents address you by. Leave empty to use your e-mail."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        help_text=_("Times on tickets and in e-mails are shown in this zone."),
    )
    # No max_length here: the service tells the limit (and reads an overlong text for a
    # secret first), so what was typed comes back as typed.
    anti_phishing_code = forms.CharField(
        label=_("Anti-phishing code"),
        required=False,
        strip=False,
        help_text=_(
            "A short phrase of your choice, at most 24 characters. Every e-mail from us shows "
            "it at the top; an e-mail without it is not from us. Never use a password, a "
            "recovery phrase or a code you were sent. Leave empty for none."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, current_time_zone: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(zone, f"{label} ({zone})") for zone, label in COMMON_TIME_ZONES]
        # Keep a zone an administrator set that is not in the short list.
        if current_time_zone and current_time_zone not in dict(COMMON_TIME_ZONES):
            choices.append((current_time_zone, current_time_zone))
        choice_field(self, "time_zone").choices = choices


def _code_field(label: Any, help_text: Any = "", *, digits_only: bool = False) -> forms.CharField:
    attrs = {
        "autocomplete": "one-time-code",
        "autocapitalize": "characters",
        "spellcheck": "false",
        "maxlength": "20",
    }
    if digits_only:
        attrs.update({"inputmode": "numeric", "pattern": "[0-9 ]*", "maxlength": "8"})
    return forms.CharField(
        label=label, max_length=20, help_text=help_text, widget=forms.TextInput(attrs=attrs)
    )


class SecondFactorForm(forms.Form):
    """The second step of signing in: an app code or a recovery code."""

    code = _code_field(
        _("Verification code"),
        _("The 6-digit code from your authenticator app, or one of your recovery codes."),
    )


class SecondFactorSetupForm(forms.Form):
    code = _code_field(
        _("Code from the app"),
        _("After adding the account, type the 6-digit code the app shows."),
        digits_only=True,
    )


class SecondFactorDisableForm(forms.Form):
    password = _password_field(_("Password"), "current-password")
    code = _code_field(
        _("Verification code"),
        _("The 6-digit code from your authenticator app, or one of your recovery codes."),
    )


# --- passkeys -----------------------------------------------------------------------------------
# The name's rules are the service's (one line, the secret guard), so what was typed comes back
# as typed; the browser's answer is base64url JSON in a hidden field, read by the service.


def _passkey_name_field() -> forms.CharField:
    return forms.CharField(
        label=_("Passkey name"),
        strip=False,
        help_text=_("So you can tell your passkeys apart, e.g. “Office YubiKey” or “My phone”."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "maxlength": "64"}),
    )


def _credential_field() -> forms.CharField:
    return forms.CharField(required=False, widget=forms.HiddenInput)


class PasskeyAddForm(forms.Form):
    name = _passkey_name_field()
    credential = _credential_field()


class PasskeyRenameForm(forms.Form):
    name = _passkey_name_field()


class PasskeyRemoveForm(forms.Form):
    """Either the password or a current code confirms a removal."""

    password = forms.CharField(
        label=_("Password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = forms.CharField(
        label=_("or a verification code"),
        required=False,
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "spellcheck": "false", "maxlength": "20"}
        ),
    )


class PasskeySignInForm(forms.Form):
    credential = _credential_field()

"""Every account e-mail is built by core.mail, in the recipient's language."""

import pytest
from django.core import mail

from walletdesk.accounts.emails import account_email_build, account_email_send
from walletdesk.testing.mail import assert_mail_in

URL = "http://127.0.0.1:8000/accounts/link/"
CONTEXTS = {
    "verify_email": {"verify_url": URL, "valid_for_hours": 72},
    "register_existing": {"login_url": URL, "reset_url": URL},
    "password_reset": {"reset_url": URL, "valid_for_hours": 1},
    "password_changed": {"reset_url": URL},
    "second_factor_changed": {"kind": "enabled", "profile_url": URL, "reset_url": URL},
}
SUBJECTS = {
    ("verify_email", "en"): "Confirm your e-mail address",
    ("password_changed", "zh-hans"): "您的密码已更改",
    ("password_reset", "en"): "Choose a new password",
}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("name", sorted(CONTEXTS))
def test_every_account_mail_is_built_in_the_recipients_language(name, language, bob):
    message = account_email_build(
        to=bob.email, name=name, language=language, context={"user": bob, **CONTEXTS[name]}
    )

    assert_mail_in(message, language)
    assert message.to == ["bob@example.com"]
    assert URL in message.body
    assert f'href="{URL}"' in message.alternatives[0][0]
    if (name, language) in SUBJECTS:
        assert message.subject == SUBJECTS[name, language]


def test_sending_sends_the_built_mail(bob):
    account_email_send(
        to=bob.email, name="password_changed", language="en", context=CONTEXTS["password_changed"]
    )

    (sent,) = mail.outbox
    assert_mail_in(sent, "en")
    assert sent.subject == "Your password was changed"


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize(
    ("kind", "subject_en"),
    [
        ("enabled", "Two-step verification is on"),
        ("disabled", "Two-step verification was turned off"),
        ("recovery_codes_regenerated", "New recovery codes were made"),
        ("recovery_code_used", "A recovery code was used to sign in"),
        ("reset_by_admin", "Two-step verification was reset by support"),
    ],
)
def test_every_second_factor_change_has_its_own_mail(kind, subject_en, language, bob):
    context = {"user": bob, "kind": kind, "profile_url": URL, "reset_url": URL, "codes_left": 1}

    message = account_email_build(
        to=bob.email, name="second_factor_changed", language=language, context=context
    )

    assert_mail_in(message, language)
    assert (message.subject == subject_en) == (language == "en")
    if kind == "recovery_code_used":
        assert ("1 unused code left" in message.body) == (language == "en")

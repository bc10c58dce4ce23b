"""The anti-phishing code a user chose opens every kind of mail they get from us, in their
language, in both parts; a user without one gets no such line."""

import pytest
from django.core import mail as outbox

from walletdesk.accounts.services import user_password_reset_mail_send, user_verification_resend
from walletdesk.accounts.tests.factories import UserFactory
from walletdesk.core.mail import mail_anti_phishing_code
from walletdesk.inbound.services import inbound_message_accept
from walletdesk.inbound.tests.mail import eml
from walletdesk.notifications.channels.email import email_build
from walletdesk.notifications.models import Kind
from walletdesk.notifications.tests.test_email import _notification
from walletdesk.siwe.services import signup_code_email_build
from walletdesk.testing.mail import mail_parts

pytestmark = pytest.mark.django_db

CODE = "月光宝盒 <42>"
LINE = {"zh-hans": f"您的防钓鱼码：{CODE}", "en": f"Your anti-phishing code: {CODE}"}


def _assert_code_on_top(message, language):
    parts = mail_parts(message)
    assert parts["text"].startswith(LINE[language] + "\n\n"), parts["text"][:80]
    # In the HTML part: escaped, and before anything the mail itself says.
    escaped = LINE[language].replace("<", "&lt;").replace(">", "&gt;")
    body = parts["html"].split("<body>", 1)[1]
    assert body.lstrip().startswith('<p class="anti-phishing-code"'), body[:120]
    assert escaped in body.split("</p>", 1)[0]
    assert CODE not in parts["html"]  # never unescaped
    assert CODE not in parts["subject"]


def _assert_no_code(message):
    parts = mail_parts(message)
    for part in parts.values():
        assert "防钓鱼码" not in part
        assert "anti-phishing code" not in part.lower()


def _sent(language, code=CODE, **extra):
    return UserFactory(anti_phishing_code=code, language=language, **extra)


def _verification(user):
    user.email_verified_at = None
    user.save(update_fields=["email_verified_at"])
    user_verification_resend(user=user, ip="127.0.0.1")


def _reset(user):
    assert user_password_reset_mail_send(email=user.email)


def _siwe(user):
    signup_code_email_build(to=user.email, code="ABCD2345", language=user.language).send()


def _inbound_answer(user):
    # A new ticket in their name that no server vouched for: they are asked to confirm it.
    raw = eml("17_new_ticket_utf8.eml", signed=False)
    inbound_message_accept(raw.replace(b"alice@example.com", user.email.encode()))


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("send", [_verification, _reset, _siwe, _inbound_answer])
def test_account_siwe_and_inbound_mails_carry_the_code(
    send, language, django_capture_on_commit_callbacks
):
    user = _sent(language)

    with django_capture_on_commit_callbacks(execute=True):
        send(user)

    (message,) = outbox.outbox
    assert message.to == [user.email]
    _assert_code_on_top(message, language)


@pytest.mark.parametrize("send", [_verification, _reset, _siwe, _inbound_answer])
def test_no_code_no_line(send, django_capture_on_commit_callbacks):
    user = _sent("zh-hans", code="")

    with django_capture_on_commit_callbacks(execute=True):
        send(user)

    (message,) = outbox.outbox
    _assert_no_code(message)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
# Every kind, the forum's included: a forum mail is the one a phisher would most like to copy.
@pytest.mark.parametrize("kind", sorted(Kind.values))
def test_every_notification_carries_its_recipients_code(kind, language):
    notification = _notification(kind, language)
    recipient = notification.recipient
    recipient.anti_phishing_code = CODE
    recipient.save(update_fields=["anti_phishing_code"])

    _assert_code_on_top(email_build(notification), language)


def test_a_notification_to_someone_without_a_code_has_none(db):
    _assert_no_code(email_build(_notification(Kind.AGENT_REPLIED, "zh-hans")))


def test_the_code_is_looked_up_by_address_whatever_its_case_and_name(db):
    UserFactory(email="alice@example.com", anti_phishing_code="蓝色海豚")

    assert mail_anti_phishing_code("Alice <ALICE@example.com>") == "蓝色海豚"
    assert mail_anti_phishing_code("bob@example.com") == ""
    assert mail_anti_phishing_code("") == ""


def test_an_inactive_accounts_code_is_not_shown(db):
    UserFactory(email="gone@example.com", anti_phishing_code="蓝色海豚", is_active=False)

    assert mail_anti_phishing_code("gone@example.com") == ""

import datetime as dt
import re

import pytest
import time_machine
from django.conf import settings
from django.core import mail, signing
from django.utils import timezone

from walletdesk.accounts import limits, services, tokens
from walletdesk.accounts.errors import AccountError
from walletdesk.accounts.models import User
from walletdesk.accounts.tests.factories import UserFactory
from walletdesk.accounts.tokens import verification_token_make

PASSWORD = "correct horse battery"
IP = "203.0.113.7"


def _link(message: mail.EmailMessage) -> str:
    match = re.search(re.escape(settings.SITE_URL) + r"(/\S+)", str(message.body))
    assert match, message.body
    return match.group(1)


def _register(capture, email: str = "new@example.com", **kwargs) -> User | None:
    with capture(execute=True):
        return services.user_register(
            email=email, password="a fresh Passw0rd!", language="zh-hans", ip=IP, **kwargs
        )


# --- registration -------------------------------------------------------------------------


def test_register_creates_unverified_customer_and_emails_a_link(
    db, django_capture_on_commit_callbacks
):
    user = _register(django_capture_on_commit_callbacks, email="  New@Example.com ")

    assert user is not None
    user.refresh_from_db()
    assert user.email == "new@example.com"
    assert user.role == User.Role.CUSTOMER
    assert user.language == "zh-hans"
    assert not user.is_verified
    assert user.check_password("a fresh Passw0rd!")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new@example.com"]
    assert _link(mail.outbox[0]).startswith("/accounts/verify/")


def test_register_keeps_the_visitors_language(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        user = services.user_register(
            email="en@example.com", password="a fresh Passw0rd!", language="en", ip=IP
        )

    assert user is not None
    assert User.objects.get(pk=user.pk).language == "en"
    assert mail.outbox[0].subject == "Confirm your e-mail address"


def test_register_known_address_mails_the_owner_and_changes_nothing(
    alice, django_capture_on_commit_callbacks
):
    password_before = alice.password

    result = _register(django_capture_on_commit_callbacks, email="ALICE@example.com")

    assert result is None
    assert User.objects.filter(email="alice@example.com").count() == 1
    alice.refresh_from_db()
    assert alice.password == password_before
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alice@example.com"]
    assert "/accounts/login/" in mail.outbox[0].body
    assert "/accounts/password-reset/" in mail.outbox[0].body


def test_register_is_rate_limited_per_address(db, django_capture_on_commit_callbacks):
    for _ in range(limits.REGISTER_PER_ADDRESS.count):
        _register(django_capture_on_commit_callbacks, email="same@example.com")

    with pytest.raises(AccountError) as refused:
        _register(django_capture_on_commit_callbacks, email="same@example.com")

    assert refused.value.code == AccountError.Code.RATE_LIMITED
    assert refused.value.status == 429
    assert User.objects.filter(email="same@example.com").count() == 1


def test_register_is_rate_limited_per_ip(db, django_capture_on_commit_callbacks):
    for n in range(limits.REGISTER_PER_IP.count):
        _register(django_capture_on_commit_callbacks, email=f"u{n}@example.com")

    with pytest.raises(AccountError) as refused:
        _register(django_capture_on_commit_callbacks, email="one-more@example.com")

    assert refused.value.code == AccountError.Code.RATE_LIMITED
    assert not User.objects.filter(email="one-more@example.com").exists()


# --- e-mail confirmation ------------------------------------------------------------------


@pytest.fixture
def newcomer(db) -> User:
    return UserFactory(email="newcomer@example.com", email_verified_at=None)


def test_verify_email_confirms_the_address(newcomer):
    token = verification_token_make(newcomer)

    services.user_verify_email(token=token)

    newcomer.refresh_from_db()
    assert newcomer.is_verified


def test_verify_email_link_cannot_be_reused(newcomer):
    token = verification_token_make(newcomer)
    services.user_verify_email(token=token)
    newcomer.refresh_from_db()
    first_verified_at = newcomer.email_verified_at

    with pytest.raises(AccountError) as refused:
        services.user_verify_email(token=token)

    assert refused.value.code == AccountError.Code.LINK_INVALID
    newcomer.refresh_from_db()
    assert newcomer.email_verified_at == first_verified_at


def test_verify_email_refuses_a_tampered_link(newcomer):
    token = verification_token_make(newcomer)
    tampered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")

    with pytest.raises(AccountError) as refused:
        services.user_verify_email(token=tampered)

    assert refused.value.code == AccountError.Code.LINK_INVALID
    newcomer.refresh_from_db()
    assert not newcomer.is_verified


def test_verify_email_refuses_a_token_signed_for_another_purpose(newcomer):
    # Same payload, other salt: a value signed elsewhere in the project is not a link.
    payload = signing.loads(verification_token_make(newcomer), salt=tokens._SALT)
    token = signing.dumps(payload, salt="walletdesk.something-else")

    with pytest.raises(AccountError) as refused:
        services.user_verify_email(token=token)

    assert refused.value.code == AccountError.Code.LINK_INVALID
    newcomer.refresh_from_db()
    assert not newcomer.is_verified


def test_verify_email_refuses_an_expired_link(newcomer):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        token = verification_token_make(newcomer)
    later = start + dt.timedelta(seconds=settings.EMAIL_VERIFICATION_MAX_AGE_FOR + 60)

    with time_machine.travel(later, tick=False), pytest.raises(AccountError) as refused:
        services.user_verify_email(token=token)

    assert refused.value.code == AccountError.Code.LINK_EXPIRED
    newcomer.refresh_from_db()
    assert not newcomer.is_verified


def test_verification_resend_mails_a_new_link(newcomer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.user_verification_resend(user=newcomer, ip=IP)

    assert len(mail.outbox) == 1
    services.user_verify_email(token=_link(mail.outbox[0]).split("/")[-2])
    newcomer.refresh_from_db()
    assert newcomer.is_verified


def test_verification_resend_refuses_a_verified_user(alice):
    with pytest.raises(AccountError) as refused:
        services.user_verification_resend(user=alice, ip=IP)

    assert refused.value.code == AccountError.Code.ALREADY_VERIFIED
    assert mail.outbox == []


def test_verification_resend_is_rate_limited(newcomer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(limits.VERIFICATION_RESEND_PER_ACCOUNT.count):
            services.user_verification_resend(user=newcomer, ip=IP)

    with pytest.raises(AccountError) as refused:
        services.user_verification_resend(user=newcomer, ip=IP)

    assert refused.value.code == AccountError.Code.RATE_LIMITED
    assert len(mail.outbox) == limits.VERIFICATION_RESEND_PER_ACCOUNT.count


# --- sign-in ------------------------------------------------------------------------------


def test_sign_in_check_returns_the_user(alice):
    user = services.user_sign_in_check(email=" Alice@Example.com", password=PASSWORD, ip=IP)

    assert user == alice


@pytest.mark.parametrize(
    ("email", "password"),
    [("alice@example.com", "wrong"), ("nobody@example.com", PASSWORD)],
    ids=["wrong-password", "unknown-address"],
)
def test_sign_in_check_gives_one_error_for_every_failure(alice, email, password):
    with pytest.raises(AccountError) as refused:
        services.user_sign_in_check(email=email, password=password, ip=IP)

    assert refused.value.code == AccountError.Code.INVALID_CREDENTIALS


def test_sign_in_check_refuses_an_inactive_account(alice):
    alice.is_active = False
    alice.save()

    with pytest.raises(AccountError) as refused:
        services.user_sign_in_check(email="alice@example.com", password=PASSWORD, ip=IP)

    assert refused.value.code == AccountError.Code.INVALID_CREDENTIALS


def test_too_many_failures_lock_the_address_even_for_the_right_password(alice):
    for _ in range(limits.SIGN_IN_FAILURES_PER_ACCOUNT.count):
        with pytest.raises(AccountError):
            services.user_sign_in_check(email="alice@example.com", password="guess", ip=IP)
    with pytest.raises(AccountError) as locking:
        services.user_sign_in_check(email="alice@example.com", password="guess", ip=IP)

    with pytest.raises(AccountError) as refused:
        services.user_sign_in_check(email="alice@example.com", password=PASSWORD, ip="198.51.100.1")

    assert locking.value.code == AccountError.Code.RATE_LIMITED
    assert refused.value.code == AccountError.Code.RATE_LIMITED
    assert refused.value.params["minutes"] >= 1


def test_unknown_addresses_lock_the_same_way(db):
    # Otherwise a lock would tell a stranger which addresses have accounts.
    for _ in range(limits.SIGN_IN_FAILURES_PER_ACCOUNT.count):
        with pytest.raises(AccountError):
            services.user_sign_in_check(email="ghost@example.com", password="guess", ip=IP)

    with pytest.raises(AccountError) as refused:
        services.user_sign_in_check(email="ghost@example.com", password="guess", ip=IP)

    assert refused.value.code == AccountError.Code.RATE_LIMITED


def test_sign_in_is_rate_limited_per_ip(alice):
    for n in range(limits.SIGN_IN_PER_IP.count):
        with pytest.raises(AccountError):
            services.user_sign_in_check(email=f"x{n}@example.com", password="guess", ip=IP)

    with pytest.raises(AccountError) as refused:
        services.user_sign_in_check(email="alice@example.com", password=PASSWORD, ip=IP)

    assert refused.value.code == AccountError.Code.RATE_LIMITED


def test_rate_limited_message_names_minutes_in_the_language(db):
    error = AccountError(AccountError.Code.RATE_LIMITED, minutes=1)

    from django.utils import translation

    with translation.override("en"):
        english = error.message
    with translation.override("zh-hans"):
        chinese = error.message

    assert "1 minute " in english
    assert "1" in chinese
    assert "分钟" in chinese


# --- language and profile -----------------------------------------------------------------


def test_language_set_saves_the_language(alice):
    services.user_language_set(user=alice, language="en")

    alice.refresh_from_db()
    assert alice.language == "en"


def test_language_set_refuses_an_unknown_language(alice):
    with pytest.raises(AccountError) as refused:
        services.user_language_set(user=alice, language="fr")

    assert refused.value.code == AccountError.Code.LANGUAGE_UNKNOWN
    alice.refresh_from_db()
    assert alice.language == "zh-hans"


def test_profile_update_saves_name_language_and_zone(alice):
    services.user_profile_update(
        user=alice, display_name="  Alice   Wang ", language="en", time_zone="Asia/Singapore"
    )

    alice.refresh_from_db()
    assert (alice.display_name, alice.language, alice.time_zone) == (
        "Alice Wang",
        "en",
        "Asia/Singapore",
    )


def test_profile_update_refuses_an_unknown_time_zone(alice):
    with pytest.raises(AccountError) as refused:
        services.user_profile_update(
            user=alice, display_name="A", language="en", time_zone="Mars/Olympus"
        )

    assert refused.value.code == AccountError.Code.TIME_ZONE_UNKNOWN
    alice.refresh_from_db()
    assert alice.time_zone == "Asia/Shanghai"


# --- password reset -----------------------------------------------------------------------


def test_password_reset_request_mails_a_known_address(
    alice, django_capture_on_commit_callbacks, mail_tasks_run
):
    with django_capture_on_commit_callbacks(execute=True):
        services.user_password_reset_request(email="ALICE@example.com", ip=IP)

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alice@example.com"]
    assert _link(mail.outbox[0]).startswith("/accounts/password-reset/")


def test_password_reset_request_for_an_unknown_address_sends_nothing(
    db, django_capture_on_commit_callbacks, mail_tasks_run
):
    with django_capture_on_commit_callbacks(execute=True):
        services.user_password_reset_request(email="nobody@example.com", ip=IP)

    assert mail.outbox == []


def test_password_reset_request_queues_the_same_for_known_and_unknown_addresses(
    alice, django_capture_on_commit_callbacks, monkeypatch
):
    from walletdesk.accounts.tasks import password_reset_mail_task

    queued: list[dict[str, object]] = []
    monkeypatch.setattr(password_reset_mail_task, "delay", lambda **kwargs: queued.append(kwargs))

    with django_capture_on_commit_callbacks(execute=True):
        services.user_password_reset_request(email="ALICE@example.com", ip=IP)
        services.user_password_reset_request(email="nobody@example.com", ip=IP)

    assert queued == [{"email": "alice@example.com"}, {"email": "nobody@example.com"}]
    assert mail.outbox == []  # nothing is looked up or sent while the visitor waits


def test_password_reset_mail_goes_only_to_an_active_account(alice, bob):
    User.objects.filter(pk=bob.pk).update(is_active=False)

    sent = [
        services.user_password_reset_mail_send(email=address)
        for address in ("alice@example.com", "bob@example.com", "nobody@example.com")
    ]

    assert sent == [True, False, False]
    assert [m.to for m in mail.outbox] == [["alice@example.com"]]


def test_password_reset_request_is_rate_limited_per_address(db):
    for _ in range(limits.PASSWORD_RESET_PER_ADDRESS.count):
        services.user_password_reset_request(email="nobody@example.com", ip=IP)

    with pytest.raises(AccountError) as refused:
        services.user_password_reset_request(email="nobody@example.com", ip=IP)

    assert refused.value.code == AccountError.Code.RATE_LIMITED


def test_password_reset_completes_once(
    newcomer, django_capture_on_commit_callbacks, mail_tasks_run
):
    with django_capture_on_commit_callbacks(execute=True):
        services.user_password_reset_request(email=newcomer.email, ip=IP)
    _, _, _, uidb64, token, _ = _link(mail.outbox[0]).split("/")
    user = services.user_password_reset_check(uidb64=uidb64, token=token, ip=IP)

    with django_capture_on_commit_callbacks(execute=True):
        services.user_password_reset_complete(user=user, password="brand new Passw0rd")

    newcomer.refresh_from_db()
    assert newcomer.check_password("brand new Passw0rd")
    # Reading the reset e-mail proves the address, so it counts as confirmed.
    assert newcomer.is_verified
    assert mail.outbox[-1].subject == "您的密码已更改"
    with pytest.raises(AccountError) as reused:
        services.user_password_reset_check(uidb64=uidb64, token=token, ip=IP)
    assert reused.value.code == AccountError.Code.LINK_INVALID


@pytest.mark.parametrize("uidb64", ["", "bm90LWEtdXVpZA", "!!!"])
def test_password_reset_check_refuses_a_broken_link(alice, uidb64):
    with pytest.raises(AccountError) as refused:
        services.user_password_reset_check(uidb64=uidb64 or "x", token="abc-def", ip=IP)

    assert refused.value.code == AccountError.Code.LINK_INVALID

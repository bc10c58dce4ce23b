"""The second factor's services: turning it on with a confirmed code, checking codes once,
locking after repeated failures, recovery codes, turning it off, and the mail and signal each
change sends."""

import re

import pytest
from django.core import mail

from walletdesk.accounts import services, totp
from walletdesk.accounts.errors import AccountError
from walletdesk.accounts.models import RecoveryCode, TotpDevice, User
from walletdesk.accounts.signals import SecondFactorChange, second_factor_changed
from walletdesk.accounts.tests.factories import AgentFactory
from walletdesk.testing.second_factor import totp_code

pytestmark = pytest.mark.django_db
IP = "203.0.113.9"
SECRET = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"


@pytest.fixture
def changes():
    seen: list[tuple[str, str]] = []

    def receiver(sender, user, kind, request, **kwargs):
        seen.append((str(kind), user.email))

    second_factor_changed.connect(receiver, dispatch_uid="test-changes")
    yield seen
    second_factor_changed.disconnect(dispatch_uid="test-changes")


def _enable(user: User, django_capture_on_commit_callbacks) -> list[str]:
    code = totp.code_for(SECRET, totp.counter_now())
    with django_capture_on_commit_callbacks(execute=True):
        return services.second_factor_enable(user=user, secret=SECRET, code=code, ip=IP)


def test_enabling_needs_a_code_of_the_secret(alice) -> None:
    with pytest.raises(AccountError) as caught:
        services.second_factor_enable(user=alice, secret=SECRET, code="000000", ip=IP)

    assert caught.value.code == AccountError.Code.SECOND_FACTOR_INVALID
    alice.refresh_from_db()
    assert not alice.has_second_factor
    assert not TotpDevice.objects.exists()


def test_enabling_stores_the_secret_and_ten_hashed_recovery_codes_and_tells_the_owner(
    alice, changes, django_capture_on_commit_callbacks
) -> None:
    codes = _enable(alice, django_capture_on_commit_callbacks)

    alice.refresh_from_db()
    assert alice.has_second_factor
    assert alice.totp_device.secret == SECRET
    assert alice.totp_device.last_counter >= totp.counter_now() - 1
    stored = set(RecoveryCode.objects.filter(user=alice).values_list("code_hash", flat=True))
    assert len(codes) == 10
    assert stored == {totp.recovery_code_hash(user_id=alice.pk, code=c) for c in codes}
    assert not any(c in str(RecoveryCode.objects.values_list()) for c in codes)
    (sent,) = mail.outbox
    assert sent.to == ["alice@example.com"]
    assert sent.subject == "两步验证已开启"
    assert changes == [("enabled", "alice@example.com")]


def test_enabling_ends_other_sessions(alice, django_capture_on_commit_callbacks) -> None:
    before = alice.get_session_auth_hash()

    _enable(alice, django_capture_on_commit_callbacks)

    alice.refresh_from_db()
    assert alice.get_session_auth_hash() != before


def test_the_code_that_enabled_it_cannot_sign_in(alice, django_capture_on_commit_callbacks):
    code = totp.code_for(SECRET, totp.counter_now())
    with django_capture_on_commit_callbacks(execute=True):
        services.second_factor_enable(user=alice, secret=SECRET, code=code, ip=IP)

    with pytest.raises(AccountError) as caught:
        services.second_factor_check(user=alice, code=code, ip=IP)

    assert caught.value.code == AccountError.Code.SECOND_FACTOR_INVALID


def test_an_app_code_signs_in_once(carol) -> None:
    code = totp_code(carol)

    first = services.second_factor_check(user=carol, code=code, ip=IP)
    with pytest.raises(AccountError) as again:
        services.second_factor_check(user=carol, code=code, ip=IP)

    assert first == "totp"
    assert again.value.code == AccountError.Code.SECOND_FACTOR_INVALID


def test_a_recovery_code_signs_in_once_and_the_owner_is_told(
    alice, changes, django_capture_on_commit_callbacks
) -> None:
    codes = _enable(alice, django_capture_on_commit_callbacks)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        used = services.second_factor_check(user=alice, code=codes[3].lower(), ip=IP)
    with pytest.raises(AccountError) as again:
        services.second_factor_check(user=alice, code=codes[3], ip=IP)

    assert used == "recovery"
    assert again.value.code == AccountError.Code.SECOND_FACTOR_INVALID
    assert RecoveryCode.objects.filter(user=alice, used_at__isnull=False).count() == 1
    (sent,) = mail.outbox
    assert "9" in sent.body  # codes left
    assert changes[-1] == ("recovery_code_used", "alice@example.com")


def test_five_wrong_codes_lock_even_the_right_one(carol) -> None:
    errors = []
    for _ in range(6):
        with pytest.raises(AccountError) as caught:
            services.second_factor_check(user=carol, code="000000", ip=IP)
        errors.append(caught.value.code)

    with pytest.raises(AccountError) as right:
        services.second_factor_check(user=carol, code=totp_code(carol), ip=IP)

    assert errors[:5] == [AccountError.Code.SECOND_FACTOR_INVALID] * 5
    assert errors[5] == AccountError.Code.SECOND_FACTOR_LOCKED
    assert right.value.code == AccountError.Code.SECOND_FACTOR_LOCKED
    # A fixed 15-minute window: the message names the minutes left of it.
    locked = r"错误的验证码次数过多，两步验证已锁定 ([1-9]|1[0-5]) 分钟。"
    assert re.fullmatch(locked, right.value.message)
    assert right.value.status == 429


def test_the_lock_holds_for_one_account_only(carol, erin) -> None:
    for _ in range(6):
        with pytest.raises(AccountError):
            services.second_factor_check(user=carol, code="000000", ip="198.51.100.1")

    assert services.second_factor_check(user=erin, code=totp_code(erin), ip=IP) == "totp"


def test_regenerating_needs_a_code_and_replaces_every_recovery_code(
    alice, changes, django_capture_on_commit_callbacks
) -> None:
    old = _enable(alice, django_capture_on_commit_callbacks)

    with pytest.raises(AccountError):
        services.recovery_codes_regenerate(user=alice, code="123456", ip=IP)
    with django_capture_on_commit_callbacks(execute=True):
        new = services.recovery_codes_regenerate(user=alice, code=old[0], ip=IP)

    assert set(new).isdisjoint(old)
    assert RecoveryCode.objects.filter(user=alice, used_at__isnull=True).count() == 10
    with pytest.raises(AccountError):
        services.second_factor_check(user=alice, code=old[1], ip=IP)
    assert changes[-1] == ("recovery_codes_regenerated", "alice@example.com")


def test_turning_off_needs_the_password_and_a_code(
    alice, changes, django_capture_on_commit_callbacks
) -> None:
    codes = _enable(alice, django_capture_on_commit_callbacks)

    with pytest.raises(AccountError) as wrong_password:
        services.second_factor_disable(user=alice, password="nope", code=codes[0], ip=IP)
    with pytest.raises(AccountError) as wrong_code:
        services.second_factor_disable(
            user=alice, password="correct horse battery", code="000000", ip=IP
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.second_factor_disable(
            user=alice, password="correct horse battery", code=codes[0], ip=IP
        )

    assert wrong_password.value.code == AccountError.Code.PASSWORD_INVALID
    assert wrong_code.value.code == AccountError.Code.SECOND_FACTOR_INVALID
    alice.refresh_from_db()
    assert not alice.has_second_factor
    assert not TotpDevice.objects.filter(user=alice).exists()
    assert not RecoveryCode.objects.filter(user=alice).exists()
    assert changes[-1] == ("disabled", "alice@example.com")


def test_staff_cannot_turn_it_off(carol) -> None:
    with pytest.raises(AccountError) as caught:
        services.second_factor_disable(
            user=carol, password="correct horse battery", code=totp_code(carol), ip=IP
        )

    assert caught.value.code == AccountError.Code.SECOND_FACTOR_MANDATORY
    carol.refresh_from_db()
    assert carol.has_second_factor


def test_the_gate_of_tokens_asks_for_a_code_and_staff_to_set_one_up(alice, carol) -> None:
    newcomer = AgentFactory(second_factor=False)

    services.second_factor_require(user=alice, code="", ip=IP)  # none: nothing asked
    with pytest.raises(AccountError) as missing:
        services.second_factor_require(user=carol, code=" ", ip=IP)
    with pytest.raises(AccountError) as setup:
        services.second_factor_require(user=newcomer, code="", ip=IP)
    services.second_factor_require(user=carol, code=totp_code(carol), ip=IP)

    assert missing.value.code == AccountError.Code.SECOND_FACTOR_REQUIRED
    assert setup.value.code == AccountError.Code.SECOND_FACTOR_SETUP_REQUIRED


def test_an_administrator_resets_a_lost_second_factor(
    carol, changes, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.second_factor_reset(user=carol)

    carol.refresh_from_db()
    assert not carol.has_second_factor
    assert not TotpDevice.objects.filter(user=carol).exists()
    assert changes == [(SecondFactorChange.RESET_BY_ADMIN.value, carol.email)]
    assert len(mail.outbox) == 1

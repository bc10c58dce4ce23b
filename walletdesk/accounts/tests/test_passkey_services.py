"""Passkeys' services, against a software authenticator (walletdesk.testing.passkeys): adding,
renaming and removing one (each mailed and audited), and the second step signed with one,
refused for a wrong origin or relying party, a reused challenge, another user's credential and
a counter that did not advance, each refusal counted toward the lockout."""

import time

import pytest
from django.core import mail
from django.utils import translation

from walletdesk.accounts import passkeys, services
from walletdesk.accounts.errors import AccountError
from walletdesk.accounts.models import Passkey, User
from walletdesk.accounts.signals import SecondFactorChange, second_factor_changed
from walletdesk.accounts.tests.factories import AgentFactory, UserFactory, second_factor_enrol
from walletdesk.audit.models import AuditEvent, Kind
from walletdesk.testing.passkeys import SoftPasskey
from walletdesk.testing.second_factor import totp_code

pytestmark = pytest.mark.django_db
IP = "203.0.113.9"
SITE = "https://help.walletdesk.example"
RP_ID = "help.walletdesk.example"


@pytest.fixture(autouse=True)
def _site(settings) -> None:
    settings.SITE_URL = SITE


@pytest.fixture
def changes():
    seen: list[tuple[str, str, str]] = []

    def receiver(sender, user, kind, request, **kwargs):
        seen.append((str(kind), user.email, str(kwargs.get("passkey", ""))))

    second_factor_changed.connect(receiver, dispatch_uid="test-passkey-changes")
    yield seen
    second_factor_changed.disconnect(dispatch_uid="test-passkey-changes")


def _soft() -> SoftPasskey:
    return SoftPasskey(origin=SITE, rp_id=RP_ID)


def _add(user: User, key: SoftPasskey, name: str = "YubiKey") -> Passkey:
    session: dict[str, object] = {}
    options = services.passkey_registration_begin(user=user, store=session)
    return services.passkey_register(
        user=user, store=session, name=name, response=key.create(options)
    )


def test_relying_party_and_origin_come_from_the_site_url(settings) -> None:
    settings.SITE_URL = "https://Help.WalletDesk.example:8443"

    rp = passkeys.relying_party()

    assert rp.id == "help.walletdesk.example"
    assert rp.origin == "https://help.walletdesk.example:8443"
    assert passkeys.available()


@pytest.mark.parametrize(
    ("site", "offered"),
    [
        ("http://127.0.0.1:8000", False),
        ("https://[::1]:8443", False),
        ("http://help.walletdesk.example", False),
        ("http://localhost:8000", True),
        ("https://help.walletdesk.example", True),
    ],
)
def test_passkeys_are_offered_only_where_browsers_make_them(settings, site, offered) -> None:
    settings.SITE_URL = site

    assert passkeys.available() is offered


def test_an_account_without_a_second_factor_cannot_add_a_passkey(alice) -> None:
    with pytest.raises(AccountError) as caught:
        services.passkey_registration_begin(user=alice, store={})

    assert caught.value.code == AccountError.Code.SECOND_FACTOR_OFF


def test_on_an_ip_address_no_passkey_is_offered(settings) -> None:
    settings.SITE_URL = "http://127.0.0.1:8000"
    agent = AgentFactory()

    with pytest.raises(AccountError) as caught:
        services.passkey_registration_begin(user=agent, store={})

    assert caught.value.code == AccountError.Code.PASSKEY_UNAVAILABLE


def test_adding_a_passkey_stores_its_public_key_and_tells_the_owner(
    changes, django_capture_on_commit_callbacks
) -> None:
    agent = AgentFactory(language="en")
    key = _soft()
    session: dict[str, object] = {}

    options = services.passkey_registration_begin(user=agent, store=session)
    with django_capture_on_commit_callbacks(execute=True):
        passkey = services.passkey_register(
            user=agent, store=session, name="  Office   YubiKey ", response=key.create(options)
        )

    assert options["rp"] == {"id": RP_ID, "name": "WalletDesk"}
    assert options["authenticatorSelection"]["userVerification"] == "preferred"
    assert passkey.name == "Office YubiKey"
    assert passkey.user == agent
    assert passkey.sign_count == 0
    assert passkeys.CHALLENGE_KEY not in session
    assert changes == [("passkey_added", agent.email, "Office YubiKey")]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [agent.email]
    assert mail.outbox[0].subject.endswith("A passkey was added")
    assert 'A passkey named "Office YubiKey" was just added' in mail.outbox[0].body
    event = AuditEvent.objects.get(kind=Kind.SECOND_FACTOR_CHANGED)
    assert event.detail == {"change": "passkey_added", "passkey": "Office YubiKey"}


def test_the_mail_is_in_the_owners_language(django_capture_on_commit_callbacks) -> None:
    agent = AgentFactory(language="zh-hans")

    with django_capture_on_commit_callbacks(execute=True):
        _add(agent, _soft(), name="办公室密钥")

    assert "已添加通行密钥" in mail.outbox[0].subject
    assert "“办公室密钥”" in mail.outbox[0].body


def test_a_second_passkey_is_added_beside_the_first_and_the_first_is_excluded() -> None:
    agent = AgentFactory()
    first = _add(agent, _soft(), name="Phone")
    session: dict[str, object] = {}

    options = services.passkey_registration_begin(user=agent, store=session)
    services.passkey_register(
        user=agent, store=session, name="Laptop", response=_soft().create(options)
    )

    excluded = [c["id"] for c in options["excludeCredentials"]]
    assert excluded == [first.credential_id]
    assert list(agent.passkeys.values_list("name", flat=True)) == ["Phone", "Laptop"]


@pytest.mark.parametrize(
    ("origin", "rp_id"),
    [
        ("https://evil.example", RP_ID),
        ("https://sub.help.walletdesk.example", RP_ID),
        (SITE, "evil.example"),
    ],
)
def test_a_registration_for_another_site_is_refused(origin, rp_id) -> None:
    agent = AgentFactory()
    session: dict[str, object] = {}
    options = services.passkey_registration_begin(user=agent, store=session)

    with pytest.raises(AccountError) as caught:
        services.passkey_register(
            user=agent,
            store=session,
            name="Key",
            response=_soft().create(options, origin=origin, rp_id=rp_id),
        )

    assert caught.value.code == AccountError.Code.PASSKEY_INVALID
    assert not Passkey.objects.exists()


def test_a_registration_answer_cannot_be_sent_twice() -> None:
    agent = AgentFactory()
    session: dict[str, object] = {}
    options = services.passkey_registration_begin(user=agent, store=session)
    answer = _soft().create(options)
    services.passkey_register(user=agent, store=session, name="Key", response=answer)

    with pytest.raises(AccountError) as caught:
        services.passkey_register(user=agent, store=session, name="Key 2", response=answer)

    assert caught.value.code == AccountError.Code.PASSKEY_EXPIRED
    assert agent.passkeys.count() == 1


def test_a_bad_name_keeps_the_challenge_for_a_corrected_one() -> None:
    agent = AgentFactory()
    session: dict[str, object] = {}
    options = services.passkey_registration_begin(user=agent, store=session)
    answer = _soft().create(options)

    with pytest.raises(AccountError) as caught:
        services.passkey_register(user=agent, store=session, name="   ", response=answer)
    services.passkey_register(user=agent, store=session, name="Key", response=answer)

    assert caught.value.code == AccountError.Code.PASSKEY_NAME_INVALID
    with translation.override("en"):
        assert "at most 64 characters" in caught.value.message
    assert "最多 64 个字符" in caught.value.message
    assert agent.passkeys.get().name == "Key"


def test_an_expired_challenge_is_refused(time_machine) -> None:
    agent = AgentFactory()
    session: dict[str, object] = {}
    options = services.passkey_registration_begin(user=agent, store=session)
    time_machine.move_to(time.time() + passkeys.CHALLENGE_FOR + 1)

    with pytest.raises(AccountError) as caught:
        services.passkey_register(
            user=agent, store=session, name="Key", response=_soft().create(options)
        )

    assert caught.value.code == AccountError.Code.PASSKEY_EXPIRED


def test_signing_in_with_a_passkey_passes_the_second_step_and_advances_the_counter() -> None:
    agent = AgentFactory()
    key = _soft()
    passkey = _add(agent, key)
    session: dict[str, object] = {}

    options = services.passkey_sign_in_begin(user=agent, store=session)
    used = services.passkey_check(user=agent, store=session, response=key.get(options), ip=IP)

    assert used == passkey
    assert [c["id"] for c in options["allowCredentials"]] == [passkey.credential_id]
    assert options["rpId"] == RP_ID
    assert options["userVerification"] == "preferred"
    passkey.refresh_from_db()
    assert passkey.sign_count == 1
    assert passkey.last_used_at is not None
    assert passkeys.CHALLENGE_KEY not in session


def test_an_authenticator_that_never_counts_is_accepted_each_time() -> None:
    agent = AgentFactory()
    key = _soft()
    _add(agent, key)

    for _ in range(2):
        session: dict[str, object] = {}
        options = services.passkey_sign_in_begin(user=agent, store=session)
        services.passkey_check(
            user=agent, store=session, response=key.get(options, counter=0), ip=IP
        )

    assert agent.passkeys.get().sign_count == 0


def _refused(user: User, session: dict[str, object], answer: dict[str, object]) -> AccountError:
    with pytest.raises(AccountError) as caught:
        services.passkey_check(user=user, store=session, response=answer, ip=IP)
    return caught.value


@pytest.mark.parametrize(
    ("origin", "rp_id"),
    [
        ("https://evil.example", RP_ID),
        ("http://help.walletdesk.example", RP_ID),
        (SITE, "evil.example"),
    ],
)
def test_an_answer_for_another_site_is_refused(origin, rp_id) -> None:
    agent = AgentFactory()
    key = _soft()
    _add(agent, key)
    session: dict[str, object] = {}
    options = services.passkey_sign_in_begin(user=agent, store=session)

    error = _refused(agent, session, key.get(options, origin=origin, rp_id=rp_id))

    assert error.code == AccountError.Code.PASSKEY_INVALID
    assert error.message.startswith("通行密钥未被接受")
    with translation.override("en"):
        assert error.message.startswith("The passkey was not accepted.")
    assert agent.passkeys.get().sign_count == 0


def test_a_used_challenge_is_refused_the_second_time() -> None:
    agent = AgentFactory()
    key = _soft()
    _add(agent, key)
    session: dict[str, object] = {}
    options = services.passkey_sign_in_begin(user=agent, store=session)
    answer = key.get(options)
    services.passkey_check(user=agent, store=session, response=answer, ip=IP)
    # Even a fresh signature over the old challenge is refused: the challenge is gone.
    session_copy = dict(session)

    assert _refused(agent, session, answer).code == AccountError.Code.PASSKEY_INVALID
    assert _refused(agent, session_copy, key.get(options)).code == AccountError.Code.PASSKEY_INVALID


def test_an_answer_over_another_challenge_is_refused() -> None:
    agent = AgentFactory()
    key = _soft()
    _add(agent, key)
    old: dict[str, object] = {}
    old_options = services.passkey_sign_in_begin(user=agent, store=old)
    session: dict[str, object] = {}
    services.passkey_sign_in_begin(user=agent, store=session)

    assert _refused(agent, session, key.get(old_options)).code == AccountError.Code.PASSKEY_INVALID


def test_a_challenge_made_for_another_user_is_refused() -> None:
    agent, other = AgentFactory(), AgentFactory()
    key = _soft()
    _add(agent, key)
    _add(other, _soft())
    session: dict[str, object] = {}
    options = services.passkey_sign_in_begin(user=other, store=session)

    assert _refused(agent, session, key.get(options)).code == AccountError.Code.PASSKEY_INVALID


def test_another_users_passkey_does_not_pass_this_users_second_step() -> None:
    agent, mallory = AgentFactory(), AgentFactory()
    _add(agent, _soft())
    malloys_key = _soft()
    _add(mallory, malloys_key)
    session: dict[str, object] = {}
    options = services.passkey_sign_in_begin(user=agent, store=session)

    error = _refused(agent, session, malloys_key.get(options))

    assert error.code == AccountError.Code.PASSKEY_INVALID


def test_a_signature_by_another_key_under_a_known_id_is_refused() -> None:
    agent = AgentFactory()
    key = _soft()
    _add(agent, key)
    forger = SoftPasskey(origin=SITE, rp_id=RP_ID, credential_id=key.credential_id)
    session: dict[str, object] = {}
    options = services.passkey_sign_in_begin(user=agent, store=session)

    assert _refused(agent, session, forger.get(options)).code == AccountError.Code.PASSKEY_INVALID


@pytest.mark.parametrize("counter", [5, 4])
def test_a_counter_that_does_not_advance_is_refused_as_a_clone(counter) -> None:
    agent = AgentFactory()
    key = _soft()
    _add(agent, key)
    session: dict[str, object] = {}
    options = services.passkey_sign_in_begin(user=agent, store=session)
    services.passkey_check(user=agent, store=session, response=key.get(options, counter=5), ip=IP)
    options = services.passkey_sign_in_begin(user=agent, store=session)

    error = _refused(agent, session, key.get(options, counter=counter))

    assert error.code == AccountError.Code.PASSKEY_INVALID
    assert agent.passkeys.get().sign_count == 5


def test_refused_passkeys_count_toward_the_lockout_which_then_refuses_codes_too() -> None:
    agent = AgentFactory()
    key = _soft()
    _add(agent, key)

    errors = []
    for _ in range(6):
        session: dict[str, object] = {}
        options = services.passkey_sign_in_begin(user=agent, store=session)
        errors.append(
            _refused(agent, session, key.get(options, origin="https://evil.example")).code
        )
    with pytest.raises(AccountError) as code_refused:
        services.second_factor_check(user=agent, code=totp_code(agent), ip=IP)
    with pytest.raises(AccountError) as begin_refused:
        services.passkey_sign_in_begin(user=agent, store={})

    assert errors == [AccountError.Code.PASSKEY_INVALID] * 5 + [
        AccountError.Code.SECOND_FACTOR_LOCKED
    ]
    assert code_refused.value.code == AccountError.Code.SECOND_FACTOR_LOCKED
    assert begin_refused.value.code == AccountError.Code.SECOND_FACTOR_LOCKED
    failures = AuditEvent.objects.filter(kind=Kind.SIGN_IN_FAILED, detail__step="passkey")
    assert failures.count() == 6


def test_a_user_without_passkeys_is_not_offered_one() -> None:
    agent = AgentFactory()

    with pytest.raises(AccountError) as caught:
        services.passkey_sign_in_begin(user=agent, store={})

    assert caught.value.code == AccountError.Code.PASSKEY_UNAVAILABLE


def test_renaming_tells_the_owner(changes, django_capture_on_commit_callbacks) -> None:
    agent = AgentFactory(language="en")
    passkey = _add(agent, _soft(), name="Old")

    with django_capture_on_commit_callbacks(execute=True):
        services.passkey_rename(user=agent, passkey_id=passkey.pk, name="New", request=None)

    passkey.refresh_from_db()
    assert passkey.name == "New"
    assert changes[-1] == ("passkey_renamed", agent.email, "New")
    assert mail.outbox[-1].subject.endswith("A passkey was renamed")


def test_a_passkey_named_with_a_recovery_phrase_is_refused() -> None:
    agent = AgentFactory()
    phrase = (
        "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon "
        "abandon about"
    )
    session: dict[str, object] = {}
    options = services.passkey_registration_begin(user=agent, store=session)

    with pytest.raises(AccountError) as caught:
        services.passkey_register(
            user=agent, store=session, name=phrase, response=_soft().create(options)
        )

    assert caught.value.code in (
        AccountError.Code.SECRET_DETECTED,
        AccountError.Code.PASSKEY_NAME_INVALID,
    )
    assert not Passkey.objects.exists()


def test_bob_cannot_rename_or_remove_alices_passkey() -> None:
    alice_agent, bob_agent = AgentFactory(), AgentFactory()
    passkey = _add(alice_agent, _soft(), name="Alice's")

    with pytest.raises(AccountError) as renamed:
        services.passkey_rename(user=bob_agent, passkey_id=passkey.pk, name="Mine")
    with pytest.raises(AccountError) as removed:
        services.passkey_remove(
            user=bob_agent, passkey_id=passkey.pk, password="correct horse battery", code="", ip=IP
        )

    assert renamed.value.code == AccountError.Code.PASSKEY_NOT_FOUND
    assert removed.value.code == AccountError.Code.PASSKEY_NOT_FOUND
    assert Passkey.objects.get().name == "Alice's"


def test_removing_needs_the_password_or_a_code(changes, django_capture_on_commit_callbacks) -> None:
    agent = AgentFactory(language="en")
    first = _add(agent, _soft(), name="First")
    second = _add(agent, _soft(), name="Second")

    with pytest.raises(AccountError) as nothing:
        services.passkey_remove(user=agent, passkey_id=first.pk, password="", code="", ip=IP)
    with pytest.raises(AccountError) as wrong:
        services.passkey_remove(user=agent, passkey_id=first.pk, password="nope", code="", ip=IP)
    with django_capture_on_commit_callbacks(execute=True):
        services.passkey_remove(
            user=agent, passkey_id=first.pk, password="correct horse battery", code="", ip=IP
        )
        services.passkey_remove(
            user=agent, passkey_id=second.pk, password="", code=totp_code(agent), ip=IP
        )

    assert nothing.value.code == AccountError.Code.PASSKEY_CONFIRM_REQUIRED
    assert wrong.value.code == AccountError.Code.PASSWORD_INVALID
    assert not Passkey.objects.exists()
    assert [c for c in changes if c[0] == "passkey_removed"] == [
        ("passkey_removed", agent.email, "First"),
        ("passkey_removed", agent.email, "Second"),
    ]
    assert mail.outbox[-1].subject.endswith("A passkey was removed")


def test_turning_the_second_factor_off_or_an_admin_reset_removes_the_passkeys() -> None:
    customer = second_factor_enrol(UserFactory())
    _add(customer, _soft())
    agent = AgentFactory()
    _add(agent, _soft())

    services.second_factor_disable(
        user=customer, password="correct horse battery", code=totp_code(customer), ip=IP
    )
    services.second_factor_reset(user=agent)

    assert not Passkey.objects.exists()


def test_changes_are_audited_as_second_factor_changes(django_capture_on_commit_callbacks) -> None:
    agent = AgentFactory()

    with django_capture_on_commit_callbacks(execute=True):
        passkey = _add(agent, _soft(), name="A")
        services.passkey_rename(user=agent, passkey_id=passkey.pk, name="B")
        services.passkey_remove(
            user=agent, passkey_id=passkey.pk, password="correct horse battery", code="", ip=IP
        )

    changes = AuditEvent.objects.filter(kind=Kind.SECOND_FACTOR_CHANGED, target=agent.email)
    assert sorted(e.detail["change"] for e in changes) == [
        str(SecondFactorChange.PASSKEY_ADDED),
        str(SecondFactorChange.PASSKEY_REMOVED),
        str(SecondFactorChange.PASSKEY_RENAMED),
    ]

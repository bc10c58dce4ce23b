"""Sign-In with Ethereum services: nonces, the checks of a signed message, addresses, sign-ups."""

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from walletdesk.accounts.models import User
from walletdesk.accounts.tests.factories import AdminFactory, AgentFactory, UserFactory
from walletdesk.siwe.errors import SiweError
from walletdesk.siwe.models import SiweNonce, WalletAddress, WalletSignup
from walletdesk.siwe.services import (
    SIGNUP_MAX_ATTEMPTS,
    siwe_domain,
    siwe_message_verify,
    siwe_nonce_issue,
    siwe_sign_in,
    siwe_signup_confirm,
    siwe_uri,
    wallet_address_bind,
    wallet_address_unbind,
)
from walletdesk.siwe.tests.factories import (
    DOMAIN,
    URI,
    SiweNonceFactory,
    WalletAddressFactory,
    sign,
    siwe_message,
    siwe_text,
    wallet,
)

pytestmark = pytest.mark.usefixtures("site")

Code = SiweError.Code
NOW = datetime(2025, 6, 6, 2, 0, tzinfo=UTC)


def signed(account, nonce: str, **changes: object) -> tuple[str, str]:
    """The text and signature a wallet sends for a message naming ``nonce``.

    A timedelta among ``changes`` is a time that far from now (parameters are built at
    collection, long before the test runs).
    """
    for name, value in changes.items():
        if isinstance(value, timedelta):
            changes[name] = datetime.now(UTC) + value
    text = siwe_text(siwe_message(account.address, nonce, **changes))
    return text, sign(account, text)


def refused(**kwargs: object) -> str:
    with pytest.raises(SiweError) as caught:
        siwe_message_verify(**kwargs)  # type: ignore[arg-type]
    return caught.value.code


def used(nonce: SiweNonce) -> bool:
    return SiweNonce.objects.get(pk=nonce.pk).used_at is not None


@pytest.fixture
def account():
    return wallet()


@pytest.fixture
def nonce(db) -> SiweNonce:
    return siwe_nonce_issue()


# --- what a message must name -----------------------------------------------------------------


def test_domain_and_uri_follow_the_site_url() -> None:
    assert siwe_domain() == DOMAIN
    assert siwe_uri() == URI


def test_domain_and_uri_may_be_set_apart_from_the_site(site) -> None:
    site.SIWE_DOMAIN = "wallet.example.org"
    site.SIWE_URI = "https://wallet.example.org/support/"

    assert siwe_domain() == "wallet.example.org"
    assert siwe_uri() == "https://wallet.example.org/support"


# --- siwe_nonce_issue -------------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_nonce_is_fresh_unused_and_lives_for_the_configured_time(db) -> None:
    first = siwe_nonce_issue()
    second = siwe_nonce_issue()

    assert first.nonce != second.nonce
    assert re.fullmatch(r"[0-9a-f]{24}", first.nonce)  # what EIP-4361 calls alphanumeric, 8+
    stored = SiweNonce.objects.get(pk=first.pk)
    assert stored.used_at is None
    assert stored.expires_at == NOW + timedelta(seconds=600)


# --- siwe_message_verify: a valid sign-in -----------------------------------------------------


def test_valid_message_is_accepted_and_its_nonce_used_up(account, nonce: SiweNonce) -> None:
    text, signature = signed(account, nonce.nonce, chain_id=56)

    message = siwe_message_verify(text=text, signature=signature)

    assert message.address == account.address
    assert message.chain_id == 56
    assert message.nonce == nonce.nonce
    assert used(nonce)


def test_signature_without_0x_is_accepted(account, nonce: SiweNonce) -> None:
    text, signature = signed(account, nonce.nonce)

    assert siwe_message_verify(text=text, signature=signature[2:]).address == account.address


@pytest.mark.parametrize(
    "uri", [URI, URI + "/", URI + "/api/v1/auth/siwe/verify"], ids=["same", "slash", "below"]
)
def test_uri_at_or_below_ours_is_accepted(account, nonce: SiweNonce, uri: str) -> None:
    text, signature = signed(account, nonce.nonce, uri=uri)

    assert siwe_message_verify(text=text, signature=signature).uri == uri


@pytest.mark.parametrize(
    "changes",
    [
        {"issued_at": -timedelta(minutes=9)},  # within ten minutes
        {"issued_at": timedelta(seconds=50)},  # a phone's clock ahead
        {"expiration_time": timedelta(minutes=1)},
        {"not_before": -timedelta(minutes=1)},
        {"not_before": timedelta(seconds=50)},
    ],
    ids=["issued-9-min-ago", "issued-in-50-s", "expires-in-1-min", "valid-since", "valid-in-50-s"],
)
def test_times_within_bounds_are_accepted(account, nonce: SiweNonce, changes) -> None:
    text, signature = signed(account, nonce.nonce, **changes)

    siwe_message_verify(text=text, signature=signature)

    assert used(nonce)


# --- siwe_message_verify: refusals ------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"domain": "evil.example"}, Code.DOMAIN_MISMATCH),
        ({"domain": "help.example.com:8443"}, Code.DOMAIN_MISMATCH),
        ({"domain": "sub.help.example.com"}, Code.DOMAIN_MISMATCH),
        ({"uri": "https://evil.example"}, Code.URI_MISMATCH),
        ({"uri": "http://help.example.com"}, Code.URI_MISMATCH),
        ({"uri": URI + ".evil.example"}, Code.URI_MISMATCH),
        ({"uri": URI + "evil"}, Code.URI_MISMATCH),
        ({"chain_id": 137}, Code.CHAIN_NOT_SUPPORTED),  # a real chain, not in our list
        ({"chain_id": 0}, Code.CHAIN_NOT_SUPPORTED),
    ],
)
def test_message_for_another_site_or_chain_is_refused(
    account, nonce: SiweNonce, changes, code: str
) -> None:
    text, signature = signed(account, nonce.nonce, **changes)

    assert refused(text=text, signature=signature) == code
    assert not used(nonce)  # the wallet may still sign a correct message with it


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"issued_at": -timedelta(minutes=11)}, Code.MESSAGE_EXPIRED),
        ({"issued_at": -timedelta(days=400)}, Code.MESSAGE_EXPIRED),
        ({"expiration_time": -timedelta(seconds=1)}, Code.MESSAGE_EXPIRED),
        ({"issued_at": timedelta(minutes=2)}, Code.NOT_YET_VALID),
        ({"not_before": timedelta(minutes=2)}, Code.NOT_YET_VALID),
    ],
    ids=["issued-11-min-ago", "issued-last-year", "expired", "issued-later", "valid-later"],
)
def test_expired_or_not_yet_valid_message_is_refused(
    account, nonce: SiweNonce, changes, code: str
) -> None:
    text, signature = signed(account, nonce.nonce, **changes)

    assert refused(text=text, signature=signature) == code
    assert not used(nonce)


def test_message_expires_while_it_waits(account, nonce: SiweNonce) -> None:
    text, signature = signed(account, nonce.nonce, expiration_time=timedelta(seconds=30))

    with time_machine.travel(timezone.now() + timedelta(seconds=31)):
        assert refused(text=text, signature=signature) == Code.MESSAGE_EXPIRED


def test_replayed_message_is_refused(account, nonce: SiweNonce) -> None:
    text, signature = signed(account, nonce.nonce)
    siwe_message_verify(text=text, signature=signature)
    first_use = SiweNonce.objects.get(pk=nonce.pk).used_at

    assert refused(text=text, signature=signature) == Code.NONCE_INVALID
    assert SiweNonce.objects.get(pk=nonce.pk).used_at == first_use


def test_a_used_nonce_is_refused_in_a_new_message_too(account, nonce: SiweNonce) -> None:
    first_text, first_signature = signed(account, nonce.nonce)
    siwe_message_verify(text=first_text, signature=first_signature)
    text, signature = signed(account, nonce.nonce, statement="Second try.")

    assert refused(text=text, signature=signature) == Code.NONCE_INVALID


def test_nonce_we_never_issued_is_refused(account, db) -> None:
    text, signature = signed(account, "abcdef0123456789")

    assert refused(text=text, signature=signature) == Code.NONCE_INVALID
    assert not SiweNonce.objects.exists()


def test_expired_nonce_is_refused(account, db) -> None:
    stale = SiweNonceFactory(expires_at=timezone.now() - timedelta(seconds=1))
    text, signature = signed(account, stale.nonce)

    assert refused(text=text, signature=signature) == Code.NONCE_INVALID
    assert not used(stale)


def test_signature_by_another_key_is_refused(account, nonce: SiweNonce) -> None:
    text = siwe_text(siwe_message(account.address, nonce.nonce))

    assert refused(text=text, signature=sign(wallet(), text)) == Code.SIGNATURE_INVALID
    assert not used(nonce)


def test_message_changed_after_signing_is_refused(account, nonce: SiweNonce) -> None:
    text, signature = signed(account, nonce.nonce)
    changed = text.replace("Sign in to IM Wallet support.", "Transfer all my USDT.")

    assert refused(text=changed, signature=signature) == Code.SIGNATURE_INVALID
    assert not used(nonce)


def test_message_naming_someone_elses_address_is_refused(account, nonce: SiweNonce) -> None:
    victim = wallet()
    text = siwe_text(siwe_message(victim.address, nonce.nonce))

    assert refused(text=text, signature=sign(account, text)) == Code.SIGNATURE_INVALID
    assert not used(nonce)


@pytest.mark.parametrize("signature", ["", "0x", "0x1234", "not hex at all", "0x" + "00" * 65])
def test_signature_that_is_no_signature_is_refused(
    account, nonce: SiweNonce, signature: str
) -> None:
    text, _ = signed(account, nonce.nonce)

    assert refused(text=text, signature=signature) == Code.SIGNATURE_INVALID
    assert not used(nonce)


def test_malformed_message_is_refused_before_anything_else(nonce: SiweNonce) -> None:
    assert refused(text="hello", signature="0x") == Code.MESSAGE_INVALID
    assert not used(nonce)


def test_message_with_a_lower_case_address_is_refused(account, nonce: SiweNonce) -> None:
    message = siwe_message(account.address, nonce.nonce)
    text = siwe_text(replace(message, address=account.address.lower()))

    assert refused(text=text, signature=sign(account, text)) == Code.INVALID_ADDRESS
    assert not used(nonce)


# --- wallet_address_bind / wallet_address_unbind ----------------------------------------------


def test_bind_links_a_proven_address(alice: User) -> None:
    address = wallet().address

    bound = wallet_address_bind(user=alice, address=address, chain_id=56)

    stored = WalletAddress.objects.get(address=address)
    assert stored == bound
    assert stored.user == alice
    assert stored.chain_id == 56
    assert stored.verified_at is not None


def test_binding_again_refreshes_time_and_chain(alice: User) -> None:
    earlier = WalletAddressFactory(
        user=alice, chain_id=1, verified_at=timezone.now() - timedelta(days=30)
    )

    wallet_address_bind(user=alice, address=earlier.address, chain_id=56)

    stored = WalletAddress.objects.get(pk=earlier.pk)
    assert stored.chain_id == 56
    assert stored.verified_at > earlier.verified_at
    assert WalletAddress.objects.count() == 1


def test_address_of_another_account_cannot_be_bound(alice: User, bob: User) -> None:
    alices = WalletAddressFactory(user=alice)

    with pytest.raises(SiweError) as caught:
        wallet_address_bind(user=bob, address=alices.address, chain_id=1)

    assert caught.value.code == Code.ADDRESS_TAKEN
    assert WalletAddress.objects.get().user == alice


STAFF = [
    pytest.param(AgentFactory, id="agent"),
    pytest.param(AdminFactory, id="admin"),
    pytest.param(lambda: UserFactory(is_staff=True), id="admin-site-customer"),
    pytest.param(lambda: AgentFactory(is_active=False), id="deactivated-agent"),
]


@pytest.mark.parametrize("make_staff", STAFF)
def test_staff_cannot_link_an_address(db, make_staff) -> None:
    staff = make_staff()

    with pytest.raises(SiweError) as caught:
        wallet_address_bind(user=staff, address=wallet().address, chain_id=1)

    assert caught.value.code == Code.STAFF_ACCOUNT
    assert not WalletAddress.objects.exists()


def test_staff_refusal_reads_in_both_languages(carol: User) -> None:
    from django.utils import translation

    with pytest.raises(SiweError) as caught:
        wallet_address_bind(user=carol, address=wallet().address, chain_id=1)

    with translation.override("en"):
        english = caught.value.message
    with translation.override("zh-hans"):
        chinese = caught.value.message
    assert "wallet" in english
    assert "钱包" in chinese
    assert english != chinese


def test_unbind_forgets_the_address(alice: User) -> None:
    kept, dropped = WalletAddressFactory(user=alice), WalletAddressFactory(user=alice)

    wallet_address_unbind(address=dropped)

    assert list(WalletAddress.objects.all()) == [kept]


# --- siwe_sign_in -----------------------------------------------------------------------------


def test_linked_address_signs_its_account_in(alice: User, account, nonce: SiweNonce) -> None:
    WalletAddressFactory(user=alice, address=account.address)
    text, signature = signed(account, nonce.nonce)

    outcome = siwe_sign_in(text=text, signature=signature)

    assert outcome.user == alice
    assert outcome.signup is None
    assert used(nonce)
    assert not WalletSignup.objects.exists()


def test_address_of_a_deactivated_account_signs_nobody_in(
    alice: User, account, nonce: SiweNonce
) -> None:
    WalletAddressFactory(user=alice, address=account.address)
    User.objects.filter(pk=alice.pk).update(is_active=False)
    text, signature = signed(account, nonce.nonce)

    with pytest.raises(SiweError) as caught:
        siwe_sign_in(text=text, signature=signature, email="someone@example.com")

    assert caught.value.code == Code.ADDRESS_TAKEN
    assert not WalletSignup.objects.exists()


@pytest.mark.parametrize("make_staff", STAFF)
def test_address_linked_to_staff_before_the_rule_signs_nobody_in(
    make_staff, account, nonce: SiweNonce
) -> None:
    # Linked by an older version that did not refuse staff: the row is there, it opens nothing.
    staff = make_staff()
    WalletAddressFactory(user=staff, address=account.address)
    text, signature = signed(account, nonce.nonce)

    with pytest.raises(SiweError) as caught:
        siwe_sign_in(text=text, signature=signature, email="someone@example.com")

    assert caught.value.code == Code.STAFF_ACCOUNT
    assert not WalletSignup.objects.exists()


@pytest.mark.parametrize("email", ["", "   "])
def test_unknown_address_needs_an_email(account, nonce: SiweNonce, email: str) -> None:
    text, signature = signed(account, nonce.nonce)

    with pytest.raises(SiweError) as caught:
        siwe_sign_in(text=text, signature=signature, email=email)

    assert caught.value.code == Code.EMAIL_REQUIRED
    assert not WalletSignup.objects.exists()
    assert not User.objects.exists()


def test_unknown_address_starts_a_signup_and_mails_a_code(
    account, nonce: SiweNonce, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    text, signature = signed(account, nonce.nonce, chain_id=56)

    with django_capture_on_commit_callbacks(execute=True):
        outcome = siwe_sign_in(
            text=text, signature=signature, email=" New.User@Example.com ", language="en"
        )

    assert outcome.user is None
    signup = WalletSignup.objects.get()
    assert outcome.signup == signup
    assert (signup.address, signup.chain_id) == (account.address, 56)
    assert signup.email == "new.user@example.com"
    assert signup.language == "en"
    assert signup.confirmed_at is None
    assert not User.objects.exists()  # no account before the mailbox answers
    assert not WalletAddress.objects.exists()
    [mail] = mailoutbox
    assert mail.to == ["new.user@example.com"]
    assert mail.subject == "Your IM Wallet support sign-in code"
    code = _code_in(mail.body)
    assert code not in signup.code_hash
    assert len(signup.code_hash) == 64


def test_signup_mail_is_in_the_default_language_without_one(
    account, nonce: SiweNonce, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    text, signature = signed(account, nonce.nonce)

    with django_capture_on_commit_callbacks(execute=True):
        siwe_sign_in(text=text, signature=signature, email="new@example.com")

    assert WalletSignup.objects.get().language == "zh-hans"
    assert mailoutbox[0].subject == "您的 IM 钱包客服登录验证码"


def test_refused_message_starts_no_signup(account, nonce: SiweNonce, mailoutbox) -> None:
    text = siwe_text(siwe_message(account.address, nonce.nonce))

    with pytest.raises(SiweError):
        siwe_sign_in(text=text, signature=sign(wallet(), text), email="new@example.com")

    assert not WalletSignup.objects.exists()
    assert mailoutbox == []


# --- siwe_signup_confirm ----------------------------------------------------------------------


def _code_in(body: str) -> str:
    [code] = re.findall(r"\b[23456789A-HJ-NP-Z]{8}\b", body)
    return code


@pytest.fixture
def started(account, nonce: SiweNonce, mailoutbox, django_capture_on_commit_callbacks):
    """A sign-up waiting for its code: (signup, code)."""
    text, signature = signed(account, nonce.nonce, chain_id=56)
    with django_capture_on_commit_callbacks(execute=True):
        outcome = siwe_sign_in(text=text, signature=signature, email="new@example.com")
    return outcome.signup, _code_in(mailoutbox[-1].body)


def test_confirm_creates_the_account_with_the_address(account, started) -> None:
    signup, code = started

    user = siwe_signup_confirm(signup_id=signup.pk, code=code)

    user.refresh_from_db()
    assert user.email == "new@example.com"
    assert user.email_verified_at is not None
    assert user.role == User.Role.CUSTOMER
    assert not user.has_usable_password()
    linked = WalletAddress.objects.get(user=user)
    assert (linked.address, linked.chain_id) == (account.address, 56)
    assert WalletSignup.objects.get(pk=signup.pk).confirmed_at is not None


def test_confirm_takes_the_code_as_people_type_it(started) -> None:
    signup, code = started

    user = siwe_signup_confirm(signup_id=signup.pk, code=f"  {code.lower()} ")

    assert WalletAddress.objects.get().user == user


def test_confirm_gives_the_address_to_the_existing_customer(account, started) -> None:
    signup, code = started
    existing = UserFactory(email="new@example.com", email_verified_at=None)

    user = siwe_signup_confirm(signup_id=signup.pk, code=code)

    assert user == existing
    assert User.objects.count() == 1
    assert User.objects.get(pk=existing.pk).email_verified_at is not None
    assert WalletAddress.objects.get().user == existing


def test_confirm_works_once(started) -> None:
    signup, code = started
    siwe_signup_confirm(signup_id=signup.pk, code=code)

    with pytest.raises(SiweError) as caught:
        siwe_signup_confirm(signup_id=signup.pk, code=code)

    assert caught.value.code == Code.SIGNUP_INVALID
    assert User.objects.count() == 1


def test_wrong_code_is_refused_and_counted(started) -> None:
    signup, code = started
    wrong = "22222222" if code != "22222222" else "33333333"

    with pytest.raises(SiweError) as caught:
        siwe_signup_confirm(signup_id=signup.pk, code=wrong)

    assert caught.value.code == Code.CODE_INVALID
    assert WalletSignup.objects.get(pk=signup.pk).attempts == 1
    assert not User.objects.exists()


def test_too_many_wrong_codes_lock_the_signup(started) -> None:
    signup, code = started
    wrong = "22222222" if code != "22222222" else "33333333"
    for _ in range(SIGNUP_MAX_ATTEMPTS):
        with pytest.raises(SiweError):
            siwe_signup_confirm(signup_id=signup.pk, code=wrong)

    with pytest.raises(SiweError) as caught:
        siwe_signup_confirm(signup_id=signup.pk, code=code)

    assert caught.value.code == Code.SIGNUP_INVALID
    assert not User.objects.exists()
    assert not WalletAddress.objects.exists()


def test_expired_signup_is_refused(started) -> None:
    signup, code = started

    with (
        time_machine.travel(timezone.now() + timedelta(minutes=31)),
        pytest.raises(SiweError) as caught,
    ):
        siwe_signup_confirm(signup_id=signup.pk, code=code)

    assert caught.value.code == Code.SIGNUP_INVALID
    assert not User.objects.exists()


def test_unknown_signup_is_refused(db) -> None:
    with pytest.raises(SiweError) as caught:
        siwe_signup_confirm(signup_id="6f1c1f4e-5b7a-4a8e-9d55-0a3f2b1c9e77", code="22222222")

    assert caught.value.code == Code.SIGNUP_INVALID


def test_staff_never_sign_in_with_a_wallet(started) -> None:
    signup, code = started
    agent = AgentFactory(email="new@example.com")

    with pytest.raises(SiweError) as caught:
        siwe_signup_confirm(signup_id=signup.pk, code=code)

    assert caught.value.code == Code.STAFF_ACCOUNT
    assert not WalletAddress.objects.filter(user=agent).exists()
    assert WalletSignup.objects.get(pk=signup.pk).confirmed_at is None


def test_confirm_refused_when_the_address_went_to_another_account(account, started, bob) -> None:
    signup, code = started
    WalletAddressFactory(user=bob, address=account.address)

    with pytest.raises(SiweError) as caught:
        siwe_signup_confirm(signup_id=signup.pk, code=code)

    assert caught.value.code == Code.ADDRESS_TAKEN
    assert WalletAddress.objects.get().user == bob
    assert not User.objects.filter(email="new@example.com").exists()

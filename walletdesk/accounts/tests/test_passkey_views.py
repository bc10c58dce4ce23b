"""Passkeys on the account pages: adding, renaming and removing one from the two-step page, and
the sign-in's second step passed with one (staff included), a refused or replayed answer told
and the code path still open. The browser's side is the software authenticator."""

import json

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from walletdesk.accounts import passkeys
from walletdesk.accounts.models import Passkey, User
from walletdesk.accounts.tests.factories import AgentFactory, UserFactory
from walletdesk.accounts.views import SECOND_STEP_KEY
from walletdesk.testing.passkeys import SoftPasskey
from walletdesk.testing.second_factor import totp_code

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"
SITE = "https://help.walletdesk.example"
RP_ID = "help.walletdesk.example"
LOGIN = reverse("accounts:login")
VERIFY = reverse("accounts:login-verify")
VERIFY_OPTIONS = reverse("accounts:login-verify-passkey-options")
VERIFY_PASSKEY = reverse("accounts:login-verify-passkey")
MANAGE = reverse("accounts:two-factor")
ADD_OPTIONS = reverse("accounts:two-factor-passkey-options")
ADD = reverse("accounts:two-factor-passkey-add")
CONSOLE = reverse("console:queue")


@pytest.fixture(autouse=True)
def _site(settings) -> None:
    settings.SITE_URL = SITE


def _key() -> SoftPasskey:
    return SoftPasskey(origin=SITE, rp_id=RP_ID)


def _add(client: Client, key: SoftPasskey, name: str = "Office key") -> object:
    options = client.post(ADD_OPTIONS).json()
    answer = json.dumps(key.create(options))
    return client.post(ADD, {"passkey-name": name, "passkey-credential": answer})


def _agent_with_passkey(client: Client, key: SoftPasskey, **fields: object) -> User:
    agent = AgentFactory(**fields)
    client.force_login(agent)
    _add(client, key)
    client.logout()
    return agent


def _password(client: Client, user: User, next_url: str = "") -> None:
    data = {"email": user.email, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    client.post(LOGIN, data)


def test_the_two_step_page_offers_passkeys_to_an_account_with_the_app(client) -> None:
    agent = AgentFactory(language="en")
    client.force_login(agent)

    page = client.get(MANAGE, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Passkeys" in page
    assert "accounts/js/passkeys.js" in page
    assert 'data-passkey="register"' in page
    assert "No passkey added yet." in page


def test_on_an_ip_address_the_page_says_why_no_passkey_can_be_added(client, settings) -> None:
    settings.SITE_URL = "http://127.0.0.1:8000"
    client.force_login(AgentFactory(language="en"))

    page = client.get(MANAGE, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    options = client.post(ADD_OPTIONS, HTTP_ACCEPT_LANGUAGE="en")

    assert "opened by its name over HTTPS" in page
    assert 'data-passkey="register"' not in page
    assert options.status_code == 400
    assert "Passkeys are not available here" in options.json()["error"]


def test_adding_a_passkey_from_the_page(client) -> None:
    agent = AgentFactory(language="en")
    client.force_login(agent)

    response = _add(client, _key(), name="Office key")

    assert response.status_code == 302
    assert response["Location"] == MANAGE
    assert agent.passkeys.get().name == "Office key"
    page = client.get(MANAGE, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The passkey “Office key” was added." in page
    assert "<h3>Office key</h3>" in page
    assert "Not used yet." in page


def test_a_customer_without_the_app_gets_no_options(client, alice) -> None:
    client.force_login(alice)

    response = client.post(ADD_OPTIONS)

    assert response.status_code == 400
    assert response.json()["error"] == "此账户尚未开启两步验证。"


def test_a_missing_name_keeps_the_answer_for_the_corrected_name(client) -> None:
    agent = AgentFactory(language="en")
    client.force_login(agent)
    options = client.post(ADD_OPTIONS).json()
    answer = json.dumps(_key().create(options))

    refused = client.post(
        ADD, {"passkey-name": "  ", "passkey-credential": answer}, HTTP_ACCEPT_LANGUAGE="en"
    )
    accepted = client.post(ADD, {"passkey-name": "Laptop", "passkey-credential": answer})

    assert refused.status_code == 400
    assert "Give the passkey a name of one line" in refused.content.decode()
    assert accepted.status_code == 302
    assert agent.passkeys.get().name == "Laptop"


def test_an_answer_for_another_site_is_told_and_the_name_stays(client) -> None:
    client.force_login(AgentFactory(language="en"))
    options = client.post(ADD_OPTIONS).json()
    answer = json.dumps(_key().create(options, origin="https://evil.example"))

    response = client.post(
        ADD, {"passkey-name": "Keep me", "passkey-credential": answer}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "The passkey was not accepted." in page
    assert 'value="Keep me"' in page
    assert not Passkey.objects.exists()


def test_a_garbled_answer_is_refused_not_a_500(client) -> None:
    client.force_login(AgentFactory())
    client.post(ADD_OPTIONS)

    response = client.post(ADD, {"passkey-name": "Key", "passkey-credential": "{not json"})

    assert response.status_code == 400
    assert not Passkey.objects.exists()


def test_renaming_and_removing_from_the_page(client) -> None:
    agent = AgentFactory(language="en")
    client.force_login(agent)
    _add(client, _key(), name="Old")
    passkey = agent.passkeys.get()
    rename = reverse("accounts:two-factor-passkey-rename", args=[passkey.pk])
    remove = reverse("accounts:two-factor-passkey-remove", args=[passkey.pk])

    renamed = client.post(rename, {f"rename-{passkey.pk}-name": "New"})
    refused = client.post(remove, {}, HTTP_ACCEPT_LANGUAGE="en")
    wrong = client.post(
        remove, {f"remove-{passkey.pk}-password": "nope"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    removed = client.post(remove, {f"remove-{passkey.pk}-code": totp_code(agent)})

    assert renamed.status_code == 302
    assert refused.status_code == 400
    assert "Enter your password or a current code to remove a passkey." in refused.content.decode()
    assert wrong.status_code == 400
    assert "The password is incorrect." in wrong.content.decode()
    assert removed.status_code == 302
    assert not Passkey.objects.exists()


def test_bob_cannot_rename_or_remove_alices_passkey(client) -> None:
    owner = AgentFactory()
    client.force_login(owner)
    _add(client, _key(), name="Mine")
    passkey = owner.passkeys.get()
    client.force_login(AgentFactory())

    renamed = client.post(
        reverse("accounts:two-factor-passkey-rename", args=[passkey.pk]),
        {f"rename-{passkey.pk}-name": "Stolen"},
    )
    removed = client.post(
        reverse("accounts:two-factor-passkey-remove", args=[passkey.pk]),
        {f"remove-{passkey.pk}-password": PASSWORD},
    )

    assert renamed.status_code == 404
    assert removed.status_code == 404
    assert Passkey.objects.get().name == "Mine"


# --- signing in ------------------------------------------------------------------------------


def test_the_second_step_offers_a_passkey_only_to_an_account_that_has_one(client) -> None:
    key = _key()
    with_key = _agent_with_passkey(client, key)
    without = AgentFactory()

    _password(client, without)
    plain = client.get(VERIFY).content.decode()
    client.logout()
    _password(client, with_key)
    offered = client.get(VERIFY, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert 'data-passkey="sign_in"' not in plain
    assert 'data-passkey="sign_in"' in offered
    assert "Use a passkey" in offered
    assert 'name="code"' in offered  # the code path stays


def test_staff_sign_in_with_password_and_passkey(client) -> None:
    key = _key()
    agent = _agent_with_passkey(client, key)
    _password(client, agent, next_url=CONSOLE)

    options = client.post(VERIFY_OPTIONS).json()
    response = client.post(VERIFY_PASSKEY, {"credential": json.dumps(key.get(options))})

    assert response.status_code == 302
    assert response["Location"] == CONSOLE
    assert SESSION_KEY in client.session
    assert SECOND_STEP_KEY not in client.session
    assert passkeys.CHALLENGE_KEY not in client.session
    assert client.get(CONSOLE).status_code == 200
    assert agent.passkeys.get().last_used_at is not None


def test_no_options_before_the_password(client) -> None:
    _agent_with_passkey(client, _key())

    response = client.post(VERIFY_OPTIONS, HTTP_ACCEPT_LANGUAGE="en")
    posted = client.post(VERIFY_PASSKEY, {"credential": "{}"})

    assert response.status_code == 400
    assert posted.status_code == 302
    assert posted["Location"] == LOGIN
    assert SESSION_KEY not in client.session


def test_a_replayed_answer_is_refused_and_the_code_still_works(client) -> None:
    key = _key()
    agent = _agent_with_passkey(client, key, language="en")
    _password(client, agent)
    options = client.post(VERIFY_OPTIONS).json()
    answer = json.dumps(key.get(options))
    client.post(VERIFY_PASSKEY, {"credential": answer})
    client.logout()
    _password(client, agent)

    replayed = client.post(VERIFY_PASSKEY, {"credential": answer}, HTTP_ACCEPT_LANGUAGE="en")
    coded = client.post(VERIFY, {"code": totp_code(agent)})

    assert replayed.status_code == 400
    assert "The passkey was not accepted." in replayed.content.decode()
    assert coded.status_code == 302
    assert SESSION_KEY in client.session


def test_another_users_passkey_does_not_sign_this_user_in(client) -> None:
    victim = _agent_with_passkey(client, _key())
    mallory_key = _key()
    _agent_with_passkey(client, mallory_key)
    _password(client, victim)

    options = client.post(VERIFY_OPTIONS).json()
    response = client.post(VERIFY_PASSKEY, {"credential": json.dumps(mallory_key.get(options))})

    assert response.status_code == 400
    assert SESSION_KEY not in client.session


def test_refused_passkeys_lock_the_second_step_with_a_message_in_chinese(client) -> None:
    key = _key()
    agent = _agent_with_passkey(client, key, language="zh-hans")
    _password(client, agent)

    for _ in range(5):
        options = client.post(VERIFY_OPTIONS).json()
        bad = json.dumps(key.get(options, origin="https://evil.example"))
        refused = client.post(VERIFY_PASSKEY, {"credential": bad}, HTTP_ACCEPT_LANGUAGE="zh-hans")
        assert "通行密钥未被接受" in refused.content.decode()
    options = client.post(VERIFY_OPTIONS).json()
    locked = client.post(
        VERIFY_PASSKEY,
        {"credential": json.dumps(key.get(options, origin="https://evil.example"))},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    after = client.post(VERIFY_OPTIONS, HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert locked.status_code == 429
    assert "两步验证已锁定" in locked.content.decode()
    assert after.status_code == 429
    assert "两步验证已锁定" in after.json()["error"]
    assert SESSION_KEY not in client.session


def test_a_customer_without_passkeys_sees_the_page_as_before(client) -> None:
    customer = UserFactory()
    client.force_login(customer)

    page = client.get(MANAGE).content.decode()

    assert "passkeys.js" not in page

from django.urls import reverse

from walletdesk.accounts.models import Passkey, User
from walletdesk.accounts.tests.factories import UserFactory


def test_bob_cannot_see_alices_ticket(client, bob, alice_ticket):
    client.force_login(bob)

    response = client.get(reverse("portal:detail", args=[alice_ticket.reference]))

    assert response.status_code == 404


def test_admin_lists_and_searches_users(client, dave, alice, bob):
    client.force_login(dave)

    response = client.get(reverse("admin:accounts_user_changelist"), {"q": "alice"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "alice@example.com" in html
    assert "bob@example.com" not in html


def test_admin_filters_users_by_role(client, dave, alice, carol):
    client.force_login(dave)

    response = client.get(reverse("admin:accounts_user_changelist"), {"role__exact": "agent"})

    html = response.content.decode()
    assert "carol@walletdesk.example" in html
    assert "alice@example.com" not in html


def test_admin_creates_an_agent_with_a_password(client, dave):
    client.force_login(dave)

    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "Frank@WalletDesk.example",
            "role": User.Role.AGENT,
            "usable_password": "true",
            "password1": "a fresh Passw0rd!",
            "password2": "a fresh Passw0rd!",
        },
    )

    assert response.status_code == 302
    frank = User.objects.get(email="frank@walletdesk.example")
    assert frank.is_agent
    assert frank.check_password("a fresh Passw0rd!")
    assert frank.is_verified  # an administrator vouches for a staff address


def test_admin_refuses_a_duplicate_address(client, dave, alice):
    client.force_login(dave)

    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "ALICE@example.com",
            "role": User.Role.CUSTOMER,
            "usable_password": "true",
            "password1": "a fresh Passw0rd!",
            "password2": "a fresh Passw0rd!",
        },
    )

    assert response.status_code == 200
    assert User.objects.filter(email__iexact="alice@example.com").count() == 1


def test_admin_edit_page_opens(client, dave, alice):
    client.force_login(dave)

    response = client.get(reverse("admin:accounts_user_change", args=[alice.pk]))

    assert response.status_code == 200


def test_admin_action_marks_addresses_confirmed(client, dave):
    pending = UserFactory(email="pending@example.com", email_verified_at=None)
    client.force_login(dave)

    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "mark_verified", "_selected_action": [str(pending.pk)]},
    )

    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.is_verified


def test_customers_cannot_open_the_admin(client, alice):
    client.force_login(alice)

    response = client.get(reverse("admin:accounts_user_changelist"))

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_admin_resets_a_lost_second_factor_and_the_agent_must_set_it_up_again(
    client, dave, carol, django_capture_on_commit_callbacks
):
    from django.core import mail
    from django.test import Client

    agent_client = Client()
    agent_client.force_login(carol)
    client.force_login(dave)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:accounts_user_changelist"),
            {"action": "second_factor_reset", "_selected_action": [str(carol.pk)]},
        )

    assert response.status_code == 302
    carol.refresh_from_db()
    assert not carol.has_second_factor
    assert [m.to for m in mail.outbox] == [["carol@walletdesk.example"]]
    # Her session ended; signed in again, the console waits for the set-up.
    assert agent_client.get(reverse("console:queue"))["Location"].startswith("/accounts/login/")
    agent_client.force_login(carol)
    assert agent_client.get(reverse("console:queue"))["Location"].startswith(
        reverse("accounts:two-factor-setup")
    )


def test_the_second_factor_is_not_editable_in_the_admin(client, dave, carol):
    client.force_login(dave)

    html = client.get(reverse("admin:accounts_user_change", args=[carol.pk])).content.decode()

    assert 'name="second_factor_enabled_at' not in html
    assert carol.totp_device.secret not in html


def test_the_admin_shows_a_users_passkeys_but_cannot_change_them(client, dave, carol):
    Passkey.objects.create(
        user=carol, name="Carol's YubiKey", credential_id="admin-test", credential_data=b"-"
    )
    client.force_login(dave)

    html = client.get(reverse("admin:accounts_user_change", args=[carol.pk])).content.decode()

    assert "Carol&#x27;s YubiKey（添加于 " in html
    assert "passkeys-0" not in html  # nothing to edit or delete here

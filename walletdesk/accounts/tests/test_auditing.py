"""Each account event reaches the audit trail through the real page or API, with the address
and device it came from."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from walletdesk.accounts.models import User
from walletdesk.accounts.tests.factories import UserFactory, second_factor_enrol
from walletdesk.audit.models import AuditEvent, Kind
from walletdesk.testing.second_factor import totp_code

PASSWORD = "correct horse battery"
NEW_PASSWORD = "a fresh Passw0rd!"
PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) WalletApp/3.1"


class Trail:
    """The events written after the test's people were made (making them is recorded too)."""

    def __init__(self) -> None:
        last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
        self.after = last or 0

    def new(self) -> "QuerySet[AuditEvent]":
        return AuditEvent.objects.filter(id__gt=self.after)

    def only(self, kind: Kind) -> AuditEvent:
        (event,) = self.new().filter(kind=kind)
        return event


@pytest.fixture
def trail(request, db) -> Trail:
    # Made once the test's people exist, whatever order the test lists its fixtures in.
    for name in request.fixturenames:
        if name in ("alice", "bob", "carol", "dave"):
            request.getfixturevalue(name)
    return Trail()


@pytest.fixture
def phone(client):
    client.defaults["HTTP_USER_AGENT"] = PHONE
    client.defaults["REMOTE_ADDR"] = "198.51.100.23"
    return client


def test_sign_in_is_recorded_with_address_and_device(trail, phone, alice):
    response = phone.post(
        reverse("accounts:login"), {"email": "alice@example.com", "password": PASSWORD}
    )

    assert response.status_code == 302
    event = trail.only(Kind.SIGN_IN_SUCCEEDED)
    assert (event.actor_id, event.actor_label) == (alice.pk, "alice@example.com")
    assert event.ip == "198.51.100.23"
    assert event.user_agent == PHONE


def test_failed_sign_in_is_recorded_with_the_address_tried_and_no_actor(trail, phone, alice):
    response = phone.post(
        reverse("accounts:login"), {"email": "Alice@Example.com", "password": "wrong"}
    )

    assert response.status_code == 400
    event = trail.only(Kind.SIGN_IN_FAILED)
    assert event.actor_id is None
    assert event.target == "alice@example.com"
    assert event.ip == "198.51.100.23"
    assert event.user_agent == PHONE
    assert "wrong" not in str(event.detail)
    assert not trail.new().filter(kind=Kind.SIGN_IN_SUCCEEDED).exists()


def test_failed_sign_in_through_the_api_is_recorded(trail, phone, alice):
    response = phone.post(
        "/api/v1/auth/token",
        {"email": "alice@example.com", "password": "wrong"},
        content_type="application/json",
    )

    assert response.status_code == 400
    event = trail.only(Kind.SIGN_IN_FAILED)
    assert (event.target, event.ip) == ("alice@example.com", "198.51.100.23")


def test_staff_sign_in_is_recorded_when_the_second_step_is_done(trail, phone, dave):
    phone.post(reverse("accounts:login"), {"email": dave.email, "password": PASSWORD})
    halfway = list(trail.new().values_list("kind", flat=True))
    wrong = phone.post(reverse("accounts:login-verify"), {"code": "000000"})
    right = phone.post(reverse("accounts:login-verify"), {"code": totp_code(dave)})

    assert halfway == []
    assert (wrong.status_code, right.status_code) == (400, 302)
    failed = trail.only(Kind.SIGN_IN_FAILED)
    assert (failed.actor_id, failed.target, failed.ip) == (None, dave.email, "198.51.100.23")
    assert failed.detail == {"step": "second_factor", "locked": False}
    assert trail.only(Kind.SIGN_IN_SUCCEEDED).actor_id == dave.pk


def test_a_second_factor_change_is_recorded_with_who_made_it(
    trail, phone, alice, django_capture_on_commit_callbacks
):
    second_factor_enrol(alice)
    phone.force_login(alice)

    with django_capture_on_commit_callbacks(execute=True):
        response = phone.post(
            reverse("accounts:two-factor-codes-regenerate"), {"codes-code": totp_code(alice)}
        )

    assert response.status_code == 302
    event = trail.only(Kind.SECOND_FACTOR_CHANGED)
    assert (event.actor_id, event.target, event.ip) == (alice.pk, alice.email, "198.51.100.23")
    assert event.detail == {"change": "recovery_codes_regenerated"}


def test_sign_out_is_recorded(trail, phone, alice):
    phone.force_login(alice)

    phone.post(reverse("accounts:logout"))

    event = trail.only(Kind.SIGN_OUT)
    assert event.actor_id == alice.pk
    assert event.ip == "198.51.100.23"


def test_password_reset_request_is_recorded_for_known_and_unknown_addresses(trail, phone, alice):
    phone.post(reverse("accounts:password-reset"), {"email": "alice@example.com"})
    phone.post(reverse("accounts:password-reset"), {"email": "nobody@example.com"})

    targets = list(
        trail.new()
        .filter(kind=Kind.PASSWORD_RESET_REQUESTED)
        .order_by("id")
        .values_list("target", "ip")
    )
    assert targets == [
        ("alice@example.com", "198.51.100.23"),
        ("nobody@example.com", "198.51.100.23"),
    ]


def test_password_reset_done_is_recorded_once_and_not_as_a_plain_change(trail, phone, alice):
    link = reverse(
        "accounts:password-reset-confirm",
        args=[
            urlsafe_base64_encode(force_bytes(alice.pk)),
            default_token_generator.make_token(alice),
        ],
    )

    response = phone.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert response.status_code == 302
    event = trail.only(Kind.PASSWORD_RESET_DONE)
    assert (event.actor_id, event.target, event.ip) == (
        alice.pk,
        "alice@example.com",
        "198.51.100.23",
    )
    assert not trail.new().filter(kind=Kind.PASSWORD_CHANGED).exists()


def test_refused_password_reset_records_nothing(trail, phone, alice):
    link = reverse(
        "accounts:password-reset-confirm",
        args=[
            urlsafe_base64_encode(force_bytes(alice.pk)),
            default_token_generator.make_token(alice),
        ],
    )

    response = phone.post(link, {"new_password1": NEW_PASSWORD, "new_password2": "different"})

    assert response.status_code == 400
    assert (
        not trail.new().filter(kind__in=[Kind.PASSWORD_RESET_DONE, Kind.PASSWORD_CHANGED]).exists()
    )


def test_password_changed_by_an_administrator_is_recorded_with_who_did_it(
    trail, phone, dave, alice
):
    phone.force_login(dave)

    response = phone.post(
        reverse("admin:auth_user_password_change", args=[alice.pk]),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )

    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
    event = trail.only(Kind.PASSWORD_CHANGED)
    assert (event.actor_id, event.target, event.ip) == (
        dave.pk,
        "alice@example.com",
        "198.51.100.23",
    )


def test_a_save_without_a_new_password_is_no_password_change(trail, alice):
    alice.refresh_from_db()

    alice.display_name = "Alice W"
    alice.save()

    assert not trail.new().filter(kind=Kind.PASSWORD_CHANGED).exists()


def _user_change_data(user: User, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "email": user.email,
        "display_name": user.display_name,
        "language": user.language,
        "time_zone": user.time_zone,
        "email_verified_at_0": "2026-01-02",
        "email_verified_at_1": "03:04:05",
        "role": user.role,
        "is_active": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not False}


def test_role_change_in_the_administration_site_is_recorded(trail, phone, dave, alice):
    phone.force_login(dave)

    response = phone.post(
        reverse("admin:accounts_user_change", args=[alice.pk]),
        _user_change_data(alice, role=User.Role.AGENT, is_staff="on"),
    )

    assert response.status_code == 302
    event = trail.only(Kind.ROLE_CHANGED)
    assert event.actor_id == dave.pk
    assert event.target == "alice@example.com"
    assert event.detail["changes"] == {
        "role": {"from": "customer", "to": "agent"},
        "is_staff": {"from": False, "to": True},
    }
    # The administration site's own entry is recorded too.
    assert trail.only(Kind.ADMIN_CHANGE).target == str(alice)


def test_a_save_that_changes_no_role_records_none(trail, phone, dave, alice):
    phone.force_login(dave)

    phone.post(
        reverse("admin:accounts_user_change", args=[alice.pk]),
        _user_change_data(alice, display_name="Alice W"),
    )

    assert not trail.new().filter(kind=Kind.ROLE_CHANGED).exists()


def test_superuser_flag_and_groups_are_recorded(trail, dave, alice):
    supervisors = Group.objects.create(name="supervisors")
    user = User.objects.get(pk=alice.pk)

    user.is_superuser = True
    user.save()
    user.groups.add(supervisors)
    user.groups.remove(supervisors)
    supervisors.user_set.add(user)

    details = [e.detail for e in trail.new().filter(kind=Kind.ROLE_CHANGED).order_by("id")]
    assert details == [
        {"changes": {"is_superuser": {"from": False, "to": True}}},
        {"groups": {"added": [str(supervisors.pk)]}},
        {"groups": {"removed": [str(supervisors.pk)]}},
        {"groups": {"added": {"users": [str(alice.pk)]}}},
    ]


def test_creating_staff_is_recorded_and_creating_a_customer_is_not(trail, db):
    UserFactory(email="customer@example.com")
    User.objects.create_superuser("root@walletdesk.example", "x")

    (event,) = trail.new().filter(kind=Kind.ROLE_CHANGED)
    assert event.target == "root@walletdesk.example"
    assert event.detail == {
        "created": True,
        "to": {"role": "admin", "is_staff": True, "is_superuser": True},
    }

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from walletdesk.accounts import limits
from walletdesk.accounts.models import User
from walletdesk.accounts.tests.factories import UserFactory

PASSWORD = "correct horse battery"
NEW_PASSWORD = "a fresh Passw0rd!"


def _link(message: mail.EmailMessage) -> str:
    match = re.search(re.escape(settings.SITE_URL) + r"(/\S+)", str(message.body))
    assert match, message.body
    return match.group(1)


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """POST through the test client and run what the request queued for after commit."""

    def _post(url: str, data: dict[str, str], **extra: str):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data, **extra)

    return _post


def _register_data(email: str) -> dict[str, str]:
    return {"email": email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}


def _session_user_id(client) -> str | None:
    return client.session.get("_auth_user_id")


# --- the rule every view test file carries ------------------------------------------------


def test_bob_cannot_see_alices_ticket(client, bob, alice_ticket):
    client.post(reverse("accounts:login"), {"email": "bob@example.com", "password": PASSWORD})

    response = client.get(reverse("portal:detail", args=[alice_ticket.reference]))

    assert _session_user_id(client) == str(bob.pk)
    assert response.status_code == 404


# --- registration -------------------------------------------------------------------------


def test_register_page_has_labelled_fields_with_autocomplete(client, db):
    response = client.get(reverse("accounts:register"))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<label for="id_email">' in html
    assert 'autocomplete="email"' in html
    assert html.count('autocomplete="new-password"') == 2


def test_register_signs_in_unverified_and_mails_a_link(client, post, db):
    response = post(reverse("accounts:register"), _register_data("New@Example.com"))

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:verification-sent")
    user = User.objects.get(email="new@example.com")
    assert not user.is_verified
    assert _session_user_id(client) == str(user.pk)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new@example.com"]
    assert len(mail.outbox[0].alternatives) == 1  # the HTML part of the trio


def test_register_then_verify_through_the_mailed_link(client, post, db):
    post(reverse("accounts:register"), _register_data("new@example.com"))

    response = client.get(_link(mail.outbox[0]))

    assert response.status_code == 200
    assert User.objects.get(email="new@example.com").is_verified


def test_register_known_address_looks_exactly_like_a_new_one(client, post, alice):
    new = post(reverse("accounts:register"), _register_data("newbie@example.com"))
    client.logout()
    known = post(reverse("accounts:register"), _register_data("alice@example.com"))

    assert (known.status_code, known["Location"]) == (new.status_code, new["Location"])
    assert known.content == new.content
    assert [m.to for m in mail.outbox] == [["newbie@example.com"], ["alice@example.com"]]
    assert "sign in" in mail.outbox[1].body.lower() or "登录" in mail.outbox[1].body
    # The stranger is not signed in as alice.
    assert _session_user_id(client) is None
    sent_page = client.get(reverse("accounts:verification-sent"))
    assert sent_page.status_code == 200


def test_register_bad_input_is_400_and_keeps_the_email(client, db):
    data = {"email": "keep@example.com", "password1": NEW_PASSWORD, "password2": "different"}

    response = client.post(reverse("accounts:register"), data)

    assert response.status_code == 400
    assert 'value="keep@example.com"' in response.content.decode()
    assert not User.objects.filter(email="keep@example.com").exists()


def test_register_weak_password_is_refused(client, db):
    data = {"email": "weak@example.com", "password1": "12345678", "password2": "12345678"}

    response = client.post(reverse("accounts:register"), data)

    assert response.status_code == 400
    assert not User.objects.filter(email="weak@example.com").exists()


def test_register_rate_limit_is_429_and_keeps_the_email(client, db):
    for n in range(limits.REGISTER_PER_IP.count):
        client.post(reverse("accounts:register"), _register_data(f"u{n}@example.com"))
        client.logout()

    response = client.post(
        reverse("accounts:register"),
        _register_data("late@example.com"),
        HTTP_ACCEPT_LANGUAGE="en",
    )

    html = response.content.decode()
    assert response.status_code == 429
    assert 'value="late@example.com"' in html
    assert "Please wait" in html
    assert "minute" in html
    assert not User.objects.filter(email="late@example.com").exists()


def test_signed_in_user_opening_register_goes_to_profile(client, alice):
    client.force_login(alice)

    response = client.get(reverse("accounts:register"))

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")


# --- confirming the address ---------------------------------------------------------------


@pytest.fixture
def newcomer(db) -> User:
    return UserFactory(email="newcomer@example.com", email_verified_at=None, language="en")


def test_verify_link_used_twice_is_refused(client, post, newcomer):
    client.force_login(newcomer)
    post(reverse("accounts:verification-resend"), {})
    link = _link(mail.outbox[0])
    client.get(link)

    response = client.get(link)

    assert response.status_code == 400
    assert "already confirmed" in response.content.decode()


def test_verify_tampered_link_is_400_and_changes_nothing(client, newcomer, post):
    client.force_login(newcomer)
    post(reverse("accounts:verification-resend"), {})
    link = _link(mail.outbox[0])
    tampered = link.replace(link[-6:-1], "XXXXX")

    response = client.get(tampered)

    assert response.status_code == 400
    newcomer.refresh_from_db()
    assert not newcomer.is_verified


def test_verify_garbage_token_is_400(client, db):
    response = client.get(reverse("accounts:verify", args=["not-a-token"]))

    assert response.status_code == 400


def test_resend_page_needs_sign_in(client, db):
    response = client.get(reverse("accounts:verification-resend"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_resend_mails_a_link_and_says_so(client, post, newcomer):
    client.force_login(newcomer)

    response = post(reverse("accounts:verification-resend"), {})

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:verification-sent")
    assert [m.to for m in mail.outbox] == [["newcomer@example.com"]]
    page = client.get(response["Location"])
    assert "newcomer@example.com" in page.content.decode()


def test_resend_for_a_verified_user_is_409(client, alice):
    client.force_login(alice)

    response = client.post(reverse("accounts:verification-resend"), {})

    assert response.status_code == 409
    assert mail.outbox == []


def test_resend_is_rate_limited(client, post, newcomer):
    client.force_login(newcomer)
    for _ in range(limits.VERIFICATION_RESEND_PER_ACCOUNT.count):
        post(reverse("accounts:verification-resend"), {})

    response = post(reverse("accounts:verification-resend"), {})

    assert response.status_code == 429
    assert len(mail.outbox) == limits.VERIFICATION_RESEND_PER_ACCOUNT.count


# --- sign in and out ----------------------------------------------------------------------


def test_login_page_has_labelled_fields_with_autocomplete(client, db):
    response = client.get(reverse("accounts:login"))

    html = response.content.decode()
    assert '<label for="id_password">' in html
    assert 'autocomplete="current-password"' in html


def test_login_signs_in_and_goes_home(client, alice):
    response = client.post(
        reverse("accounts:login"), {"email": "ALICE@example.com", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse(settings.LOGIN_REDIRECT_URL)
    assert _session_user_id(client) == str(alice.pk)


def test_login_honours_a_local_next(client, alice):
    target = reverse("portal:list") + "?status=open"

    response = client.post(
        reverse("accounts:login"),
        {"email": "alice@example.com", "password": PASSWORD, "next": target},
    )

    assert response["Location"] == target


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/steal", "//evil.example/", "javascript:alert(1)", "\\\\evil.example"],
)
def test_login_ignores_a_foreign_next(client, alice, target):
    response = client.post(
        reverse("accounts:login"),
        {"email": "alice@example.com", "password": PASSWORD, "next": target},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse(settings.LOGIN_REDIRECT_URL)


def test_login_page_carries_a_safe_next_only(client, db):
    safe = client.get(reverse("accounts:login"), {"next": "/tickets/"})
    unsafe = client.get(reverse("accounts:login"), {"next": "https://evil.example/"})

    assert '<input type="hidden" name="next" value="/tickets/" id="id_next">' in (
        safe.content.decode()
    )
    assert '<input type="hidden" name="next" id="id_next">' in unsafe.content.decode()


def test_login_failure_reads_the_same_for_unknown_and_wrong(client, alice):
    wrong = client.post(
        reverse("accounts:login"),
        {"email": "alice@example.com", "password": "nope"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    unknown = client.post(
        reverse("accounts:login"),
        {"email": "nobody@example.com", "password": "nope"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert wrong.status_code == unknown.status_code == 400
    message = "The e-mail address or password is incorrect."
    assert message in wrong.content.decode()
    assert message in unknown.content.decode()
    assert 'value="alice@example.com"' in wrong.content.decode()
    assert _session_user_id(client) is None


def test_login_rate_limit_is_429_and_keeps_the_email(client, alice):
    for _ in range(limits.SIGN_IN_FAILURES_PER_ACCOUNT.count + 1):
        client.post(reverse("accounts:login"), {"email": "alice@example.com", "password": "x"})

    response = client.post(
        reverse("accounts:login"), {"email": "alice@example.com", "password": PASSWORD}
    )

    assert response.status_code == 429
    assert 'value="alice@example.com"' in response.content.decode()
    assert "分钟" in response.content.decode()
    assert _session_user_id(client) is None


def test_login_per_ip_limit(client, alice):
    for n in range(limits.SIGN_IN_PER_IP.count):
        client.post(reverse("accounts:login"), {"email": f"x{n}@example.com", "password": "x"})

    response = client.post(
        reverse("accounts:login"), {"email": "alice@example.com", "password": PASSWORD}
    )

    assert response.status_code == 429


def test_unverified_user_signs_in_with_a_reminder(client, newcomer):
    response = client.post(
        reverse("accounts:login"),
        {"email": "newcomer@example.com", "password": PASSWORD},
        follow=False,
    )

    assert response.status_code == 302
    assert _session_user_id(client) == str(newcomer.pk)
    profile = client.get(reverse("accounts:profile"))
    assert "confirm your e-mail address" in profile.content.decode().lower()


def test_logout_needs_post(client, alice):
    client.force_login(alice)

    response = client.get(reverse("accounts:logout"))

    assert response.status_code == 405
    assert _session_user_id(client) == str(alice.pk)


def test_logout_signs_out(client, alice):
    client.force_login(alice)

    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert response["Location"] == reverse(settings.LOGOUT_REDIRECT_URL)
    assert _session_user_id(client) is None


# --- password reset -----------------------------------------------------------------------


def test_password_reset_end_to_end(client, post, alice, mail_tasks_run):
    response = post(reverse("accounts:password-reset"), {"email": "alice@example.com"})
    assert response["Location"] == reverse("accounts:password-reset-sent")
    link = _link(mail.outbox[0])

    form_page = client.get(link)
    done = post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert form_page.status_code == 200
    assert 'autocomplete="new-password"' in form_page.content.decode()
    assert done.status_code == 302
    assert done["Location"] == reverse("accounts:password-reset-complete")
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
    assert mail.outbox[-1].to == ["alice@example.com"]  # "your password was changed"
    assert client.get(link).status_code == 400  # the link worked once
    signed_in = client.post(
        reverse("accounts:login"), {"email": "alice@example.com", "password": NEW_PASSWORD}
    )
    assert signed_in.status_code == 302
    assert _session_user_id(client) == str(alice.pk)


def test_password_reset_mismatch_is_400_and_keeps_the_password(client, post, alice, mail_tasks_run):
    post(reverse("accounts:password-reset"), {"email": "alice@example.com"})
    link = _link(mail.outbox[0])

    response = client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": "other"})

    assert response.status_code == 400
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_password_reset_answers_the_same_for_unknown_addresses(client, post, alice, mail_tasks_run):
    known = post(reverse("accounts:password-reset"), {"email": "alice@example.com"})
    unknown = post(reverse("accounts:password-reset"), {"email": "nobody@example.com"})

    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert [m.to for m in mail.outbox] == [["alice@example.com"]]
    page = client.get(reverse("accounts:password-reset-sent"), HTTP_ACCEPT_LANGUAGE="en")
    assert "If an account exists" in page.content.decode()


def test_password_reset_rate_limit_is_429_and_keeps_the_email(client, db):
    for _ in range(limits.PASSWORD_RESET_PER_ADDRESS.count):
        client.post(reverse("accounts:password-reset"), {"email": "who@example.com"})

    response = client.post(reverse("accounts:password-reset"), {"email": "who@example.com"})

    assert response.status_code == 429
    assert 'value="who@example.com"' in response.content.decode()


def test_password_reset_bad_link_is_400(client, alice):
    url = reverse("accounts:password-reset-confirm", args=["Zm9v", "bad-token"])

    response = client.post(url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert response.status_code == 400
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


# --- language -----------------------------------------------------------------------------


def test_language_switch_sets_the_cookie_for_a_visitor(client, db):
    response = client.post(reverse("accounts:language"), {"language": "en", "next": "/help/"})

    assert response.status_code == 302
    assert response["Location"] == "/help/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get(reverse("accounts:login"))
    assert "<h1>Sign in</h1>" in page.content.decode()


def test_language_switch_saves_the_users_language(client, alice):
    client.force_login(alice)

    response = client.post(reverse("accounts:language"), {"language": "en", "next": "/"})

    alice.refresh_from_db()
    assert alice.language == "en"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get(reverse("accounts:profile"))
    assert "<h1>Your profile</h1>" in page.content.decode()


def test_language_switch_refuses_an_unknown_language(client, alice):
    client.force_login(alice)

    response = client.post(reverse("accounts:language"), {"language": "xx", "next": "/"})

    assert response.status_code == 400
    alice.refresh_from_db()
    assert alice.language == "zh-hans"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_language_switch_ignores_a_foreign_next(client, db):
    response = client.post(
        reverse("accounts:language"), {"language": "en", "next": "https://evil.example/"}
    )

    assert response["Location"] == reverse("kb:portal-home")


def test_language_switch_needs_post(client, db):
    response = client.get(reverse("accounts:language"), {"language": "en"})

    assert response.status_code == 405


def test_pages_are_chinese_by_default_and_english_on_request(client, db):
    chinese = client.get(reverse("accounts:register"))
    english = client.get(reverse("accounts:register"), HTTP_ACCEPT_LANGUAGE="en")

    assert "<h1>注册账户</h1>" in chinese.content.decode()
    assert '<html lang="zh-hans">' in chinese.content.decode()
    assert "<h1>Create an account</h1>" in english.content.decode()


def test_emails_go_out_in_the_recipients_language(client, post, bob, mail_tasks_run):
    # bob reads English even when the request comes from a Chinese browser.
    post(reverse("accounts:password-reset"), {"email": "bob@example.com"})

    assert mail.outbox[0].subject == "Choose a new password"
    assert "The link works once" in mail.outbox[0].body


# --- profile ------------------------------------------------------------------------------


def test_profile_needs_sign_in(client, db):
    response = client.get(reverse("accounts:profile"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_profile_shows_the_form_with_shanghai_first(client, alice):
    client.force_login(alice)

    response = client.get(reverse("accounts:profile"))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<label for="id_time_zone">' in html
    assert '<option value="Asia/Shanghai" selected>' in html
    assert "已验证" in html


def test_profile_saves_changes(client, alice):
    client.force_login(alice)

    response = client.post(
        reverse("accounts:profile"),
        {"display_name": "Alice W", "language": "en", "time_zone": "Asia/Tokyo"},
    )

    assert response.status_code == 302
    alice.refresh_from_db()
    assert (alice.display_name, alice.language, alice.time_zone) == ("Alice W", "en", "Asia/Tokyo")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_profile_bad_input_is_400_and_keeps_what_was_typed(client, alice):
    client.force_login(alice)

    response = client.post(
        reverse("accounts:profile"),
        {"display_name": "Alice typed this", "language": "en", "time_zone": "Mars/Olympus"},
    )

    assert response.status_code == 400
    assert 'value="Alice typed this"' in response.content.decode()
    alice.refresh_from_db()
    assert alice.time_zone == "Asia/Shanghai"


def test_profile_of_an_unverified_user_offers_a_resend(client, newcomer):
    client.force_login(newcomer)

    response = client.get(reverse("accounts:profile"))

    html = response.content.decode()
    assert "Not confirmed" in html
    assert f'action="{reverse("accounts:verification-resend")}"' in html


def test_pages_carry_no_inline_script_or_style(client, alice):
    client.force_login(alice)

    html = client.get(reverse("accounts:profile")).content.decode()

    assert "style=" not in html
    assert "<script>" not in html

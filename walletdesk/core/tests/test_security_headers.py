"""Headers every response gets: a Content-Security-Policy (the admin site too), HSTS and the
https redirect where configured, and no-store wherever a person's data may be shown."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_admin_site_has_the_content_security_policy(client) -> None:
    response = client.get("/admin/login/")

    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "no-store" in response["Cache-Control"]


@override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True)
def test_hsts_is_sent_over_https() -> None:
    response = Client().get(reverse("kb:portal-home"), secure=True)

    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


@override_settings(SECURE_SSL_REDIRECT=True)
def test_plain_http_is_redirected_to_https_but_the_health_check_is_not() -> None:
    client = Client()

    page = client.get(reverse("kb:portal-home"))
    health = client.get(reverse("healthz"))

    assert page.status_code == 301
    assert page["Location"].startswith("https://")
    assert health.status_code == 200


def test_a_signed_in_persons_pages_are_never_stored(alice, client) -> None:
    client.force_login(alice)

    response = client.get(reverse("kb:portal-home"))

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_public_help_pages_for_a_visitor_may_be_kept(client) -> None:
    response = client.get(reverse("kb:portal-home"))

    assert "no-store" not in response.get("Cache-Control", "")

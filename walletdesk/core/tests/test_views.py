import pytest
from django.test import Client
from django.urls import reverse


@pytest.mark.django_db
def test_unknown_page_is_a_localised_404_in_the_portal_layout(client):
    zh = client.get("/no-such-page/")
    en = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="en")

    assert zh.status_code == 404
    assert "footer-help" in zh.content.decode()
    assert "Page not found" in en.content.decode()


def test_healthz_is_trivial(client):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.django_db
def test_pages_forbid_inline_script_and_foreign_assets(client):
    response = client.get(reverse("kb:portal-home"))

    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "default-src 'self'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_a_post_without_csrf_token_is_refused(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)

    response = client.post(
        reverse("portal:create", args=["other"]), {"subject": "x", "description": "y"}
    )

    assert response.status_code == 403
    assert "footer-help" in response.content.decode()
    assert not alice.tickets.exists()

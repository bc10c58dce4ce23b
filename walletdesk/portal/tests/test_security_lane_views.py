"""The lane's form page: what to do now in both languages, and a secret told as a secret at
full strength even when another field is invalid (web and API alike)."""

import pytest
from django.urls import reverse

from walletdesk.api.tests.helpers import token_client
from walletdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db

FRAGMENT = "abandon amount liar expire adjust cage"
DATA = {
    "subject": "USDT stolen",
    "description": f"The site asked for {FRAGMENT} and then the funds left.",
    "network": "tron",
    "address": "0x1234notanaddress",
}


@pytest.mark.parametrize(
    ("language", "text"),
    [("zh-hans", "我们绝不会索要您的助记词"), ("en", "We will never ask for your recovery phrase")],
)
def test_the_form_says_what_to_do_now(client, alice, language, text) -> None:
    alice.language = language
    alice.save(update_fields=["language"])
    client.force_login(alice)

    page = client.get(reverse("portal:create", args=["compromised"])).content.decode()

    assert "data-security-lane" in page
    assert text in page
    assert 'name="phishing_contact"' in page


def test_other_categories_do_not_show_it(client, alice) -> None:
    client.force_login(alice)

    page = client.get(reverse("portal:create", args=["deposit"])).content.decode()

    assert "data-security-lane" not in page


def test_a_fragment_beside_a_bad_address_is_refused_as_a_secret_on_the_page(client, alice) -> None:
    client.force_login(alice)

    response = client.post(reverse("portal:create", args=["compromised"]), DATA)

    page = response.content.decode()
    assert response.status_code == 400
    assert "secret-warning" in page
    assert "liar expire" not in page
    assert not Ticket.objects.exists()


def test_a_fragment_beside_a_bad_address_is_refused_as_a_secret_by_the_api(alice) -> None:
    response = token_client(alice).post(
        "/api/v1/tickets", {**DATA, "category": "compromised"}, format="json"
    )

    assert response.status_code == 422
    assert response.json()["code"] == "secret_detected"
    assert response.json()["fields"] == ["description"]
    assert not Ticket.objects.exists()

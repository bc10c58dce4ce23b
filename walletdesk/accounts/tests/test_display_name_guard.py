"""A display name holding a recovery phrase is refused as a secret on the page and the API, also
when it is too long to be a name: never echoed back as a long name."""

import pytest
from django.urls import reverse

from walletdesk.api.tests.helpers import token_client
from walletdesk.guard.models import SecretCatch

pytestmark = pytest.mark.django_db

# A valid 12-word phrase of 98 characters: longer than a display name may be.
LONG_PHRASE = (
    "disease present original chapter grocery process maximum purchase possible auction "
    "produce attract"
)


def test_the_profile_page_refuses_a_phrase_too_long_for_a_name_as_a_secret(alice, client) -> None:
    client.force_login(alice)

    response = client.post(
        reverse("accounts:profile"),
        {"display_name": LONG_PHRASE, "language": "en", "time_zone": "UTC"},
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "disease present" not in page
    assert "[已隐藏的助记词 / hidden recovery phrase]" in page
    alice.refresh_from_db()
    assert alice.display_name == "Alice"
    assert SecretCatch.objects.get().fields == ["display_name"]


def test_the_api_refuses_a_phrase_too_long_for_a_name_as_a_secret(alice) -> None:
    response = token_client(alice).patch("/api/v1/me", {"display_name": LONG_PHRASE}, format="json")

    assert response.status_code == 422
    assert response.json()["code"] == "secret_detected"
    assert response.json()["fields"] == ["display_name"]


def test_a_name_too_long_without_a_secret_is_still_a_length_error(alice) -> None:
    response = token_client(alice).patch("/api/v1/me", {"display_name": "x" * 81}, format="json")

    assert response.status_code == 400
    assert not SecretCatch.objects.exists()

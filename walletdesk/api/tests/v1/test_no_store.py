"""API answers about tickets and the signed-in user are never kept by a cache."""

import pytest

from walletdesk.api.tests.helpers import token_client

pytestmark = pytest.mark.django_db


def test_ticket_and_profile_answers_are_never_stored(alice, alice_ticket) -> None:
    client = token_client(alice)

    for url in (f"/api/v1/tickets/{alice_ticket.reference}", "/api/v1/tickets", "/api/v1/me"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url

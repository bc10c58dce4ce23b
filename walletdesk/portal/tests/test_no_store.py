"""A customer's ticket pages are never kept by a browser or a proxy."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_ticket_pages_are_never_stored(alice, alice_ticket, client) -> None:
    client.force_login(alice)

    for url in (reverse("portal:list"), reverse("portal:detail", args=[alice_ticket.reference])):
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"], url

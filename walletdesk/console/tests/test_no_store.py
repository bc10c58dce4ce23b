"""The console's queue and ticket pages are never kept by a browser or a proxy."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_console_pages_are_never_stored(carol, alice_ticket, client) -> None:
    client.force_login(carol)

    for url in (reverse("console:queue"), reverse("console:detail", args=[alice_ticket.reference])):
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"], url

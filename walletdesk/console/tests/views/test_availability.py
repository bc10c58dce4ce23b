"""POST /console/availability/: agents only, and marking the same twice changes nothing."""

import pytest
from django.urls import reverse

from walletdesk.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("console:availability")


def test_agent_marks_themselves_away_and_back(agent_client, agent) -> None:
    response = agent_client.post(URL, {"away": "1"}, follow=True)

    assert response.status_code == 200
    assert b"You are away" in response.content
    assert b"Set me available" in response.content
    agent.refresh_from_db()
    since = agent.away_since
    assert since is not None
    agent_client.post(URL, {"away": "1"})
    agent.refresh_from_db()
    assert agent.away_since == since  # away already: the moment stays
    agent_client.post(URL, {"away": "0"})
    agent.refresh_from_db()
    assert agent.away_since is None


def test_a_customer_or_anonymous_cannot(client) -> None:
    assert client.post(URL, {"away": "1"}).status_code == 302  # to sign in
    customer = UserFactory()
    client.force_login(customer)
    assert client.post(URL, {"away": "1"}).status_code in (403, 404)
    customer.refresh_from_db()
    assert customer.away_since is None


def test_get_is_refused(agent_client) -> None:
    assert agent_client.get(URL).status_code == 405

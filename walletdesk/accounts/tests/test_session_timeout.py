"""A session ends 14 days after sign-in however it is used; a staff session also ends after
two hours without a request. Activity is written sparingly, not on every request."""

import pytest
from django.urls import reverse

from walletdesk.accounts import middleware

pytestmark = pytest.mark.django_db

HOUR = 60 * 60
DAY = 24 * HOUR


@pytest.fixture
def clock(monkeypatch):
    now = [1_800_000_000]
    monkeypatch.setattr(middleware, "_now", lambda: now[0])
    return now


def _signed_in(client, url: str) -> bool:
    response = client.get(url)
    return response.status_code == 200 and "_auth_user_id" in client.session


def test_an_idle_agent_is_signed_out_after_two_hours(carol, client, clock) -> None:
    client.force_login(carol)
    queue = reverse("console:queue")
    assert _signed_in(client, queue)

    clock[0] += HOUR + 50 * 60
    assert _signed_in(client, queue)  # 1 h 50 idle: still in, and the clock starts again
    clock[0] += HOUR + 50 * 60
    assert _signed_in(client, queue)
    clock[0] += 2 * HOUR + 1

    response = client.get(queue)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    assert "_auth_user_id" not in client.session


def test_an_agents_session_expiry_follows_activity(carol, client, clock) -> None:
    client.force_login(carol)
    client.get(reverse("console:queue"))

    assert client.session.get_expiry_age() == 2 * HOUR


def test_agent_activity_is_not_written_on_every_request(carol, client, clock) -> None:
    client.force_login(carol)
    client.get(reverse("console:queue"))
    first = client.session[middleware.SEEN_AT]

    clock[0] += 60
    client.get(reverse("console:queue"))

    assert client.session[middleware.SEEN_AT] == first


def test_a_customer_stays_signed_in_for_hours_without_a_request(alice, client, clock) -> None:
    client.force_login(alice)
    tickets = reverse("portal:list")
    assert _signed_in(client, tickets)

    clock[0] += 3 * DAY

    assert _signed_in(client, tickets)


def test_a_customer_is_signed_out_fourteen_days_after_sign_in_however_active(
    alice, client, clock
) -> None:
    client.force_login(alice)
    tickets = reverse("portal:list")
    for _ in range(13):
        clock[0] += DAY
        assert _signed_in(client, tickets)

    clock[0] += DAY + 1

    assert not _signed_in(client, tickets)

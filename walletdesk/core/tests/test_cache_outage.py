"""With the cache server down (Redis restarting), nothing a user does fails: catalogues are
read from the database and rate limits are counted there, as a real Redis client fails."""

from typing import Any

import pytest
from django.core.cache import cache
from redis.exceptions import ConnectionError as RedisConnectionError

from walletdesk.api.tests.helpers import token_client
from walletdesk.core import ratelimit
from walletdesk.core.catalogues import Catalogue
from walletdesk.core.env import cache_prefix_for
from walletdesk.core.models import RateCounter
from walletdesk.tickets.models import Category, Ticket

pytestmark = pytest.mark.django_db

# Nothing listens on port 1 of the loopback: every command is refused at once.
UNREACHABLE = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
    }
}


@pytest.fixture
def cache_down(settings: Any) -> None:
    settings.CACHES = UNREACHABLE
    settings.RATE_LIMITS_STORE = "cache"
    Catalogue.forget_all()
    with pytest.raises(RedisConnectionError):
        cache.get("anything")


def test_a_catalogue_is_read_from_the_database_while_the_cache_is_down(cache_down: None) -> None:
    loads: list[int] = []

    def load() -> list[str]:
        loads.append(1)
        return list(Category.objects.order_by("slug").values_list("slug", flat=True))

    catalogue = Catalogue("outage-test", load, local_for=60)

    assert "deposit" in catalogue.get()
    assert catalogue.get() == catalogue.get()
    assert len(loads) == 1  # kept in the process as usual, not read again per call
    catalogue.forget()  # an edit while the cache is down is not an error either
    assert "deposit" in catalogue.get()
    assert len(loads) == 2


def test_rate_limits_still_count_while_the_cache_is_down(cache_down: None) -> None:
    limit = ratelimit.Limit("outage-test", count=2, window_for=60)

    verdicts = [ratelimit.hit(limit, "alice@example.com").allowed for _ in range(3)]

    assert verdicts == [True, True, False]
    assert RateCounter.objects.exists()


def test_a_ticket_is_submitted_through_the_api_while_the_cache_is_down(
    cache_down: None, alice: Any
) -> None:
    draft = {
        "category": "other",
        "subject": "App shows a wrong balance",
        "description": "Since yesterday the balance on the home screen is zero.",
    }

    response = token_client(alice).post("/api/v1/tickets", draft, format="json")

    assert response.status_code == 201, response.content
    assert Ticket.objects.filter(requester=alice, reference=response.json()["reference"]).exists()


def test_each_database_has_its_own_cache_keys() -> None:
    # Two deployments (or the benchmark database) sharing one Redis never share entries.
    main = {"HOST": "127.0.0.1", "PORT": 5432, "NAME": "walletdesk"}
    bench = {**main, "NAME": "walletdesk_bench"}
    elsewhere = {**main, "HOST": "db2.internal"}

    prefixes = {cache_prefix_for(d) for d in (main, bench, elsewhere)}

    assert len(prefixes) == 3
    assert cache_prefix_for(main) == cache_prefix_for(dict(main))

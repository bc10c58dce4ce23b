"""People and tickets the whole suite reuses (see the style guide's personas)."""

import importlib
from collections.abc import Iterator

import pytest
from django.apps import apps

from walletdesk.accounts.models import User
from walletdesk.accounts.tests.factories import AdminFactory, AgentFactory, UserFactory
from walletdesk.testing.live_server import count_requests
from walletdesk.tickets.models import Ticket
from walletdesk.tickets.tests.factories import TicketFactory

# Playwright fixtures for every app's browser tests (one driver for the whole run).
pytest_plugins = ["walletdesk.testing.browser", "walletdesk.testing.storage"]


@pytest.fixture
def alice(db) -> User:
    """A verified customer who writes in Chinese."""
    return UserFactory(email="alice@example.com", display_name="Alice")


@pytest.fixture
def bob(db) -> User:
    """Another verified customer; must never see alice's tickets."""
    return UserFactory(email="bob@example.com", display_name="Bob", language="en")


@pytest.fixture
def carol(db) -> User:
    """A support agent."""
    return AgentFactory(email="carol@walletdesk.example", display_name="Carol")


@pytest.fixture
def erin(db) -> User:
    """A second support agent, for two agents acting at once."""
    return AgentFactory(email="erin@walletdesk.example", display_name="Erin")


@pytest.fixture
def dave(db) -> User:
    """An administrator."""
    return AdminFactory(email="dave@walletdesk.example", display_name="Dave")


@pytest.fixture
def alice_ticket(alice) -> Ticket:
    return TicketFactory(requester=alice, subject="提现一直显示处理中")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and cached catalogues: every test starts with none."""
    from django.core.cache import cache

    from walletdesk.core.catalogues import Catalogue

    cache.clear()
    Catalogue.forget_all()
    yield
    cache.clear()
    Catalogue.forget_all()


@pytest.fixture(autouse=True)
def _default_language_after():
    """A request signed in as an English user leaves English active in the thread (as a worker
    does until its next request): the next test starts in the site's default language."""
    from django.utils import translation

    yield
    translation.deactivate()


def _seed_reference_data() -> None:
    """The categories, rejection reasons, the General team and the security lane the data
    migrations create.

    Transactional tests (live server, concurrency) flush every table when they end, which
    also removes rows a migration made; the tests after them need those rows back.
    """
    migration = importlib.import_module(
        "walletdesk.tickets.migrations.0002_seed_categories_and_reasons"
    )
    migration.seed(apps, None)
    importlib.import_module("walletdesk.networks.migrations.0002_seed_networks").seed(apps, None)
    importlib.import_module("walletdesk.tickets.migrations.0014_route_to_general_team").seed(
        apps, None
    )
    importlib.import_module("walletdesk.tickets.migrations.0021_security_lane").seed(apps, None)


@pytest.fixture
def _live_server_idle_at_the_end(live_server) -> Iterator[None]:
    in_flight = count_requests(live_server)
    in_flight.open()
    yield
    # A closed page's last poll may still be on its way: it is refused, not run in the flush.
    in_flight.closed_until_next_test()


@pytest.fixture(autouse=True)
def _reference_data(request) -> None:
    marker = request.node.get_closest_marker("django_db")
    transactional = "live_server" in request.fixturenames or (
        marker is not None and marker.kwargs.get("transaction", False)
    )
    if transactional:
        request.getfixturevalue("transactional_db")
        if "live_server" in request.fixturenames:
            # Set up after the database, so torn down before it is emptied.
            request.getfixturevalue("_live_server_idle_at_the_end")
        _seed_reference_data()

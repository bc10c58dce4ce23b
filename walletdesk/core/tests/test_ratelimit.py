"""Fixed-window rate limits, counted in the cache (Redis) or the database (embedded default)."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.test import RequestFactory, override_settings

from walletdesk.core.models import RateCounter
from walletdesk.core.ratelimit import Limit, client_ip, hit, hit_all

LOGIN = Limit(name="login", count=3, window_for=60)
TICKETS = Limit(name="tickets", count=1, window_for=3600)
START = dt.datetime(2025, 6, 6, 10, 0, 5, tzinfo=dt.UTC)  # 5 s into a minute window


@pytest.fixture(autouse=True, params=["cache", "database"])
def store(request: pytest.FixtureRequest, settings) -> str:
    """Every test runs on both stores (test_client_ip does not count and needs neither)."""
    if request.param == "database":
        request.getfixturevalue("db")
    settings.RATE_LIMITS_STORE = request.param
    return str(request.param)


@time_machine.travel(START, tick=False)
def test_allows_up_to_the_count_then_refuses() -> None:
    verdicts = [hit(LOGIN, "alice@example.com") for _ in range(4)]

    assert [v.allowed for v in verdicts] == [True, True, True, False]
    assert verdicts[-1].retry_after == 55  # seconds to the end of the window


@time_machine.travel(START, tick=False)
def test_keys_are_counted_apart_and_case_folded() -> None:
    for _ in range(3):
        hit(LOGIN, "alice@example.com")

    assert hit(LOGIN, " ALICE@example.com ").allowed is False
    assert hit(LOGIN, "bob@example.com").allowed is True
    assert hit(TICKETS, "alice@example.com").allowed is True  # another limit, another count


def test_window_resets() -> None:
    with time_machine.travel(START, tick=False) as traveller:
        for _ in range(3):
            hit(LOGIN, "alice@example.com")
        assert hit(LOGIN, "alice@example.com").allowed is False

        traveller.move_to(START + dt.timedelta(seconds=55))

        assert hit(LOGIN, "alice@example.com").allowed is True


@time_machine.travel(START, tick=False)
def test_key_is_not_stored_in_clear_text(monkeypatch: pytest.MonkeyPatch, store: str) -> None:
    written: list[str] = []
    add = cache.add

    def spy(key: str, *args: object, **kwargs: object) -> bool:
        written.append(key)
        return add(key, *args, **kwargs)

    monkeypatch.setattr(cache, "add", spy)

    hit(LOGIN, "alice@example.com")

    if store == "database":
        written = list(RateCounter.objects.values_list("key", flat=True))
    assert written
    assert not any("alice" in key or "example" in key for key in written)


@time_machine.travel(START, tick=False)
@override_settings(RATE_LIMITS_ENABLED=False)
def test_disabled_limits_allow_everything() -> None:
    verdicts = [hit(LOGIN, "alice@example.com") for _ in range(10)]

    assert all(v.allowed for v in verdicts)


@time_machine.travel(START, tick=False)
def test_hit_all_refuses_if_any_is_full_and_skips_empty_keys() -> None:
    hit(TICKETS, "203.0.113.9")

    verdict = hit_all([(LOGIN, "alice@example.com"), (TICKETS, "203.0.113.9"), (LOGIN, "")])

    assert verdict.allowed is False
    assert verdict.retry_after == 3595
    assert hit_all([(LOGIN, "bob@example.com"), (LOGIN, "")]).allowed is True


@time_machine.travel(START, tick=False)
def test_hit_all_counts_every_key_even_when_one_refuses() -> None:
    hit(TICKETS, "203.0.113.9")

    hit_all([(TICKETS, "203.0.113.9"), (LOGIN, "alice@example.com")])

    assert [hit(LOGIN, "alice@example.com").allowed for _ in range(3)] == [True, True, False]


@pytest.mark.parametrize(
    ("meta", "expected"), [({"REMOTE_ADDR": "198.51.100.7"}, "198.51.100.7"), ({}, "")]
)
def test_client_ip(meta: dict[str, str], expected: str) -> None:
    request = RequestFactory().get("/")
    request.META.pop("REMOTE_ADDR", None)
    request.META.update(meta)

    assert client_ip(request) == expected


@pytest.mark.usefixtures("db")
@pytest.mark.parametrize("store", ["database"], indirect=True)
def test_database_store_forgets_windows_that_ended() -> None:
    with time_machine.travel(START, tick=False) as traveller:
        hit(LOGIN, "alice@example.com")
        hit(TICKETS, "alice@example.com")
        traveller.move_to(START + dt.timedelta(minutes=2))

        hit(LOGIN, "alice@example.com")  # a new window: the ended one goes

    assert RateCounter.objects.count() == 2  # the new minute window and the live hour window
    assert all(counter.hits == 1 for counter in RateCounter.objects.all())

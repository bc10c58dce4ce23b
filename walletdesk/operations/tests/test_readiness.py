"""/readyz tells a balancer whether to send users here: the database is required; the file
storage, the cache and the broker are shared by every instance and reported (the desk keeps
working without them)."""

import threading
import time
from unittest import mock

import pytest
from celery import current_app
from django.core.files.storage import storages
from django.db import OperationalError

from walletdesk.operations import readiness


def _read(client):  # type: ignore[no-untyped-def]
    answer = client.get("/readyz")
    return answer.status_code, answer.json()


@pytest.mark.django_db
def test_ready_when_every_part_answers(client):
    status, body = _read(client)

    assert status == 200
    assert body["ready"] is True
    assert set(body["checks"]) == {"database", "storage", "cache", "broker"}
    assert all(check["ok"] for check in body["checks"].values())
    assert body["checks"]["database"]["required"] is True
    assert body["checks"]["broker"]["required"] is False


@pytest.mark.django_db
def test_still_ready_and_reported_when_the_file_storage_is_away(client):
    with mock.patch.object(
        type(storages["attachments"]), "exists", side_effect=ConnectionError("no route")
    ):
        status, body = _read(client)

    assert status == 200
    assert body["ready"] is True
    # The kind of failure only: no host names, paths or credentials in a public answer.
    assert body["checks"]["storage"] == {
        "ok": False,
        "required": False,
        "ms": body["checks"]["storage"]["ms"],
        "detail": "ConnectionError",
    }


@pytest.mark.django_db
def test_a_storage_that_never_answers_costs_the_probe_two_seconds_and_one_waiting_call(client):
    released = threading.Event()
    calls: list[str] = []

    def hang(self, name):  # type: ignore[no-untyped-def]
        calls.append(name)
        released.wait(30)
        return False

    with mock.patch.object(type(storages["attachments"]), "exists", hang):
        try:
            started = time.monotonic()
            first_status, first = _read(client)
            first_took = time.monotonic() - started
            started = time.monotonic()
            second_status, second = _read(client)
            second_took = time.monotonic() - started
        finally:
            released.set()
        # The hung call ends; the next probe asks the storage again.
        for _ in range(100):
            if readiness._storage_probe.acquire(blocking=False):
                readiness._storage_probe.release()
                break
            time.sleep(0.02)
        third_status, third = _read(client)

    assert (first_status, second_status, third_status) == (200, 200, 200)
    assert first["checks"]["storage"]["detail"] == "TimeoutError"
    assert first_took < readiness.STORAGE_TIMEOUT + 2
    # The second probe came while the first call still hung: answered at once, no new call.
    assert second["checks"]["storage"]["detail"] == "TimeoutError"
    assert second_took < 1.5
    assert third["checks"]["storage"]["ok"] is True
    assert len(calls) == 2


@pytest.mark.django_db
def test_not_ready_when_the_database_is_away(client):
    with mock.patch.object(readiness, "_database", side_effect=OperationalError("gone")):
        status, body = _read(client)

    assert status == 503
    assert body["checks"]["database"]["ok"] is False
    assert body["checks"]["database"]["detail"] == "OperationalError"


@pytest.mark.django_db
def test_still_ready_when_the_broker_is_unreachable(client):
    # A real connection attempt to a port where nothing listens.
    previous = current_app.conf.broker_url
    current_app.conf.broker_url = "redis://127.0.0.1:1/0"
    try:
        status, body = _read(client)
    finally:
        current_app.conf.broker_url = previous

    assert status == 200
    assert body["checks"]["broker"]["ok"] is False
    assert body["checks"]["broker"]["ms"] < 5000


@pytest.mark.django_db
def test_still_ready_when_the_cache_is_unreachable(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    from django.core.cache import caches

    with mock.patch.object(readiness, "cache", caches["default"]):
        status, body = _read(client)

    assert status == 200
    assert body["checks"]["cache"]["ok"] is False


# Outside a test transaction: the replica is a second connection to the test database.
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_a_configured_replica_is_reported_with_its_lag(client, settings):
    settings.REPLICA_READS = True

    status, body = _read(client)

    assert status == 200
    assert body["checks"]["replica"]["ok"] is True
    assert body["checks"]["replica"]["required"] is False
    # The test's replica is the test database itself: nothing to replay.
    assert body["checks"]["replica"]["detail"] == "0.0 s behind"


@pytest.mark.django_db
def test_a_replica_too_far_behind_or_away_is_reported_and_the_desk_stays_ready(client, settings):
    settings.REPLICA_READS = True
    settings.REPLICA_MAX_LAG = 10

    with mock.patch.object(readiness, "replica_lag", return_value=10.5):
        behind_status, behind = _read(client)
    with mock.patch.object(readiness, "replica_lag", return_value=9.5):
        close_status, close = _read(client)
    with mock.patch.object(readiness, "replica_lag", side_effect=OperationalError("gone")):
        away_status, away = _read(client)

    assert (behind_status, close_status, away_status) == (200, 200, 200)
    assert behind["checks"]["replica"] == {
        "ok": False,
        "required": False,
        "ms": behind["checks"]["replica"]["ms"],
        "detail": "ReplicaBehind",
    }
    assert close["checks"]["replica"]["ok"] is True
    assert close["checks"]["replica"]["detail"] == "9.5 s behind"
    assert away["checks"]["replica"]["detail"] == "OperationalError"


@pytest.mark.django_db
def test_readiness_is_never_cached_and_refuses_writes(client):
    answer = client.get("/readyz")

    assert "no-store" in answer["Cache-Control"]
    assert client.post("/readyz").status_code == 405

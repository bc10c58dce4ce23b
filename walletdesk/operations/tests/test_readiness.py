"""/readyz tells a balancer whether to send users here: the database and the file storage are
required, the cache and the broker are reported (the desk keeps working without them)."""

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
def test_not_ready_when_the_file_storage_is_away(client):
    with mock.patch.object(
        type(storages["attachments"]), "exists", side_effect=ConnectionError("no route")
    ):
        status, body = _read(client)

    assert status == 503
    assert body["ready"] is False
    # The kind of failure only: no host names, paths or credentials in a public answer.
    assert body["checks"]["storage"] == {
        "ok": False,
        "required": True,
        "ms": body["checks"]["storage"]["ms"],
        "detail": "ConnectionError",
    }


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


@pytest.mark.django_db
def test_readiness_is_never_cached_and_refuses_writes(client):
    answer = client.get("/readyz")

    assert "no-store" in answer["Cache-Control"]
    assert client.post("/readyz").status_code == 405

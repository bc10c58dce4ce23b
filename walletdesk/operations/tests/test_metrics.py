"""/metrics: what Prometheus reads. Request latency by route, task failures, guard catches and
service-target misses counted where they happen, and the shared state (the outbox, the event
readers) read from the database at each scrape. Only this machine or a token holder reads it."""

import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.db import OperationalError
from django.utils import timezone
from prometheus_client import REGISTRY

from config.celery import app
from walletdesk.guard.services import secret_guard
from walletdesk.notifications.models import Channel, EventCursor, Kind, Notification, State
from walletdesk.operations.collectors import DatabaseCollector
from walletdesk.tickets.models import TicketEvent

PHRASE = "abandon amount liar amount expire adjust cage candy arch gather drum buyer"


def _scrape(client, **extra) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    answer = client.get("/metrics", **extra)
    return answer.status_code, answer.content.decode()


def _value(text: str, line_start: str) -> float:
    for line in text.splitlines():
        if line.startswith(line_start + " "):
            return float(line.rsplit(" ", 1)[1])
    raise AssertionError(f"{line_start} not in the scrape")


@pytest.mark.django_db
def test_a_scraper_on_this_machine_reads_the_metrics(client):
    status, text = _scrape(client)

    assert status == 200
    assert _value(text, "walletdesk_database_up") == 1


@pytest.mark.django_db
def test_nobody_else_finds_them_without_the_token(client, settings):
    assert _scrape(client, REMOTE_ADDR="203.0.113.9")[0] == 404

    settings.METRICS_TOKEN = "scrape-token-123"
    assert _scrape(client)[0] == 404  # with a token set, this machine needs it too
    assert _scrape(client, HTTP_AUTHORIZATION="Bearer wrong")[0] == 404
    status, _text = _scrape(
        client, REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION="Bearer scrape-token-123"
    )
    assert status == 200


@pytest.mark.django_db
def test_each_request_is_timed_under_its_route_name_not_its_path(client, alice):
    labels = {"route": "healthz", "method": "GET", "status": "2xx"}
    before = REGISTRY.get_sample_value("walletdesk_request_seconds_count", labels) or 0
    client.get("/healthz")
    client.get("/healthz")
    client.get("/no/such/page/123")

    _status, text = _scrape(client)

    assert REGISTRY.get_sample_value("walletdesk_request_seconds_count", labels) == before + 2
    assert 'route="unmatched"' in text
    assert "/no/such/page" not in text


@pytest.mark.django_db
def test_a_caught_secret_is_counted_by_channel_without_its_text(client, alice):
    labels = {"channel": "api"}
    before = REGISTRY.get_sample_value("walletdesk_guard_catches_total", labels) or 0

    scan = secret_guard(fields={"description": PHRASE}, user=alice, channel="api")

    assert scan.found
    _status, text = _scrape(client)
    assert _value(text, 'walletdesk_guard_catches_total{channel="api"}') == before + 1
    assert "abandon" not in text


def test_a_failed_task_is_counted_by_its_name():
    @app.task(name="walletdesk.tests.always_fails")
    def always_fails() -> None:
        raise RuntimeError("boom")

    labels = {"task": "walletdesk.tests.always_fails"}
    before = REGISTRY.get_sample_value("walletdesk_task_failures_total", labels) or 0

    always_fails.apply()  # run here, through Celery's tracer and its signals

    assert REGISTRY.get_sample_value("walletdesk_task_failures_total", labels) == before + 1


@pytest.mark.django_db
def test_the_outbox_backlog_and_its_oldest_age_are_read_at_each_scrape(client, alice_ticket):
    event = TicketEvent.objects.create(
        ticket=alice_ticket, actor=None, kind=TicketEvent.Kind.AGENT_REPLIED
    )
    for channel, state in (
        (Channel.EMAIL, State.PENDING),
        (Channel.WEBHOOK, State.SENDING),
        (Channel.INAPP, State.SENT),
    ):
        Notification.objects.create(
            recipient=alice_ticket.requester,
            kind=Kind.AGENT_REPLIED,
            channel=channel,
            ticket=alice_ticket,
            event=event,
            state=state,
        )
    Notification.objects.filter(channel=Channel.EMAIL).update(
        created_at=timezone.now() - timedelta(minutes=10)
    )

    _status, text = _scrape(client)

    assert _value(text, 'walletdesk_outbox_backlog{channel="email"}') == 1
    assert _value(text, 'walletdesk_outbox_backlog{channel="webhook"}') == 1
    assert 'walletdesk_outbox_backlog{channel="inapp"}' not in text
    assert 600 <= _value(text, "walletdesk_outbox_oldest_age_seconds") < 700


@pytest.mark.django_db
def test_each_event_readers_lag_is_read_at_each_scrape(client, alice_ticket):
    newest = TicketEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    EventCursor.objects.create(name="receipts-test", last_event_id=max(newest - 3, 0))

    _status, text = _scrape(client)

    assert _value(text, 'walletdesk_event_reader_lag{reader="receipts-test"}') == min(3, newest)


@pytest.mark.django_db
def test_a_scrape_while_the_database_is_away_says_so_instead_of_failing(client):
    with mock.patch.object(DatabaseCollector, "_read", side_effect=OperationalError("gone")):
        status, text = _scrape(client)

    assert status == 200
    assert _value(text, "walletdesk_database_up") == 0


# Outside a test transaction: the replica is a second connection to the test database.
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_the_replicas_lag_is_read_at_each_scrape_when_one_is_configured(client, settings):
    _status, without = _scrape(client)
    settings.REPLICA_READS = True

    _status, text = _scrape(client)
    with mock.patch(
        "walletdesk.operations.collectors.replica_lag", side_effect=OperationalError("gone")
    ):
        _status, unreachable = _scrape(client)

    assert "walletdesk_replica_lag_seconds" not in without
    # The test's replica is the test database itself: nothing to replay.
    assert _value(text, "walletdesk_replica_lag_seconds") == 0
    assert _value(unreachable, "walletdesk_replica_lag_seconds") == -1


COUNT_IN_ANOTHER_PROCESS = """
import sys
from walletdesk.core.metrics import GUARD_CATCHES
GUARD_CATCHES.labels(channel="email").inc(int(sys.argv[1]))
"""


@pytest.mark.django_db
def test_values_of_every_process_on_the_machine_are_added_up(client, tmp_path, monkeypatch):
    """Web workers, the Celery worker and beat each write their own file; any worker's
    /metrics answers with the sum."""
    folder = tmp_path / "metrics"
    folder.mkdir()
    for count in ("2", "3"):
        subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
            [sys.executable, "-c", COUNT_IN_ANOTHER_PROCESS, count],
            cwd=Path(settings.BASE_DIR),
            env={"PATH": "/usr/bin:/bin", "PROMETHEUS_MULTIPROC_DIR": str(folder)},
            check=True,
            timeout=60,
        )
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(folder))

    _status, text = _scrape(client)

    assert _value(text, 'walletdesk_guard_catches_total{channel="email"}') == 5
    assert _value(text, "walletdesk_database_up") == 1


def test_a_celery_workers_pod_serves_the_sums_on_its_own_port(tmp_path, monkeypatch):
    """Where no web server runs beside the worker, METRICS_PORT opens a scrape port."""
    import socket
    import urllib.request

    from walletdesk.core.metrics import celery_worker_ready

    folder = tmp_path / "metrics"
    folder.mkdir()
    subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", COUNT_IN_ANOTHER_PROCESS, "4"],
        cwd=Path(settings.BASE_DIR),
        env={"PATH": "/usr/bin:/bin", "PROMETHEUS_MULTIPROC_DIR": str(folder)},
        check=True,
        timeout=60,
    )
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(folder))
    monkeypatch.setenv("METRICS_PORT", str(port))

    celery_worker_ready()

    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as answer:
        text = answer.read().decode()
    assert _value(text, 'walletdesk_guard_catches_total{channel="email"}') == 4

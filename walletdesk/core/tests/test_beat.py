"""However many beats are started, one sends: the others stand by and take over when it stops."""

import threading
from datetime import timedelta

import pytest
from celery.beat import ScheduleEntry
from django.db import connection, connections
from django.utils import timezone

from config.celery import app
from walletdesk.core.beat import (
    BEAT_LEASE,
    RENEW_EVERY,
    LockedScheduler,
    lease_hold,
    lease_release,
)
from walletdesk.core.models import Lease


def _expire(name: str = BEAT_LEASE) -> None:
    Lease.objects.filter(name=name).update(expires_at=timezone.now() - timedelta(seconds=1))


@pytest.mark.django_db
def test_the_first_beat_holds_the_lease_and_a_second_is_refused():
    assert lease_hold(name=BEAT_LEASE, holder="a", for_seconds=30)
    assert not lease_hold(name=BEAT_LEASE, holder="b", for_seconds=30)
    assert lease_hold(name=BEAT_LEASE, holder="a", for_seconds=30)  # renewing
    assert Lease.objects.get(name=BEAT_LEASE).holder == "a"


@pytest.mark.django_db
def test_a_lease_that_ran_out_goes_to_the_next_beat_and_the_old_holder_is_refused():
    lease_hold(name=BEAT_LEASE, holder="a", for_seconds=30)
    _expire()

    assert lease_hold(name=BEAT_LEASE, holder="b", for_seconds=30)
    assert not lease_hold(name=BEAT_LEASE, holder="a", for_seconds=30)


@pytest.mark.django_db
def test_a_beat_that_stops_cleanly_hands_the_lease_over_at_once():
    lease_hold(name=BEAT_LEASE, holder="a", for_seconds=30)
    lease_release(name=BEAT_LEASE, holder="b")  # not the holder: changes nothing
    assert not lease_hold(name=BEAT_LEASE, holder="b", for_seconds=30)

    lease_release(name=BEAT_LEASE, holder="a")

    assert lease_hold(name=BEAT_LEASE, holder="b", for_seconds=30)


class RecordingScheduler(LockedScheduler):
    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.sent: list[str] = []
        super().__init__(*args, **kwargs)

    def apply_async(self, entry, producer=None, advance=True, **kwargs):  # type: ignore[no-untyped-def]
        self.sent.append(entry.name)


def _scheduler(tmp_path, name: str) -> RecordingScheduler:
    scheduler = RecordingScheduler(
        app=app, schedule_filename=str(tmp_path / f"{name}-schedule"), lazy=True
    )
    scheduler.setup_schedule()
    scheduler.schedule.clear()
    scheduler.schedule["sweep"] = ScheduleEntry(
        name="sweep", task="walletdesk.sweep", schedule=timedelta(seconds=1), app=app
    )
    # Last run long ago: the entry is due at the first tick.
    scheduler.schedule["sweep"].last_run_at = timezone.now() - timedelta(hours=1)
    return scheduler


@pytest.mark.django_db
def test_of_two_beats_only_the_one_holding_the_lease_sends(tmp_path):
    first = _scheduler(tmp_path, "first")
    second = _scheduler(tmp_path, "second")
    try:
        first.tick()
        waited = second.tick()

        assert first.sent == ["sweep"]
        assert second.sent == []
        assert waited == RENEW_EVERY

        # The first stops: the second takes over at its next check and sends.
        first.close()
        second._checked_at -= RENEW_EVERY
        second.tick()
        assert second.sent == ["sweep"]
    finally:
        second.close()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks between connections")
def test_two_beats_taking_an_expired_lease_at_once_give_it_to_one():
    lease_hold(name=BEAT_LEASE, holder="gone", for_seconds=30)
    for _round in range(10):
        _expire()
        start = threading.Barrier(2)
        won: list[str] = []

        def take(holder: str, start: threading.Barrier = start, won: list[str] = won) -> None:
            start.wait()
            try:
                if lease_hold(name=BEAT_LEASE, holder=holder, for_seconds=30):
                    won.append(holder)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=take, args=(h,)) for h in ("a", "b")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        assert len(won) == 1

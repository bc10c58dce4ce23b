"""One beat at a time, however many are started.

Two beats would queue every sweep twice. Each beat runs this scheduler; only the one holding
the "beat" lease (a database row, so it holds across machines) sends anything. It renews the
lease every RENEW_EVERY seconds; a beat that stops (or dies) lets the lease run out and a
standing-by beat takes over within LEASE_FOR seconds. A clean stop hands it over at once.
"""

import contextlib
import logging
import os
import socket
import time
import uuid
from datetime import timedelta
from typing import Any

from celery.beat import PersistentScheduler
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from walletdesk.core.models import Lease

logger = logging.getLogger(__name__)

BEAT_LEASE = "beat"
LEASE_FOR = 30.0
RENEW_EVERY = 10.0


def lease_hold(*, name: str, holder: str, for_seconds: float) -> bool:
    """Take or renew ``name`` for ``holder``; False while someone else holds it.

    One conditional UPDATE: on PostgreSQL the row lock makes two takers after one expiry see
    each other's write, so exactly one of them wins.
    """
    now = timezone.now()
    try:
        with transaction.atomic():
            Lease.objects.get_or_create(name=name, defaults={"expires_at": now})
    except IntegrityError:
        pass  # another process created it first
    taken = (
        Lease.objects.filter(name=name)
        .filter(Q(holder=holder) | Q(expires_at__lte=now))
        .update(holder=holder, expires_at=now + timedelta(seconds=for_seconds))
    )
    return taken == 1


def lease_release(*, name: str, holder: str) -> None:
    Lease.objects.filter(name=name, holder=holder).update(expires_at=timezone.now())


# Celery ships no types (pyproject.toml), so its scheduler is Any to mypy.
class LockedScheduler(PersistentScheduler):  # type: ignore[misc]
    """Celery's own scheduler, sending only while it holds the beat lease."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.holding = False
        self._checked_at = -RENEW_EVERY
        super().__init__(*args, **kwargs)

    def _check_lease(self) -> None:
        try:
            holding = lease_hold(name=BEAT_LEASE, holder=self.holder, for_seconds=LEASE_FOR)
        except DatabaseError:
            # Without the database no sweep could work anyway; stand by until it is back.
            holding = False
        if holding != self.holding:
            logger.warning("beat %s: %s", "sending" if holding else "standing by", self.holder)
        self.holding = holding

    def tick(self, *args: Any, **kwargs: Any) -> float:
        now = time.monotonic()
        if now - self._checked_at >= RENEW_EVERY:
            self._check_lease()
            self._checked_at = now
        if not self.holding:
            return RENEW_EVERY
        return float(min(super().tick(*args, **kwargs), RENEW_EVERY))

    def close(self) -> None:
        if self.holding:
            # Without the database the lease runs out on its own.
            with contextlib.suppress(DatabaseError):
                lease_release(name=BEAT_LEASE, holder=self.holder)
        super().close()

"""Gauges read from the database when Prometheus scrapes: they describe shared state (the
outbox, the event readers), so any instance answers the same and nothing is kept in a process.

Each is one indexed read; a scrape costs a few milliseconds whatever the ticket count.
"""

from collections.abc import Iterator

from django.db import DatabaseError
from django.db.models import Count, Max, Min
from django.utils import timezone
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from walletdesk.core.replica import replica_configured, replica_lag
from walletdesk.notifications.models import EventCursor, Notification, State
from walletdesk.tickets.models import TicketEvent

_UNDELIVERED = (State.PENDING, State.SENDING)


class DatabaseCollector(Collector):
    def collect(self) -> Iterator[GaugeMetricFamily]:
        up = GaugeMetricFamily(
            "walletdesk_database_up", "Whether the scrape could read the database (1 or 0)."
        )
        try:
            families = list(self._read())
        except DatabaseError:
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        yield from families
        if replica_configured():
            yield self._replica()

    @staticmethod
    def _replica() -> GaugeMetricFamily:
        lag = GaugeMetricFamily(
            "walletdesk_replica_lag_seconds",
            "How far the read replica is behind the primary (-1 when it cannot be reached).",
        )
        try:
            lag.add_metric([], replica_lag())
        except DatabaseError:
            lag.add_metric([], -1.0)
        return lag

    def _read(self) -> Iterator[GaugeMetricFamily]:
        undelivered = Notification.objects.filter(state__in=_UNDELIVERED)
        backlog = GaugeMetricFamily(
            "walletdesk_outbox_backlog",
            "Notifications not yet delivered (pending or being sent), by channel.",
            labels=["channel"],
        )
        for row in undelivered.order_by().values("channel").annotate(n=Count("id")):
            backlog.add_metric([row["channel"]], row["n"])
        yield backlog

        oldest = undelivered.order_by().aggregate(at=Min("created_at"))["at"]
        age = GaugeMetricFamily(
            "walletdesk_outbox_oldest_age_seconds",
            "Age of the oldest undelivered notification (0 when none waits).",
        )
        age.add_metric([], (timezone.now() - oldest).total_seconds() if oldest else 0.0)
        yield age

        newest = TicketEvent.objects.order_by().aggregate(id=Max("id"))["id"] or 0
        lag = GaugeMetricFamily(
            "walletdesk_event_reader_lag",
            "Ticket events written but not yet read by each background reader.",
            labels=["reader"],
        )
        for name, last in EventCursor.objects.values_list("name", "last_event_id"):
            lag.add_metric([name], max(newest - last, 0))
        yield lag

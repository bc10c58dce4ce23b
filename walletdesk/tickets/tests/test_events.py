"""The listener registry: kinds heard, order kept, a listener added once."""

from collections.abc import Iterator

import pytest

from walletdesk.tickets import events
from walletdesk.tickets.models import TicketEvent

Kind = TicketEvent.Kind


@pytest.fixture
def registry() -> Iterator[None]:
    before = list(events._listeners)
    events._listeners.clear()
    yield
    events._listeners[:] = before


def _event(kind: str) -> TicketEvent:
    return TicketEvent(kind=kind)


def test_a_listener_hears_only_its_kinds(registry: None) -> None:
    heard: list[str] = []
    events.ticket_event_listen(lambda e: heard.append(e.kind), kinds=[Kind.REJECTED])

    events.ticket_event_announce(_event(Kind.CREATED))
    events.ticket_event_announce(_event(Kind.REJECTED))

    assert heard == [Kind.REJECTED]
    assert events.ticket_event_heard(Kind.REJECTED) is True
    assert events.ticket_event_heard(Kind.CREATED) is False


def test_a_listener_without_kinds_hears_every_kind(registry: None) -> None:
    heard: list[str] = []
    events.ticket_event_listen(lambda e: heard.append(e.kind))

    events.ticket_event_announce(_event(Kind.CREATED))
    events.ticket_event_announce(_event(Kind.RATED))

    assert heard == [Kind.CREATED, Kind.RATED]
    assert all(events.ticket_event_heard(kind) for kind in Kind.values)


def test_listeners_are_called_in_registration_order_and_once(registry: None) -> None:
    heard: list[str] = []

    def first(event: TicketEvent) -> None:
        heard.append("first")

    def second(event: TicketEvent) -> None:
        heard.append("second")

    events.ticket_event_listen(first)
    events.ticket_event_listen(second, kinds=[Kind.CREATED])
    events.ticket_event_listen(first, kinds=[Kind.RATED])  # already there: ignored

    events.ticket_event_announce(_event(Kind.CREATED))
    events.ticket_event_announce(_event(Kind.RATED))

    assert heard == ["first", "second", "first"]


def test_nobody_hears_anything_with_no_listener(registry: None) -> None:
    assert not any(events.ticket_event_heard(kind) for kind in Kind.values)

"""Who else hears of a ticket change, inside the transaction that makes it.

Apps above tickets (notifications today; SLA clocks and reports next) register a listener once,
when Django loads them (their AppConfig.ready). ``ticket_event_record`` calls every listener
with the new event in the service's own transaction, so what a listener writes commits or rolls
back with the change itself. Tickets never import its listeners: the dependency points upward
only through this list.
"""

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from walletdesk.tickets.models import TicketEvent

EventListener = Callable[["TicketEvent"], object]

# (listener, the event kinds it hears, or None for every kind)
_listeners: list[tuple[EventListener, frozenset[str] | None]] = []


def ticket_event_listen(listener: EventListener, *, kinds: Iterable[str] | None = None) -> None:
    """Call ``listener(event)`` for every event of ``kinds`` (every kind when None) recorded
    from now on; adding a listener twice is a no-op.

    Naming the kinds is worth it: a change no listener hears of needs no transaction of its
    own (a new ticket whose ``created`` event nobody hears is one statement).
    """
    if all(known is not listener for known, _kinds in _listeners):
        _listeners.append((listener, None if kinds is None else frozenset(kinds)))


def ticket_event_heard(kind: str) -> bool:
    """Whether any listener hears events of ``kind``."""
    return any(kinds is None or kind in kinds for _listener, kinds in _listeners)


def ticket_event_announce(event: "TicketEvent") -> None:
    """Hand one freshly recorded event to every listener of its kind, in registration order."""
    for listener, kinds in _listeners:
        if kinds is None or event.kind in kinds:
            listener(event)

"""Who else hears of a ticket change, inside the transaction that makes it.

Apps above tickets (notifications today; SLA clocks and reports next) register a listener once,
when Django loads them (their AppConfig.ready). ``ticket_event_record`` calls every listener
with the new event in the service's own transaction, so what a listener writes commits or rolls
back with the change itself. Tickets never import its listeners: the dependency points upward
only through this list.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from walletdesk.tickets.models import TicketEvent

EventListener = Callable[["TicketEvent"], object]

_listeners: list[EventListener] = []


def ticket_event_listen(listener: EventListener) -> None:
    """Call ``listener(event)`` for every event recorded from now on; adding it twice is a no-op."""
    if listener not in _listeners:
        _listeners.append(listener)


def ticket_event_announce(event: "TicketEvent") -> None:
    """Hand one freshly recorded event to every listener, in registration order."""
    for listener in _listeners:
        listener(event)

"""The event log is append-only: no service, nor anyone else, rewrites it."""

import pytest

from walletdesk.accounts.models import User
from walletdesk.tickets.models import AppendOnlyError, Ticket, TicketEvent
from walletdesk.tickets.services import ticket_start


def test_event_cannot_be_updated(alice_ticket: Ticket, carol: User) -> None:
    ticket_start(ticket=alice_ticket, agent=carol)
    event = TicketEvent.objects.filter(ticket=alice_ticket).first()
    event.reason = "rewritten"

    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        TicketEvent.objects.filter(ticket=alice_ticket).update(reason="rewritten")

    assert not TicketEvent.objects.filter(reason="rewritten").exists()


def test_event_cannot_be_deleted(alice_ticket: Ticket, carol: User) -> None:
    ticket_start(ticket=alice_ticket, agent=carol)
    event = TicketEvent.objects.filter(ticket=alice_ticket).first()

    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        TicketEvent.objects.filter(ticket=alice_ticket).delete()
    with pytest.raises(AppendOnlyError):
        TicketEvent.objects.all().delete()

    assert TicketEvent.objects.filter(ticket=alice_ticket).count() == 2

"""The listener is registered for HEARD_KINDS alone: every other kind must reach nobody,
whatever its values, or a change someone should hear of would be missed."""

import itertools

import pytest

from walletdesk.notifications.services import HEARD_KINDS, audience_for_event
from walletdesk.tickets.events import ticket_event_heard
from walletdesk.tickets.models import Status, TicketEvent

Kind = TicketEvent.Kind
STATUSES = ["", *Status.values]
# Values events carry besides statuses: whose file an ATTACHMENT_REFUSED event is about.
VALUES = [*STATUSES, "customer", "agent"]


@pytest.mark.parametrize("kind", sorted(set(Kind.values) - HEARD_KINDS))
def test_a_kind_not_heard_reaches_nobody_whatever_its_values(kind, alice_ticket, carol, erin):
    alice_ticket.assignee = carol
    for from_value, to_value in itertools.product(VALUES, VALUES):
        event = TicketEvent(
            ticket=alice_ticket, kind=kind, actor=erin, from_value=from_value, to_value=to_value
        )
        assert audience_for_event(event) == [], (kind, from_value, to_value)


@pytest.mark.parametrize("kind", sorted(HEARD_KINDS))
def test_every_heard_kind_reaches_someone_for_some_values(kind, alice_ticket, carol, erin):
    alice_ticket.assignee = carol
    reached = [
        audience_for_event(
            TicketEvent(ticket=alice_ticket, kind=kind, actor=erin, from_value=f, to_value=t)
        )
        for f, t in itertools.product(VALUES, VALUES)
    ]
    assert any(reached), kind


def test_the_app_listens_to_exactly_the_heard_kinds() -> None:
    assert {kind for kind in Kind.values if ticket_event_heard(kind)} == set(HEARD_KINDS)
    assert ticket_event_heard(Kind.CREATED) is False

"""ticket_rate: the requester's satisfaction score, once."""

import pytest

from walletdesk.accounts.models import User
from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.models import Status
from walletdesk.tickets.services import ticket_rate
from walletdesk.tickets.tests.services.helpers import Code, Kind, history, kinds, ticket_in


@pytest.mark.parametrize("status", [Status.RESOLVED, Status.CLOSED])
def test_requester_rates_resolved_or_closed(alice: User, status: Status) -> None:
    ticket = ticket_in(status, alice)

    ticket_rate(ticket=ticket, customer=alice, score=5, comment=" 很快 ")

    ticket.refresh_from_db()
    assert ticket.rating == 5
    assert ticket.rating_comment == "很快"
    assert ticket.rated_at is not None
    assert ticket.can_be_rated is False
    assert history(ticket) == [(Kind.RATED, alice, "", "5", "")]


def test_rate_only_once(alice: User) -> None:
    ticket = ticket_in(Status.RESOLVED, alice)
    ticket_rate(ticket=ticket, customer=alice, score=4)

    with pytest.raises(TicketError) as caught:
        ticket_rate(ticket=ticket, customer=alice, score=1)

    assert caught.value.code == Code.NOT_RATABLE
    ticket.refresh_from_db()
    assert ticket.rating == 4
    assert kinds(ticket) == [Kind.RATED]


@pytest.mark.parametrize("score", [0, 6, -1, 100])
def test_rate_out_of_range_refused(alice: User, score: int) -> None:
    ticket = ticket_in(Status.RESOLVED, alice)

    with pytest.raises(TicketError) as caught:
        ticket_rate(ticket=ticket, customer=alice, score=score)

    assert caught.value.code == Code.INVALID_RATING
    ticket.refresh_from_db()
    assert ticket.rating is None
    assert history(ticket) == []


@pytest.mark.parametrize(
    "status", [Status.NEW, Status.OPEN, Status.WAITING_ON_CUSTOMER, Status.REJECTED]
)
def test_rate_refused_unless_resolved_or_closed(alice: User, status: Status) -> None:
    ticket = ticket_in(status, alice)

    with pytest.raises(TicketError) as caught:
        ticket_rate(ticket=ticket, customer=alice, score=5)

    assert caught.value.code == Code.NOT_RATABLE
    assert history(ticket) == []


def test_only_requester_rates(alice: User, bob: User, carol: User) -> None:
    ticket = ticket_in(Status.RESOLVED, alice)

    for other in (bob, carol):
        with pytest.raises(TicketError) as caught:
            ticket_rate(ticket=ticket, customer=other, score=5)
        assert caught.value.code == Code.NOT_REQUESTER

    ticket.refresh_from_db()
    assert ticket.rating is None

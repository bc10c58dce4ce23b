"""A new ticket with nothing else to write is one statement, atomic by itself; anything else
beside it (files, an original, a listener of its "created" event) brings the transaction
back, and with it all or nothing."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import connection

from walletdesk.accounts.models import User
from walletdesk.tickets import events
from walletdesk.tickets.models import Ticket, TicketEvent
from walletdesk.tickets.services import ticket_draft_check, ticket_open_checked
from walletdesk.tickets.tests.factories import TicketFactory
from walletdesk.tickets.tests.services.helpers import Kind, draft, kinds

# Outside the test's own transaction: the path under test is the one without any.
pytestmark = pytest.mark.django_db(transaction=True)

one_statement = connection.vendor == "postgresql"


@contextmanager
def statements() -> Iterator[list[tuple[str, bool]]]:
    """Every statement sent, with whether the connection was in autocommit when it ran."""
    seen: list[tuple[str, bool]] = []

    def record(execute: Callable[..., Any], sql: str, *args: Any) -> Any:
        seen.append((sql, connection.get_autocommit()))
        return execute(sql, *args)

    with connection.execute_wrapper(record):
        yield seen


@contextmanager
def listening(listener: events.EventListener, kinds: set[str]) -> Iterator[None]:
    before = list(events._listeners)
    events.ticket_event_listen(listener, kinds=kinds)
    try:
        yield
    finally:
        events._listeners[:] = before


def _inserts(seen: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    return [(sql, auto) for sql, auto in seen if "INSERT INTO" in sql]


def test_a_ticket_alone_is_written_without_a_transaction_of_its_own(alice: User) -> None:
    checked = ticket_draft_check(requester=alice, draft=draft())

    with statements() as seen:
        ticket = ticket_open_checked(checked=checked)

    inserts = _inserts(seen)
    if one_statement:
        assert len(inserts) == 1
        sql, autocommit = inserts[0]
        assert sql.startswith("WITH first_row AS (INSERT INTO")
        assert autocommit is True
    else:
        assert [autocommit for _sql, autocommit in inserts] == [False, False]
    assert kinds(ticket) == [Kind.CREATED]
    assert Ticket.objects.get(pk=ticket.pk).reference == ticket.reference


def test_a_reference_clash_is_drawn_again_without_a_transaction(
    alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    TicketFactory(reference="WD-AAAAAA")
    drawn = iter(["WD-AAAAAA", "WD-BBBBBB"])
    monkeypatch.setattr("walletdesk.tickets.services.reference_generate", lambda: next(drawn))
    checked = ticket_draft_check(requester=alice, draft=draft())

    ticket = ticket_open_checked(checked=checked)

    assert ticket.reference == "WD-BBBBBB"
    assert Ticket.objects.filter(reference="WD-AAAAAA").count() == 1
    assert kinds(ticket) == [Kind.CREATED]


def test_something_to_write_beside_it_brings_the_transaction_back(alice: User) -> None:
    checked = ticket_draft_check(requester=alice, draft=draft())
    written: list[Ticket] = []

    with statements() as seen:
        ticket = ticket_open_checked(checked=checked, then=written.append)

    assert written == [ticket]
    assert {autocommit for _sql, autocommit in _inserts(seen)} == {False}


def test_what_is_written_beside_it_rolls_back_with_it(alice: User) -> None:
    checked = ticket_draft_check(requester=alice, draft=draft())

    def fails(ticket: Ticket) -> None:
        raise RuntimeError("storage went away")

    with pytest.raises(RuntimeError):
        ticket_open_checked(checked=checked, then=fails)

    assert not Ticket.objects.filter(requester=alice).exists()
    assert not TicketEvent.objects.filter(ticket__requester=alice).exists()


def test_a_listener_of_created_events_hears_it_inside_the_transaction(alice: User) -> None:
    heard: list[tuple[str, bool]] = []
    checked = ticket_draft_check(requester=alice, draft=draft())

    def listener(event: TicketEvent) -> None:
        heard.append((event.kind, connection.in_atomic_block))

    with listening(listener, {Kind.CREATED}):
        assert events.ticket_event_heard(Kind.CREATED) is True
        ticket_open_checked(checked=checked)

    assert heard == [(Kind.CREATED, True)]


def test_a_listener_that_fails_leaves_no_ticket(alice: User) -> None:
    checked = ticket_draft_check(requester=alice, draft=draft())

    def listener(event: TicketEvent) -> None:
        raise RuntimeError("the listener's own write failed")

    with listening(listener, {Kind.CREATED}), pytest.raises(RuntimeError):
        ticket_open_checked(checked=checked)

    assert not Ticket.objects.filter(requester=alice).exists()


def test_a_listener_of_other_kinds_does_not_hear_a_new_ticket(alice: User) -> None:
    heard: list[str] = []
    checked = ticket_draft_check(requester=alice, draft=draft())

    with listening(lambda event: heard.append(event.kind), {Kind.AGENT_REPLIED}):
        assert events.ticket_event_heard(Kind.CREATED) is False
        ticket_open_checked(checked=checked)

    assert heard == []

"""CompiledInsertPair writes two new rows in one statement where the database allows it,
and exactly the rows two saves would store."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import Value, signals
from django.test.utils import CaptureQueriesContext

from walletdesk.core.compiled import CompiledInsert, CompiledInsertPair
from walletdesk.core.tests.test_compiled_insert import _stored, _ticket
from walletdesk.tickets.models import Ticket, TicketEvent

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="one statement needs a data-modifying WITH"
)


def _pair() -> CompiledInsertPair[Ticket, TicketEvent]:
    return CompiledInsertPair(CompiledInsert(Ticket), CompiledInsert(TicketEvent))


def _created(ticket: Ticket, actor) -> TicketEvent:
    return TicketEvent(ticket=ticket, kind="created", actor=actor, to_value="new")


def test_both_rows_are_the_rows_two_saves_store(alice) -> None:
    one = _ticket(alice, "WD-PAIR01")
    CompiledInsert(Ticket).save(one)
    one_event = CompiledInsert(TicketEvent).save(_created(one, alice))

    two = _ticket(alice, "WD-PAIR02")
    ticket, event = _pair().save(two, _created(two, alice))

    assert (ticket, event) == (two, event)
    expected = _stored(Ticket, one.pk)
    actual = _stored(Ticket, two.pk)
    assert expected.pop("reference") == "WD-PAIR01"
    assert actual.pop("reference") == "WD-PAIR02"
    assert actual == expected
    assert isinstance(event.pk, int)
    assert event.pk > one_event.pk
    stored_event = TicketEvent.objects.get(pk=event.pk)
    assert (stored_event.ticket_id, stored_event.kind, stored_event.to_value) == (
        two.pk,
        "created",
        "new",
    )
    assert ticket._state.adding is False
    assert event._state.adding is False
    assert ticket._state.db == event._state.db == "default"


@on_postgresql
def test_postgresql_writes_both_rows_in_one_statement(alice) -> None:
    ticket = _ticket(alice, "WD-PAIR03")

    with CaptureQueriesContext(connection) as queries:
        _pair().save(ticket, _created(ticket, alice))

    assert _pair().one_statement is True
    assert len(queries.captured_queries) == 1
    assert queries.captured_queries[0]["sql"].startswith("WITH first_row AS (INSERT INTO")
    assert TicketEvent.objects.filter(ticket=ticket).count() == 1


def test_two_statements_where_one_is_not_possible(alice) -> None:
    ticket = _ticket(alice, "WD-PAIR04")
    one_statement = connection.vendor == "postgresql"

    with CaptureQueriesContext(connection) as queries:
        _pair().save(ticket, _created(ticket, alice))

    assert _pair().one_statement is one_statement
    assert len(queries.captured_queries) == (1 if one_statement else 2)
    assert Ticket.objects.filter(pk=ticket.pk).exists()


def test_anyone_listening_to_save_signals_gets_two_saves_and_hears_both(alice) -> None:
    heard = []

    def listener(sender, instance, **kwargs) -> None:
        heard.append((sender, instance.pk is not None))

    signals.post_save.connect(listener, sender=TicketEvent)
    try:
        assert _pair().one_statement is False
        ticket = _ticket(alice, "WD-PAIR05")
        _ticket_saved, event = _pair().save(ticket, _created(ticket, alice))
    finally:
        signals.post_save.disconnect(listener, sender=TicketEvent)

    assert heard == [(TicketEvent, True)]
    assert TicketEvent.objects.get(pk=event.pk).ticket_id == ticket.pk


def test_a_clash_on_the_first_row_stores_neither(alice) -> None:
    CompiledInsert(Ticket).save(_ticket(alice, "WD-PAIR06"))
    again = _ticket(alice, "WD-PAIR06")

    with pytest.raises(IntegrityError), transaction.atomic():
        _pair().save(again, _created(again, alice))

    assert Ticket.objects.filter(reference="WD-PAIR06").count() == 1
    assert not TicketEvent.objects.filter(ticket_id=again.pk).exists()


def test_an_expression_value_falls_back_to_two_saves(alice) -> None:
    ticket = _ticket(alice, "WD-PAIR07")
    event = _created(ticket, alice)
    event.to_value = Value("new")  # an expression: the kept statement cannot carry it

    _pair().save(ticket, event)

    assert TicketEvent.objects.get(pk=event.pk).to_value == "new"


def test_rows_for_two_databases_are_refused() -> None:
    with pytest.raises(ValueError, match="same database"):
        CompiledInsertPair(CompiledInsert(Ticket), CompiledInsert(TicketEvent, using="other"))

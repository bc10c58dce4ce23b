"""CompiledInsert stores exactly the row save() would, keys and signals included."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.db.models import Value, signals
from django.forms.models import model_to_dict

from walletdesk.core.compiled import CompiledInsert
from walletdesk.tickets.models import Ticket, TicketEvent
from walletdesk.tickets.tests.factories import category

pytestmark = pytest.mark.django_db


def _ticket(alice, reference: str) -> Ticket:
    return Ticket(
        reference=reference,
        requester=alice,
        category=category("deposit"),
        subject="充值未到账",
        description="从交易所充值 USDT，一直没到账。",
        network="tron",
        asset="USDT",
        amount=Decimal("250.123456789012345678"),
        occurred_at=datetime(2026, 11, 30, 6, 5, tzinfo=UTC),
        last_customer_message_at=datetime(2026, 12, 1, 8, 0, tzinfo=UTC),
        first_response_due_at=datetime(2026, 12, 3, 8, 0, tzinfo=UTC),
        intake_score=80,
        intake_flags=["memo_missing", "address_poisoning"],
    )


def _stored(model, pk) -> dict:
    row = model_to_dict(model.objects.get(pk=pk))
    row.pop("id", None)
    return row


def test_a_ticket_row_is_the_row_save_stores(alice) -> None:
    by_orm = _ticket(alice, "WD-AAAAAA")
    by_orm.save(force_insert=True)

    compiled = CompiledInsert(Ticket).save(_ticket(alice, "WD-BBBBBB"))

    expected = _stored(Ticket, by_orm.pk)
    actual = _stored(Ticket, compiled.pk)
    assert expected.pop("reference") == "WD-AAAAAA"
    assert actual.pop("reference") == "WD-BBBBBB"
    assert actual == expected
    assert compiled._state.adding is False
    stored = Ticket.objects.get(pk=compiled.pk)
    assert stored.intake_flags == ["memo_missing", "address_poisoning"]
    assert stored.amount == Ticket.objects.get(pk=by_orm.pk).amount
    assert stored.created_at is not None


def test_an_auto_incremented_key_is_filled_in(alice, alice_ticket) -> None:
    insert = CompiledInsert(TicketEvent)

    first = insert.save(TicketEvent(ticket=alice_ticket, kind="created", actor=alice))
    second = insert.save(TicketEvent(ticket=alice_ticket, kind="rated", actor=alice, to_value="5"))

    assert isinstance(first.pk, int)
    assert second.pk > first.pk
    assert TicketEvent.objects.get(pk=second.pk).to_value == "5"


def test_save_signals_are_sent_to_whoever_listens_as_save_sends_them(alice, alice_ticket) -> None:
    heard = []

    def listener(signal, sender, instance, **kwargs) -> None:
        heard.append((signal, sender, instance, kwargs))

    signals.pre_save.connect(listener, sender=TicketEvent)
    signals.post_save.connect(listener, sender=TicketEvent)
    try:
        event = CompiledInsert(TicketEvent).save(
            TicketEvent(ticket=alice_ticket, kind="created", actor=alice)
        )
    finally:
        signals.pre_save.disconnect(listener, sender=TicketEvent)
        signals.post_save.disconnect(listener, sender=TicketEvent)

    common = {"raw": False, "using": "default", "update_fields": None}
    assert heard == [
        (signals.pre_save, TicketEvent, event, common),
        (signals.post_save, TicketEvent, event, {**common, "created": True}),
    ]
    assert event._state.db == "default"


def test_a_unique_clash_raises_like_save_and_stores_nothing(alice) -> None:
    insert = CompiledInsert(Ticket)
    insert.save(_ticket(alice, "WD-CCCCCC"))

    with pytest.raises(IntegrityError), transaction.atomic():
        insert.save(_ticket(alice, "WD-CCCCCC"))

    assert Ticket.objects.filter(reference="WD-CCCCCC").count() == 1


def test_an_expression_value_is_saved_the_ordinary_way(alice, alice_ticket) -> None:
    event = TicketEvent(ticket=alice_ticket, kind="rated", actor=alice)
    event.to_value = Value("5")  # an expression: the kept statement cannot carry it

    saved = CompiledInsert(TicketEvent).save(event)

    assert TicketEvent.objects.get(pk=saved.pk).to_value == "5"


def _as_compared(value: object) -> tuple[type, object]:
    # A JSON value is wrapped for the driver in an object that does not compare: its content does.
    return type(value), getattr(value, "obj", value)


def _orm_params(insert: CompiledInsert, instance) -> list:
    """The values the ORM's own steps give every column, as save() prepares them."""
    _sql, fields, _auto, compiler = insert._compiled
    return [compiler.prepare_value(f, compiler.pre_save_val(f, instance)) for f in fields]


def _rows(alice, alice_ticket) -> list:
    full = _ticket(alice, "WD-DDDDDD")
    bare = Ticket(reference="WD-EEEEEE", requester=alice, category=category("deposit"))
    bare.subject = None  # not a value a ticket takes, but one the column's steps decide
    odd = _ticket(alice, "WD-FFFFFF")
    odd.status = Ticket._meta.get_field("status").default  # a choice's member, a str subclass
    odd.tx_hash = ""
    odd.rating = 5
    odd.rated_at = datetime(2026, 12, 2, 9, 30, tzinfo=UTC)
    odd.rating_reasons = ["fast", {"nested": [1, None]}]
    return [
        full,
        bare,
        odd,
        TicketEvent(ticket=alice_ticket, kind=TicketEvent.Kind.CREATED, actor=alice),
        TicketEvent(ticket=alice_ticket, kind="rated", actor=None, to_value="5", reason="很好"),
    ]


def test_every_value_is_the_value_the_orm_prepares(alice, alice_ticket, monkeypatch) -> None:
    # The columns the kept statement passes as they are must be exactly those the ORM would
    # have passed unchanged: compared column by column, type included, on this database.
    now = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
    monkeypatch.setattr("django.utils.timezone.now", lambda: now)

    for row in _rows(alice, alice_ticket):
        insert = CompiledInsert(type(row))
        expected = [_as_compared(v) for v in _orm_params(insert, row)]

        assert [_as_compared(v) for v in insert.params(row)] == expected, type(row).__name__


def test_created_and_updated_times_are_stamped_as_save_stamps_them(alice, monkeypatch) -> None:
    now = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
    monkeypatch.setattr("django.utils.timezone.now", lambda: now)
    ticket = _ticket(alice, "WD-GGGGGG")
    ticket.created_at = datetime(2020, 1, 1, tzinfo=UTC)  # auto_now_add: replaced on insert

    saved = CompiledInsert(Ticket).save(ticket)

    stored = Ticket.objects.get(pk=saved.pk)
    assert (saved.created_at, saved.updated_at) == (now, now)
    assert (stored.created_at, stored.updated_at) == (now, now)


def test_a_naive_time_is_made_aware_with_the_orm_s_warning(alice) -> None:
    ticket = _ticket(alice, "WD-HHHHHH")
    ticket.occurred_at = datetime(2026, 11, 30, 6, 5)  # noqa: DTZ001 -- naive on purpose

    with pytest.warns(RuntimeWarning, match="naive datetime"):
        saved = CompiledInsert(Ticket).save(ticket)

    by_orm = _ticket(alice, "WD-JJJJJJ")
    by_orm.occurred_at = datetime(2026, 11, 30, 6, 5)  # noqa: DTZ001 -- naive on purpose
    with pytest.warns(RuntimeWarning, match="naive datetime"):
        by_orm.save(force_insert=True)
    assert (
        Ticket.objects.get(pk=saved.pk).occurred_at == Ticket.objects.get(pk=by_orm.pk).occurred_at
    )


def test_a_key_given_as_text_is_converted_as_the_orm_converts_it(alice, alice_ticket) -> None:
    event = TicketEvent(ticket=alice_ticket, kind="rated", actor=alice)
    event.ticket_id = str(alice_ticket.pk)  # not a UUID object: the field converts it

    saved = CompiledInsert(TicketEvent).save(event)

    assert TicketEvent.objects.get(pk=saved.pk).ticket_id == alice_ticket.pk

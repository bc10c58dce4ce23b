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

"""Reads of model rows compiled once: the rows, related rows and annotations the ORM gives."""

import uuid
from typing import Any
from unittest import mock

import pytest
from django.db import connection
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext
from hypothesis import given, settings
from hypothesis import strategies as st

from walletdesk.accounts.models import User
from walletdesk.core.compiled import CompiledRead, CompiledValues
from walletdesk.tickets.models import Message, Ticket, TicketEvent
from walletdesk.tickets.tests.factories import TicketFactory

pytestmark = pytest.mark.django_db


def _tickets_of(with_category: bool, *, requester_id: Any, subject: str = "") -> QuerySet[Ticket]:
    tickets = Ticket.objects.filter(requester_id=requester_id).order_by("created_at", "id")
    if subject:
        tickets = tickets.filter(subject=subject)
    return tickets.select_related("category", "requester") if with_category else tickets


def _same_rows(found: list[Any], expected: list[Any], *, related: tuple[str, ...] = ()) -> None:
    assert found == expected
    for one, other in zip(found, expected, strict=True):
        for field in type(other)._meta.concrete_fields:
            assert getattr(one, field.attname) == getattr(other, field.attname), field.name
        for name in related:
            # Filled by the read itself: reading them costs no query.
            assert name in one._state.fields_cache, name
            assert getattr(one, name) == getattr(other, name)
        assert one._state.adding is False
        assert one._state.db == "default"


def test_rows_and_related_rows_are_the_orm_s(alice: User, bob: User) -> None:
    mine = [TicketFactory(requester=alice) for _ in range(3)]
    TicketFactory(requester=bob)
    read = CompiledRead(Ticket, _tickets_of)

    found = read.read(shape=True, requester_id=alice.pk)

    expected = list(_tickets_of(True, requester_id=alice.pk))
    assert {t.pk for t in found} == {t.pk for t in mine}
    _same_rows(found, expected, related=("category", "requester"))
    with CaptureQueriesContext(connection) as queries:
        assert [t.category.slug for t in found] == [t.category.slug for t in expected]
    assert len(queries) == 0


def test_each_read_binds_its_own_values(alice: User, bob: User) -> None:
    TicketFactory(requester=alice, subject="one")
    TicketFactory(requester=bob, subject="two")
    read = CompiledRead(Ticket, _tickets_of)

    assert [t.subject for t in read.read(shape=False, requester_id=alice.pk)] == ["one"]
    assert [t.subject for t in read.read(shape=False, requester_id=bob.pk)] == ["two"]
    assert read.read(shape=False, requester_id=bob.pk, subject="one") == []
    assert read.read(shape=False, requester_id=uuid.uuid4()) == []


def test_a_shape_or_a_value_type_compiles_once(alice: User) -> None:
    TicketFactory(requester=alice)
    read = CompiledRead(Ticket, _tickets_of)
    compiled = mock.patch.object(
        SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql
    )

    with compiled as as_sql:
        for _ in range(3):
            read.read(shape=True, requester_id=alice.pk)
        # Twice, with two sets of stand-ins (see the next test).
        assert as_sql.call_count == 2
        read.read(shape=False, requester_id=alice.pk)
        read.read(shape=True, requester_id=alice.pk, subject="x")
        read.read(shape=True, requester_id=alice.pk)
        assert as_sql.call_count == 6


@pytest.mark.parametrize("constant", [31_001, 31_501])
def test_a_constant_equal_to_a_stand_in_is_never_bound(constant: int) -> None:
    # Whatever the stand-ins are, a query constant may equal one: a value must take the same
    # places with either set, or the read is refused rather than binding the constant.
    def build(_shape: object, *, p: int) -> QuerySet[Ticket]:
        return Ticket.objects.filter(priority=constant).exclude(priority=p)

    with pytest.raises(ValueError, match="not bound in one fixed place"):
        CompiledRead(Ticket, build).read(p=2)


def test_annotations_are_set_on_the_rows(alice: User) -> None:
    answered, silent = TicketFactory(requester=alice), TicketFactory(requester=alice)
    Message.objects.create(ticket=answered, author=alice, body="hello")

    def build(_shape: object, *, requester_id: Any) -> QuerySet[Ticket]:
        messages = Message.objects.filter(ticket=OuterRef("pk"))
        return Ticket.objects.filter(requester_id=requester_id).annotate(
            has_messages=Exists(messages)
        )

    found = {t.pk: t for t in CompiledRead(Ticket, build).read(requester_id=alice.pk)}

    assert found[answered.pk].has_messages is True
    assert found[silent.pk].has_messages is False


def test_a_value_the_orm_transforms_is_refused(alice: User) -> None:
    def build(_shape: object, *, subject: str) -> QuerySet[Ticket]:
        return Ticket.objects.filter(subject__icontains=subject)

    with pytest.raises(ValueError, match="not bound"):
        CompiledRead(Ticket, build).read(subject="deposit")


@pytest.mark.parametrize("value", [True, 1.5, None, ["a"]])
def test_only_keys_and_texts_are_bound(value: object) -> None:
    read = CompiledRead(Ticket, lambda _shape, *, x: Ticket.objects.filter(subject=x))

    with pytest.raises(TypeError, match="only keys and texts"):
        read.read(x=value)


def test_the_read_must_be_of_its_model() -> None:
    read = CompiledRead(Ticket, lambda _shape: User.objects.all())

    with pytest.raises(ValueError, match="build made a User read"):
        read.read()


@pytest.mark.parametrize(
    "build",
    [
        lambda _shape, *, r: Ticket.objects.filter(requester_id=r).values("id"),
        lambda _shape, *, r: Ticket.objects.filter(requester_id=r).values_list("id", flat=True),
        lambda _shape, *, r: Ticket.objects.filter(requester_id=r).prefetch_related("messages"),
    ],
    ids=["values", "values_list", "prefetch_related"],
)
def test_only_model_rows_from_one_statement(build: Any, alice: User) -> None:
    with pytest.raises(ValueError, match="only model rows from one statement"):
        CompiledRead(Ticket, build).read(r=alice.pk)


def test_integer_keys_are_bound(alice_ticket: Ticket) -> None:
    event = TicketEvent.objects.create(ticket=alice_ticket, kind=TicketEvent.Kind.CREATED)
    read = CompiledRead(TicketEvent, lambda _shape, *, k: TicketEvent.objects.filter(pk__gte=k))

    assert event in read.read(k=event.pk)
    assert read.read(k=event.pk + 1_000_000) == []


@settings(max_examples=25, deadline=None)
@given(subject=st.text(min_size=1, max_size=40).filter(lambda s: "\x00" not in s))
def test_any_text_is_bound_as_a_value_never_as_sql(subject: str) -> None:
    # Texts that look like the stand-ins, placeholders or SQL are only ever values.
    read = CompiledRead(Ticket, lambda _shape, *, s: Ticket.objects.filter(subject=s))
    expected = list(Ticket.objects.filter(subject=subject))

    assert read.read(s=subject) == expected


@pytest.mark.parametrize(
    "build",
    [
        lambda _shape, *, r: Ticket.objects.filter(requester_id=r),
        lambda _shape, *, r: Ticket.objects.filter(requester_id=r).values("id"),
        lambda _shape, *, r: Ticket.objects.filter(requester_id=r).values_list("id", flat=True),
        lambda _shape, *, r: (
            Ticket.objects.filter(requester_id=r)
            .annotate(n=Count("messages"))
            .values_list("id", "n")
        ),
    ],
    ids=["rows", "values", "flat", "annotated"],
)
def test_values_are_only_columns_of_fields(build: Any, alice: User) -> None:
    with pytest.raises(ValueError, match=r"only values_list\(\) of fields"):
        CompiledValues(Ticket, build).read(r=alice.pk)


def test_values_are_what_the_orm_reads(alice: User, alice_ticket: Ticket) -> None:
    def build(_shape: object, *, r: Any) -> Any:
        return (
            Ticket.objects.filter(requester_id=r)
            .order_by("-created_at", "id")
            .values_list("id", "reference", "created_at", "category__name_en", "amount")
        )

    read = CompiledValues(Ticket, build)

    for _ in range(2):  # the second from the kept statement
        assert read.read(r=alice.pk) == list(build((), r=alice.pk))

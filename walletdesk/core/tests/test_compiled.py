"""Reads compiled once: the same instances the ORM gives, for one query each."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from walletdesk.accounts.models import User
from walletdesk.core.compiled import CompiledLookup
from walletdesk.tickets.models import Category, Ticket

pytestmark = pytest.mark.django_db


def test_lookup_gives_the_row_the_orm_gives(alice: User) -> None:
    alice.last_login = alice.date_joined
    alice.save()
    by_pk = CompiledLookup(User)

    found = by_pk.get(alice.pk)

    expected = User.objects.get(pk=alice.pk)
    assert found == expected
    for field in User._meta.concrete_fields:
        assert getattr(found, field.attname) == getattr(expected, field.attname), field.name
    assert isinstance(found.pk, uuid.UUID)
    assert found.last_login is not None
    assert found.last_login.tzinfo is not None
    assert found._state.adding is False
    assert found._state.db == "default"


def test_lookup_by_another_unique_column(alice: User) -> None:
    assert CompiledLookup(User, "email").get("alice@example.com") == alice
    assert CompiledLookup(Category, "slug").get("deposit") == Category.objects.get(slug="deposit")


def test_lookup_accepts_the_key_as_text(alice: User) -> None:
    assert CompiledLookup(User).get(str(alice.pk)) == alice


def test_missing_row_is_none(alice: User) -> None:
    assert CompiledLookup(User).get(uuid.uuid4()) is None
    assert CompiledLookup(User, "email").get("nobody@example.com") is None


def test_each_lookup_is_one_query(alice: User, bob: User) -> None:
    by_pk = CompiledLookup(User)
    by_pk.get(alice.pk)

    with CaptureQueriesContext(connection) as queries:
        assert by_pk.get(alice.pk) == alice
        assert by_pk.get(bob.pk) == bob

    assert len(queries) == 2


def test_relations_are_refused() -> None:
    with pytest.raises(ValueError, match="not a plain column"):
        CompiledLookup(Ticket, "requester")


def test_count_is_the_orm_count_for_each_value(alice: User, bob: User) -> None:
    from walletdesk.core.compiled import CompiledCount
    from walletdesk.tickets.tests.factories import TicketFactory

    TicketFactory.create_batch(3, requester=alice)
    TicketFactory(requester=bob)
    counted = CompiledCount(
        Ticket,
        lambda shape, *, requester_id: Ticket.objects.filter(requester_id=requester_id).values_list(
            "pk"
        ),
    )

    assert counted.count(requester_id=alice.pk) == 3
    assert counted.count(requester_id=bob.pk) == 1
    assert counted.count(requester_id=uuid.uuid4()) == 0


def test_count_refuses_rows_that_are_not_keys(alice: User) -> None:
    from walletdesk.core.compiled import CompiledCount

    counted = CompiledCount(User, lambda shape, *, user_id: User.objects.filter(pk=user_id))

    with pytest.raises(ValueError, match="count only"):
        counted.count(user_id=alice.pk)

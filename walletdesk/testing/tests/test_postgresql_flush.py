"""The test suite's flush on PostgreSQL: it empties every table as Django's TRUNCATE does, by
deleting the rows of the tables that hold any, and keeps Django's TRUNCATE where the flush is
asked for more."""

import pytest
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection

from walletdesk.audit.models import AuditEvent
from walletdesk.audit.tests.factories import AuditEventFactory
from walletdesk.tickets.models import Message, Ticket
from walletdesk.tickets.tests.factories import MessageFactory

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")


def _tables() -> list[str]:
    return connection.introspection.django_table_names(only_existing=True, include_views=False)


def _rows_left() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for table in _tables():
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            (count,) = cursor.fetchone()
            if count:
                counts[table] = count
    return counts


@pytest.mark.django_db(transaction=True)
def test_the_flush_empties_every_table_even_the_append_only_trail():
    MessageFactory()  # a ticket, its requester, its category, its message: rows bound by keys
    AuditEventFactory()  # refuses DELETE through its trigger
    assert Ticket.objects.exists()
    assert AuditEvent.objects.exists()

    call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)

    assert _rows_left() == {}
    # The trail's guard is back once the flush's transaction ended.
    event = AuditEventFactory()
    with pytest.raises(Exception, match="append-only"), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])


@pytest.mark.django_db(transaction=True)
def test_only_the_tables_that_hold_rows_are_touched():
    message = MessageFactory()
    holding = set(_rows_left())

    statements = connection.ops.sql_flush(no_style(), _tables())

    deleted = {s.removeprefix("DELETE FROM ").strip('"') for s in statements[1:]}
    assert statements[0] == "SET LOCAL session_replication_role = replica"
    assert deleted == holding
    assert {Message._meta.db_table, Ticket._meta.db_table} <= deleted
    assert message.pk


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("asked", [{"reset_sequences": True}, {"allow_cascade": True}])
def test_a_flush_asked_for_more_than_emptying_is_djangos_truncate(asked):
    statements = connection.ops.sql_flush(no_style(), _tables(), **asked)

    assert len(statements) == 1
    assert statements[0].startswith("TRUNCATE")

"""The trail cannot be rewritten: not through the model, not through raw SQL on the
application's own connection, on SQLite and on PostgreSQL alike."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, IntegrityError, connection, transaction

from walletdesk.audit.models import AuditEvent, Kind
from walletdesk.audit.tests.factories import AuditEventFactory
from walletdesk.core.models import AppendOnlyError

TABLE = AuditEvent._meta.db_table
on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")


def _raw(sql: str, params: list[object]) -> None:
    # A savepoint, so the test's transaction survives the refused statement.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.django_db
def test_the_model_refuses_to_change_or_delete_an_event():
    event = AuditEventFactory()

    event.target = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(target="rewritten")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()


@pytest.mark.django_db
def test_the_database_refuses_a_raw_update():
    event = AuditEventFactory(target="alice@example.com")

    with pytest.raises(IntegrityError, match="append-only"):
        _raw("UPDATE audit_auditevent SET target = %s WHERE id = %s", ["mallory", event.pk])

    assert AuditEvent.objects.get(pk=event.pk).target == "alice@example.com"


@pytest.mark.django_db
def test_the_database_refuses_a_raw_delete():
    event = AuditEventFactory()

    with pytest.raises(IntegrityError, match="append-only"):
        _raw("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    with pytest.raises(IntegrityError, match="append-only"):
        _raw("DELETE FROM audit_auditevent", [])

    assert AuditEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.django_db
def test_the_database_still_takes_new_events():
    _raw(
        "INSERT INTO audit_auditevent (created_at, kind, actor_label, target, user_agent, detail) "
        "VALUES (CURRENT_TIMESTAMP, %s, '', '', '', '{}')",
        [Kind.EXPORT.value],
    )

    assert AuditEvent.objects.filter(kind=Kind.EXPORT).count() == 1


@pytest.mark.postgres
@on_postgres
@pytest.mark.django_db
def test_postgres_trigger_refuses_update_and_delete_with_a_constraint_error():
    event = AuditEventFactory()

    for sql in (
        "UPDATE audit_auditevent SET kind = 'export' WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ):
        with pytest.raises(IntegrityError, match="append-only"):
            _raw(sql, [event.pk])

    assert AuditEvent.objects.get(pk=event.pk).kind == Kind.SIGN_IN_SUCCEEDED


@pytest.mark.postgres
@on_postgres
@pytest.mark.django_db
def test_postgres_public_holds_no_update_delete_or_truncate_right():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT privilege_type FROM information_schema.role_table_grants "
            "WHERE table_name = %s AND grantee = 'PUBLIC'",
            [TABLE],
        )
        granted = {row[0] for row in cursor.fetchall()}
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
            [TABLE],
        )
        triggers = {row[0] for row in cursor.fetchall()}

    assert granted.isdisjoint({"UPDATE", "DELETE", "TRUNCATE"})
    assert triggers == {f"{TABLE}_append_only"}


def _as_app_role(sql: str, params: list[object]) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL ROLE walletdesk_audit_test_app")
        cursor.execute(sql, params)


@pytest.mark.postgres
@on_postgres
@pytest.mark.django_db
def test_postgres_an_insert_and_select_role_can_neither_truncate_nor_delete():
    # The role production runs the application as (docs/audit-trail.md): INSERT and SELECT.
    event = AuditEventFactory()
    with connection.cursor() as cursor:
        cursor.execute("DROP ROLE IF EXISTS walletdesk_audit_test_app")
        cursor.execute("CREATE ROLE walletdesk_audit_test_app")
        cursor.execute(f"GRANT SELECT, INSERT ON {TABLE} TO walletdesk_audit_test_app")
    try:
        _as_app_role(
            "INSERT INTO audit_auditevent (created_at, kind, actor_label, target, user_agent, "
            "detail) VALUES (CURRENT_TIMESTAMP, 'export', '', 'by the app role', '', '{}')",
            [],
        )
        for sql, params in (
            ("TRUNCATE audit_auditevent", []),
            ("DELETE FROM audit_auditevent WHERE id = %s", [event.pk]),
        ):
            with pytest.raises(DatabaseError):
                _as_app_role(sql, params)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")
            cursor.execute(f"REVOKE ALL ON {TABLE} FROM walletdesk_audit_test_app")
            cursor.execute("DROP ROLE walletdesk_audit_test_app")

    assert AuditEvent.objects.filter(pk=event.pk).exists()
    assert AuditEvent.objects.filter(target="by the app role").exists()


@pytest.mark.django_db(transaction=True)
def test_flushing_the_whole_database_empties_the_trail_and_keeps_it_sealed():
    AuditEventFactory()

    call_command("flush", interactive=False, verbosity=0)

    assert not AuditEvent.objects.exists()
    event = AuditEventFactory()
    with pytest.raises(IntegrityError, match="append-only"):
        _raw("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])

# The database itself refuses to change or delete an audit event, whatever the code does:
# row triggers on UPDATE and DELETE (both vendors), and on PostgreSQL no UPDATE, DELETE or
# TRUNCATE privilege for PUBLIC. A role the application runs as gets INSERT and SELECT only
# (docs/audit-trail.md). On SQLite, a later migration that alters this table rebuilds it and
# drops these triggers with it: such a migration must run the SQL below again.

from django.db import migrations

TABLE = "audit_auditevent"
MESSAGE = "audit events are append-only"

POSTGRESQL = [
    f"""
    CREATE OR REPLACE FUNCTION {TABLE}_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{MESSAGE} (% refused)', TG_OP USING ERRCODE = 'restrict_violation';
    END;
    $$
    """,
    f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}",
    f"""
    CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION {TABLE}_append_only()
    """,
    f"REVOKE UPDATE, DELETE, TRUNCATE ON {TABLE} FROM PUBLIC",
]
POSTGRESQL_REVERSE = [
    f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}",
    f"DROP FUNCTION IF EXISTS {TABLE}_append_only()",
]

SQLITE = [
    f"DROP TRIGGER IF EXISTS {TABLE}_no_update",
    f"DROP TRIGGER IF EXISTS {TABLE}_no_delete",
    f"CREATE TRIGGER {TABLE}_no_update BEFORE UPDATE ON {TABLE} "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
    f"CREATE TRIGGER {TABLE}_no_delete BEFORE DELETE ON {TABLE} "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
]
SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS {TABLE}_no_update",
    f"DROP TRIGGER IF EXISTS {TABLE}_no_delete",
]


def _run(schema_editor, statements_by_vendor):
    for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
        # No parameters: the PL/pgSQL format string keeps its % as it is.
        schema_editor.execute(statement, params=None)


def seal(apps, schema_editor):
    _run(schema_editor, {"postgresql": POSTGRESQL, "sqlite": SQLITE})


def unseal(apps, schema_editor):
    _run(schema_editor, {"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE})


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_audit_event")]

    operations = [migrations.RunPython(seal, unseal)]

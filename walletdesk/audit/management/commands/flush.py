"""``flush`` (empty every table), able to empty the audit trail on SQLite too.

On PostgreSQL flush truncates, which the row triggers that keep the trail append-only do not
fire on (TRUNCATE is left to the table's owner: see docs/audit-trail.md). On SQLite flush
deletes row by row, which the triggers refuse. Emptying the whole database is the owner's
act on both, so here the triggers are lifted for the flush and put back, word for word, in
the same transaction: a failed flush leaves them in place. The test runner flushes between
tests that commit, which is why this exists.
"""

from typing import Any

from django.core.management.commands.flush import Command as FlushCommand
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from walletdesk.audit.models import AuditEvent


class Command(FlushCommand):
    def handle(self, **options: Any) -> None:
        connection = connections[options.get("database") or DEFAULT_DB_ALIAS]
        if connection.vendor != "sqlite":
            return super().handle(**options)
        table = AuditEvent._meta.db_table
        with transaction.atomic(using=connection.alias):
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                    [table],
                )
                triggers = cursor.fetchall()
                for name, _sql in triggers:
                    cursor.execute(f'DROP TRIGGER "{name}"')
            super().handle(**options)
            with connection.cursor() as cursor:
                for _name, sql in triggers:
                    cursor.execute(sql)
        return None

from collections.abc import Sequence
from typing import Any

from django.db.backends.postgresql import base, operations


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(
        self,
        style: Any,
        tables: Sequence[str],
        *,
        reset_sequences: bool = False,
        allow_cascade: bool = False,
    ) -> list[str]:
        # Django's TRUNCATE where it does more than empty the tables named: sequences restarted,
        # or rows of other tables removed through their keys (CASCADE).
        if reset_sequences or allow_cascade or not tables or not self._may_skip_checks():
            return super().sql_flush(
                style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        # Row triggers and foreign-key checks off for this transaction only (a superuser's
        # right): every table that holds a row is emptied, so no key is left dangling, and the
        # append-only audit table's trigger, which refuses DELETE, does not fire.
        return [
            "SET LOCAL session_replication_role = replica",
            *(
                f"DELETE FROM {self.quote_name(table)}"  # noqa: S608 -- table names
                for table in self._holding_rows(tables)
            ),
        ]

    def _may_skip_checks(self) -> bool:
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            row = cursor.fetchone()
        return bool(row and row[0])

    def _holding_rows(self, tables: Sequence[str]) -> list[str]:
        probes = " UNION ALL ".join(
            f"(SELECT {n} FROM {self.quote_name(table)} LIMIT 1)"  # noqa: S608 -- table names
            for n, table in enumerate(tables)
        )
        with self.connection.cursor() as cursor:
            cursor.execute(probes)
            return [tables[n] for (n,) in cursor.fetchall()]


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations

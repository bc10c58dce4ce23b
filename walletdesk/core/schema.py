"""Migration operations that keep a large table writable while its indexes change.

On PostgreSQL an index is built and dropped CONCURRENTLY (no lock on writes; the migration
must be non-atomic). Other databases (SQLite, the embedded default) have no such option and
get the plain operation.
"""

from typing import Any

from django.contrib.postgres.operations import AddIndexConcurrently, RemoveIndexConcurrently
from django.db import migrations


class AddIndexOnline(AddIndexConcurrently):
    def database_forwards(self, app_label: str, schema_editor: Any, *args: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, *args)
        else:
            migrations.AddIndex.database_forwards(self, app_label, schema_editor, *args)

    def database_backwards(self, app_label: str, schema_editor: Any, *args: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, *args)
        else:
            migrations.AddIndex.database_backwards(self, app_label, schema_editor, *args)


class RemoveIndexOnline(RemoveIndexConcurrently):
    def database_forwards(self, app_label: str, schema_editor: Any, *args: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, *args)
        else:
            migrations.RemoveIndex.database_forwards(self, app_label, schema_editor, *args)

    def database_backwards(self, app_label: str, schema_editor: Any, *args: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, *args)
        else:
            migrations.RemoveIndex.database_backwards(self, app_label, schema_editor, *args)

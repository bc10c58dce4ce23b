"""PostgreSQL: keep each article's search vector inside its table row.

With the default storage (EXTENDED) the vector of a full article goes to the TOAST table along
with the bodies, so ranking fetched it from there again for every candidate, once per use in
the ranking expression: most of a search's time. MAIN storage moves the bodies out first and
keeps the vector in the row (compressed only if the row is still too big). Rows written before
this migration are rewritten once, by regenerating the vector.

SQLite (FTS5 keeps its own index) and other vendors: nothing to do.
"""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

POSTGRESQL_FORWARD = [
    "ALTER TABLE kb_article ALTER COLUMN search_vector SET STORAGE MAIN",
    # A stored generated column is recomputed on every update; this re-stores it as MAIN.
    "UPDATE kb_article SET search_title = search_title",
]
POSTGRESQL_REVERSE = [
    "ALTER TABLE kb_article ALTER COLUMN search_vector SET STORAGE EXTENDED",
]


def _run(schema_editor: BaseDatabaseSchemaEditor, statements: list[str]) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def forward(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _run(schema_editor, POSTGRESQL_FORWARD)


def reverse(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _run(schema_editor, POSTGRESQL_REVERSE)


class Migration(migrations.Migration):
    dependencies = [("kb", "0004_seed_articles_and_channels")]

    operations = [migrations.RunPython(forward, reverse)]

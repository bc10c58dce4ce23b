"""PostgreSQL: a GIN index over the title part of the search text.

Search takes its first candidates from the articles whose title holds every word of the
question (kb/selectors.py); this index finds them without reading the table. SQLite (FTS5)
and other vendors: nothing to do.
"""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

POSTGRESQL_FORWARD = [
    # The expression must stay exactly the one the search query uses, or the index is unused.
    "CREATE INDEX IF NOT EXISTS kb_article_search_title_vector ON kb_article "
    "USING GIN (to_tsvector('simple', search_title))",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS kb_article_search_title_vector",
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
    dependencies = [("kb", "0005_article_search_vector_inline")]

    operations = [migrations.RunPython(forward, reverse)]

"""The full-text index of published forum questions, in the database's own engine.

As the Help Center's (kb migration 0003): SQLite gets an FTS5 table sharing community_topic's
rowid, kept by triggers on visibility and the pre-segmented text; PostgreSQL a generated
tsvector over the pre-segmented text ('simple': jieba did the language work), stored in the row,
with a GIN index. Other vendors get nothing and cannot search.

If a later migration makes Django rebuild community_topic on SQLite (it copies the table), the
triggers go with the old table: such a migration must run SQLITE_FORWARD again.
"""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS community_topic_fts USING fts5("
    "body, tokenize = 'unicode61 remove_diacritics 0')",
    "DROP TRIGGER IF EXISTS community_topic_fts_insert",
    "DROP TRIGGER IF EXISTS community_topic_fts_update",
    "DROP TRIGGER IF EXISTS community_topic_fts_delete",
    "CREATE TRIGGER community_topic_fts_insert AFTER INSERT ON community_topic "
    "WHEN new.visibility = 'visible' BEGIN "
    "INSERT INTO community_topic_fts(rowid, body) VALUES (new.rowid, new.search_text); END",
    "CREATE TRIGGER community_topic_fts_update AFTER UPDATE OF visibility, search_text "
    "ON community_topic BEGIN "
    "DELETE FROM community_topic_fts WHERE rowid = old.rowid; "
    "INSERT INTO community_topic_fts(rowid, body) "
    "SELECT new.rowid, new.search_text WHERE new.visibility = 'visible'; END",
    "CREATE TRIGGER community_topic_fts_delete AFTER DELETE ON community_topic BEGIN "
    "DELETE FROM community_topic_fts WHERE rowid = old.rowid; END",
    "DELETE FROM community_topic_fts",
    "INSERT INTO community_topic_fts(rowid, body) "
    "SELECT rowid, search_text FROM community_topic WHERE visibility = 'visible'",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS community_topic_fts_insert",
    "DROP TRIGGER IF EXISTS community_topic_fts_update",
    "DROP TRIGGER IF EXISTS community_topic_fts_delete",
    "DROP TABLE IF EXISTS community_topic_fts",
]
POSTGRESQL_FORWARD = [
    "ALTER TABLE community_topic ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED",
    "ALTER TABLE community_topic ALTER COLUMN search_vector SET STORAGE MAIN",
    "CREATE INDEX IF NOT EXISTS community_topic_search_vector ON community_topic "
    "USING GIN (search_vector) WHERE visibility = 'visible'",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS community_topic_search_vector",
    "ALTER TABLE community_topic DROP COLUMN IF EXISTS search_vector",
]


def _run(schema_editor: BaseDatabaseSchemaEditor, statements: list[str]) -> None:
    with schema_editor.connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def forward(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_FORWARD)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRESQL_FORWARD)


def reverse(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_REVERSE)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRESQL_REVERSE)


class Migration(migrations.Migration):
    dependencies = [("community", "0001_initial")]

    operations = [migrations.RunPython(forward, reverse)]

"""The full-text index of published articles, in the database's own engine.

SQLite: an FTS5 table sharing kb_article's rowid, filled by triggers whenever an article's
status or pre-segmented text changes (so it is current on publish, and Django's flush, which
deletes row by row on SQLite, empties it too). PostgreSQL: a generated tsvector over the
pre-segmented text with the 'simple' configuration (jieba already did the language work), and
a GIN index. Other vendors get nothing and cannot search.

Careful: if a later migration makes Django rebuild kb_article on SQLite (it copies the table),
the triggers go with the old table. Such a migration must run SQLITE_FORWARD again.
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS kb_article_fts USING fts5("
    "title, body, tokenize = 'unicode61 remove_diacritics 0')",
    "DROP TRIGGER IF EXISTS kb_article_fts_insert",
    "DROP TRIGGER IF EXISTS kb_article_fts_update",
    "DROP TRIGGER IF EXISTS kb_article_fts_delete",
    "CREATE TRIGGER kb_article_fts_insert AFTER INSERT ON kb_article "
    "WHEN new.status = 'published' BEGIN "
    "INSERT INTO kb_article_fts(rowid, title, body) "
    "VALUES (new.rowid, new.search_title, new.search_body); END",
    "CREATE TRIGGER kb_article_fts_update AFTER UPDATE OF status, search_title, search_body "
    "ON kb_article BEGIN "
    "DELETE FROM kb_article_fts WHERE rowid = old.rowid; "
    "INSERT INTO kb_article_fts(rowid, title, body) "
    "SELECT new.rowid, new.search_title, new.search_body WHERE new.status = 'published'; END",
    "CREATE TRIGGER kb_article_fts_delete AFTER DELETE ON kb_article BEGIN "
    "DELETE FROM kb_article_fts WHERE rowid = old.rowid; END",
    "DELETE FROM kb_article_fts",
    "INSERT INTO kb_article_fts(rowid, title, body) "
    "SELECT rowid, search_title, search_body FROM kb_article WHERE status = 'published'",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS kb_article_fts_insert",
    "DROP TRIGGER IF EXISTS kb_article_fts_update",
    "DROP TRIGGER IF EXISTS kb_article_fts_delete",
    "DROP TABLE IF EXISTS kb_article_fts",
]
POSTGRESQL_FORWARD = [
    "ALTER TABLE kb_article ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS "
    "(setweight(to_tsvector('simple', search_title), 'A') || "
    "setweight(to_tsvector('simple', search_body), 'B')) STORED",
    "CREATE INDEX IF NOT EXISTS kb_article_search_vector ON kb_article USING GIN (search_vector)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS kb_article_search_vector",
    "ALTER TABLE kb_article DROP COLUMN IF EXISTS search_vector",
]


def _run(schema_editor, statements):
    with schema_editor.connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_FORWARD)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRESQL_FORWARD)


def reverse(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_REVERSE)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRESQL_REVERSE)


class Migration(migrations.Migration):
    dependencies = [("kb", "0002_article_vote_deflection_search_query")]

    operations = [migrations.RunPython(forward, reverse)]

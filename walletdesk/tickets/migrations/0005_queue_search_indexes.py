"""Indexes behind the queue's text search.

Pasted hashes and addresses get plain B-tree indexes on every database. Subject search
(``icontains``, i.e. ``UPPER(subject) LIKE UPPER('%…%')``) gets a trigram GIN index on
PostgreSQL only: SQLite has no such index type and scans, which is fine at its scale.
"""

from django.db import migrations, models

TRIGRAM_SQL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS ticket_subject_trgm_idx "
    "ON tickets_ticket USING gin (UPPER(subject) gin_trgm_ops)",
]


def trigram_index_create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in TRIGRAM_SQL:
        schema_editor.execute(statement)


def trigram_index_drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS ticket_subject_trgm_idx")


class Migration(migrations.Migration):
    dependencies = [("tickets", "0004_attachment_event_kinds")]

    operations = [
        migrations.AddIndex(
            model_name="ticket",
            index=models.Index(
                fields=["tx_hash"], name="ticket_tx_hash_idx", condition=~models.Q(tx_hash="")
            ),
        ),
        migrations.AddIndex(
            model_name="ticket",
            index=models.Index(
                fields=["address"], name="ticket_address_idx", condition=~models.Q(address="")
            ),
        ),
        migrations.RunPython(trigram_index_create, trigram_index_drop),
    ]

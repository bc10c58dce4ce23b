"""A dashboard's reads can be answered from the rollups' read index alone: a year's rows of a
cut lie on as many heap pages as there are rows, since each day is written as its events
come. At a million tickets the year's team series went from 216 ms (9,449 heap pages) to an
index-only scan; docs/benchmarks.md has the figures. The index holds every column a dashboard
query reads, so PostgreSQL needs no heap page for it."""

import pytest
from django.db import connection

from walletdesk.reports.models import DailyCount

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL index"),
    pytest.mark.django_db,
]


def test_the_read_index_holds_every_column_a_dashboard_reads() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT a.attname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
            "WHERE c.relname = 'report_daily_read_idx'"
        )
        held = {row[0] for row in cursor.fetchall()}
    read = {f.column for f in DailyCount._meta.concrete_fields} - {"id"}

    assert held == read

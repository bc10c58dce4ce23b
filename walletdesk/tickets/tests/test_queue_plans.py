"""The queue stays on its partial indexes even when PostgreSQL keeps a generic plan.

Prepared statements are planned once for any values after a few runs; a status bound as a
parameter cannot prove the indexes' "active statuses only" predicate, and the generic plan
then reads every ticket of a category (1.4 s at a million tickets).
"""

import pytest
from django.db import connection

from walletdesk.accounts.models import User
from walletdesk.tickets.selectors import QueueFilters, QueueSort, ticket_queue
from walletdesk.tickets.tests.factories import TicketFactory, category

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL plans"),
    pytest.mark.django_db,
]


def _generic_plan(carol: User, filters: QueueFilters) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET plan_cache_mode = force_generic_plan")
        cursor.execute("SET enable_seqscan = off")  # a tiny test table would be scanned anyway
    try:
        for _ in range(6):  # past the threshold: the statement is prepared
            ticket_queue(user=carol, filters=filters)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name, array_length(parameter_types, 1) FROM pg_prepared_statements "
                "WHERE statement LIKE %s",
                ['%"tickets_ticket"."priority"%'],
            )
            (name, count), *_ = cursor.fetchall()
            # The values do not matter to a generic plan; NULLs fit every parameter type.
            cursor.execute(f"EXPLAIN EXECUTE {name}({', '.join(['NULL'] * (count or 0))})")
            return "\n".join(row[0] for row in cursor.fetchall())
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET plan_cache_mode")
            cursor.execute("RESET enable_seqscan")


@pytest.mark.parametrize("sort", [QueueSort.OLDEST, QueueSort.PRIORITY])
def test_filtered_queue_uses_the_active_indexes_under_a_generic_plan(
    carol: User, sort: str
) -> None:
    TicketFactory.create_batch(3, category=category("deposit"))
    filters = QueueFilters(category_id=category("deposit").pk, priority=3, sort=sort)

    plan = _generic_plan(carol, filters)

    assert "ticket_active_" in plan, plan

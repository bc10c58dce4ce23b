"""How the application talks to PostgreSQL."""

import pytest
from django.db import connection

from walletdesk.accounts.models import User

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL settings"),
    pytest.mark.django_db,
]


def test_parameters_are_bound_by_the_server() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s::text", ["it's \\ bound"])
        assert cursor.fetchone() == ("it's \\ bound",)

    assert connection.settings_dict["OPTIONS"]["server_side_binding"] is True


def test_a_statement_run_repeatedly_is_prepared_once_on_the_connection() -> None:
    email = "nobody@example.test"
    for _ in range(6):
        assert not User.objects.filter(email=email).exists()

    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]

    user_lookups = [s for s in prepared if '"accounts_user"' in s and "$1" in s]
    assert len(user_lookups) == 1

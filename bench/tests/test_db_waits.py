"""The database wait sampler's arithmetic: what share of the busy samples each wait took."""

import pytest

from bench.db_waits import report, shares

INSERT = "WITH first_row AS (INSERT INTO tickets_ticket"


def test_busy_samples_are_shared_by_statement_and_wait_and_idle_ones_counted_apart():
    samples = [
        ("active", "IO", "WALSync", INSERT),
        ("active", "IO", "WALSync", INSERT),
        ("active", "", "", INSERT),
        ("active", "", "", 'SELECT "accounts_user"."id"'),
        ("idle", "Client", "ClientRead", ""),
        ("idle", "Client", "ClientRead", ""),
        ("idle in transaction", "Client", "ClientRead", ""),
        ("disabled", "", "", ""),
    ]

    by_wait, idle, total = shares(samples)

    assert total == 8
    assert idle == pytest.approx(3 / 8)
    assert by_wait == {
        "INSERT  IO/WALSync": pytest.approx(0.5),
        "INSERT  on CPU": pytest.approx(0.25),
        "SELECT  on CPU": pytest.approx(0.25),
    }
    assert next(iter(by_wait)) == "INSERT  IO/WALSync"


def test_no_samples_report_nothing_rather_than_dividing_by_zero():
    by_wait, idle, total = shares([])

    assert (by_wait, idle, total) == ({}, 0.0, 0)
    assert report(by_wait, idle, total).startswith("0 backend samples")

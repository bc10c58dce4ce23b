"""With a replica configured, the read-only pages read from it, and whoever just wrote reads
from the primary until the replica has surely caught up (read-your-writes). Writes, other
pages, transactions and an unusable replica stay on the primary.

The replica here is a second connection to the test database: what reaches it is what a real
replica would be asked (the production profile runs a streaming one).
"""

from unittest import mock

import pytest
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext

from walletdesk.accounts.models import User
from walletdesk.core import replica
from walletdesk.core.compiled import CompiledRead
from walletdesk.core.replica import PIN_COOKIE, REPLICA, ReplicaRouter, replica_health
from walletdesk.tickets.models import Ticket
from walletdesk.tickets.tests.factories import TicketFactory

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", REPLICA])


@pytest.fixture
def with_replica(settings):
    settings.REPLICA_READS = True
    replica_health.forget()
    yield
    connections[REPLICA].close()
    replica_health.forget()


@pytest.fixture
def agent_client(client, carol: User):
    carol.language = User.Language.EN
    carol.save(update_fields=["language"])
    client.force_login(carol)
    return client


def _reads(client, path: str) -> tuple[int, list[str], list[str]]:  # type: ignore[no-untyped-def]
    with (
        CaptureQueriesContext(connections[REPLICA]) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_primary,
    ):
        answer = client.get(path)
    return (
        answer.status_code,
        [q["sql"] for q in on_replica.captured_queries],
        [q["sql"] for q in on_primary.captured_queries],
    )


def test_the_queue_reads_its_tickets_from_the_replica(with_replica, agent_client, alice):
    TicketFactory(requester=alice)

    status, on_replica, on_primary = _reads(agent_client, "/console/")

    assert status == 200
    assert any('"tickets_ticket"' in sql for sql in on_replica)
    assert not any('FROM "tickets_ticket"' in sql for sql in on_primary)


def test_the_help_center_reads_from_the_replica(with_replica, client):
    status, on_replica, _on_primary = _reads(client, "/help/")

    assert status == 200
    assert on_replica


def test_whoever_just_wrote_reads_from_the_primary(with_replica, agent_client, alice):
    TicketFactory(requester=alice)

    written = agent_client.post("/console/availability/", {"away": "0"})
    status, on_replica, on_primary = _reads(agent_client, "/console/")

    assert PIN_COOKIE in written.cookies
    assert status == 200
    assert on_replica == []
    assert any('"tickets_ticket"' in sql for sql in on_primary)


def test_the_pin_runs_out(with_replica, agent_client, alice):
    agent_client.post("/console/availability/", {"away": "0"})
    agent_client.cookies[PIN_COOKIE] = "1"  # written long ago

    _status, on_replica, _on_primary = _reads(agent_client, "/console/")

    assert on_replica


def test_a_forged_pin_only_sends_ones_own_reads_to_the_primary(with_replica, client):
    client.cookies[PIN_COOKIE] = "not-a-time"

    status, on_replica, _on_primary = _reads(client, "/help/")

    assert status == 200
    assert on_replica  # an unreadable pin is no pin


def test_a_page_not_marked_read_only_reads_from_the_primary(with_replica, agent_client, alice):
    ticket = TicketFactory(requester=alice)

    status, on_replica, _on_primary = _reads(agent_client, f"/console/tickets/{ticket.reference}/")

    assert status == 200
    assert on_replica == []


def test_an_unusable_replica_is_passed_by(with_replica, agent_client, alice):
    TicketFactory(requester=alice)

    with mock.patch.object(replica._ReplicaHealth, "_check", return_value=False):
        status, on_replica, _on_primary = _reads(agent_client, "/console/")

    assert status == 200
    assert on_replica == []


def test_reads_inside_a_transaction_on_the_primary_stay_there(with_replica, alice):
    router = ReplicaRouter()
    token = replica._reads_on_replica.set(True)
    try:
        outside = router.db_for_read(Ticket)
        with transaction.atomic():
            inside = router.db_for_read(Ticket)
    finally:
        replica._reads_on_replica.reset(token)

    assert (outside, inside) == (REPLICA, None)
    assert router.db_for_write(Ticket) == "default"
    assert router.allow_migrate(REPLICA, "tickets") is False


def test_without_replica_reads_every_read_is_on_the_primary(agent_client, alice):
    TicketFactory(requester=alice)

    status, on_replica, _on_primary = _reads(agent_client, "/console/")

    assert status == 200
    assert on_replica == []
    assert PIN_COOKIE not in agent_client.post("/console/availability/", {"away": "0"}).cookies


def test_a_compiled_read_goes_where_the_router_sends_it(with_replica, alice):
    ticket = TicketFactory(requester=alice)
    read = CompiledRead(Ticket, lambda _shape, *, pk: Ticket.objects.filter(pk=pk))
    token = replica._reads_on_replica.set(True)
    try:
        with CaptureQueriesContext(connections[REPLICA]) as on_replica:
            (found,) = read.read(pk=ticket.pk)
            with transaction.atomic():
                (inside,) = read.read(pk=ticket.pk)
    finally:
        replica._reads_on_replica.reset(token)

    assert found._state.db == REPLICA
    assert inside._state.db == "default"
    assert len(on_replica.captured_queries) == 1

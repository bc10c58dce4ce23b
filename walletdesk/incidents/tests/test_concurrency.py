"""Two workers deliver the same reply to all at the same moment, on real concurrent
connections (PostgreSQL only: SQLite serialises every writer): each ticket gets it once, and
its requester one notification."""

import pytest
from django.db import connection

from walletdesk.incidents.models import IncidentDelivery, IncidentUpdate
from walletdesk.incidents.services import incident_update_deliver
from walletdesk.incidents.tests.factories import incident_make, lead_make, link_make
from walletdesk.notifications.models import Channel, Notification
from walletdesk.tickets.models import Message
from walletdesk.tickets.tests.factories import TicketFactory
from walletdesk.tickets.tests.test_concurrency import run_together

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL for concurrent writers"
    ),
    pytest.mark.django_db(transaction=True),
]


def test_two_workers_at_once_post_each_ticket_once(alice, bob):
    lead = lead_make()
    incident = incident_make(author=lead)
    tickets = [TicketFactory(requester=alice if n % 2 else bob) for n in range(12)]
    for ticket in tickets:
        link_make(incident, ticket)
    update = IncidentUpdate.objects.create(
        incident=incident, kind="reply", body_zh="处理中", body_en="On it", author=lead, targets=12
    )

    results = run_together(
        lambda: incident_update_deliver(update_id=update.pk),
        lambda: incident_update_deliver(update_id=update.pk),
    )

    assert [r for r in results if isinstance(r, Exception)] == []
    for ticket in tickets:
        assert Message.objects.filter(ticket=ticket).count() == 1
        assert Notification.objects.filter(ticket=ticket, channel=Channel.INAPP).count() == 1
    assert IncidentDelivery.objects.filter(update=update, refused="").count() == 12

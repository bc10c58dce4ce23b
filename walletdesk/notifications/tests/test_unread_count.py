"""The bell's number, read through SQL compiled once per kind of reader, is the ORM's own count
of the reader's unread in-app notifications: for a customer, an agent of one team, an agent of
none, an administrator (who sees every team but a restricted one) and a superuser agent."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from walletdesk.accounts.models import User
from walletdesk.accounts.tests.factories import AdminFactory, AgentFactory, UserFactory
from walletdesk.notifications.models import Channel, Kind, Notification
from walletdesk.notifications.selectors import _mine, notification_unread_count
from walletdesk.tickets.tests.factories import TeamFactory, TicketFactory

pytestmark = pytest.mark.django_db


def _orm_count(user: User) -> int:
    return Notification.objects.filter(_mine(user)).unread_inapp().count()


def _note(
    recipient: User, *, ticket: object = None, channel: str = Channel.INAPP, read: bool = False
) -> None:
    Notification.objects.create(
        recipient=recipient,
        ticket=ticket,
        kind=Kind.CUSTOMER_REPLIED,
        channel=channel,
        read_at=timezone.now() if read else None,
    )


def test_every_kind_of_reader_counts_as_the_orm_does() -> None:
    payments = TeamFactory(slug="payments")
    lane = TeamFactory(slug="security-lane", is_restricted=True)
    customer = UserFactory()
    pat = AgentFactory(teams=[payments])
    nobody = AgentFactory(teams=[])
    ada = AdminFactory()
    root = AgentFactory(teams=[], is_superuser=True)
    readers = [customer, pat, nobody, ada, root]
    tickets = [
        TicketFactory(team=payments),
        TicketFactory(team=lane),
        TicketFactory(team=None),
        TicketFactory(requester=pat, team=lane),
    ]
    for reader in readers:
        for ticket in [None, *tickets]:
            _note(reader, ticket=ticket)
        _note(reader, read=True)
        _note(reader, channel=Channel.EMAIL)

    counts = {reader.pk: notification_unread_count(user=reader) for reader in readers}

    assert counts == {reader.pk: _orm_count(reader) for reader in readers}
    # Each reader sees a different share: the scopes are not all the same one.
    assert counts[customer.pk] == 5
    assert counts[pat.pk] == 3  # no team, payments' ticket, their own ticket on the lane
    assert counts[nobody.pk] == 1
    assert counts[ada.pk] == 3  # every team but the restricted lane, and no team
    assert counts[root.pk] == counts[ada.pk]


def test_the_count_is_one_query_and_follows_new_notifications(alice: User) -> None:
    notification_unread_count(user=alice)
    _note(alice)

    with CaptureQueriesContext(connection) as queries:
        assert notification_unread_count(user=alice) == 1

    assert len(queries) == 1

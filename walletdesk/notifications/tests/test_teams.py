"""An agent's notifications about a ticket that went to another team leave their bell, list
and API; a customer's own are untouched."""

import pytest
from django.urls import reverse

from walletdesk.accounts.tests.factories import AgentFactory
from walletdesk.api.tests.helpers import token_client
from walletdesk.notifications.selectors import notification_unread_count
from walletdesk.notifications.tests.factories import inapp_notification
from walletdesk.tickets.tests.factories import TeamFactory, TicketFactory

pytestmark = pytest.mark.django_db


def test_an_agents_notification_of_another_teams_ticket_is_gone_everywhere(client, alice):
    agent = AgentFactory()
    kept = inapp_notification(recipient=agent, ticket=TicketFactory(requester=alice))
    moved_ticket = TicketFactory(requester=alice, subject="转走的工单", team=TeamFactory())
    moved = inapp_notification(recipient=agent, ticket=moved_ticket)
    client.force_login(agent)

    page = client.get(reverse("notifications:list")).content.decode()
    opened = client.post(reverse("notifications:open", args=[moved.pk]))
    api = token_client(agent).get("/api/v1/notifications").json()

    assert notification_unread_count(user=agent) == 1
    assert kept.ticket.subject in page
    assert "转走的工单" not in page
    assert opened.status_code == 404
    assert [n["id"] for n in api["results"]] == [str(kept.pk)]


def test_an_agents_own_ticket_as_a_customer_still_notifies_them(alice):
    agent = AgentFactory(teams=[])
    own = inapp_notification(recipient=agent)  # a ticket the agent submitted themself

    assert notification_unread_count(user=agent) == 1
    assert own.ticket.requester == agent


def test_a_customers_notifications_do_not_depend_on_teams(alice):
    inapp_notification(recipient=alice, ticket=TicketFactory(requester=alice, team=None))

    assert notification_unread_count(user=alice) == 1

"""Saved replies on the ticket page: chosen on their own page, filled into the reply box,
their changes made when the reply is sent."""

import pytest
from django.urls import reverse

from walletdesk.accounts.tests.factories import AgentFactory
from walletdesk.console.tests.views.helpers import action_url, detail_url
from walletdesk.macros.models import Macro
from walletdesk.tickets.models import Message, Priority, Status
from walletdesk.tickets.tests.factories import TicketFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def macro(agent) -> Macro:
    return Macro.objects.create(
        owner=agent,
        title_zh="已收到",
        title_en="Received",
        body_zh="{{ name }}您好，工单 {{ reference }} 正在处理。",
        body_en="Hi {{ name }}, ticket {{ reference }} is being handled.",
        set_priority=Priority.HIGH,
    )


def test_the_picker_shows_each_reply_filled_in_for_the_ticket(
    agent_client, alice, macro, django_assert_num_queries
) -> None:
    ticket = TicketFactory(requester=alice)
    for i in range(5):
        Macro.objects.create(title_en=f"Shared {i}", body_en="Thanks, {{ name }}.")

    # session, user, ticket, macros, bell count, forum moderation badge (one capped count),
    # networks catalogue (cached afterwards)
    with django_assert_num_queries(8):
        response = agent_client.get(reverse("console:macros", args=[ticket.reference]))

    page = response.content.decode()
    assert response.status_code == 200
    assert f"工单 {ticket.reference} 正在处理" in page  # alice reads Chinese
    assert page.count("?macro=") == 6


def test_inserting_fills_the_reply_box_and_sending_makes_its_changes(
    agent_client, agent, alice, macro
) -> None:
    ticket = TicketFactory(requester=alice, status=Status.OPEN, assignee=agent)

    page = agent_client.get(detail_url(ticket) + f"?macro={macro.pk}").content.decode()

    assert f"工单 {ticket.reference} 正在处理" in page
    assert f'name="macro" value="{macro.pk}"' in page
    assert "Sending it also sets the priority to High." in page
    response = agent_client.post(
        action_url("reply", ticket), {"body": "已收到，正在处理。", "macro": str(macro.pk)}
    )
    assert response.status_code == 302
    ticket.refresh_from_db()
    macro.refresh_from_db()
    assert ticket.priority == Priority.HIGH
    assert macro.uses == 1
    assert Message.objects.filter(ticket=ticket, body="已收到，正在处理。").exists()


def test_an_internal_note_from_a_macro_changes_nothing(agent_client, agent, alice, macro) -> None:
    ticket = TicketFactory(requester=alice, status=Status.OPEN, assignee=agent)

    agent_client.post(
        action_url("reply", ticket), {"body": "note", "internal": "on", "macro": str(macro.pk)}
    )

    ticket.refresh_from_db()
    assert ticket.priority != Priority.HIGH


def test_another_agents_own_reply_is_refused_with_a_message(agent_client, alice) -> None:
    theirs = Macro.objects.create(owner=AgentFactory(), title_en="Mine", body_en="x")
    ticket = TicketFactory(requester=alice)

    response = agent_client.get(detail_url(ticket) + f"?macro={theirs.pk}")

    page = response.content.decode()
    assert response.status_code == 200
    assert "This saved reply is not available to you." in page
    assert f'name="macro" value="{theirs.pk}"' not in page


def test_a_macro_of_no_use_changes_nothing_after_the_reply(agent_client, agent, alice) -> None:
    ticket = TicketFactory(requester=alice, status=Status.OPEN, assignee=agent)
    withdrawn = Macro.objects.create(
        owner=agent, title_en="Old", body_en="x", set_priority=Priority.URGENT, is_active=False
    )

    response = agent_client.post(
        action_url("reply", ticket), {"body": "hello", "macro": str(withdrawn.pk)}
    )

    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.priority != Priority.URGENT
    assert Message.objects.filter(ticket=ticket, body="hello").exists()

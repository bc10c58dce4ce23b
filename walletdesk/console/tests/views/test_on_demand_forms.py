"""The action forms drawn only when opened (views.ON_DEMAND): the page offers each as a panel
linking to its action's address; a GET there answers the form alone (``?part=form``) or the
ticket page with it open; a refused one comes back open with its error; nobody else reaches
them."""

import pytest

from walletdesk.console.tests.views.helpers import action_url, detail_url
from walletdesk.console.views import ON_DEMAND
from walletdesk.tickets.models import Priority, Status
from walletdesk.tickets.tests.factories import TicketFactory

# A status in which the workflow offers the action.
OFFERED_IN = {
    "reject": Status.NEW,
    "close": Status.OPEN,
    "merge": Status.OPEN,
    "reopen": Status.RESOLVED,
    "priority": Status.OPEN,
    "category": Status.OPEN,
}
# An id only the drawn form has.
FIELD_ID = {
    "reject": "id_reject_reason",
    "close": "id_close_reason",
    "merge": "id_merge_into",
    "reopen": "id_reopen_reason",
    "priority": "id_priority_priority",
    "category": "id_category_category",
}


def test_every_on_demand_action_is_covered() -> None:
    assert set(ON_DEMAND) == set(OFFERED_IN) == set(FIELD_ID)


@pytest.mark.parametrize("name", sorted(OFFERED_IN))
def test_the_page_offers_the_panel_without_drawing_the_form(agent_client, alice, name):
    ticket = TicketFactory(requester=alice, status=OFFERED_IN[name])

    html = agent_client.get(detail_url(ticket)).content.decode()

    assert f'id="action-{name}"' in html
    assert f'data-form-url="{action_url(name, ticket)}?part=form"' in html
    assert f'<a href="{action_url(name, ticket)}#action-{name}">Open the form</a>' in html
    assert FIELD_ID[name] not in html


@pytest.mark.parametrize("name", sorted(OFFERED_IN))
def test_the_form_alone_is_answered_for_the_opened_panel(agent_client, alice, name):
    ticket = TicketFactory(requester=alice, status=OFFERED_IN[name])

    response = agent_client.get(action_url(name, ticket), {"part": "form"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "data-form-body" in html
    assert f'<form method="post" action="{action_url(name, ticket)}"' in html
    assert f'id="{FIELD_ID[name]}"' in html
    assert 'name="csrfmiddlewaretoken"' in html


@pytest.mark.parametrize("name", sorted(OFFERED_IN))
def test_without_javascript_the_link_shows_the_page_with_the_form_open(agent_client, alice, name):
    ticket = TicketFactory(requester=alice, status=OFFERED_IN[name])

    response = agent_client.get(action_url(name, ticket))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html
    assert ticket.subject in html
    assert f'id="action-{name}" data-form-url="{action_url(name, ticket)}?part=form" open>' in html
    assert f'id="{FIELD_ID[name]}"' in html


def test_the_priority_form_starts_at_the_tickets_priority(agent_client, alice):
    ticket = TicketFactory(requester=alice, status=Status.OPEN, priority=Priority.HIGH)

    html = agent_client.get(action_url("priority", ticket), {"part": "form"}).content.decode()

    assert f'<option value="{Priority.HIGH.value}" selected>' in html


def test_a_refused_form_comes_back_open_with_its_error(agent_client, alice):
    ticket = TicketFactory(requester=alice, status=Status.OPEN)

    response = agent_client.post(action_url("merge", ticket), {"into": "WD-ZZZZZZ"})

    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="action-merge"' in html
    assert f'data-form-url="{action_url("merge", ticket)}?part=form" open>' in html
    assert 'value="WD-ZZZZZZ"' in html
    assert "No ticket WD-ZZZZZZ among the tickets you work." in html


def test_an_action_the_status_does_not_offer_has_no_panel(agent_client, alice):
    ticket = TicketFactory(requester=alice, status=Status.NEW)

    html = agent_client.get(detail_url(ticket)).content.decode()

    assert 'id="action-reopen"' not in html


@pytest.mark.parametrize("part", ["form", ""])
def test_nobody_but_the_tickets_agents_gets_a_form(client, alice, bob, part):
    ticket = TicketFactory(requester=alice, status=Status.OPEN)
    client.force_login(bob)

    response = client.get(action_url("close", ticket), {"part": part} if part else {})

    assert response.status_code == 404
    assert ticket.subject not in response.content.decode()


def test_the_form_alone_reads_only_what_it_draws(
    agent_client, alice, django_assert_max_num_queries
):
    ticket = TicketFactory(requester=alice, status=Status.OPEN)

    # session, user, ticket (joined), the rejection reasons
    with django_assert_max_num_queries(4):
        response = agent_client.get(action_url("reject", ticket), {"part": "form"})

    assert response.status_code == 200

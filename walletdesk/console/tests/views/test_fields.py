"""Changing a ticket's assignee, priority and category."""

from walletdesk.console.tests.views.helpers import action_url, event_kinds
from walletdesk.tickets.models import Priority, TeamMembership, TicketEvent


def test_assign_to_an_agent_and_unassign(agent_client, agent, erin, alice_ticket):
    # Taking erin's ticket away again is a supervisor's (tickets.selectors.may_reassign).
    TeamMembership.objects.filter(user=agent).update(role=TeamMembership.Role.SUPERVISOR)
    assigned = agent_client.post(action_url("assign", alice_ticket), {"assignee": erin.pk})
    alice_ticket.refresh_from_db()
    assignee_after_assign = alice_ticket.assignee
    unassigned = agent_client.post(action_url("assign", alice_ticket), {"assignee": ""})

    assert assigned.status_code == unassigned.status_code == 302
    assert assignee_after_assign == erin
    alice_ticket.refresh_from_db()
    assert alice_ticket.assignee is None
    events = list(alice_ticket.events.order_by("id"))
    assert [(e.kind, e.from_value, e.to_value) for e in events] == [
        (TicketEvent.Kind.ASSIGNED, "", erin.email),
        (TicketEvent.Kind.ASSIGNED, erin.email, ""),
    ]
    assert all(e.actor == agent for e in events)


def test_assign_to_a_customer_is_refused(agent_client, bob, alice_ticket):
    response = agent_client.post(action_url("assign", alice_ticket), {"assignee": bob.pk})

    assert response.status_code == 400
    alice_ticket.refresh_from_db()
    assert alice_ticket.assignee is None
    assert event_kinds(alice_ticket) == []


def test_change_priority_and_category(agent_client, alice_ticket):
    priority = agent_client.post(
        action_url("priority", alice_ticket), {"priority": Priority.URGENT}
    )
    moved = agent_client.post(action_url("category", alice_ticket), {"category": "deposit"})

    assert priority.status_code == moved.status_code == 302
    alice_ticket.refresh_from_db()
    assert alice_ticket.priority == Priority.URGENT
    assert alice_ticket.category.slug == "deposit"
    events = list(alice_ticket.events.order_by("id"))
    assert [(e.kind, e.from_value, e.to_value) for e in events] == [
        (TicketEvent.Kind.PRIORITY_CHANGED, str(Priority.NORMAL.value), str(Priority.URGENT.value)),
        (TicketEvent.Kind.CATEGORY_CHANGED, "withdrawal", "deposit"),
    ]


def test_invalid_priority_and_category_answer_400(agent_client, alice_ticket):
    priority = agent_client.post(action_url("priority", alice_ticket), {"priority": "99"})
    moved = agent_client.post(action_url("category", alice_ticket), {"category": "nope"})

    assert priority.status_code == moved.status_code == 400
    alice_ticket.refresh_from_db()
    assert alice_ticket.priority == Priority.NORMAL
    assert event_kinds(alice_ticket) == []


def test_bob_cannot_change_alices_ticket_fields(client, bob, erin, alice_ticket):
    client.force_login(bob)

    responses = [
        client.post(action_url("assign", alice_ticket), {"assignee": erin.pk}),
        client.post(action_url("priority", alice_ticket), {"priority": Priority.URGENT}),
        client.post(action_url("category", alice_ticket), {"category": "deposit"}),
    ]

    assert [r.status_code for r in responses] == [404] * 3
    alice_ticket.refresh_from_db()
    assert alice_ticket.assignee is None
    assert alice_ticket.priority == Priority.NORMAL
    assert alice_ticket.category.slug == "withdrawal"
    assert event_kinds(alice_ticket) == []

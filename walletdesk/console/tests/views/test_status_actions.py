"""Actions that move a ticket's status: take, request information, resolve, close, reopen."""

from django.utils import timezone

from walletdesk.console.tests.views.helpers import action_url, detail_url, event_kinds
from walletdesk.tickets import services
from walletdesk.tickets.models import Message, Status, TeamMembership, TicketEvent
from walletdesk.tickets.tests.factories import TicketFactory


def test_take_a_new_ticket_opens_it_and_assigns_me(agent_client, agent, alice_ticket):
    response = agent_client.post(action_url("start", alice_ticket), {"status": "new"}, follow=True)

    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.OPEN
    assert alice_ticket.assignee == agent
    assert event_kinds(alice_ticket) == [
        TicketEvent.Kind.STATUS_CHANGED,
        TicketEvent.Kind.ASSIGNED,
    ]
    assert response.redirect_chain == [(detail_url(alice_ticket), 302)]
    assert "You took the ticket" in response.content.decode()


def test_take_an_open_ticket_assigns_it_to_me(agent_client, agent, erin, alice):
    # Taking erin's ticket is a supervisor's (a member is refused: test_supervisors.py).
    TeamMembership.objects.filter(user=agent).update(role=TeamMembership.Role.SUPERVISOR)
    ticket = TicketFactory(requester=alice, status=Status.OPEN, assignee=erin)

    response = agent_client.post(action_url("start", ticket), {"status": "open"})

    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.assignee == agent
    event = ticket.events.get()
    assert event.kind == TicketEvent.Kind.ASSIGNED
    assert (event.from_value, event.to_value) == (erin.email, agent.email)


def test_take_refused_when_another_agent_started_it_meanwhile(
    agent_client, agent, erin, alice_ticket
):
    services.ticket_start(ticket=alice_ticket, agent=erin)

    response = agent_client.post(action_url("start", alice_ticket), {"status": "new"})

    assert response.status_code == 409
    assert "cannot be" in response.content.decode()
    alice_ticket.refresh_from_db()
    assert alice_ticket.assignee == erin
    assert not TicketEvent.objects.filter(ticket=alice_ticket, actor=agent).exists()


def test_request_info_waits_on_the_customer(agent_client, agent, alice_ticket):
    response = agent_client.post(
        action_url("request-info", alice_ticket), {"body": "请提供交易哈希。"}
    )

    assert response.status_code == 302
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.WAITING_ON_CUSTOMER
    assert alice_ticket.assignee == agent
    assert Message.objects.get(ticket=alice_ticket).body == "请提供交易哈希。"
    assert TicketEvent.Kind.INFO_REQUESTED in event_kinds(alice_ticket)


def test_request_info_needs_a_message(agent_client, alice_ticket):
    response = agent_client.post(action_url("request-info", alice_ticket), {"body": "  "})

    assert response.status_code == 400
    assert 'id="id_request_info_body"' in response.content.decode()
    assert "errorlist" in response.content.decode()
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.NEW
    assert event_kinds(alice_ticket) == []


def test_resolve_with_a_closing_message(agent_client, alice):
    ticket = TicketFactory(requester=alice, status=Status.OPEN)

    response = agent_client.post(action_url("resolve", ticket), {"body": "已到账。"})

    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == Status.RESOLVED
    assert ticket.resolved_at is not None
    assert Message.objects.get(ticket=ticket).body == "已到账。"
    event = ticket.events.get()
    assert (event.kind, event.from_value, event.to_value) == (
        TicketEvent.Kind.STATUS_CHANGED,
        Status.OPEN,
        Status.RESOLVED,
    )


def test_close_records_the_reason(agent_client, alice):
    ticket = TicketFactory(requester=alice, status=Status.OPEN)

    response = agent_client.post(action_url("close", ticket), {"reason": "duplicate"})

    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == Status.CLOSED
    event = ticket.events.get()
    assert (event.kind, event.to_value, event.reason) == (
        TicketEvent.Kind.STATUS_CHANGED,
        Status.CLOSED,
        "duplicate",
    )


def test_reopen_a_new_ticket_is_refused(agent_client, alice_ticket):
    response = agent_client.post(
        action_url("reopen", alice_ticket), {"reason": "customer called back"}
    )

    assert response.status_code == 409
    html = response.content.decode()
    assert "cannot be reopened" in html
    assert 'value="customer called back"' in html
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.NEW
    assert event_kinds(alice_ticket) == []


def test_reopen_a_resolved_ticket(agent_client, alice):
    ticket = TicketFactory(requester=alice, status=Status.RESOLVED, resolved_at=timezone.now())

    response = agent_client.post(action_url("reopen", ticket), {"reason": "still missing"})

    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == Status.OPEN
    assert ticket.resolved_at is None
    event = ticket.events.get()
    assert (event.from_value, event.to_value, event.reason) == (
        Status.RESOLVED,
        Status.OPEN,
        "still missing",
    )


def test_bob_cannot_move_alices_ticket(client, bob, alice_ticket):
    client.force_login(bob)
    form = {"status": "new", "body": "Done.", "reason": "duplicate"}

    responses = [
        client.post(action_url(name, alice_ticket), form)
        for name in ("start", "request-info", "resolve", "close", "reopen")
    ]

    assert [r.status_code for r in responses] == [404] * 5
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.NEW
    assert alice_ticket.assignee is None
    assert not Message.objects.filter(ticket=alice_ticket).exists()
    assert event_kinds(alice_ticket) == []

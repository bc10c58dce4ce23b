"""Rejecting a ticket with a reason and a message, and the refusals that keep the typed text."""

from walletdesk.console.tests.views.helpers import action_url, event_kinds
from walletdesk.tickets import services
from walletdesk.tickets.models import Status, TicketEvent
from walletdesk.tickets.tests.factories import TicketFactory, reason


def test_reject_with_reason_and_message(agent_client, agent, alice_ticket):
    response = agent_client.post(
        action_url("reject", alice_ticket),
        {"reason": "incomplete_information", "message": "请补充交易哈希后重新提交。"},
    )

    assert response.status_code == 302
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.REJECTED
    assert alice_ticket.rejection_reason == reason()
    assert alice_ticket.rejection_message == "请补充交易哈希后重新提交。"
    rejected = alice_ticket.events.get(kind=TicketEvent.Kind.REJECTED)
    assert (rejected.to_value, rejected.actor) == ("incomplete_information", agent)


def test_reject_without_reason_keeps_the_typed_message(agent_client, alice_ticket):
    response = agent_client.post(
        action_url("reject", alice_ticket),
        {"reason": "", "message": "Please add the transaction hash"},
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Please add the transaction hash</textarea>" in html
    assert "errorlist" in html
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.NEW
    assert event_kinds(alice_ticket) == []


def test_reject_refused_after_another_agent_resolved_keeps_the_text(agent_client, erin, alice):
    ticket = TicketFactory(requester=alice, status=Status.OPEN)
    services.ticket_resolve(ticket=ticket, actor=erin)

    response = agent_client.post(
        action_url("reject", ticket),
        {"reason": "out_of_scope", "message": "Not something we can help with"},
    )

    assert response.status_code == 409
    html = response.content.decode()
    assert "Not something we can help with</textarea>" in html
    assert "This ticket is Resolved, so it cannot be rejected." in html
    assert 'class="form-error"' in html
    ticket.refresh_from_db()
    assert ticket.status == Status.RESOLVED
    assert not ticket.events.filter(kind=TicketEvent.Kind.REJECTED).exists()


def test_bob_cannot_reject_alices_ticket(client, bob, alice_ticket):
    client.force_login(bob)

    response = client.post(
        action_url("reject", alice_ticket),
        {"reason": "incomplete_information", "message": "Not yours to judge"},
    )

    assert response.status_code == 404
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.NEW
    assert alice_ticket.rejection_reason is None
    assert alice_ticket.rejection_message == ""
    assert event_kinds(alice_ticket) == []

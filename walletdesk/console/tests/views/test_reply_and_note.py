"""A public reply and an internal note, and a reply refused on a closed ticket."""

from django.urls import reverse

from walletdesk.console.tests.views.helpers import action_url, event_kinds
from walletdesk.tickets import selectors, services
from walletdesk.tickets.models import Message, Status, TicketEvent
from walletdesk.tickets.tests.factories import TicketFactory


def test_public_reply_opens_a_new_ticket(agent_client, agent, alice_ticket):
    response = agent_client.post(
        action_url("reply", alice_ticket), {"body": "We are checking."}, follow=True
    )

    message = Message.objects.get(ticket=alice_ticket)
    assert (message.body, message.is_internal, message.author) == ("We are checking.", False, agent)
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.OPEN
    assert alice_ticket.first_responded_at is not None
    assert event_kinds(alice_ticket) == [
        TicketEvent.Kind.STATUS_CHANGED,
        TicketEvent.Kind.AGENT_REPLIED,
    ]
    assert "Reply sent to the user." in response.content.decode()


def test_internal_note_leaves_status_alone(agent_client, alice_ticket):
    response = agent_client.post(
        action_url("reply", alice_ticket),
        {"body": "Looks like a wrong network.", "internal": "on"},
        follow=True,
    )

    message = Message.objects.get(ticket=alice_ticket)
    assert message.is_internal
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.NEW
    assert event_kinds(alice_ticket) == [TicketEvent.Kind.NOTE_ADDED]
    assert "Internal note added." in response.content.decode()


def test_internal_note_never_reaches_the_customer(agent, alice, alice_ticket, client):
    services.ticket_reply_add(ticket=alice_ticket, author=agent, body="Public answer")
    services.ticket_reply_add(
        ticket=alice_ticket, author=agent, body="SECRET-NOTE suspected fraud", internal=True
    )

    public = selectors.message_list_for_customer(ticket=alice_ticket)
    client.force_login(alice)
    response = client.get(reverse("portal:detail", args=[alice_ticket.reference]))

    assert [m.body for m in public] == ["Public answer"]
    assert response.status_code == 200
    assert "Public answer" in response.content.decode()
    assert "SECRET-NOTE" not in response.content.decode()


def test_public_reply_on_a_closed_ticket_is_refused_and_kept(agent_client, alice):
    ticket = TicketFactory(requester=alice, status=Status.CLOSED)

    response = agent_client.post(action_url("reply", ticket), {"body": "One more thing"})

    assert response.status_code == 409
    assert "One more thing</textarea>" in response.content.decode()
    assert not Message.objects.filter(ticket=ticket).exists()
    assert event_kinds(ticket) == []


def test_bob_cannot_reply_or_add_a_note_to_alices_ticket(client, bob, alice_ticket):
    client.force_login(bob)

    reply = client.post(action_url("reply", alice_ticket), {"body": "mine now"})
    note = client.post(action_url("reply", alice_ticket), {"body": "mine now", "internal": "on"})

    assert reply.status_code == note.status_code == 404
    assert not Message.objects.filter(ticket=alice_ticket).exists()
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.NEW
    assert event_kinds(alice_ticket) == []

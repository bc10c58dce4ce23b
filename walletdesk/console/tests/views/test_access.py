"""Who may see the console (visitors, customers, agents, administrators); the 404 and 405 rules."""

from django.urls import reverse

from walletdesk.console.tests.views.helpers import (
    ACTION_URLS,
    action_url,
    detail_url,
    event_kinds,
    queue_url,
)
from walletdesk.tickets.models import Message, Status


def test_anonymous_user_is_sent_to_login(client, alice_ticket):
    urls = [queue_url(), detail_url(alice_ticket)]

    responses = [client.get(u) for u in urls]
    responses += [client.post(action_url(n, alice_ticket)) for n in ACTION_URLS]

    for response in responses:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_customer_gets_404_on_every_console_url(client, alice, alice_ticket):
    client.force_login(alice)

    responses = [client.get(queue_url()), client.get(detail_url(alice_ticket))]
    responses += [
        client.post(action_url(n, alice_ticket), {"body": "hi", "status": "new"})
        for n in ACTION_URLS
    ]

    assert [r.status_code for r in responses] == [404] * (2 + len(ACTION_URLS))
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.NEW
    assert event_kinds(alice_ticket) == []


def test_bob_cannot_see_alices_ticket(client, bob, alice_ticket):
    client.force_login(bob)

    response = client.get(detail_url(alice_ticket))
    reply = client.post(action_url("reply", alice_ticket), {"body": "mine now"})

    assert response.status_code == 404
    assert reply.status_code == 404
    assert not Message.objects.filter(ticket=alice_ticket).exists()


def test_unknown_reference_is_404(agent_client):
    response = agent_client.get(reverse("console:detail", args=["WD-ZZZZZZ"]))

    assert response.status_code == 404


def test_administrator_may_use_the_console(client, dave, alice_ticket):
    client.force_login(dave)

    response = client.get(detail_url(alice_ticket))

    assert response.status_code == 200


def test_actions_answer_only_to_post(agent_client, alice_ticket):
    response = agent_client.get(action_url("resolve", alice_ticket))

    assert response.status_code == 405

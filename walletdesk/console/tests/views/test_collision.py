"""Two people on one ticket: the page says who else has it open and who is typing, and a
reply written while a new message arrived is held once, with the draft kept."""

import re
from typing import Any

from django.test import Client
from django.urls import reverse

from walletdesk.console.tests.views.helpers import action_url
from walletdesk.tickets import services
from walletdesk.tickets.models import Message, Ticket
from walletdesk.tickets.presence import PRESENCE_TTL


def _seen_until(page: str, form_action: str) -> str:
    form = page[page.index(f'action="{form_action}"') :]
    found = re.search(r'name="seen_until" value="([^"]+)"', form)
    assert found, "the form carries the newest message it was drawn with"
    return found.group(1)


def test_a_reply_crossing_a_new_message_is_held_once_with_the_draft_kept(
    agent_client: Client, alice: Any, alice_ticket: Ticket
) -> None:
    page = agent_client.get(reverse("console:detail", args=[alice_ticket.reference]))
    seen = _seen_until(page.content.decode(), action_url("reply", alice_ticket))
    services.ticket_reply_add(ticket=alice_ticket, author=alice, body="我又转了一笔，还是没到")

    held = agent_client.post(
        action_url("reply", alice_ticket), {"body": "Please wait, checking.", "seen_until": seen}
    )

    assert held.status_code == 409
    body = held.content.decode()
    assert "a new message arrived while you were writing" in body
    assert "Please wait, checking." in body  # the draft is kept
    assert "我又转了一笔" in body  # and the new message is on the page
    assert (
        not Message.objects.filter(ticket=alice_ticket, author__is_staff=False)
        .exclude(author=alice)
        .exists()
    )
    assert Message.objects.filter(ticket=alice_ticket).count() == 1

    again = agent_client.post(
        action_url("reply", alice_ticket),
        {
            "body": "Please wait, checking.",
            "seen_until": _seen_until(body, action_url("reply", alice_ticket)),
        },
    )

    assert again.status_code == 302
    assert Message.objects.filter(ticket=alice_ticket).count() == 2


def test_an_agents_own_earlier_message_does_not_hold_the_next(
    agent_client: Client, agent: Any, alice_ticket: Ticket
) -> None:
    page = agent_client.get(reverse("console:detail", args=[alice_ticket.reference]))
    seen = _seen_until(page.content.decode(), action_url("reply", alice_ticket))
    services.ticket_reply_add(ticket=alice_ticket, author=agent, body="First part.")

    sent = agent_client.post(
        action_url("reply", alice_ticket), {"body": "Second part.", "seen_until": seen}
    )

    assert sent.status_code == 302


def test_a_request_for_information_is_held_the_same_way(
    agent_client: Client, alice: Any, alice_ticket: Ticket
) -> None:
    page = agent_client.get(reverse("console:detail", args=[alice_ticket.reference]))
    seen = _seen_until(page.content.decode(), action_url("request-info", alice_ticket))
    services.ticket_reply_add(ticket=alice_ticket, author=alice, body="哈希是 0xabc")

    held = agent_client.post(
        action_url("request-info", alice_ticket), {"body": "Which network?", "seen_until": seen}
    )

    assert held.status_code == 409
    assert "Which network?" in held.content.decode()


def test_who_else_is_on_the_ticket_and_typing(
    agent_client: Client, erin: Any, alice_ticket: Ticket, settings: Any
) -> None:
    url = reverse("console:presence", args=[alice_ticket.reference])
    other = Client()
    other.force_login(erin)

    alone = agent_client.post(url, {"typing": "0"}).json()
    other.post(url, {"typing": "1"})
    together = agent_client.post(url, {"typing": "0"}).json()
    seen_by_erin = other.post(url, {"typing": "1"}).json()
    other.post(url, {"leave": "1"})
    after_leaving = agent_client.post(url, {"typing": "0"}).json()

    assert alone["others"] == []
    assert together["others"] == [{"name": "Erin", "typing": True}]
    assert seen_by_erin["others"] == [{"name": "Carol", "typing": False}]
    assert after_leaving["others"] == []
    assert PRESENCE_TTL <= 60  # a closed page disappears within a minute


def test_the_heartbeat_counts_messages_since_the_page_was_drawn(
    agent_client: Client, alice: Any, alice_ticket: Ticket
) -> None:
    page = agent_client.get(reverse("console:detail", args=[alice_ticket.reference]))
    seen = _seen_until(page.content.decode(), action_url("reply", alice_ticket))
    url = reverse("console:presence", args=[alice_ticket.reference])

    before = agent_client.post(url, {"seen_until": seen}).json()
    services.ticket_reply_add(ticket=alice_ticket, author=alice, body="还在吗？")
    after = agent_client.post(url, {"seen_until": seen}).json()

    assert (before["unseen"], after["unseen"]) == (0, 1)


def test_customers_and_strangers_learn_nothing(
    client: Client, alice: Any, bob: Any, alice_ticket: Ticket
) -> None:
    url = reverse("console:presence", args=[alice_ticket.reference])
    client.force_login(alice)

    assert client.post(url, {"typing": "1"}).status_code in (403, 404)
    assert Client().post(url).status_code in (302, 403)

"""The console's Redact and Remove file actions: agents only, POST only, CSRF, refusals."""

import pytest
from django.test import Client
from django.urls import reverse

from walletdesk.attachments.models import Attachment
from walletdesk.console.tests.views.helpers import detail_url
from walletdesk.tickets.models import Message, Redaction, TicketEvent
from walletdesk.tickets.redaction import removed_notice
from walletdesk.tickets.tests.factories import MessageFactory, TicketFactory

pytestmark = pytest.mark.django_db

PHRASE = "abandon amount liar amount expire adjust cage candy arch gather drum buyer"


@pytest.fixture
def leaked(alice_ticket) -> Message:
    return MessageFactory(ticket=alice_ticket, body=f"助记词 {PHRASE}")


@pytest.fixture
def evidence(alice_ticket, alice, attachment_folder) -> Attachment:
    (attachment_folder / "attachments").mkdir(parents=True)
    (attachment_folder / "attachments" / "phrase.png").write_bytes(b"\x89PNG fake")
    return Attachment.objects.create(
        ticket=alice_ticket,
        uploader=alice,
        kind=Attachment.Kind.PNG,
        display_name="备份.png",
        storage_key="attachments/phrase.png",
        size=9,
        sha256="0" * 64,
    )


def _message_url(message: Message) -> str:
    return reverse("console:message-redact", args=[message.ticket.reference, message.pk])


def _file_url(attachment: Attachment) -> str:
    return reverse("console:attachment-remove", args=[attachment.ticket.reference, attachment.pk])


def test_the_ticket_page_offers_each_action_with_a_confirmation(agent_client, leaked, evidence):
    response = agent_client.get(detail_url(leaked.ticket))

    html = response.content.decode()
    assert f'action="{_message_url(leaked)}"' in html
    assert f'action="{_file_url(evidence)}"' in html
    assert f'action="{reverse("console:redact", args=[leaked.ticket.reference])}"' in html
    assert html.count("Confirm redaction") == 2
    assert "Confirm: delete the file" in html


def test_agent_masks_a_message(agent_client, agent, leaked):
    response = agent_client.post(_message_url(leaked), {"mode": "masked"})

    assert response.status_code == 302
    leaked.refresh_from_db()
    assert PHRASE not in leaked.body
    assert leaked.redaction == Redaction.MASKED
    event = leaked.ticket.events.get(kind=TicketEvent.Kind.REDACTED)
    assert event.actor == agent


def test_agent_removes_a_half_phrase_entirely(agent_client, alice_ticket):
    half = MessageFactory(ticket=alice_ticket, body="abandon amount liar amount expire adjust")

    response = agent_client.post(_message_url(half), {"mode": "removed"})

    assert response.status_code == 302
    half.refresh_from_db()
    assert half.body == removed_notice()


def test_masking_what_the_guard_cannot_see_is_refused_with_the_reason(agent_client, alice_ticket):
    half = MessageFactory(ticket=alice_ticket, body="abandon amount liar amount expire adjust")

    response = agent_client.post(_message_url(half), {"mode": "masked"})

    assert response.status_code == 400
    assert "choose to remove it entirely" in response.content.decode()
    half.refresh_from_db()
    assert half.redaction == ""


def test_redacting_twice_is_refused_with_409(agent_client, leaked):
    agent_client.post(_message_url(leaked), {"mode": "removed"})

    response = agent_client.post(_message_url(leaked), {"mode": "removed"})

    assert response.status_code == 409
    assert "already redacted" in response.content.decode()
    assert leaked.ticket.events.filter(kind=TicketEvent.Kind.REDACTED).count() == 1


def test_agent_redacts_the_ticket_description(agent_client, alice_ticket):
    alice_ticket.description = f"我的助记词：{PHRASE}"
    alice_ticket.save(update_fields=["description"])

    response = agent_client.post(
        reverse("console:redact", args=[alice_ticket.reference]), {"mode": "masked"}
    )

    assert response.status_code == 302
    alice_ticket.refresh_from_db()
    assert PHRASE not in alice_ticket.description


def test_agent_removes_a_file_and_the_page_shows_the_tombstone(
    agent_client, evidence, attachment_folder
):
    response = agent_client.post(_file_url(evidence))

    assert response.status_code == 302
    evidence.refresh_from_db()
    assert evidence.is_removed
    assert not (attachment_folder / "attachments" / "phrase.png").exists()
    page = agent_client.get(detail_url(evidence.ticket)).content.decode()
    assert "File removed: it contained a recovery phrase or private key" in page
    assert f'action="{_file_url(evidence)}"' not in page


def test_removing_a_removed_file_is_refused(agent_client, evidence):
    agent_client.post(_file_url(evidence))

    response = agent_client.post(_file_url(evidence))

    assert response.status_code == 409
    assert "already removed" in response.content.decode()


@pytest.mark.parametrize("who", ["alice", "bob"])
def test_customers_get_404_and_nothing_changes(client, request, who, leaked, evidence):
    client.force_login(request.getfixturevalue(who))

    for url in (_message_url(leaked), _file_url(evidence)):
        assert client.post(url, {"mode": "removed"}).status_code == 404

    leaked.refresh_from_db()
    evidence.refresh_from_db()
    assert PHRASE in leaked.body
    assert not evidence.is_removed


def test_a_message_of_another_ticket_answers_404(agent_client, alice_ticket, bob):
    elsewhere = MessageFactory(ticket=TicketFactory(requester=bob), body=f"x {PHRASE}")

    url = reverse("console:message-redact", args=[alice_ticket.reference, elsewhere.pk])
    response = agent_client.post(url, {"mode": "masked"})

    assert response.status_code == 404
    elsewhere.refresh_from_db()
    assert PHRASE in elsewhere.body


def test_get_is_not_allowed(agent_client, leaked):
    assert agent_client.get(_message_url(leaked)).status_code == 405


def test_a_post_without_the_csrf_token_is_refused(agent, leaked):
    client = Client(enforce_csrf_checks=True)
    client.force_login(agent)

    response = client.post(_message_url(leaked), {"mode": "masked"})

    assert response.status_code == 403
    leaked.refresh_from_db()
    assert PHRASE in leaked.body


def test_the_history_names_the_redaction_without_the_secret(agent_client, leaked):
    agent_client.post(_message_url(leaked), {"mode": "masked"})

    html = agent_client.get(detail_url(leaked.ticket)).content.decode()

    assert "Wallet secret redacted" in html
    assert "Secret masked · recovery phrase" in html
    assert "abandon" not in html

"""Redacting stored text after the fact: tickets/redaction.py."""

import json

import pytest

from walletdesk.chain.secret_guard import PLACEHOLDERS, SecretKind
from walletdesk.notifications.models import Channel, Kind, Notification
from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.models import Message, Redaction, TicketEvent
from walletdesk.tickets.redaction import message_redact, removed_notice, ticket_redact
from walletdesk.tickets.tests.factories import MessageFactory

pytestmark = pytest.mark.django_db

PHRASE = "abandon amount liar amount expire adjust cage candy arch gather drum buyer"
HALF = "abandon amount liar amount expire adjust"


@pytest.fixture
def stored_secret(alice_ticket) -> Message:
    """A customer message an older guard let through (written straight to the table)."""
    return MessageFactory(ticket=alice_ticket, body=f"我的助记词是 {PHRASE} 请帮我看看")


def _redacted_events(ticket) -> list[TicketEvent]:
    return list(ticket.events.filter(kind=TicketEvent.Kind.REDACTED))


def test_masking_replaces_the_phrase_and_keeps_the_rest(stored_secret, carol):
    message_redact(message=stored_secret, actor=carol, mode=Redaction.MASKED)

    stored_secret.refresh_from_db()
    assert PHRASE not in stored_secret.body
    assert stored_secret.body == (
        f"我的助记词是 {PLACEHOLDERS[SecretKind.RECOVERY_PHRASE]} 请帮我看看"
    )
    assert stored_secret.redaction == Redaction.MASKED
    assert stored_secret.redacted_at is not None


def test_the_event_records_who_and_what_but_never_the_secret(stored_secret, carol):
    message_redact(message=stored_secret, actor=carol, mode=Redaction.MASKED)

    [event] = _redacted_events(stored_secret.ticket)
    assert event.actor == carol
    assert event.from_value == "message"
    assert event.to_value == str(stored_secret.pk)
    assert json.loads(event.reason) == {
        "mode": "masked",
        "kinds": ["recovery_phrase"],
        "fields": ["body"],
    }
    for value in (event.from_value, event.to_value, event.reason):
        assert "abandon" not in value


def test_the_requester_is_told_in_app_and_by_email(stored_secret, carol, alice):
    message_redact(message=stored_secret, actor=carol, mode=Redaction.MASKED)

    rows = Notification.objects.filter(recipient=alice, kind=Kind.REDACTED)
    assert sorted(rows.values_list("channel", flat=True)) == [Channel.EMAIL, Channel.INAPP]
    assert rows.get(channel=Channel.EMAIL).event.kind == TicketEvent.Kind.REDACTED


def test_removing_replaces_the_whole_body_with_the_notice_in_both_languages(alice_ticket, carol):
    half = MessageFactory(ticket=alice_ticket, body=f"前半部分：{HALF}")

    message_redact(message=half, actor=carol, mode=Redaction.REMOVED)

    half.refresh_from_db()
    assert half.body == removed_notice()
    assert "助记词" in half.body
    assert "recovery phrase" in half.body
    assert half.redaction == Redaction.REMOVED
    [event] = _redacted_events(alice_ticket)
    assert json.loads(event.reason)["mode"] == "removed"


def test_masking_text_the_guard_finds_nothing_in_is_refused(alice_ticket, carol):
    half = MessageFactory(ticket=alice_ticket, body=f"前半部分：{HALF}")

    with pytest.raises(TicketError) as refused:
        message_redact(message=half, actor=carol, mode=Redaction.MASKED)

    assert refused.value.code == TicketError.Code.NOTHING_TO_REDACT
    half.refresh_from_db()
    assert half.body == f"前半部分：{HALF}"
    assert not _redacted_events(alice_ticket)


@pytest.mark.parametrize("mode", [Redaction.MASKED, Redaction.REMOVED])
def test_a_second_redaction_is_refused_not_ignored(stored_secret, carol, erin, mode):
    message_redact(message=stored_secret, actor=carol, mode=mode)

    with pytest.raises(TicketError) as refused:
        message_redact(message=stored_secret, actor=erin, mode=Redaction.MASKED)

    assert refused.value.code == TicketError.Code.ALREADY_REDACTED
    assert len(_redacted_events(stored_secret.ticket)) == 1


def test_a_masked_message_may_still_be_removed_entirely(stored_secret, carol):
    message_redact(message=stored_secret, actor=carol, mode=Redaction.MASKED)

    message_redact(message=stored_secret, actor=carol, mode=Redaction.REMOVED)

    stored_secret.refresh_from_db()
    assert stored_secret.body == removed_notice()
    assert len(_redacted_events(stored_secret.ticket)) == 2


def test_a_customer_cannot_redact(stored_secret, alice):
    with pytest.raises(TicketError) as refused:
        message_redact(message=stored_secret, actor=alice, mode=Redaction.REMOVED)

    assert refused.value.code == TicketError.Code.NOT_AGENT
    stored_secret.refresh_from_db()
    assert PHRASE in stored_secret.body


def test_an_internal_note_is_redacted_without_telling_the_customer(alice_ticket, carol, erin):
    note = MessageFactory(
        ticket=alice_ticket,
        author=erin,
        author_role=Message.AuthorRole.AGENT,
        is_internal=True,
        body=f"user pasted: {PHRASE}",
    )

    message_redact(message=note, actor=carol, mode=Redaction.MASKED)

    [event] = _redacted_events(alice_ticket)
    assert event.from_value == "internal_note"
    assert not Notification.objects.filter(kind=Kind.REDACTED).exists()


def test_the_rescan_redacts_as_the_system(stored_secret):
    message_redact(message=stored_secret, actor=None, mode=Redaction.MASKED)

    [event] = _redacted_events(stored_secret.ticket)
    assert event.actor is None
    assert Notification.objects.filter(kind=Kind.REDACTED, channel=Channel.INAPP).count() == 1


def test_the_tickets_own_description_is_masked(alice_ticket, carol):
    alice_ticket.description = f"提现卡住了。私钥备份：{PHRASE}"
    alice_ticket.save(update_fields=["description"])

    ticket_redact(ticket=alice_ticket, actor=carol, mode=Redaction.MASKED)

    alice_ticket.refresh_from_db()
    assert PHRASE not in alice_ticket.description
    assert alice_ticket.description.startswith("提现卡住了。")
    assert alice_ticket.redaction == Redaction.MASKED
    [event] = _redacted_events(alice_ticket)
    assert (event.from_value, json.loads(event.reason)["fields"]) == ("ticket", ["description"])


def test_removing_the_description_twice_is_refused(alice_ticket, carol):
    alice_ticket.description = f"前半：{HALF}"
    alice_ticket.save(update_fields=["description"])
    ticket_redact(ticket=alice_ticket, actor=carol, mode=Redaction.REMOVED)

    with pytest.raises(TicketError) as refused:
        ticket_redact(ticket=alice_ticket, actor=carol, mode=Redaction.REMOVED)

    assert refused.value.code == TicketError.Code.ALREADY_REDACTED
    alice_ticket.refresh_from_db()
    assert alice_ticket.description == removed_notice()
    assert len(_redacted_events(alice_ticket)) == 1


def test_a_ticket_with_nothing_to_mask_is_refused(alice_ticket, carol):
    with pytest.raises(TicketError) as refused:
        ticket_redact(ticket=alice_ticket, actor=carol, mode=Redaction.MASKED)

    assert refused.value.code == TicketError.Code.NOTHING_TO_REDACT

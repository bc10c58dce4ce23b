"""The rescan after a guard upgrade: submissions/rescan.py, its task and its command."""

from io import StringIO

import pytest
from django.core.management import call_command

from walletdesk.attachments.models import Attachment
from walletdesk.guard.models import RescanCursor
from walletdesk.notifications.models import Kind, Notification
from walletdesk.submissions import rescan
from walletdesk.submissions.rescan import Scope, rescan_batch, stored_secrets_rescan
from walletdesk.submissions.tasks import stored_secrets_rescan_task
from walletdesk.tickets.models import Message, Redaction, TicketEvent
from walletdesk.tickets.tests.factories import MessageFactory, TicketFactory

pytestmark = pytest.mark.django_db

PHRASE = "abandon amount liar amount expire adjust cage candy arch gather drum buyer"


def _redactions() -> int:
    return TicketEvent.objects.filter(kind=TicketEvent.Kind.REDACTED).count()


@pytest.fixture
def stored_before(alice_ticket) -> Message:
    """What an older guard let through: written straight to the table."""
    return MessageFactory(ticket=alice_ticket, body=f"这是我的助记词 {PHRASE}")


def test_finds_a_secret_stored_before_and_redacts_it_once(stored_before, alice):
    report = stored_secrets_rescan()

    stored_before.refresh_from_db()
    assert PHRASE not in stored_before.body
    assert stored_before.redaction == Redaction.MASKED
    event = TicketEvent.objects.get(kind=TicketEvent.Kind.REDACTED)
    assert event.actor is None
    assert event.to_value == str(stored_before.pk)
    assert Notification.objects.filter(recipient=alice, kind=Kind.REDACTED).exists()
    assert report.redacted == 1
    assert report.finished


def test_a_second_run_does_nothing(stored_before):
    stored_secrets_rescan()

    again = stored_secrets_rescan()

    assert (again.checked, again.redacted) == (0, 0)
    assert _redactions() == 1


def test_resumes_from_its_cursor_in_key_order(alice_ticket):
    messages = sorted(
        (MessageFactory(ticket=alice_ticket, body=f"第{n}条 {PHRASE}") for n in range(3)),
        key=lambda m: m.pk,
    )

    first = rescan_batch(scope=Scope.MESSAGES, batch_size=2)

    cursor = RescanCursor.objects.get(scope=Scope.MESSAGES)
    assert (first.checked, first.redacted, first.finished) == (2, 2, False)
    assert cursor.position == str(messages[1].pk)
    assert PHRASE in Message.objects.get(pk=messages[2].pk).body

    second = rescan_batch(scope=Scope.MESSAGES, batch_size=2)

    assert (second.checked, second.redacted, second.finished) == (1, 1, True)
    assert all(PHRASE not in m.body for m in Message.objects.all())
    assert _redactions() == 3


def test_a_new_guard_version_reads_everything_again(monkeypatch, stored_before):
    stored_secrets_rescan()
    # Stored after the first run, by a guard that (in this story) did not know this phrase.
    later = MessageFactory(ticket=stored_before.ticket, body=f"again {PHRASE}")
    assert stored_secrets_rescan().checked == 0

    monkeypatch.setattr(rescan, "guard_version", lambda: "next-version")
    report = stored_secrets_rescan()

    later.refresh_from_db()
    assert PHRASE not in later.body
    assert report.redacted == 1
    assert RescanCursor.objects.get(scope=Scope.MESSAGES).guard_version == "next-version"


def test_ticket_texts_and_file_names_are_read_too(alice_ticket, alice):
    leaky = TicketFactory(requester=alice, description=f"助记词：{PHRASE}")
    attachment = Attachment.objects.create(
        ticket=alice_ticket,
        uploader=alice,
        kind=Attachment.Kind.PNG,
        display_name=f"{PHRASE.replace(' ', '-')}.png",
        storage_key="attachments/x.png",
        size=1,
        sha256="0" * 64,
    )

    stored_secrets_rescan()

    leaky.refresh_from_db()
    attachment.refresh_from_db()
    assert PHRASE not in leaky.description
    assert "abandon" not in attachment.display_name
    assert not attachment.is_removed
    assert _redactions() == 2


def test_an_agent_redaction_meanwhile_is_not_redacted_again(stored_before, carol):
    from walletdesk.tickets.redaction import message_redact

    message_redact(message=stored_before, actor=carol, mode=Redaction.REMOVED)

    report = stored_secrets_rescan()

    assert report.redacted == 0
    assert _redactions() == 1


def test_a_cursor_held_by_another_worker_is_skipped(monkeypatch, stored_before):
    monkeypatch.setattr(rescan, "_cursor_lock", lambda scope, version: None)

    batch = rescan_batch(scope=Scope.MESSAGES)

    assert batch.busy
    stored_before.refresh_from_db()
    assert PHRASE in stored_before.body


def test_the_task_and_the_command_run_the_same_rescan(settings, stored_before):
    settings.SECRET_RESCAN_BATCH_SIZE = 1

    # One message and its ticket, a batch of one row at a time.
    assert stored_secrets_rescan_task() == {"checked": 2, "redacted": 1}
    out = StringIO()
    call_command("rescan_secrets", stdout=out)

    assert "redacted 0" in out.getvalue()
    assert "finished" in out.getvalue()
    assert _redactions() == 1

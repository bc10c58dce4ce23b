"""A PDF too long to read while the user waits is stored "checking", never served, and read by
a worker: clean, it opens; showing a recovery phrase, it is deleted, refused with the reason and
the requester told. Workers claim a file with a conditional UPDATE, so two never both check it."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader, PdfWriter

from walletdesk.api.tests.helpers import token_client
from walletdesk.attachments import reading, services
from walletdesk.attachments.errors import AttachmentError
from walletdesk.attachments.models import Attachment
from walletdesk.attachments.tasks import attachment_check_task, attachment_checks_sweep_task
from walletdesk.attachments.tests.conftest import upload
from walletdesk.guard.models import SecretCatch
from walletdesk.guard.tests import screens
from walletdesk.notifications.models import Kind, Notification
from walletdesk.testing.storage import stored_files
from walletdesk.tickets.models import TicketEvent

pytestmark = pytest.mark.django_db
PHRASE = " ".join(screens.phrase("english", 12, 11))


def long_pdf(pages: int, *, secret_on: int | None = None) -> bytes:
    """``pages`` pages of a statement; one of them may say a recovery phrase."""
    ordinary = PdfReader(io.BytesIO(screens.pdf_with_text("Deposit 120 USDT TRC20 confirmed")))
    secret = PdfReader(io.BytesIO(screens.pdf_with_text(f"my words: {PHRASE}")))
    writer = PdfWriter()
    for number in range(pages):
        writer.add_page((secret if number == secret_on else ordinary).pages[0])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def queued(monkeypatch):
    """The ids handed to the broker (tests run the task themselves)."""
    ids: list[str] = []
    monkeypatch.setattr(
        attachment_check_task,
        "apply_async",
        lambda kwargs=None, **options: ids.append(kwargs["attachment_id"]),
    )
    return ids


def _reply_with(client, ticket, data: bytes, name: str = "statement.pdf"):
    return client.post(
        reverse("portal:reply", args=[ticket.reference]),
        {"body": "账单见附件", "attachments": [upload(name, data, "application/pdf")]},
    )


def test_a_long_pdf_is_stored_checking_and_queued_on_commit(
    alice_client, alice_ticket, queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _reply_with(alice_client, alice_ticket, long_pdf(reading.IN_REQUEST.pages + 1))

    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.check_state == Attachment.CheckState.CHECKING
    assert queued == [str(attachment.pk)]
    assert not SecretCatch.objects.exists()


def test_a_short_pdf_is_still_checked_in_the_request(alice_client, alice_ticket, queued):
    response = _reply_with(alice_client, alice_ticket, long_pdf(3, secret_on=2))

    assert response.status_code == 400
    assert not Attachment.objects.exists()
    assert queued == []


def test_a_pdf_beyond_the_background_limit_is_refused(alice, monkeypatch):
    monkeypatch.setattr(reading, "IN_BACKGROUND", reading.ReadingLimits(pages=45, pictures=10))

    with pytest.raises(AttachmentError) as refused:
        services.attachment_uploads_check(
            uploads=[upload("huge.pdf", long_pdf(46), "application/pdf")], uploader=alice
        )

    assert refused.value.code == AttachmentError.Code.TOO_LONG_TO_CHECK
    assert refused.value.params["limit"] == 45


def test_a_checking_file_is_served_to_nobody(alice_client, alice, carol, alice_ticket, queued):
    _reply_with(alice_client, alice_ticket, long_pdf(41))
    attachment = Attachment.objects.get()

    customer_page = alice_client.get(reverse("attachments:download", args=[attachment.pk]))
    customer_view = alice_client.get(reverse("attachments:view", args=[attachment.pk]))
    api = token_client(alice).get(f"/api/v1/attachments/{attachment.pk}")
    alice_client.force_login(carol)
    agent_page = alice_client.get(reverse("attachments:download", args=[attachment.pk]))

    assert [customer_page.status_code, customer_view.status_code, api.status_code] == [404] * 3
    assert agent_page.status_code == 404
    detail = token_client(alice).get(f"/api/v1/tickets/{alice_ticket.reference}").json()
    assert detail["attachments"] == []


def test_the_task_opens_a_clean_file(alice_client, alice_ticket, queued):
    _reply_with(alice_client, alice_ticket, long_pdf(41))
    attachment = Attachment.objects.get()

    outcome = attachment_check_task.apply(kwargs={"attachment_id": str(attachment.pk)}).get()

    attachment.refresh_from_db()
    assert outcome == "checked"
    assert attachment.check_state == Attachment.CheckState.CHECKED
    download = alice_client.get(reverse("attachments:download", args=[attachment.pk]))
    assert download.status_code == 200
    # Run twice (a redelivered message): nothing more happens.
    assert services.attachment_check(attachment_id=attachment.pk) == services.CheckOutcome.SKIPPED


def test_a_phrase_found_later_removes_the_file_and_tells_the_requester(
    alice_client, alice, alice_ticket, queued, attachment_folder, django_capture_on_commit_callbacks
):
    _reply_with(alice_client, alice_ticket, long_pdf(41, secret_on=33))
    attachment = Attachment.objects.get()
    assert stored_files(attachment_folder) != []

    with django_capture_on_commit_callbacks(execute=True):
        outcome = attachment_check_task.apply(kwargs={"attachment_id": str(attachment.pk)}).get()

    attachment.refresh_from_db()
    assert outcome == "refused"
    assert attachment.check_state == Attachment.CheckState.REFUSED
    assert attachment.refused_reason == "secret_detected"
    assert stored_files(attachment_folder) == []
    event = alice_ticket.events.get(kind=TicketEvent.Kind.ATTACHMENT_REFUSED)
    assert (event.from_value, event.to_value, event.reason) == (
        "customer",
        "secret_detected",
        "statement.pdf",
    )
    assert event.actor is None
    told = Notification.objects.filter(recipient=alice, kind=Kind.ATTACHMENT_REFUSED)
    assert told.filter(channel="inapp").exists()
    catch = SecretCatch.objects.get()
    assert catch.fields == ["file:statement.pdf"]
    assert catch.kinds == ["recovery_phrase"]
    assert (
        alice_client.get(reverse("attachments:download", args=[attachment.pk])).status_code == 404
    )


def test_the_refusal_email_says_why_in_the_requesters_language(
    alice_client, alice, alice_ticket, queued, mailoutbox
):
    from walletdesk.notifications.delivery import notification_deliver

    _reply_with(alice_client, alice_ticket, long_pdf(41, secret_on=0))
    services.attachment_check(attachment_id=Attachment.objects.get().pk)
    email = Notification.objects.get(recipient=alice, kind=Kind.ATTACHMENT_REFUSED, channel="email")

    notification_deliver(str(email.pk))

    sent = mailoutbox[-1]
    assert "您发送的文件已被拒收" in sent.subject
    assert "statement.pdf" in sent.body
    assert "助记词或私钥" in sent.body


def test_only_one_of_two_workers_claims_a_file(alice_client, alice_ticket, queued):
    _reply_with(alice_client, alice_ticket, long_pdf(41))
    attachment = Attachment.objects.get()

    first = services.attachment_check_claim(attachment_id=attachment.pk)
    second = services.attachment_check_claim(attachment_id=attachment.pk)

    assert first is not None
    assert second is None
    assert services.attachment_check(attachment_id=attachment.pk) == services.CheckOutcome.SKIPPED


def test_a_dead_workers_claim_lapses_and_the_sweep_queues_it_again(
    settings, alice_client, alice_ticket, queued
):
    _reply_with(alice_client, alice_ticket, long_pdf(41))
    attachment = Attachment.objects.get()
    long_ago = timezone.now() - timedelta(seconds=settings.ATTACHMENT_CHECK_LEASE_FOR + 1)
    assert services.attachment_check_claim(attachment_id=attachment.pk, now=long_ago)

    swept = attachment_checks_sweep_task.apply().get()

    assert swept == 1
    assert queued == [str(attachment.pk)]
    assert services.attachment_check(attachment_id=attachment.pk) == services.CheckOutcome.CHECKED


def test_a_storage_failure_gives_the_claim_back(alice_client, alice_ticket, queued, monkeypatch):
    _reply_with(alice_client, alice_ticket, long_pdf(41))
    attachment = Attachment.objects.get()

    def down(*args, **kwargs):
        raise OSError("storage down")

    monkeypatch.setattr(services, "_background_refusal", down)
    with pytest.raises(OSError, match="storage down"):
        services.attachment_check(attachment_id=attachment.pk)

    attachment.refresh_from_db()
    assert attachment.check_state == Attachment.CheckState.CHECKING
    assert attachment.check_claimed_at is None

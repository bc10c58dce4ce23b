"""ticket_submit and ticket_reply_submit: the steps in order, all or nothing, per channel."""

import dataclasses

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from walletdesk.attachments.errors import AttachmentError
from walletdesk.attachments.models import Attachment, AttachmentLimits
from walletdesk.attachments.tests import corpus
from walletdesk.attachments.upload_handlers import Refusal
from walletdesk.guard.models import Channel, SecretCatch
from walletdesk.notifications.models import Notification
from walletdesk.submissions.drafts import ReplySubmission, TicketSubmission
from walletdesk.submissions.limits import TICKETS_PER_IP, TICKETS_PER_USER
from walletdesk.submissions.services import ticket_reply_submit, ticket_submit
from walletdesk.testing.storage import stored_files
from walletdesk.tickets.drafts import TicketDraft
from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.models import Message, Ticket, TicketEvent
from walletdesk.tickets.tests.factories import category

pytestmark = pytest.mark.django_db
PHRASE = "abandon amount liar amount expire adjust cage candy arch gather drum buyer"


def png(name: str = "proof.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, corpus.png(), content_type="image/png")


def draft(**values: str) -> TicketDraft:
    return TicketDraft(
        category=category("other"),
        subject=values.get("subject", "余额没有变化"),
        description=values.get("description", "昨天转出 50 USDT，余额一直没变。"),
    )


def submission(user, channel=Channel.WEB, **values) -> TicketSubmission:
    return TicketSubmission(
        channel=channel, requester=user, draft=draft(**values.pop("texts", {})), **values
    )


# --- a new ticket -------------------------------------------------------------------------


def test_a_ticket_and_its_files_are_stored_together(alice, attachment_folder):
    outcome = ticket_submit(submission(alice, files=[png("a.png"), png("b.png")]))

    ticket = Ticket.objects.get()
    assert outcome.ticket == ticket
    assert outcome.message is None
    assert sorted(a.display_name for a in ticket.attachments.all()) == ["a.png", "b.png"]
    assert [e.kind for e in ticket.events.order_by("id")] == [
        TicketEvent.Kind.CREATED,
        TicketEvent.Kind.ATTACHMENT_ADDED,
        TicketEvent.Kind.ATTACHMENT_ADDED,
    ]
    assert len(stored_files(attachment_folder)) == 2
    assert (outcome.refused_files, outcome.secret_masked) == ([], False)


@pytest.mark.parametrize("channel", [Channel.WEB, Channel.API])
def test_one_refused_file_refuses_the_whole_submission_where_the_user_can_be_asked(
    alice, channel, attachment_folder
):
    files = [png(), SimpleUploadedFile("run.exe", b"MZ\x90\x00" + b"\0" * 64)]

    with pytest.raises(AttachmentError) as refused:
        ticket_submit(submission(alice, channel, files=files))

    assert refused.value.code == AttachmentError.Code.KIND_NOT_ALLOWED
    assert not Ticket.objects.exists()
    assert stored_files(attachment_folder) == []


def test_a_file_the_upload_handler_stopped_is_refused_not_dropped(alice):
    stopped = [Refusal("huge.png", "file_too_large")]

    with pytest.raises(AttachmentError) as refused:
        ticket_submit(submission(alice, Channel.API, refused_in_transit=stopped))

    assert refused.value.code == AttachmentError.Code.FILE_TOO_LARGE
    assert not Ticket.objects.exists()


def test_e_mail_leaves_a_refused_file_out_and_lists_it(alice, attachment_folder):
    files = [png(), SimpleUploadedFile("run.exe", b"MZ\x90\x00" + b"\0" * 64)]

    outcome = ticket_submit(submission(alice, Channel.EMAIL, files=files))

    assert [a.display_name for a in outcome.attachments] == ["proof.png"]
    assert [f.name for f in outcome.refused_files] == ["run.exe"]
    assert len(stored_files(attachment_folder)) == 1


@pytest.mark.parametrize("channel", [Channel.WEB, Channel.API])
def test_a_secret_is_refused_and_the_catch_names_the_channel(alice, channel):
    with pytest.raises(TicketError) as refused:
        ticket_submit(submission(alice, channel, texts={"description": f"助记词 {PHRASE}"}))

    assert refused.value.code == TicketError.Code.SECRET_DETECTED
    assert not Ticket.objects.exists()
    catch = SecretCatch.objects.get()
    assert (catch.channel, catch.fields, catch.was_masked) == (channel, ["description"], False)


def test_e_mail_stores_a_secret_masked_and_says_so(alice):
    outcome = ticket_submit(
        submission(alice, Channel.EMAIL, texts={"description": f"助记词 {PHRASE}"})
    )

    assert outcome.secret_masked
    assert "abandon" not in outcome.ticket.description
    assert SecretCatch.objects.get().channel == Channel.EMAIL


def test_a_secret_in_a_file_name_is_recorded_on_its_channel(alice):
    name = PHRASE.replace(" ", "_") + ".png"

    with pytest.raises(AttachmentError):
        ticket_submit(submission(alice, Channel.API, files=[png(name)]))

    catch = SecretCatch.objects.get()
    assert (catch.channel, catch.fields) == (Channel.API, ["filename"])


def test_the_limits_count_every_door_together(alice, settings):
    for index in range(TICKETS_PER_USER.count):
        channel = (Channel.WEB, Channel.API, Channel.EMAIL)[index % 3]
        ticket_submit(submission(alice, channel, texts={"subject": f"n{index}"}))

    with pytest.raises(TicketError) as refused:
        ticket_submit(submission(alice, Channel.WEB))

    assert refused.value.code == TicketError.Code.TOO_MANY_TICKETS
    assert refused.value.params["retry_after"] > 0
    assert Ticket.objects.count() == TICKETS_PER_USER.count


def test_one_address_cannot_open_more_than_its_share(alice, bob, monkeypatch):
    small = dataclasses.replace(TICKETS_PER_IP, count=2)
    monkeypatch.setattr("walletdesk.submissions.services.TICKETS_PER_IP", small)
    ticket_submit(submission(alice, Channel.API, client_ip="203.0.113.9"))
    ticket_submit(submission(bob, Channel.API, client_ip="203.0.113.9"))

    with pytest.raises(TicketError):
        ticket_submit(submission(bob, Channel.WEB, client_ip="203.0.113.9"))

    assert Ticket.objects.count() == 2


# --- storage fails half-way ------------------------------------------------------------------


@pytest.mark.parametrize("channel", [Channel.WEB, Channel.API, Channel.EMAIL])
def test_storage_failing_stores_nothing_and_removes_the_file_already_written(
    alice, channel, failing_storage, attachment_folder
):
    failing = failing_storage(fail_on=2)

    with pytest.raises(AttachmentError) as refused:
        ticket_submit(submission(alice, channel, files=[png("a.png"), png("b.png")]))

    assert refused.value.code == AttachmentError.Code.STORAGE_UNAVAILABLE
    assert failing.writes == 2  # the first file was written, then taken back
    assert stored_files(attachment_folder) == []
    assert not Ticket.objects.exists()
    assert not Attachment.objects.exists()
    assert not TicketEvent.objects.exists()
    assert not Notification.objects.exists()


def test_storage_failing_on_a_reply_leaves_the_thread_as_it_was(
    alice, alice_ticket, failing_storage, attachment_folder
):
    failing_storage(fail_on=1)
    events_before = alice_ticket.events.count()

    with pytest.raises(AttachmentError):
        ticket_reply_submit(
            ReplySubmission(
                channel=Channel.WEB,
                ticket=alice_ticket,
                author=alice,
                body="补充截图",
                files=[png()],
            )
        )

    assert not Message.objects.exists()
    assert alice_ticket.events.count() == events_before
    assert stored_files(attachment_folder) == []


# --- replies -------------------------------------------------------------------------------


def test_a_reply_and_its_files_are_stored_together(alice, alice_ticket):
    outcome = ticket_reply_submit(
        ReplySubmission(
            channel=Channel.API, ticket=alice_ticket, author=alice, body="这是截图", files=[png()]
        )
    )

    message = Message.objects.get()
    assert outcome.message == message
    assert [a.message_id for a in outcome.attachments] == [message.pk]
    assert not outcome.attachments[0].is_internal


def test_an_agents_internal_note_keeps_its_files_internal(carol, alice_ticket):
    outcome = ticket_reply_submit(
        ReplySubmission(
            channel=Channel.WEB,
            ticket=alice_ticket,
            author=carol,
            body="链上确认已到账",
            internal=True,
            files=[png()],
        )
    )

    assert outcome.message is not None
    assert outcome.message.is_internal
    assert outcome.attachments[0].is_internal


def test_a_reply_with_a_refused_file_stores_no_message(alice, alice_ticket):
    with pytest.raises(AttachmentError):
        ticket_reply_submit(
            ReplySubmission(
                channel=Channel.WEB,
                ticket=alice_ticket,
                author=alice,
                body="附件",
                files=[SimpleUploadedFile("x.html", b"<script>alert(1)</script>")],
            )
        )

    assert not Message.objects.exists()


def test_bob_cannot_reply_on_alices_ticket(bob, alice_ticket):
    with pytest.raises((TicketError, AttachmentError)):
        ticket_reply_submit(
            ReplySubmission(
                channel=Channel.API, ticket=alice_ticket, author=bob, body="hi", files=[png()]
            )
        )

    assert not Message.objects.exists()
    assert not Attachment.objects.exists()


# --- what each step is given --------------------------------------------------------------


def test_one_persons_limit_does_not_stop_another(alice, bob):
    for index in range(TICKETS_PER_USER.count):
        ticket_submit(submission(alice, texts={"subject": f"n{index}"}))

    ticket_submit(submission(bob))

    assert Ticket.objects.filter(requester=bob).count() == 1


def test_the_file_name_catch_names_the_person_who_sent_it(alice):
    name = PHRASE.replace(" ", "_") + ".png"

    with pytest.raises(AttachmentError):
        ticket_submit(submission(alice, Channel.WEB, files=[png(name)]))

    assert SecretCatch.objects.get().user_id == alice.pk


def test_a_resubmission_is_linked_to_its_original(alice, carol, alice_ticket):
    from walletdesk.tickets.services import ticket_reject
    from walletdesk.tickets.tests.factories import reason

    ticket_reject(ticket=alice_ticket, agent=carol, reason=reason(), message="请补充交易哈希")

    outcome = ticket_submit(submission(alice, resubmission_of=alice_ticket))

    assert outcome.ticket.resubmission_of == alice_ticket


def test_a_reply_counts_against_the_files_its_ticket_already_holds(alice, alice_ticket):
    AttachmentLimits.objects.create(max_files_per_ticket=1)
    first = ReplySubmission(
        channel=Channel.WEB, ticket=alice_ticket, author=alice, body="一", files=[png("1.png")]
    )
    ticket_reply_submit(first)

    with pytest.raises(AttachmentError) as refused:
        ticket_reply_submit(
            ReplySubmission(
                channel=Channel.WEB,
                ticket=alice_ticket,
                author=alice,
                body="二",
                files=[png("2.png")],
            )
        )

    assert refused.value.code == AttachmentError.Code.TOO_MANY_FILES_TICKET
    assert Message.objects.count() == 1


def test_by_e_mail_a_file_past_the_tickets_total_is_left_out_with_the_reason(alice, alice_ticket):
    AttachmentLimits.objects.create(max_files_per_ticket=1)

    def by_mail(body: str, name: str) -> ReplySubmission:
        return ReplySubmission(
            channel=Channel.EMAIL, ticket=alice_ticket, author=alice, body=body, files=[png(name)]
        )

    ticket_reply_submit(by_mail("一", "1.png"))
    outcome = ticket_reply_submit(by_mail("二", "2.png"))

    expected = AttachmentError(AttachmentError.Code.TOO_MANY_FILES_TICKET, limit=1).message
    assert outcome.ticket == alice_ticket
    assert outcome.attachments == []
    assert [(f.name, f.reason) for f in outcome.refused_files] == [("2.png", expected)]


def test_a_secret_in_a_reply_is_recorded_on_the_replys_channel(alice, alice_ticket):
    with pytest.raises(TicketError):
        ticket_reply_submit(
            ReplySubmission(
                channel=Channel.API, ticket=alice_ticket, author=alice, body=f"助记词 {PHRASE}"
            )
        )

    catch = SecretCatch.objects.get()
    assert (catch.channel, catch.ticket_id, catch.user_id) == (
        Channel.API,
        alice_ticket.pk,
        alice.pk,
    )


def test_by_e_mail_a_refused_first_file_does_not_cost_the_next_ones(alice):
    files = [SimpleUploadedFile("run.exe", b"MZ\x90\x00" + b"\0" * 64), png("after.png")]

    outcome = ticket_submit(submission(alice, Channel.EMAIL, files=files))

    assert [a.display_name for a in outcome.attachments] == ["after.png"]


def test_by_e_mail_a_secret_file_name_is_recorded_as_e_mail(alice):
    name = PHRASE.replace(" ", "_") + ".png"

    outcome = ticket_submit(submission(alice, Channel.EMAIL, files=[png(name)]))

    assert outcome.attachments == []
    assert SecretCatch.objects.get().channel == Channel.EMAIL


def test_an_e_mailed_reply_with_a_secret_is_stored_masked_and_says_so(alice, alice_ticket):
    outcome = ticket_reply_submit(
        ReplySubmission(
            channel=Channel.EMAIL, ticket=alice_ticket, author=alice, body=f"助记词 {PHRASE}"
        )
    )

    assert outcome.secret_masked
    assert outcome.message is not None
    assert "abandon" not in outcome.message.body


def test_a_reference_drawn_twice_is_drawn_again_and_the_files_stored_once(
    alice, monkeypatch, attachment_folder
):
    from walletdesk.tickets.tests.factories import TicketFactory

    TicketFactory(reference="WD-AAAAAA")
    drawn = iter(["WD-AAAAAA", "WD-BBBBBB"])
    monkeypatch.setattr("walletdesk.tickets.services.reference_generate", lambda: next(drawn))

    outcome = ticket_submit(submission(alice, files=[png("a.png"), png("b.png")]))

    assert outcome.ticket.reference == "WD-BBBBBB"
    assert outcome.ticket.attachments.count() == 2
    assert len(stored_files(attachment_folder)) == 2

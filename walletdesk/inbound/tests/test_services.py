"""inbound_message_accept over the fixture set: routing, storage, masking, refusals, loops."""

import base64
import re

import pytest
from django.core import mail as outbox

from walletdesk.accounts.tests.factories import UserFactory
from walletdesk.attachments.models import Attachment
from walletdesk.guard.models import SecretCatch
from walletdesk.inbound.models import InboundMessage
from walletdesk.inbound.services import Envelope, inbound_message_accept
from walletdesk.inbound.tests.mail import eml
from walletdesk.notifications.addresses import reply_domain, reply_token, ticket_reply_address
from walletdesk.notifications.models import Notification
from walletdesk.tickets.models import Message, Status, Ticket, TicketEvent
from walletdesk.tickets.tests.factories import TicketFactory

State = InboundMessage.State
pytestmark = pytest.mark.django_db


def _reply(name, ticket, **values):
    return inbound_message_accept(eml(name, REPLY_ADDRESS=ticket_reply_address(ticket), **values))


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("01_reply_gb2312_subject.eml", "您好，交易哈希我补充在这里了，收款人是王赟。"),
        ("02_reply_gbk_qp.eml", "已经过去三个小时了，还是没有到账。"),
        ("03_reply_big5.eml", "我已經確認了地址，請再幫我查詢。"),
        ("04_reply_utf8_html_only.eml", "好的 我明白了，谢谢！\n网络是 TRC20。"),
        ("05_reply_qq_original.eml", "金额是 100 USDT，时间是下午两点。"),
    ],
)
def test_reply_by_mail_lands_in_the_thread_without_quotes(name, body, alice_ticket):
    log = _reply(name, alice_ticket)

    assert log.state == State.REPLY_ADDED
    assert log.ticket == alice_ticket
    message = Message.objects.get(ticket=alice_ticket)
    assert message.body == body
    assert message.author == alice_ticket.requester
    assert message.author_role == Message.AuthorRole.CUSTOMER
    assert alice_ticket.events.filter(kind=TicketEvent.Kind.CUSTOMER_REPLIED).count() == 1
    assert log.ticket_message == message


def test_reply_reopens_a_ticket_waiting_on_the_customer(alice_ticket):
    Ticket.objects.filter(pk=alice_ticket.pk).update(status=Status.WAITING_ON_CUSTOMER)

    _reply("01_reply_gb2312_subject.eml", alice_ticket)

    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.OPEN


def test_reply_matched_by_in_reply_to_of_our_message_id(bob):
    ticket = TicketFactory(requester=bob)
    ours = f"<{reply_token(ticket.reference)}.4f2a@walletdesk.localhost>"

    log = inbound_message_accept(eml("06_reply_outlook_en_thread.eml", OUR_MESSAGE_ID=ours))

    assert log.state == State.REPLY_ADDED
    assert log.ticket == ticket
    assert ticket.messages.get().body == "The deposit was sent from Binance at 14:00."


def test_reply_matched_by_the_ticket_thread_root_id_of_our_mails(bob):
    ticket = TicketFactory(requester=bob)
    root = f"<ticket-{ticket.pk}@{reply_domain()}>"

    log = inbound_message_accept(eml("06_reply_outlook_en_thread.eml", OUR_MESSAGE_ID=root))

    assert log.state == State.REPLY_ADDED
    assert log.ticket == ticket


def test_reply_matched_by_a_notification_message_id(bob):
    ticket = TicketFactory(requester=bob)
    event = TicketEvent.objects.create(ticket=ticket, kind=TicketEvent.Kind.AGENT_REPLIED)
    notification = Notification.objects.create(
        recipient=bob,
        ticket=ticket,
        event=event,
        kind=Notification._meta.get_field("kind").choices[0][0],
        channel="email",
    )
    ours = f"<n-{notification.pk}@{reply_domain()}>"

    log = inbound_message_accept(eml("06_reply_outlook_en_thread.eml", OUR_MESSAGE_ID=ours))

    assert log.ticket == ticket


def test_thread_id_of_another_domain_does_not_route(bob):
    ticket = TicketFactory(requester=bob)
    foreign = f"<ticket-{ticket.pk}@attacker.example>"

    log = inbound_message_accept(eml("06_reply_outlook_en_thread.eml", OUR_MESSAGE_ID=foreign))

    assert log.ticket != ticket
    assert not ticket.messages.exists()


def test_reply_matched_by_an_earlier_inbound_mail_of_the_thread(alice):
    first = inbound_message_accept(eml("17_new_ticket_utf8.eml"))
    raw = eml("06_reply_outlook_en_thread.eml", OUR_MESSAGE_ID="<fixture-17@mail.example.com>")
    raw = raw.replace(b"Bob <bob@example.com>", b"alice@example.com", 1)

    log = inbound_message_accept(raw)

    assert log.state == State.REPLY_ADDED
    assert log.ticket == first.ticket


def test_forged_reply_token_does_not_route(alice_ticket):
    forged = f"reply+{alice_ticket.reference.lower()}.00000000000000000000@walletdesk.localhost"

    log = inbound_message_accept(eml("02_reply_gbk_qp.eml", REPLY_ADDRESS=forged))

    assert log.ticket != alice_ticket
    assert not alice_ticket.messages.exists()
    assert log.state == State.TICKET_OPENED  # alice's own mail: a new ticket of hers


def test_forged_subject_without_token_never_lands_in_that_ticket(alice_ticket, bob):
    raw = eml("16_forged_subject_no_token.eml", REFERENCE=alice_ticket.reference)

    log = inbound_message_accept(raw)

    assert not alice_ticket.messages.exists()
    assert log.ticket is not None
    assert log.ticket != alice_ticket
    assert log.ticket.requester == bob
    assert log.ticket.subject == f"[{alice_ticket.reference}] 提现一直显示处理中"


def test_bob_cannot_reply_into_alices_ticket_even_with_her_reply_address(alice_ticket, bob):
    log = _reply("20_wrong_sender_reply_address.eml", alice_ticket)

    assert log.state == State.REFUSED
    assert log.reason == "sender_not_allowed"
    assert not alice_ticket.messages.exists()
    assert not alice_ticket.events.filter(kind=TicketEvent.Kind.CUSTOMER_REPLIED).exists()
    assert outbox.outbox == []


def test_agent_answers_by_mail(alice_ticket, carol):
    log = _reply("21_agent_reply.eml", alice_ticket)

    assert log.state == State.REPLY_ADDED
    message = alice_ticket.messages.get()
    assert message.author == carol
    assert message.author_role == Message.AuthorRole.AGENT
    assert message.body == "您的提现已经在链上确认，请查看钱包。"
    assert alice_ticket.events.filter(kind=TicketEvent.Kind.AGENT_REPLIED).exists()


def test_an_agent_of_another_team_cannot_answer_by_mail(alice_ticket, carol):
    from walletdesk.tickets.models import TeamMembership
    from walletdesk.tickets.tests.factories import TeamFactory, team_join

    TeamMembership.objects.filter(user=carol).delete()
    team_join(carol, TeamFactory())

    log = _reply("21_agent_reply.eml", alice_ticket)

    assert log.state == State.REFUSED
    assert log.reason == "sender_not_allowed"
    assert not alice_ticket.messages.exists()
    assert outbox.outbox == []


def test_secret_phrase_is_stored_masked_and_the_sender_told(alice_ticket):
    log = _reply("09_reply_secret_phrase.eml", alice_ticket)

    assert log.state == State.REPLY_ADDED
    body = alice_ticket.messages.get().body
    assert "abandon abandon" not in body
    assert "请帮我找回资产" in body
    catch = SecretCatch.objects.get(ticket=alice_ticket)
    assert catch.channel == SecretCatch.Channel.EMAIL
    assert catch.was_masked
    assert len(outbox.outbox) == 1
    assert outbox.outbox[0].to == ["alice@example.com"]
    assert "abandon" not in outbox.outbox[0].body
    assert outbox.outbox[0].extra_headers["Auto-Submitted"] == "auto-replied"


def test_inline_image_goes_through_the_attachment_pipeline(alice_ticket):
    log = _reply("07_reply_inline_image.eml", alice_ticket)

    attachment = Attachment.objects.get(ticket=alice_ticket)
    assert attachment.kind == Attachment.Kind.PNG
    assert attachment.message == log.ticket_message
    assert alice_ticket.events.filter(kind=TicketEvent.Kind.ATTACHMENT_ADDED).exists()


def test_pdf_attachment_is_stored_with_its_chinese_name(alice_ticket):
    _reply("08_reply_pdf_attachment.eml", alice_ticket)

    attachment = Attachment.objects.get(ticket=alice_ticket)
    assert attachment.kind == Attachment.Kind.PDF
    assert attachment.display_name == "转账凭证.pdf"


def test_refused_file_keeps_the_message_and_tells_the_sender(alice_ticket, settings):
    raw = eml("08_reply_pdf_attachment.eml", REPLY_ADDRESS=ticket_reply_address(alice_ticket))
    head, _pdf, tail = re.split(rb"(?<=\r\n\r\n)([A-Za-z0-9+/=\r\n]+)(?=\r\n--mix--)", raw)
    program = base64.encodebytes(b"MZ\x90\x00" + bytes(200)).replace(b"\n", b"\r\n")
    raw = head + program + tail

    log = inbound_message_accept(raw)

    assert log.state == State.REPLY_ADDED
    assert alice_ticket.messages.exists()
    assert not Attachment.objects.filter(ticket=alice_ticket).exists()
    assert len(outbox.outbox) == 1
    assert "转账凭证.pdf" in outbox.outbox[0].body


@pytest.mark.parametrize(
    "name",
    [
        "10_autoreply_auto_submitted.eml",
        "11_autoreply_x_autoreply.eml",
        "12_bounce_dsn.eml",
        "13_precedence_bulk.eml",
    ],
)
def test_auto_replies_and_bounces_are_ignored_without_an_answer(name, alice_ticket):
    log = _reply(name, alice_ticket)

    assert log.state == State.IGNORED
    assert log.reason
    assert not alice_ticket.messages.exists()
    assert Ticket.objects.count() == 1
    assert outbox.outbox == []


def test_null_envelope_sender_is_a_bounce(alice):
    log = inbound_message_accept(eml("17_new_ticket_utf8.eml"), envelope=Envelope(sender=""))

    assert log.state == State.IGNORED
    assert not Ticket.objects.exists()


def test_mail_from_our_own_address_is_ignored(db, settings):
    raw = eml("17_new_ticket_utf8.eml").replace(
        b"From: Alice <alice@example.com>", b"From: support@walletdesk.localhost"
    )

    log = inbound_message_accept(raw)

    assert log.state == State.IGNORED
    assert log.reason == "own_address"


def test_oversized_mail_is_refused_with_a_reply_and_nothing_kept(alice, settings):
    settings.INBOUND_MAX_BYTES = 50_000

    log = inbound_message_accept(eml("14_oversized.eml"))

    assert log.state == State.REFUSED
    assert log.reason == "too_large"
    assert not Ticket.objects.exists()
    assert not Attachment.objects.exists()
    assert len(outbox.outbox) == 1
    assert outbox.outbox[0].to == ["alice@example.com"]
    assert "这一段正文" not in outbox.outbox[0].body
    assert not any("这一段正文" in str(v) for v in InboundMessage.objects.values().get().values())


def test_unknown_sender_gets_one_bilingual_answer(db):
    first = inbound_message_accept(eml("15_unknown_sender.eml"))
    second = inbound_message_accept(
        eml("15_unknown_sender.eml").replace(b"fixture-15@", b"fixture-15b@")
    )

    assert first.state == second.state == State.REFUSED
    assert first.reason == "unknown_sender"
    assert not Ticket.objects.exists()
    assert len(outbox.outbox) == 1
    notice = outbox.outbox[0]
    assert notice.to == ["stranger@example.net"]
    assert "/accounts/register/" in notice.body
    assert "How to contact IM Wallet Support" in notice.subject
    assert notice.extra_headers["Auto-Submitted"] == "auto-replied"
    assert InboundMessage.objects.filter(replied=True).count() == 1


def test_new_mail_from_a_verified_user_opens_a_ticket(alice):
    log = inbound_message_accept(eml("17_new_ticket_utf8.eml"))

    assert log.state == State.TICKET_OPENED
    ticket = log.ticket
    assert ticket.requester == alice
    assert ticket.category.slug == "other"
    assert ticket.subject == "充值没有到账 (TRC20)"
    assert "充值 50 USDT（TRC20）" in ticket.description
    assert ticket.events.filter(kind=TicketEvent.Kind.CREATED).exists()


@pytest.mark.parametrize(
    ("name", "subject", "text"),
    [
        ("18_new_ticket_gb18030.eml", "资产不显示", "😢"),
        ("19_raw_8bit_gbk_unlabelled.eml", "转错网络", "转账到了错误的网络"),
        ("24_new_ticket_big5_html.eml", "帳戶安全問題", "這是詐騙嗎？"),
        ("22_no_message_id.eml", "没有编号的邮件", "没有 Message-ID"),
    ],
)
def test_new_tickets_in_every_encoding(name, subject, text, alice):
    log = inbound_message_accept(eml(name))

    assert log.ticket.subject == subject
    assert text in log.ticket.description


def test_unverified_user_is_told_to_verify(db):
    UserFactory(email="newbie@example.com", email_verified_at=None)

    log = inbound_message_accept(eml("23_unverified_sender.eml"))

    assert log.state == State.REFUSED
    assert log.reason == "unverified"
    assert not Ticket.objects.exists()
    assert len(outbox.outbox) == 1


def test_only_quoted_text_is_refused_as_empty(alice_ticket):
    log = _reply("25_reply_only_quote.eml", alice_ticket)

    assert log.state == State.REFUSED
    assert log.reason == "empty"
    assert not alice_ticket.messages.exists()


def test_the_same_mail_twice_is_processed_once(alice_ticket):
    first = _reply("01_reply_gb2312_subject.eml", alice_ticket)
    second = _reply("01_reply_gb2312_subject.eml", alice_ticket)

    assert first.pk == second.pk
    assert alice_ticket.messages.count() == 1
    assert InboundMessage.objects.count() == 1


def test_the_same_mail_without_message_id_twice_is_processed_once(alice):
    inbound_message_accept(eml("22_no_message_id.eml"))
    inbound_message_accept(eml("22_no_message_id.eml"))

    assert Ticket.objects.count() == 1


def test_reply_to_a_closed_ticket_is_refused_with_a_reply(alice_ticket):
    Ticket.objects.filter(pk=alice_ticket.pk).update(status=Status.CLOSED)

    log = _reply("01_reply_gb2312_subject.eml", alice_ticket)

    assert log.state == State.REFUSED
    assert not alice_ticket.messages.exists()
    assert len(outbox.outbox) == 1
    assert alice_ticket.reference in outbox.outbox[0].subject


def test_a_phrase_screenshot_by_mail_is_left_out_and_the_sender_told(alice_ticket):
    from walletdesk.guard.tests import screens

    raw = eml("08_reply_pdf_attachment.eml", REPLY_ADDRESS=ticket_reply_address(alice_ticket))
    head, _pdf, tail = re.split(rb"(?<=\r\n\r\n)([A-Za-z0-9+/=\r\n]+)(?=\r\n--mix--)", raw)
    picture = base64.encodebytes(screens.phrase_screenshot_png()).replace(b"\n", b"\r\n")
    raw = head.replace(b"application/pdf", b"image/png") + picture + tail

    log = inbound_message_accept(raw)

    assert log.state == State.REPLY_ADDED
    assert alice_ticket.messages.exists()
    assert not Attachment.objects.filter(ticket=alice_ticket).exists()
    assert len(outbox.outbox) == 1
    assert "转账凭证" in outbox.outbox[0].body
    assert "助记词" in outbox.outbox[0].body
    catch = SecretCatch.objects.get()
    assert catch.channel == "email"
    assert catch.kinds == ["recovery_phrase"]

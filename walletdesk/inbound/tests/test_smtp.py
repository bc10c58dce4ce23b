"""The SMTP listener on 127.0.0.1, fed by smtplib: a real SMTP conversation end to end."""

import os
import signal
import smtplib
import socket
import threading

import pytest
from django.core.management import call_command

from walletdesk.inbound.models import HeldMail, InboundMessage
from walletdesk.inbound.smtp import controller_create
from walletdesk.inbound.tests.mail import eml
from walletdesk.notifications.addresses import agent_reply_address, ticket_reply_address
from walletdesk.tickets.models import Message, Ticket

pytestmark = pytest.mark.django_db(transaction=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def listener():
    port = _free_port()
    controller = controller_create(host="127.0.0.1", port=port)
    controller.start()
    yield port
    controller.stop()


def test_reply_sent_by_smtp_lands_in_the_thread(listener, alice_ticket):
    address = ticket_reply_address(alice_ticket)

    with smtplib.SMTP("127.0.0.1", listener, timeout=10) as client:
        refused = client.sendmail(
            "alice@example.com", [address], eml("03_reply_big5.eml", REPLY_ADDRESS=address)
        )

    assert refused == {}
    message = Message.objects.get(ticket=alice_ticket)
    assert message.body == "我已經確認了地址，請再幫我查詢。"
    log = InboundMessage.objects.get()
    assert log.source == InboundMessage.Source.SMTP
    assert log.state == InboundMessage.State.REPLY_ADDED


def test_new_mail_by_smtp_opens_a_ticket(listener, alice):
    with smtplib.SMTP("127.0.0.1", listener, timeout=10) as client:
        client.sendmail(
            "alice@example.com", ["support@walletdesk.localhost"], eml("18_new_ticket_gb18030.eml")
        )

    ticket = Ticket.objects.get()
    assert ticket.requester == alice
    assert ticket.subject == "资产不显示"


def test_bounce_with_null_sender_is_ignored(listener, alice):
    with smtplib.SMTP("127.0.0.1", listener, timeout=10) as client:
        client.sendmail("<>", ["support@walletdesk.localhost"], eml("17_new_ticket_utf8.eml"))

    assert not Ticket.objects.exists()
    assert InboundMessage.objects.get().state == InboundMessage.State.IGNORED


def test_other_domains_are_refused_at_rcpt(listener, alice):
    with smtplib.SMTP("127.0.0.1", listener, timeout=10) as client:
        client.ehlo()
        client.mail("alice@example.com")
        code, _text = client.rcpt("someone@elsewhere.example")

    assert code == 550
    assert not InboundMessage.objects.exists()


def test_far_oversized_mail_is_refused_by_the_smtp_server(listener, alice, settings):
    settings.INBOUND_MAX_BYTES = 10_000  # the listener was started with the default limit

    port = _free_port()
    controller = controller_create(host="127.0.0.1", port=port)
    controller.start()
    try:
        with (
            smtplib.SMTP("127.0.0.1", port, timeout=10) as client,
            pytest.raises(smtplib.SMTPException),
        ):
            client.sendmail(
                "alice@example.com", ["support@walletdesk.localhost"], eml("14_oversized.eml")
            )
    finally:
        controller.stop()

    assert not Ticket.objects.exists()


def test_management_command_listens_until_stopped(alice):
    port = _free_port()

    def deliver_then_stop() -> None:
        for _attempt in range(50):
            try:
                with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
                    client.sendmail(
                        "alice@example.com",
                        ["support@walletdesk.localhost"],
                        eml("17_new_ticket_utf8.eml"),
                    )
                break
            except OSError:
                threading.Event().wait(0.1)
        os.kill(os.getpid(), signal.SIGTERM)

    sender = threading.Thread(target=deliver_then_stop)
    sender.start()
    call_command("inbound_smtp", host="127.0.0.1", port=port)
    sender.join(timeout=10)

    assert Ticket.objects.get().requester == alice


def test_forged_agent_reply_by_smtp_is_held_not_posted(listener, alice_ticket, carol):
    address = ticket_reply_address(alice_ticket)
    raw = eml("21_agent_reply.eml", signed=False, REPLY_ADDRESS=address)

    with smtplib.SMTP("127.0.0.1", listener, timeout=10) as client:
        refused = client.sendmail("carol@walletdesk.example", [address], raw)

    assert refused == {}
    assert not Message.objects.exists()
    log = InboundMessage.objects.get()
    assert (log.source, log.state) == (InboundMessage.Source.SMTP, InboundMessage.State.HELD)
    assert HeldMail.objects.get().kind == HeldMail.Kind.STAFF_REPLY


def test_agent_reply_by_smtp_to_their_own_reply_address_is_posted(listener, alice_ticket, carol):
    address = agent_reply_address(alice_ticket, carol)

    with smtplib.SMTP("127.0.0.1", listener, timeout=10) as client:
        client.sendmail(
            "carol@walletdesk.example",
            [address],
            eml("21_agent_reply.eml", signed=False, REPLY_ADDRESS=address),
        )

    message = Message.objects.get()
    assert (message.author, message.author_role) == (carol, Message.AuthorRole.AGENT)


def test_unauthenticated_new_mail_by_smtp_waits_for_confirmation(listener, alice):
    with smtplib.SMTP("127.0.0.1", listener, timeout=10) as client:
        client.sendmail(
            "alice@example.com",
            ["support@walletdesk.localhost"],
            eml("18_new_ticket_gb18030.eml", signed=False),
        )

    assert not Ticket.objects.exists()
    held = HeldMail.objects.get()
    assert (held.user, held.state) == (alice, HeldMail.State.PENDING)
    assert held.subject == "资产不显示"

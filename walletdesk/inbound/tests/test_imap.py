"""IMAP polling against a real dovecot on 127.0.0.1 (see dovecot.py)."""

import io
import os
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command

from walletdesk.inbound.imap import ImapConfig, inbound_imap_poll
from walletdesk.inbound.models import InboundMessage
from walletdesk.inbound.tests.dovecot import Dovecot, dovecot_binary, dovecot_running
from walletdesk.inbound.tests.mail import eml
from walletdesk.notifications.addresses import ticket_reply_address
from walletdesk.tickets.models import Message, Ticket

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        dovecot_binary() is None or os.geteuid() != 0,
        reason="needs dovecot-imapd and root (dovecot switches to its own users)",
    ),
]


@pytest.fixture(scope="module")
def dovecot_server():
    with (
        tempfile.TemporaryDirectory(prefix="wd-dovecot-") as root,
        dovecot_running(Path(root)) as server,
    ):
        yield server


@pytest.fixture
def imap(dovecot_server: Dovecot) -> Dovecot:
    """An empty INBOX for each test."""
    client = dovecot_server.client()
    for folder in ("INBOX", "Processed"):
        status, count = client.select(folder)
        if status == "OK" and int(count[0]):
            client.store("1:*", "+FLAGS.SILENT", r"(\Deleted)")
            client.expunge()
    client.logout()
    return dovecot_server


def _config(server: Dovecot, **overrides) -> ImapConfig:
    return ImapConfig(
        host=server.host,
        port=server.port,
        user=server.user,
        password=server.password,
        use_ssl=False,
        **overrides,
    )


def _unseen(server: Dovecot, folder: str = "INBOX") -> int:
    client = server.client()
    client.select(folder)
    _status, found = client.search(None, "UNSEEN")
    client.logout()
    return len(found[0].split())


def test_poll_processes_unseen_mail_and_marks_it_seen(imap, alice_ticket):
    address = ticket_reply_address(alice_ticket)
    imap.deliver(eml("01_reply_gb2312_subject.eml", REPLY_ADDRESS=address))
    imap.deliver(eml("17_new_ticket_utf8.eml"))
    imap.deliver(eml("10_autoreply_auto_submitted.eml", REPLY_ADDRESS=address))

    result = inbound_imap_poll(_config(imap))

    assert result.processed == 3
    assert _unseen(imap) == 0
    assert Message.objects.get(ticket=alice_ticket).body.startswith("您好，交易哈希")
    assert Ticket.objects.count() == 2
    states = sorted(InboundMessage.objects.values_list("state", flat=True))
    assert states == ["ignored", "reply_added", "ticket_opened"]
    assert set(InboundMessage.objects.values_list("source", flat=True)) == {"imap"}


def test_second_poll_finds_nothing_and_a_redelivered_mail_is_not_processed_twice(
    imap, alice_ticket
):
    address = ticket_reply_address(alice_ticket)
    imap.deliver(eml("02_reply_gbk_qp.eml", REPLY_ADDRESS=address))
    inbound_imap_poll(_config(imap))
    imap.deliver(eml("02_reply_gbk_qp.eml", REPLY_ADDRESS=address))  # the same mail again

    again = inbound_imap_poll(_config(imap))

    assert again.processed == 1
    assert alice_ticket.messages.count() == 1
    assert InboundMessage.objects.count() == 1


def test_processed_mail_is_moved_when_a_folder_is_set(imap, alice):
    imap.deliver(eml("18_new_ticket_gb18030.eml"))

    inbound_imap_poll(_config(imap, processed_folder="Processed"))

    client = imap.client()
    _status, inbox = client.select("INBOX")
    _status, done = client.select('"Processed"')
    client.logout()
    assert int(inbox[0]) == 0
    assert int(done[0]) == 1
    assert Ticket.objects.get().subject == "资产不显示"


def test_a_failing_mail_stays_unseen_for_the_next_poll(imap, alice, monkeypatch):
    imap.deliver(eml("17_new_ticket_utf8.eml"))

    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr("walletdesk.submissions.services.ticket_open_checked", broken)
    first = inbound_imap_poll(_config(imap))
    monkeypatch.undo()
    second = inbound_imap_poll(_config(imap))

    assert (first.failed, first.processed) == (1, 0)
    assert second.processed == 1
    assert Ticket.objects.count() == 1
    assert InboundMessage.objects.get().state == InboundMessage.State.TICKET_OPENED


def test_management_command_polls_once(imap, alice, settings):
    settings.INBOUND_IMAP_HOST = imap.host
    settings.INBOUND_IMAP_PORT = imap.port
    settings.INBOUND_IMAP_USER = imap.user
    settings.INBOUND_IMAP_PASSWORD = imap.password
    settings.INBOUND_IMAP_SSL = False
    settings.INBOUND_IMAP_FOLDER = "INBOX"
    settings.INBOUND_IMAP_PROCESSED_FOLDER = ""
    imap.deliver(eml("24_new_ticket_big5_html.eml"))

    call_command("inbound_imap", stdout=io.StringIO())

    assert Ticket.objects.get().subject == "帳戶安全問題"
    assert _unseen(imap) == 0

"""The malware scan: our real clamd client against a loopback server answering like clamd
(INSTREAM, 'stream: OK' / '<signature> FOUND'). A real clamav-daemon is not started here."""

import pytest
from django.urls import reverse

from walletdesk.attachments import scanning
from walletdesk.attachments.models import Attachment
from walletdesk.attachments.services import attachment_scan_pending
from walletdesk.attachments.tests import corpus
from walletdesk.attachments.tests.conftest import upload
from walletdesk.tickets.models import TicketEvent

pytestmark = pytest.mark.django_db


def pdf_with_eicar() -> bytes:
    # A well-formed PDF with the EICAR test string in a comment after its end: passes our own
    # checks, so only the scanner can refuse it.
    return corpus.pdf_clean() + b"\n%" + corpus.EICAR + b"\n"


@pytest.mark.parametrize(
    ("reply", "verdict", "signature"),
    [
        (b"stream: OK\0", scanning.Verdict.CLEAN, ""),
        (
            b"stream: Eicar-Test-Signature FOUND\0",
            scanning.Verdict.INFECTED,
            "Eicar-Test-Signature",
        ),
        (b"INSTREAM size limit exceeded. ERROR\0", scanning.Verdict.ERROR, ""),
        (b"", scanning.Verdict.ERROR, ""),
    ],
)
def test_replies_are_parsed(reply, verdict, signature):
    result = scanning.parse_reply(reply)

    assert (result.verdict, result.signature) == (verdict, signature)


def test_clean_file_is_visible_after_the_scan(clamd, alice_client, alice_ticket):
    url = reverse("portal:reply", args=[alice_ticket.reference])

    response = alice_client.post(
        url, {"body": "凭证", "attachments": [upload("a.pdf", corpus.pdf_clean())]}
    )

    assert response.status_code == 302
    assert Attachment.objects.get().scan_state == Attachment.ScanState.CLEAN
    assert clamd.received == [corpus.pdf_clean()]


def test_infected_file_is_refused_and_the_event_recorded(clamd, alice_client, alice, alice_ticket):
    url = reverse("portal:reply", args=[alice_ticket.reference])

    response = alice_client.post(
        url, {"body": "凭证在此", "attachments": [upload("bank.pdf", pdf_with_eicar())]}
    )

    assert response.status_code == 400
    assert "凭证在此" in response.content.decode()
    assert not Attachment.objects.exists()
    assert not alice_ticket.messages.exists()
    event = alice_ticket.events.get(kind=TicketEvent.Kind.ATTACHMENT_REFUSED)
    assert event.to_value == "Eicar-Test-Signature"
    assert event.actor == alice


def test_scanner_down_keeps_the_file_hidden_until_a_scan_passes(
    settings, clamd, alice_client, alice_ticket
):
    port = settings.CLAMAV_PORT
    settings.CLAMAV_PORT = 1  # nothing listens there
    url = reverse("portal:reply", args=[alice_ticket.reference])
    alice_client.post(url, {"body": "凭证", "attachments": [upload("a.png", corpus.png())]})
    attachment = Attachment.objects.get()
    hidden = alice_client.get(reverse("attachments:download", args=[attachment.pk]))

    settings.CLAMAV_PORT = port
    decided = attachment_scan_pending()

    attachment.refresh_from_db()
    assert hidden.status_code == 404
    assert decided == 1
    assert attachment.scan_state == Attachment.ScanState.CLEAN
    assert (
        alice_client.get(reverse("attachments:download", args=[attachment.pk])).status_code == 200
    )

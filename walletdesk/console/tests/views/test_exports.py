"""Ticket list exports from the queue: asked for with the queue's filters, written in the
background in keyset chunks, downloaded by their owner only, personal columns for
administrators only, and each written to the audit trail."""

import csv
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from walletdesk.accounts.models import User
from walletdesk.accounts.tests.factories import AdminFactory, AgentFactory
from walletdesk.audit.models import AuditEvent
from walletdesk.audit.models import Kind as AuditKind
from walletdesk.reports import ticket_exports
from walletdesk.reports.models import TicketExport
from walletdesk.tickets.models import Status
from walletdesk.tickets.tests.factories import TeamFactory, TicketFactory

pytestmark = pytest.mark.django_db


def _ask(client: Client, query: str, file_format: str = "csv") -> TicketExport:
    response = client.post(reverse("console:export-start"), {"query": query, "format": file_format})
    export = TicketExport.objects.latest("created_at")
    assert response.status_code == 302
    assert response["Location"] == reverse("console:export", args=[export.pk])
    return export


def _download(client: Client, export: TicketExport) -> bytes:
    response = client.get(reverse("console:export-download", args=[export.pk]))
    assert response.status_code == 200
    assert export.file_name in response["Content-Disposition"]
    return b"".join(response.streaming_content)


def _csv(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_an_export_is_queued_then_written_and_downloaded_by_its_owner(
    agent_client: Client, agent: User, django_capture_on_commit_callbacks: Any, monkeypatch
) -> None:
    monkeypatch.setattr(ticket_exports, "EXPORT_CHUNK", 7)
    open_tickets = [TicketFactory(status=Status.OPEN, address="TXyz" + str(n)) for n in range(23)]
    TicketFactory(status=Status.RESOLVED)
    TicketFactory(status=Status.OPEN, team=TeamFactory())  # not the agent's team

    with django_capture_on_commit_callbacks(execute=False) as queued:
        export = _ask(agent_client, "status=open")
    assert len(queued) == 1
    page = agent_client.get(reverse("console:export", args=[export.pk]))
    assert 'http-equiv="refresh"' in page.content.decode()
    assert 'data-state="queued"' in page.content.decode()

    assert ticket_exports.ticket_export_build(export.pk) == 23
    # A second worker handed the same job does nothing.
    assert ticket_exports.ticket_export_build(export.pk) == 0

    page = agent_client.get(reverse("console:export", args=[export.pk])).content.decode()
    assert 'http-equiv="refresh"' not in page
    assert "23 tickets." in page
    rows = _csv(_download(agent_client, export))
    assert rows[0][:3] == ["Reference", "Subject", "Status"]
    assert sorted(r[0] for r in rows[1:]) == sorted(t.reference for t in open_tickets)
    # An agent's export holds no requester e-mail and no wallet details.
    assert "Requester e-mail" not in rows[0]
    assert not any("TXyz" in cell for row in rows for cell in row)

    event = AuditEvent.objects.get(kind=AuditKind.EXPORT)
    assert event.actor_id == agent.pk
    assert event.detail["rows"] == 23
    assert event.detail["report"] == "tickets"
    assert event.detail["personal"] is False


def test_an_administrators_export_holds_the_personal_columns(client: Client) -> None:
    admin = AdminFactory(language="en")
    client.force_login(admin)
    ticket = TicketFactory(status=Status.OPEN, address="TXyzAddress", tx_hash="ab" * 32)
    export = _ask(client, "status=open", "xlsx")
    ticket_exports.ticket_export_build(export.pk)
    sheet = load_workbook(io.BytesIO(_download(client, export))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert "Requester e-mail" in rows[0]
    assert rows[1][rows[0].index("Requester e-mail")] == ticket.requester.email
    assert rows[1][rows[0].index("Address")] == "TXyzAddress"


def test_nobody_but_the_owner_opens_or_downloads_an_export(
    agent_client: Client, client: Client, alice
) -> None:
    TicketFactory(status=Status.OPEN)
    export = _ask(agent_client, "status=open")
    ticket_exports.ticket_export_build(export.pk)
    for other in (AgentFactory(), AdminFactory(), alice):
        client.force_login(other)
        assert client.get(reverse("console:export", args=[export.pk])).status_code == 404
        download = reverse("console:export-download", args=[export.pk])
        assert client.get(download).status_code == 404


def test_a_download_before_the_file_is_ready_says_so(agent_client: Client) -> None:
    export = _ask(agent_client, "")
    response = agent_client.get(reverse("console:export-download", args=[export.pk]), follow=True)
    assert "This export is not ready yet." in response.content.decode()


def test_an_unknown_format_is_refused_and_the_queue_says_why(agent_client: Client) -> None:
    response = agent_client.post(
        reverse("console:export-start"), {"query": "status=open", "format": "pdf"}, follow=True
    )
    assert "Choose CSV or XLSX." in response.content.decode()
    assert not TicketExport.objects.exists()


def test_a_subject_a_spreadsheet_would_run_is_written_as_text(agent_client: Client) -> None:
    TicketFactory(status=Status.OPEN, subject='=HYPERLINK("http://x")')
    export = _ask(agent_client, "status=open")
    ticket_exports.ticket_export_build(export.pk)
    rows = _csv(_download(agent_client, export))
    assert rows[1][1] == '\'=HYPERLINK("http://x")'


def test_old_exports_are_deleted_with_their_files(agent_client: Client, settings) -> None:
    TicketFactory(status=Status.OPEN)
    export = _ask(agent_client, "status=open")
    ticket_exports.ticket_export_build(export.pk)
    export.refresh_from_db()
    from django.utils import timezone

    later = timezone.now() + timezone.timedelta(seconds=settings.EXPORT_KEEP_FOR + 1)
    assert ticket_exports.ticket_exports_expire(now=later) == 1
    assert not TicketExport.objects.exists()
    from walletdesk.attachments.storage import attachment_storage

    assert not attachment_storage().exists(export.stored_name)

"""Ticket list exports: what a queue filter shows, written to a CSV or XLSX file in the
background, in chunks of EXPORT_CHUNK tickets read by keyset (each chunk one query, the same
cost at row 100,000 as at row 1), then kept in the attachment storage for its owner.

The rows are the tickets the owner may work (tickets.selectors.ticket_visibility, as in the
queue). The requester's e-mail address and the wallet columns are written only for
administrators (tickets.selectors.sees_every_team), decided when the export is asked for.
Each finished export is written to the audit trail with who, what and how many rows; only its
owner may download it, and only while EXPORT_KEEP_FOR has not run out.
"""

import csv
import io
import tempfile
from dataclasses import asdict
from datetime import datetime, timedelta, tzinfo
from decimal import Decimal
from typing import IO, Any
from uuid import UUID
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook

from walletdesk.accounts.models import User
from walletdesk.attachments.storage import attachment_storage
from walletdesk.audit.models import Kind as AuditKind
from walletdesk.audit.services import record as audit_record
from walletdesk.core.i18n import pick
from walletdesk.reports.errors import ReportError
from walletdesk.reports.exports import cell_text
from walletdesk.reports.models import TicketExport
from walletdesk.tickets.models import Priority, Status
from walletdesk.tickets.selectors import QueueFilters, sees_every_team, ticket_export_chunk

EXPORT_CHUNK = 2000


def filters_to_json(filters: QueueFilters) -> dict[str, Any]:
    return {k: str(v) if isinstance(v, UUID) else v for k, v in asdict(filters).items()}


def filters_from_json(data: dict[str, Any]) -> QueueFilters:
    filters = QueueFilters(**data)
    for name in ("category_id", "assignee_id", "tag_id"):
        value = getattr(filters, name)
        if value:
            setattr(filters, name, UUID(str(value)))
    return filters


def ticket_export_start(
    *, user: User, filters: QueueFilters, file_format: str, described: str = ""
) -> TicketExport:
    """Ask for an export of what ``filters`` show ``user``; it is written in the background."""
    if not user.is_agent:
        raise Http404
    if file_format not in TicketExport.Format.values:
        raise ReportError(ReportError.Code.BAD_FORMAT)
    export = TicketExport.objects.create(
        owner=user,
        filters=filters_to_json(filters),
        described=described[:300],
        file_format=file_format,
        personal=sees_every_team(user),
    )
    from walletdesk.reports.tasks import ticket_export_task

    export_id = str(export.pk)
    transaction.on_commit(lambda: ticket_export_task.delay(export_id))
    return export


def _claim(export_id: UUID | str) -> TicketExport | None:
    """Move a queued export to running, once: a second worker handed the same job finds
    nothing to claim."""
    claimed = TicketExport.objects.filter(pk=export_id, state=TicketExport.State.QUEUED).update(
        state=TicketExport.State.RUNNING, updated_at=timezone.now()
    )
    if not claimed:
        return None
    return TicketExport.objects.select_related("owner").get(pk=export_id)


def _header(personal: bool) -> list[str]:
    header = [
        _("Reference"),
        _("Subject"),
        _("Status"),
        _("Priority"),
        _("Topic"),
        _("Team"),
        _("Network"),
        _("Asset"),
        _("Amount"),
        _("Assignee"),
        _("Submitted"),
        _("First reply"),
        _("Resolved"),
        _("Closed"),
        _("Rating"),
    ]
    if personal:
        header += [_("Requester e-mail"), _("Address"), _("Memo / tag"), _("Transaction hash")]
    return header


def _when(value: datetime | None, zone: Any) -> str:
    return timezone.localtime(value, zone).strftime("%Y-%m-%d %H:%M") if value else ""


def _amount(value: Decimal | None) -> str:
    return format(value.normalize(), "f") if value is not None else ""


def _cells(row: dict[str, Any], personal: bool, zone: Any) -> list[Any]:
    cells: list[Any] = [
        row["reference"],
        cell_text(row["subject"]),
        str(Status(row["status"]).label),
        str(Priority(row["priority"]).label),
        pick(row["category__name_zh"], row["category__name_en"]),
        pick(row["team__name_zh"] or "", row["team__name_en"] or ""),
        row["network"],
        row["asset"],
        _amount(row["amount"]),
        cell_text(row["assignee__display_name"] or row["assignee__email"] or ""),
        _when(row["created_at"], zone),
        _when(row["first_responded_at"], zone),
        _when(row["resolved_at"], zone),
        _when(row["closed_at"], zone),
        row["rating"] if row["rating"] is not None else "",
    ]
    if personal:
        cells += [
            row["requester__email"],
            cell_text(row["address"]),
            cell_text(row["memo"]),
            cell_text(row["tx_hash"]),
        ]
    return cells


def _rows(export: TicketExport, zone: Any) -> Any:
    """Every row of the export, chunk by chunk."""
    filters = filters_from_json(export.filters)
    after = None
    while True:
        chunk = ticket_export_chunk(
            user=export.owner,
            filters=filters,
            after=after,
            limit=EXPORT_CHUNK,
            personal=export.personal,
        )
        for row in chunk:
            yield _cells(row, export.personal, zone)
        if len(chunk) < EXPORT_CHUNK:
            return
        after = (chunk[-1]["created_at"], chunk[-1]["id"])


def _write_csv(out: IO[bytes], header: list[str], rows: Any) -> int:
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
    writer = csv.writer(text)
    writer.writerow(header)
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    text.flush()
    text.detach()
    return count


def _write_xlsx(out: IO[bytes], header: list[str], rows: Any) -> int:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Tickets"))
    sheet.append(header)
    count = 0
    for row in rows:
        sheet.append(row)
        count += 1
    book.save(out)
    return count


def _zone_of(user: User) -> tzinfo:
    try:
        return ZoneInfo(user.time_zone)
    except (ValueError, ZoneInfoNotFoundError):
        return timezone.get_default_timezone()


def ticket_export_build(export_id: UUID | str) -> int:
    """Write the export's file (background); returns how many tickets it holds. Runs once per
    export; a failure is kept on the export, which its page then shows."""
    export = _claim(export_id)
    if export is None:
        return 0
    owner = export.owner
    try:
        with translation.override(owner.language), tempfile.TemporaryFile() as out:
            zone = _zone_of(owner)
            header = _header(export.personal)
            rows = _rows(export, zone)
            if export.file_format == TicketExport.Format.XLSX:
                count = _write_xlsx(out, header, rows)
            else:
                count = _write_csv(out, header, rows)
            out.seek(0)
            stored = attachment_storage().save(
                f"exports/{export.pk}.{export.file_format}", File(out)
            )
    except Exception:
        TicketExport.objects.filter(pk=export.pk).update(
            state=TicketExport.State.FAILED, finished_at=timezone.now()
        )
        raise
    TicketExport.objects.filter(pk=export.pk).update(
        state=TicketExport.State.DONE, rows=count, stored_name=stored, finished_at=timezone.now()
    )
    audit_record(
        AuditKind.EXPORT,
        actor=owner,
        target=export.file_name,
        rows=count,
        report="tickets",
        personal=export.personal,
        filters=export.filters,
    )
    return count


def ticket_export_get_for(*, user: User, export_id: UUID | str) -> TicketExport | None:
    """The export, for its owner only (anyone else: None, shown as 404)."""
    if not user.is_agent:
        return None
    return TicketExport.objects.filter(pk=export_id, owner=user).first()


def ticket_export_open(export: TicketExport) -> IO[bytes]:
    """The finished file, to stream to its owner."""
    if export.state != TicketExport.State.DONE or not export.stored_name:
        raise ReportError(ReportError.Code.NOT_READY)
    if export.created_at < timezone.now() - timedelta(seconds=settings.EXPORT_KEEP_FOR):
        raise Http404
    handle: IO[bytes] = attachment_storage().open(export.stored_name, "rb")
    return handle


def ticket_exports_expire(*, now: datetime | None = None) -> int:
    """Delete exports (and their files) older than EXPORT_KEEP_FOR; returns how many."""
    cutoff = (now or timezone.now()) - timedelta(seconds=settings.EXPORT_KEEP_FOR)
    storage = attachment_storage()
    old = list(TicketExport.objects.filter(created_at__lt=cutoff))
    for export in old:
        if export.stored_name:
            storage.delete(export.stored_name)
    TicketExport.objects.filter(pk__in=[e.pk for e in old]).delete()
    return len(old)

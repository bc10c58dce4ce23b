"""Reading what is already stored again after the secret guard was upgraded.

What the guard refused on the way in was never stored; what an older version let through
still is. Once per guard version (guard/version.py), every stored text is read again in
bounded batches, in primary-key order, and what the guard now finds is masked through the
same services an agent uses (tickets/redaction.py, attachments.services), with no actor:
each redaction writes its REDACTED event and the requester is told.

Scopes: messages (bodies), tickets (their own text fields), attachment names. Each keeps a
RescanCursor row (guard/models.py): the version that reads it, the last key read, whether
it is done. A batch locks its cursor row for its whole transaction (FOR UPDATE SKIP LOCKED on
PostgreSQL; SQLite's write lock is taken when the transaction begins), reads the next keys,
redacts, then moves the cursor: two workers never read the same batch, a crash rolls the
batch back and the next run reads it again, and nothing the current version has read is read
again. Rows stored after the version changed were read by that version on the way in.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from uuid import UUID

from django.db import models, transaction
from django.utils import timezone

from walletdesk.attachments.errors import AttachmentError
from walletdesk.attachments.models import Attachment
from walletdesk.attachments.services import attachment_name_redact
from walletdesk.guard.models import RescanCursor
from walletdesk.guard.services import filename_secrets, secret_scan
from walletdesk.guard.version import guard_version
from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.models import Message, Redaction, Ticket
from walletdesk.tickets.redaction import TICKET_TEXT_FIELDS, message_redact, ticket_redact

logger = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 200


class Scope(StrEnum):
    MESSAGES = "messages"
    TICKETS = "tickets"
    ATTACHMENT_NAMES = "attachment_names"


@dataclass(frozen=True)
class _Reader:
    """One scope: which rows, which columns, how to tell a secret, how to redact it."""

    rows: Callable[[], "models.QuerySet[Any]"]
    holds_secret: Callable[[Any], bool]
    redact: Callable[[Any], object]


def _message_holds_secret(message: Message) -> bool:
    return message.redaction != Redaction.REMOVED and secret_scan({"body": message.body}).found


def _ticket_holds_secret(ticket: Ticket) -> bool:
    return secret_scan({name: getattr(ticket, name) or "" for name in TICKET_TEXT_FIELDS}).found


_READERS: dict[Scope, _Reader] = {
    Scope.MESSAGES: _Reader(
        rows=lambda: Message.objects.only("id", "ticket_id", "body", "redaction"),
        holds_secret=_message_holds_secret,
        redact=lambda m: message_redact(message=m, actor=None, mode=Redaction.MASKED),
    ),
    Scope.TICKETS: _Reader(
        rows=lambda: Ticket.objects.only("id", "redaction", *TICKET_TEXT_FIELDS),
        holds_secret=_ticket_holds_secret,
        redact=lambda t: ticket_redact(ticket=t, actor=None, mode=Redaction.MASKED),
    ),
    Scope.ATTACHMENT_NAMES: _Reader(
        rows=lambda: Attachment.objects.only("id", "ticket_id", "display_name"),
        holds_secret=lambda a: bool(filename_secrets(a.display_name)),
        redact=lambda a: attachment_name_redact(attachment=a, actor=None),
    ),
}


@dataclass(frozen=True)
class RescanBatch:
    """What one batch of one scope did."""

    scope: Scope
    checked: int = 0
    redacted: int = 0
    finished: bool = False
    busy: bool = False


def _cursor_lock(scope: Scope, version: str) -> RescanCursor | None:
    """The scope's cursor, locked for this transaction; None while another worker holds it.
    A new guard version starts the scope again from its first key."""
    RescanCursor.objects.get_or_create(
        scope=scope, defaults={"guard_version": version, "started_at": timezone.now()}
    )
    cursor = RescanCursor.objects.select_for_update(skip_locked=True).filter(scope=scope).first()
    if cursor is None:
        return None
    if cursor.guard_version != version:
        cursor.guard_version = version
        cursor.position = ""
        cursor.checked = 0
        cursor.redacted = 0
        cursor.started_at = timezone.now()
        cursor.finished_at = None
    return cursor


def rescan_batch(*, scope: Scope, batch_size: int = DEFAULT_BATCH_SIZE) -> RescanBatch:
    """Read the next ``batch_size`` rows of ``scope`` with the current guard and redact what
    it finds; move the scope's cursor past them.

    Does nothing (``finished``) when the current version has read the whole scope, and
    nothing (``busy``) while another worker holds the scope's cursor. Runs in one
    transaction holding the cursor's row lock; a failure rolls the batch back, cursor and
    redactions alike, so the next run reads the same rows again.
    """
    reader = _READERS[scope]
    with transaction.atomic():
        cursor = _cursor_lock(scope, guard_version())
        if cursor is None:
            return RescanBatch(scope=scope, busy=True)
        if cursor.finished_at is not None:
            return RescanBatch(scope=scope, finished=True)
        rows = reader.rows().order_by("pk")
        if cursor.position:
            rows = rows.filter(pk__gt=UUID(cursor.position))
        batch = list(rows[:batch_size])
        redacted = 0
        for row in batch:
            if reader.holds_secret(row) and _redact(reader, row):
                redacted += 1
        if batch:
            cursor.position = str(batch[-1].pk)
        cursor.checked += len(batch)
        cursor.redacted += redacted
        finished = len(batch) < batch_size
        if finished:
            cursor.finished_at = timezone.now()
        cursor.save()
    if redacted:
        logger.info("secret rescan: %s redacted %d of %d rows", scope, redacted, len(batch))
    return RescanBatch(scope=scope, checked=len(batch), redacted=redacted, finished=finished)


def _redact(reader: _Reader, row: object) -> bool:
    try:
        reader.redact(row)
    except (TicketError, AttachmentError) as refused:
        # Redacted meanwhile by an agent (ALREADY_*), or nothing left: not an error here.
        logger.info("secret rescan: row skipped (%s)", refused.code.value)
        return False
    return True


@dataclass
class RescanReport:
    """What a run did, per scope."""

    batches: list[RescanBatch]

    @property
    def checked(self) -> int:
        return sum(b.checked for b in self.batches)

    @property
    def redacted(self) -> int:
        return sum(b.redacted for b in self.batches)

    @property
    def finished(self) -> bool:
        """Every scope was read to its end by the current guard version."""
        last = {b.scope: b for b in self.batches}
        return all(scope in last and last[scope].finished for scope in Scope)


def stored_secrets_rescan(
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_batches: int | None = None,
    scopes: Iterable[Scope] = tuple(Scope),
) -> RescanReport:
    """Rescan every scope, batch after batch, until each is finished (or busy elsewhere) or
    ``max_batches`` batches per scope have run. Safe to run from several workers at once."""
    batches: list[RescanBatch] = []
    for scope in scopes:
        done = 0
        while max_batches is None or done < max_batches:
            batch = rescan_batch(scope=scope, batch_size=batch_size)
            batches.append(batch)
            done += 1
            if batch.finished or batch.busy:
                break
    return RescanReport(batches=batches)

"""Every write of an attachment goes through here.

Uploads are checked in two steps so that a refused file never costs the user their text:
``attachment_uploads_check`` runs the whole pipeline (limits, name, content, malware scan)
before the ticket or message is written; the page shows any refusal with the typed text
still in the form. ``AttachmentBatch`` then stores the checked files in the transaction that
writes the ticket or message (submissions/services.py), and removes them again if it does not
commit.
"""

import logging
import shutil
import tempfile
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import IO
from uuid import UUID

from django.conf import settings
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from walletdesk.accounts.models import User
from walletdesk.attachments import pipeline, reading, scanning
from walletdesk.attachments.errors import AttachmentError
from walletdesk.attachments.models import Attachment, AttachmentLimits
from walletdesk.attachments.storage import attachment_storage
from walletdesk.attachments.upload_handlers import Refusal
from walletdesk.chain.secret_guard import SecretFinding, mask_secrets
from walletdesk.guard.models import Channel
from walletdesk.guard.services import filename_secrets, secret_guard_file, secret_guard_filename
from walletdesk.tickets.models import Message, Redaction, Ticket, TicketEvent
from walletdesk.tickets.redaction import Target, redaction_event_record
from walletdesk.tickets.services import ticket_event_record, ticket_lock

logger = logging.getLogger(__name__)
Code = AttachmentError.Code


@dataclass
class CheckedUpload:
    """One upload that passed every check, waiting for its ticket or message to exist."""

    file: IO[bytes]
    display_name: str
    kind: str
    size: int
    sha256: str
    width: int | None = None
    height: int | None = None
    scan_state: str = Attachment.ScanState.NOT_SCANNED
    # CHECKING: too long to read while the user waits; a worker reads it once stored.
    check_state: str = Attachment.CheckState.CHECKED
    channel: str = Channel.WEB


@dataclass
class CheckedUploads:
    items: list[CheckedUpload] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.items)


def _may_attach(ticket: Ticket | None, user: User | None) -> bool:
    if ticket is None:
        return True  # a new ticket: the requester is the one submitting it
    return user is not None and ticket.may_add_to(user)


def attachment_uploads_check(
    *,
    uploads: Sequence[UploadedFile],
    uploader: User | None,
    ticket: Ticket | None = None,
    refusals: Sequence[Refusal] = (),
    channel: str = Channel.WEB,
) -> CheckedUploads:
    """Run every check on the files of one submission, before anything is saved.

    ``ticket`` is None for a new ticket. ``refusals`` are what the upload handler already
    stopped (too large while arriving). Raises AttachmentError for the first file refused:
    NOT_ALLOWED, FILE_TOO_LARGE, TOO_MANY_FILES_*, MESSAGE/TICKET_TOO_LARGE, EMPTY_FILE,
    KIND_NOT_ALLOWED, TOO_MANY_PIXELS, DAMAGED_*, PDF_*, SECRET_IN_NAME, INFECTED,
    SECRET_DETECTED (a picture or PDF page shows a recovery phrase or key: a SecretCatch is
    recorded), TOO_LONG_TO_CHECK (longer than even a background check reads). A PDF too long
    to read in the request comes back with check_state CHECKING: it is stored unserved and
    read in the background (attachment_check). An infected file on an existing ticket records
    ATTACHMENT_REFUSED. Nothing is stored.
    """
    limits = AttachmentLimits.current()
    if uploads and not _may_attach(ticket, uploader):
        raise AttachmentError(Code.NOT_ALLOWED)
    for refusal in refusals:
        name = pipeline.name_normalise(refusal.name)
        if refusal.code == "message_too_large":
            raise AttachmentError(
                Code.MESSAGE_TOO_LARGE, limit=filesizeformat(limits.max_bytes_per_message)
            )
        raise AttachmentError(
            Code.FILE_TOO_LARGE, name=name, limit=filesizeformat(limits.max_file_bytes)
        )
    if not uploads:
        return CheckedUploads()
    if len(uploads) > limits.max_files_per_message:
        raise AttachmentError(Code.TOO_MANY_FILES_MESSAGE, limit=limits.max_files_per_message)

    checked = CheckedUploads()
    for upload in uploads:
        raw_name = pipeline.name_normalise(upload.name or "")
        if upload.size is not None and upload.size > limits.max_file_bytes:
            raise AttachmentError(
                Code.FILE_TOO_LARGE, name=raw_name, limit=filesizeformat(limits.max_file_bytes)
            )
        if secret_guard_filename(name=raw_name, user=uploader, channel=channel, ticket=ticket):
            # Not even the name is echoed back: it is the secret.
            raise AttachmentError(Code.SECRET_IN_NAME, name="")
        if upload.file is None:
            # Only a hand-built UploadedFile lacks its file; the upload handlers always set one.
            raise AttachmentError(Code.EMPTY_FILE, name=raw_name)
        processed = pipeline.process(
            upload.file,
            name=raw_name,
            max_pixels=limits.max_pixels,
            max_dimension=limits.max_dimension,
        )
        digest, size = pipeline.sha256_of(processed.file)
        scan_state = _scan(processed.file, name=raw_name, ticket=ticket, uploader=uploader)
        check_state = _read_for_secrets(
            processed,
            name=raw_name,
            uploader=uploader,
            channel=channel,
            ticket=ticket,
            max_pixels=limits.max_pixels,
        )
        checked.items.append(
            CheckedUpload(
                file=processed.file,
                display_name=pipeline.name_normalise(upload.name or "", kind=processed.kind),
                kind=processed.kind,
                size=size,
                sha256=digest,
                width=processed.width,
                height=processed.height,
                scan_state=scan_state,
                check_state=check_state,
                channel=channel,
            )
        )

    total = sum(item.size for item in checked.items)
    if total > limits.max_bytes_per_message:
        raise AttachmentError(
            Code.MESSAGE_TOO_LARGE, limit=filesizeformat(limits.max_bytes_per_message)
        )
    if ticket is not None:
        held = (
            Attachment.objects.filter(ticket=ticket)
            .exclude(check_state=Attachment.CheckState.REFUSED)
            .aggregate(n=Count("id"), bytes=Sum("size"))
        )
        if held["n"] + len(checked.items) > limits.max_files_per_ticket:
            raise AttachmentError(Code.TOO_MANY_FILES_TICKET, limit=limits.max_files_per_ticket)
        if (held["bytes"] or 0) + total > limits.max_bytes_per_ticket:
            raise AttachmentError(
                Code.TICKET_TOO_LARGE, limit=filesizeformat(limits.max_bytes_per_ticket)
            )
    elif len(checked.items) > limits.max_files_per_ticket or total > limits.max_bytes_per_ticket:
        raise AttachmentError(Code.TOO_MANY_FILES_TICKET, limit=limits.max_files_per_ticket)
    return checked


def _read_for_secrets(
    processed: pipeline.Processed,
    *,
    name: str,
    uploader: User | None,
    channel: str,
    ticket: Ticket | None,
    max_pixels: int,
) -> str:
    """Refuse a file that shows a recovery phrase or key: a screenshot of a phrase stored
    here is the same loss as the phrase typed. The catch is recorded, the file never stored.

    Returns the file's check state: CHECKED, or CHECKING for a PDF longer than a request
    reads (reading.IN_REQUEST), which a worker reads once it is stored. A PDF longer than a
    background check reads is refused (TOO_LONG_TO_CHECK).
    """
    if processed.kind == Attachment.Kind.PDF and not reading.pdf_fits(
        processed.file, name=name, max_pixels=max_pixels, limits=reading.IN_REQUEST
    ):
        if not reading.pdf_fits(
            processed.file, name=name, max_pixels=max_pixels, limits=reading.IN_BACKGROUND
        ):
            raise AttachmentError(
                Code.TOO_LONG_TO_CHECK, name=name, limit=reading.IN_BACKGROUND.pages
            )
        return Attachment.CheckState.CHECKING
    readings = reading.file_readings(
        processed.file, kind=processed.kind, name=name, max_pixels=max_pixels
    )
    try:
        kinds = secret_guard_file(
            name=name, readings=readings, user=uploader, channel=channel, ticket=ticket
        )
    except AttachmentError as exc:
        if exc.code != Code.TOO_LONG_TO_CHECK:
            raise
        # Pictures drawn inside the pages' content, found only while reading: the worker
        # reads the whole file under its own limit.
        return Attachment.CheckState.CHECKING
    finally:
        readings.close()  # stopped at the first secret: the rest is never read
    if kinds:
        processed.file.close()
        raise AttachmentError(Code.SECRET_DETECTED, name=name)
    return Attachment.CheckState.CHECKED


def _scan(file: IO[bytes], *, name: str, ticket: Ticket | None, uploader: User | None) -> str:
    if not scanning.scanner_enabled():
        return Attachment.ScanState.NOT_SCANNED
    result = scanning.scan_file(file)
    if result.verdict == scanning.Verdict.INFECTED:
        logger.warning("attachment refused by malware scan: %s", result.signature)
        if ticket is not None:
            ticket_event_record(
                ticket=ticket,
                kind=TicketEvent.Kind.ATTACHMENT_REFUSED,
                actor=uploader,
                from_value=_uploader_role(ticket, uploader.pk if uploader else None),
                to_value=result.signature[:64],
                reason=name,
            )
        raise AttachmentError(Code.INFECTED, name=name)
    if result.verdict == scanning.Verdict.ERROR:
        # The scanner is down: keep the file but show it to nobody until a scan passes
        # (attachment_scan_pending), rather than lose the user's evidence.
        logger.warning("malware scanner unavailable; attachment kept pending")
        return Attachment.ScanState.PENDING
    return Attachment.ScanState.CLEAN


def attachment_upload_try(
    *,
    upload: UploadedFile | None,
    user: User | None,
    refusals: Sequence[Refusal] = (),
    channel: str = Channel.API,
) -> CheckedUpload:
    """Run every check one upload of a new ticket would face, then forget the file.

    For the wallet app to tell the user before they write a ticket. Raises what
    ``attachment_uploads_check`` raises (SECRET_DETECTED records a SecretCatch, as on
    submission). ``upload`` is None when the upload handler stopped the file (its refusal is
    in ``refusals``) or none was sent (EMPTY_FILE). Nothing is stored; returns what the file
    would be stored as (its file closed).
    """
    checked = attachment_uploads_check(
        uploads=[upload] if upload is not None else [],
        uploader=user,
        refusals=refusals,
        channel=channel,
    )
    for item in checked.items:
        item.file.close()
    if not checked.items:
        raise AttachmentError(Code.EMPTY_FILE, name="")
    return checked.items[0]


def _storage_key(kind: str) -> str:
    # Random, never the user's name: names leak, collide and carry path tricks.
    token = uuid.uuid4().hex
    return f"attachments/{token[:2]}/{token}{pipeline.EXTENSIONS[kind]}"


class AttachmentBatch:
    """The files of one submission, stored inside the transaction that writes its ticket or
    message, so that either all of it is stored or none of it is.

    ``store`` writes each file under a random key, then its row and ATTACHMENT_ADDED event, in
    the caller's transaction; a storage failure raises AttachmentError(STORAGE_UNAVAILABLE),
    which rolls that transaction back. Used as a context around that transaction, the batch
    removes every file it wrote when anything inside raises, and closes the checked files::

        with AttachmentBatch(uploader=user, uploads=checked) as batch:
            with transaction.atomic():
                ticket = ...
                batch.store(ticket=ticket)
    """

    def __init__(self, *, uploader: User, uploads: CheckedUploads) -> None:
        self.uploader = uploader
        self.uploads = uploads
        self._keys: list[str] = []

    def store(self, *, ticket: Ticket, message: Message | None = None) -> list[Attachment]:
        if not self.uploads:
            return []
        if not _may_attach(ticket, self.uploader) or (
            message is not None and message.ticket_id != ticket.pk
        ):
            raise AttachmentError(Code.NOT_ALLOWED)
        storage = attachment_storage()
        stored: list[Attachment] = []
        checking: list[UUID] = []
        for upload in self.uploads.items:
            upload.file.seek(0)
            try:
                key = storage.save(_storage_key(upload.kind), File(upload.file))
            except Exception as exc:  # any backend: disk full, S3 down, permissions
                logger.exception("attachment storage failed")
                raise AttachmentError(Code.STORAGE_UNAVAILABLE) from exc
            self._keys.append(key)
            stored.append(
                Attachment.objects.create(
                    ticket=ticket,
                    message=message,
                    uploader=self.uploader,
                    kind=upload.kind,
                    display_name=upload.display_name,
                    storage_key=key,
                    size=upload.size,
                    sha256=upload.sha256,
                    width=upload.width,
                    height=upload.height,
                    scan_state=upload.scan_state,
                    check_state=upload.check_state,
                    check_channel=upload.channel,
                    is_internal=bool(message is not None and message.is_internal),
                )
            )
            if upload.check_state == Attachment.CheckState.CHECKING:
                checking.append(stored[-1].pk)
            ticket_event_record(
                ticket=ticket,
                kind=TicketEvent.Kind.ATTACHMENT_ADDED,
                actor=self.uploader,
                to_value=upload.kind,
                reason=upload.display_name,
            )
        if checking:
            transaction.on_commit(lambda: attachment_checks_queue(checking))
        return stored

    def __enter__(self) -> "AttachmentBatch":
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is not None:
            self.discard()
        self.close()

    def discard(self) -> None:
        """Remove every file this batch wrote (its transaction did not commit)."""
        if not self._keys:
            return
        storage = attachment_storage()
        for key in self._keys:
            try:
                storage.delete(key)
            except Exception:  # the store is down: an orphan file, never a lost ticket
                logger.exception("could not remove an uncommitted attachment file")
        self._keys.clear()

    def close(self) -> None:
        """Close the temporary files the checks left open."""
        for upload in self.uploads.items:
            upload.file.close()


def attachment_delete_for_ticket(*, ticket: Ticket, actor: User | None = None) -> int:
    """Remove every file of the ticket from storage and delete their rows.

    Records ATTACHMENTS_DELETED with the count. Files are removed after the rows' transaction
    commits, so a rolled-back deletion never leaves rows pointing at missing files.
    Returns how many were deleted.
    """
    with transaction.atomic():
        keys = list(Attachment.objects.filter(ticket=ticket).values_list("storage_key", flat=True))
        if not keys:
            return 0
        Attachment.objects.filter(ticket=ticket).delete()
        ticket_event_record(
            ticket=ticket,
            kind=TicketEvent.Kind.ATTACHMENTS_DELETED,
            actor=actor,
            to_value=len(keys),
        )
        transaction.on_commit(lambda: _storage_delete(keys))
    return len(keys)


def _storage_delete(keys: list[str]) -> None:
    """Remove files from whichever storage backend holds attachments (local or S3). Removing
    a file that is already gone is not an error on either, so a retry is safe."""
    storage = attachment_storage()
    for key in keys:
        storage.delete(key)


def _target(attachment: Attachment) -> str:
    return Target.INTERNAL_ATTACHMENT if attachment.is_internal else Target.ATTACHMENT


def _require_agent_or_system(actor: User | None) -> None:
    # None is the rescan job (submissions/rescan.py); a person must be an agent.
    if actor is not None and not actor.is_agent:
        raise AttachmentError(Code.NOT_ALLOWED)


def attachment_remove(*, attachment: Attachment, actor: User | None) -> Attachment:
    """Delete a file that holds a wallet secret (a photo of a phrase, say) and keep its row as
    a tombstone: removed_at, removed_reason SECRET, never served again. A secret in its name
    is masked too.

    Raises AttachmentError NOT_ALLOWED (not an agent), ALREADY_REMOVED, STORAGE_UNAVAILABLE.
    Locks the ticket row (two agents at once: the second is refused ALREADY_REMOVED). Unlike
    ``attachment_delete_for_ticket`` the file goes *inside* the transaction, last: a storage
    failure rolls the tombstone back (the agent tries again), and should the commit fail after
    the file went, the file is gone, which is the point, and a retry writes the tombstone.
    Records REDACTED; the requester is notified on commit unless it was an internal file.
    """
    _require_agent_or_system(actor)
    with transaction.atomic():
        ticket = ticket_lock(attachment.ticket)
        locked = Attachment.objects.get(pk=attachment.pk, ticket=ticket)
        if locked.removed_at is not None:
            raise AttachmentError(Code.ALREADY_REMOVED)
        in_name = filename_secrets(locked.display_name)
        fields = ["file"]
        if in_name:
            locked.display_name = _masked_name(locked.display_name, in_name)
            fields.append("display_name")
        locked.removed_at = timezone.now()
        locked.removed_reason = Attachment.RemovalReason.SECRET
        locked.save(update_fields=["display_name", "removed_at", "removed_reason", "updated_at"])
        redaction_event_record(
            ticket=ticket,
            actor=actor,
            target=_target(locked),
            target_id=locked.pk,
            mode=Redaction.REMOVED,
            kinds=dict.fromkeys(f.kind.value for f in in_name),
            fields=fields,
        )
        try:
            _storage_delete([locked.storage_key])
        except Exception as exc:  # any backend: S3 down, permissions
            logger.exception("attachment file could not be removed")
            raise AttachmentError(Code.STORAGE_UNAVAILABLE) from exc
    return locked


def _masked_name(name: str, findings: list[SecretFinding]) -> str:
    masked = mask_secrets(name, findings)
    return masked[: Attachment._meta.get_field("display_name").max_length]


def attachment_name_redact(*, attachment: Attachment, actor: User | None) -> Attachment:
    """Mask a wallet secret the guard now finds in a stored file's name; the file stays.

    Raises AttachmentError NOT_ALLOWED, NOTHING_IN_NAME (the guard finds nothing there).
    Locks the ticket row; records REDACTED; notifies the requester on commit unless internal.
    """
    _require_agent_or_system(actor)
    with transaction.atomic():
        ticket = ticket_lock(attachment.ticket)
        locked = Attachment.objects.get(pk=attachment.pk, ticket=ticket)
        findings = filename_secrets(locked.display_name)
        if not findings:
            raise AttachmentError(Code.NOTHING_IN_NAME)
        locked.display_name = _masked_name(locked.display_name, findings)
        locked.save(update_fields=["display_name", "updated_at"])
        redaction_event_record(
            ticket=ticket,
            actor=actor,
            target=_target(locked),
            target_id=locked.pk,
            mode=Redaction.MASKED,
            kinds=dict.fromkeys(f.kind.value for f in findings),
            fields=["display_name"],
        )
    return locked


def attachment_scan_pending(*, limit: int = 100) -> int:
    """Scan files kept while the scanner was down; clean ones become visible, infected ones
    are deleted with an ATTACHMENT_REFUSED event. Safe to run twice. Returns files decided."""
    if not scanning.scanner_enabled():
        return 0
    storage = attachment_storage()
    decided = 0
    pending = Attachment.objects.filter(scan_state=Attachment.ScanState.PENDING)
    for attachment in pending.select_related("ticket")[:limit]:
        with storage.open(attachment.storage_key, "rb") as handle:
            result = scanning.scan_file(handle)
        if result.verdict == scanning.Verdict.CLEAN:
            Attachment.objects.filter(pk=attachment.pk).update(
                scan_state=Attachment.ScanState.CLEAN
            )
        elif result.verdict == scanning.Verdict.INFECTED:
            with transaction.atomic():
                Attachment.objects.filter(pk=attachment.pk).delete()
                ticket_event_record(
                    ticket=attachment.ticket,
                    kind=TicketEvent.Kind.ATTACHMENT_REFUSED,
                    actor=None,
                    from_value=_uploader_role(attachment.ticket, attachment.uploader_id),
                    to_value=result.signature[:64],
                    reason=attachment.display_name,
                )
            storage.delete(attachment.storage_key)
        else:
            continue
        decided += 1
    return decided


def _uploader_role(ticket: Ticket, uploader_id: object) -> str:
    """Whose file an ATTACHMENT_REFUSED event is about, kept in its from_value: the
    requester is told of their own file being refused (notifications), never of an agent's."""
    return "customer" if uploader_id is not None and uploader_id == ticket.requester_id else "agent"


# --- the background check of long files -------------------------------------------------------


class CheckOutcome(StrEnum):
    CHECKED = "checked"
    REFUSED = "refused"
    SKIPPED = "skipped"  # not ours: already decided, or another worker holds it


def attachment_checks_queue(attachment_ids: Iterable[UUID]) -> None:
    """Hand files to the workers. A broker that is down loses nothing: the rows stay
    "checking" and the sweep queues them again."""
    from walletdesk.attachments.tasks import attachment_check_task

    for attachment_id in attachment_ids:
        try:
            attachment_check_task.apply_async(kwargs={"attachment_id": str(attachment_id)})
        except Exception:  # the broker is unreachable: the sweep will retry
            logger.warning("attachment check %s not queued; the sweep will retry", attachment_id)
            return


def attachment_check_claim(
    *, attachment_id: UUID | str, now: datetime | None = None
) -> datetime | None:
    """Take a file's background check with one conditional UPDATE; returns the claim time,
    or None when the file is not checking or another worker's claim is younger than the
    lease (ATTACHMENT_CHECK_LEASE_FOR). Of two workers racing for one file, the database
    lets exactly one UPDATE match."""
    now = now or timezone.now()
    lease_expired = now - timedelta(seconds=settings.ATTACHMENT_CHECK_LEASE_FOR)
    claimable = Q(check_claimed_at__isnull=True) | Q(check_claimed_at__lt=lease_expired)
    updated = Attachment.objects.filter(
        claimable, pk=attachment_id, check_state=Attachment.CheckState.CHECKING
    ).update(check_claimed_at=now, updated_at=now)
    return now if updated == 1 else None


def attachment_check(*, attachment_id: UUID | str) -> CheckOutcome:
    """Read a stored "checking" file for wallet secrets, as the request reads a short one.

    Claims the row first (safe with many workers and run twice). Clean: the file becomes
    visible. A recovery phrase or key (a SecretCatch is recorded), or a file the reading
    refuses (too many pixels, too long): the row is marked REFUSED with the code in
    refused_reason, an ATTACHMENT_REFUSED event is recorded (the requester is told of their
    own file), and the file is removed from storage. Anything else (storage down) raises:
    the claim lapses after its lease and the check is tried again.
    """
    claimed_at = attachment_check_claim(attachment_id=attachment_id)
    if claimed_at is None:
        return CheckOutcome.SKIPPED
    attachment = Attachment.objects.select_related("ticket", "uploader").get(pk=attachment_id)
    try:
        refusal = _background_refusal(attachment)
    except Exception:
        # Not a verdict: give the claim back so a retry need not wait for the lease.
        Attachment.objects.filter(pk=attachment.pk, check_claimed_at=claimed_at).update(
            check_claimed_at=None
        )
        raise
    if refusal is None:
        updated = Attachment.objects.filter(
            pk=attachment.pk,
            check_state=Attachment.CheckState.CHECKING,
            check_claimed_at=claimed_at,
        ).update(check_state=Attachment.CheckState.CHECKED, updated_at=timezone.now())
        return CheckOutcome.CHECKED if updated else CheckOutcome.SKIPPED
    with transaction.atomic():
        updated = Attachment.objects.filter(
            pk=attachment.pk,
            check_state=Attachment.CheckState.CHECKING,
            check_claimed_at=claimed_at,
        ).update(
            check_state=Attachment.CheckState.REFUSED,
            refused_reason=refusal,
            updated_at=timezone.now(),
        )
        if not updated:
            return CheckOutcome.SKIPPED  # our claim lapsed and another worker decided
        ticket_event_record(
            ticket=attachment.ticket,
            kind=TicketEvent.Kind.ATTACHMENT_REFUSED,
            actor=None,
            from_value=_uploader_role(attachment.ticket, attachment.uploader_id),
            to_value=refusal,
            reason=attachment.display_name,
        )
    try:
        attachment_storage().delete(attachment.storage_key)
    except Exception:  # the row is refused and never served; the file must still go
        logger.exception("a refused attachment's file could not be removed from storage")
        raise
    return CheckOutcome.REFUSED


def _background_refusal(attachment: Attachment) -> str | None:
    """The AttachmentError code the stored file is refused with, or None when it is clean."""
    limits = AttachmentLimits.current()
    with tempfile.TemporaryFile() as copy:
        with attachment_storage().open(attachment.storage_key, "rb") as stored:
            shutil.copyfileobj(stored, copy, pipeline.CHUNK)
        readings = reading.file_readings(
            copy,
            kind=attachment.kind,
            name=attachment.display_name,
            max_pixels=limits.max_pixels,
            limits=reading.IN_BACKGROUND,
        )
        try:
            kinds = secret_guard_file(
                name=attachment.display_name,
                readings=readings,
                user=attachment.uploader,
                channel=attachment.check_channel or Channel.WEB,
                ticket=attachment.ticket,
            )
        except AttachmentError as exc:
            return exc.code.value
        finally:
            readings.close()
    return Code.SECRET_DETECTED.value if kinds else None


def attachment_checks_sweep(*, now: datetime | None = None, limit: int = 100) -> list[UUID]:
    """Queue again the files still "checking" that nobody holds: never queued (the broker
    was down), or claimed by a worker that died (claim older than the lease). Returns them."""
    now = now or timezone.now()
    lease_expired = now - timedelta(seconds=settings.ATTACHMENT_CHECK_LEASE_FOR)
    queued_before = now - timedelta(seconds=settings.ATTACHMENT_CHECK_SWEEP_AFTER_FOR)
    stuck = Q(check_claimed_at__isnull=True, created_at__lt=queued_before) | Q(
        check_claimed_at__lt=lease_expired
    )
    ids = list(
        Attachment.objects.filter(stuck, check_state=Attachment.CheckState.CHECKING)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    attachment_checks_queue(ids)
    return ids

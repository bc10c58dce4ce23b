"""Every write of the user's data rights: export, erasure and the retention sweep.

One rule decides what "removing a ticket's personal data" means: ``_ticket_anonymise``.
Erasure applies it to every ticket of the account; the retention sweep to tickets closed
longer than RETENTION_CLOSED_TICKETS_MONTHS. What stays is what reports need (category,
network, asset, status, priority, team, timestamps, the rating's number) and the append-only
logs (ticket events, the audit trail, secret catches), which hold codes and ids, never text
the customer wrote.
"""

import csv
import io
import json
import logging
import math
import shutil
import tempfile
import zipfile
import zoneinfo
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import IO, Any
from uuid import UUID

from django.conf import settings
from django.core import signing
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from walletdesk.accounts.models import ERASED_EMAIL_DOMAIN, RecoveryCode, TotpDevice, User
from walletdesk.accounts.services import second_factor_check
from walletdesk.attachments.models import Attachment
from walletdesk.attachments.storage import attachment_storage
from walletdesk.audit.models import Kind as AuditKind
from walletdesk.audit.services import record as audit_record
from walletdesk.community.services import author_posts_anonymise
from walletdesk.core.mail import EmailMultiAlternatives, mail_build, mail_language
from walletdesk.core.ratelimit import Limit, hit
from walletdesk.devices.models import DeviceToken, IdempotencyRecord
from walletdesk.inbound.models import HeldMail, InboundMessage
from walletdesk.notifications.models import Notification, NotificationPreference
from walletdesk.privacy.errors import PrivacyError
from walletdesk.privacy.models import AnonymisedTicket, DataExport
from walletdesk.privacy.selectors import ExportContent, export_content_for_user
from walletdesk.siwe.models import WalletAddress, WalletSignup
from walletdesk.tickets.models import ACTIVE_STATUSES, Message, Status, Ticket
from walletdesk.tickets.services import ticket_close

logger = logging.getLogger(__name__)

# What replaces text a person wrote once it is removed. Stored, so read by agents in either
# language: both are written.
REMOVED_MARKER = "〔已删除 · removed〕"
# The reason on the status event of a ticket closed because its requester was erased.
ERASURE_CLOSE_REASON = "erasure"

# Asking for an export builds a ZIP of every file: a few a day is plenty. Counted per account
# where every process sees the same count (core.ratelimit).
EXPORT_LIMIT = Limit("privacy-export", count=3, window_for=24 * 60 * 60)
# Password guesses through the erasure form, per account.
ERASURE_LIMIT = Limit("privacy-erasure", count=5, window_for=15 * 60)

_LINK_SALT = "walletdesk.privacy.export-link"
EXPORT_KEY_PREFIX = "exports/"


def _rate_check(limit: Limit, user: User) -> None:
    verdict = hit(limit, str(user.pk))
    if not verdict.allowed:
        minutes = max(1, math.ceil(verdict.retry_after / 60))
        raise PrivacyError(PrivacyError.Code.RATE_LIMITED, minutes=minutes)


def _storage_delete(keys: list[str]) -> None:
    # Deleting a file that is already gone is not an error on either backend: a retry is safe.
    storage = attachment_storage()
    for key in keys:
        storage.delete(key)


# --- the one anonymiser ---------------------------------------------------------------------


def _ticket_anonymise(ticket: Ticket, *, reason: str, now: datetime) -> list[str]:
    """Remove the personal data of one ticket; returns the storage keys of its files, which
    the caller deletes (inside its transaction, last). Call with the ticket locked.

    Text anyone wrote on the ticket (subject, description, every message, the rejection and
    rating comments) becomes REMOVED_MARKER, since agents' replies quote addresses and names
    too; the wallet details that point at a person on chain (address, transaction hash, memo,
    amount) are emptied. Files are tombstoned (removed_at, reason ERASURE) and their names
    replaced; notifications of the ticket are deleted; inbound mail rows forget the sender.
    Running it again changes nothing more.
    """
    Ticket.objects.filter(pk=ticket.pk).update(
        subject=REMOVED_MARKER,
        description=REMOVED_MARKER,
        tx_hash="",
        address="",
        memo="",
        amount=None,
        rating_comment="",
        rejection_message=REMOVED_MARKER if ticket.rejection_message else "",
        updated_at=now,
    )
    Message.objects.filter(ticket=ticket).exclude(body=REMOVED_MARKER).update(
        body=REMOVED_MARKER, updated_at=now
    )
    files = Attachment.objects.filter(ticket=ticket, removed_at__isnull=True)
    keys = list(files.values_list("storage_key", flat=True))
    files.update(
        removed_at=now,
        removed_reason=Attachment.RemovalReason.ERASURE,
        display_name=REMOVED_MARKER,
        updated_at=now,
    )
    Notification.objects.filter(ticket=ticket).delete()
    InboundMessage.objects.filter(ticket=ticket).exclude(sender="").update(sender="")
    HeldMail.objects.filter(ticket=ticket).update(subject="", raw=b"")
    AnonymisedTicket.objects.get_or_create(
        ticket=ticket, defaults={"reason": reason, "anonymised_at": now}
    )
    return keys


# --- export ---------------------------------------------------------------------------------


def data_export_request(*, user: User, request: HttpRequest | None = None) -> DataExport:
    """Ask for a ZIP of the user's data, built in the background and e-mailed as a link.

    Raises PrivacyError RATE_LIMITED (EXPORT_LIMIT) and EXPORT_IN_PROGRESS (one export
    waiting to be built or fetched per user: a database constraint, so two processes cannot
    both start one). Records an EXPORT audit event; queues the build once committed.
    """
    _rate_check(EXPORT_LIMIT, user)
    now = timezone.now()
    with transaction.atomic():
        # A ready export whose link ran out no longer blocks a new one.
        DataExport.objects.filter(
            user=user, state=DataExport.State.READY, expires_at__lte=now
        ).update(state=DataExport.State.EXPIRED, updated_at=now)
        try:
            with transaction.atomic():
                export = DataExport.objects.create(user=user, language=mail_language(user.language))
        except IntegrityError as exc:
            raise PrivacyError(PrivacyError.Code.EXPORT_IN_PROGRESS) from exc
        audit_record(
            AuditKind.EXPORT, actor=user, request=request, target=str(export.pk), step="requested"
        )
        transaction.on_commit(partial(data_export_queue, export.pk))
    return export


def data_export_queue(export_id: UUID) -> None:
    """Hand an export to the workers. A broker that is down loses nothing: the row stays
    pending and the sweep queues it again."""
    from walletdesk.privacy.tasks import data_export_build_task

    try:
        data_export_build_task.delay(export_id=str(export_id))
    except Exception:  # any broker failure; the sweep retries
        logger.exception("could not queue a data export", extra={"export_id": str(export_id)})


def _export_claim(export_id: UUID | str, now: datetime) -> bool:
    lease = now - timedelta(seconds=settings.DATA_EXPORT_BUILD_LEASE_FOR)
    # Conditional: two workers given the same export (a retry, the sweep) build it once.
    claimable = Q(state=DataExport.State.PENDING) | Q(
        state=DataExport.State.BUILDING, claimed_at__lt=lease
    )
    return (
        DataExport.objects.filter(claimable, pk=export_id).update(
            state=DataExport.State.BUILDING, claimed_at=now, updated_at=now
        )
        == 1
    )


def _csv(rows: list[dict[str, Any]], columns: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    # A byte-order mark: spreadsheet programs then read the Chinese text as UTF-8.
    return "\ufeff" + out.getvalue()


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def _zip_write(target: IO[bytes], *, export: DataExport, content: ExportContent) -> list[str]:
    """Write the ZIP; returns the names of files that could not be read (listed in the
    README rather than failing the whole export)."""
    storage = attachment_storage()
    missing: list[str] = []
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("profile.json", _json(content.profile))
        archive.writestr("tickets.json", _json(content.tickets))
        archive.writestr(
            "tickets.csv",
            _csv(content.tickets, list(content.tickets[0]) if content.tickets else ["reference"]),
        )
        archive.writestr("messages.json", _json(content.messages))
        archive.writestr(
            "messages.csv", _csv(content.messages, ["ticket", "from", "created_at", "body"])
        )
        archive.writestr("notifications.json", _json(content.notifications))
        archive.writestr("forum.json", _json(content.forum))
        for path, key in content.files:
            try:
                with storage.open(key, "rb") as source, archive.open(path, "w") as sink:
                    shutil.copyfileobj(source, sink, 1024 * 1024)
            except FileNotFoundError:
                logger.warning("an attachment file is missing from storage")
                missing.append(path)
        readme = render_to_string(
            "privacy/export/README.txt",
            {
                "user": export.user,
                "created_at": timezone.localtime(timezone.now()),
                "tickets": len(content.tickets),
                "messages": len(content.messages),
                "forum_posts": len(content.forum.get("topics", []))
                + len(content.forum.get("posts", [])),
                "files": len(content.files) - len(missing),
                "missing": missing,
            },
        )
        archive.writestr("README.txt", readme)
    return missing


def _zone_of(user: User) -> zoneinfo.ZoneInfo:
    # Times in the export read as the user reads them on the site.
    try:
        return zoneinfo.ZoneInfo(user.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def _export_still_wanted(export: DataExport) -> bool:
    # The account may have been erased while its ZIP was being built (erasure deletes the
    # export row): then the file is deleted at once and no link is sent.
    return DataExport.objects.filter(
        pk=export.pk, state=DataExport.State.BUILDING, user__is_active=True
    ).exists()


def data_export_link(export: DataExport) -> str:
    """The absolute, signed download link of ``export`` (valid DATA_EXPORT_LINK_VALID_FOR)."""
    token = signing.dumps(str(export.pk), salt=_LINK_SALT)
    return f"{settings.SITE_URL}{reverse('portal:data-download', kwargs={'token': token})}"


def data_export_build(*, export_id: UUID | str) -> bool:
    """Build the ZIP of one export, store it privately, e-mail the link; True if this call
    built it (False: another worker has it, or it is done).

    Claimed by a conditional UPDATE with a lease (DATA_EXPORT_BUILD_LEASE_FOR); a failure
    hands the export back (pending) and re-raises, so the task's retry builds it again. The
    ZIP holds JSON and CSV files, the user's own files and a README in their language.
    """
    now = timezone.now()
    if not _export_claim(export_id, now):
        return False
    export = DataExport.objects.select_related("user").get(pk=export_id)
    key = f"{EXPORT_KEY_PREFIX}{export.pk}.zip"
    storage = attachment_storage()
    try:
        with (
            translation.override(export.language),
            timezone.override(_zone_of(export.user)),
            tempfile.TemporaryFile() as target,
        ):
            content = export_content_for_user(user=export.user)
            _zip_write(target, export=export, content=content)
            size = target.tell()
            target.seek(0)
            storage.delete(key)  # a build that died after saving left one
            stored = storage.save(key, File(target, name=key))
        if not _export_still_wanted(export):
            storage.delete(stored)
            return False
        ready_at = timezone.now()
        expires_at = ready_at + timedelta(seconds=settings.DATA_EXPORT_LINK_VALID_FOR)
        mail_build(
            "privacy/email/export_ready",
            {
                "download_url": data_export_link(export),
                "valid_for_hours": max(1, settings.DATA_EXPORT_LINK_VALID_FOR // 3600),
                "expires_at": expires_at,
                "user": export.user,
            },
            to=export.user.email,
            language=export.language,
        ).send()
    except Exception:
        DataExport.objects.filter(pk=export.pk, state=DataExport.State.BUILDING).update(
            state=DataExport.State.PENDING, claimed_at=None, updated_at=timezone.now()
        )
        raise
    marked = DataExport.objects.filter(pk=export.pk, state=DataExport.State.BUILDING).update(
        state=DataExport.State.READY,
        storage_key=stored,
        size=size,
        ready_at=ready_at,
        expires_at=expires_at,
        updated_at=ready_at,
    )
    if not marked:  # erased meanwhile: the ZIP must not outlive the account's data
        storage.delete(stored)
        return False
    logger.info("data export ready", extra={"export_id": str(export.pk), "size": size})
    return True


@dataclass(frozen=True)
class ExportDownload:
    export: DataExport
    file: IO[bytes]
    filename: str


def data_export_open(
    *, user: User, token: str, request: HttpRequest | None = None
) -> ExportDownload:
    """Open the ZIP a link names, for the signed-in user who asked for it, once.

    Raises PrivacyError LINK_INVALID (not ours, tampered, unknown export), LINK_EXPIRED (past
    DATA_EXPORT_LINK_VALID_FOR), LINK_USED (fetched before: each link works once; the claim
    is a conditional UPDATE, so two tabs cannot both download), LINK_OTHER_USER (signed in as
    someone else) and STORAGE_UNAVAILABLE. Records an EXPORT audit event (downloaded).
    """
    try:
        export_id = signing.loads(
            token, salt=_LINK_SALT, max_age=settings.DATA_EXPORT_LINK_VALID_FOR
        )
    except signing.SignatureExpired as exc:
        raise PrivacyError(PrivacyError.Code.LINK_EXPIRED) from exc
    except signing.BadSignature as exc:
        raise PrivacyError(PrivacyError.Code.LINK_INVALID) from exc
    export = DataExport.objects.filter(pk=export_id).first()
    if export is None:
        raise PrivacyError(PrivacyError.Code.LINK_INVALID)
    if export.user_id != user.pk:
        raise PrivacyError(PrivacyError.Code.LINK_OTHER_USER)
    now = timezone.now()
    if export.state == DataExport.State.DOWNLOADED:
        raise PrivacyError(PrivacyError.Code.LINK_USED)
    if export.state == DataExport.State.EXPIRED or (
        export.expires_at is not None and export.expires_at <= now
    ):
        raise PrivacyError(PrivacyError.Code.LINK_EXPIRED)
    if export.state != DataExport.State.READY:
        raise PrivacyError(PrivacyError.Code.LINK_INVALID)
    try:
        file = attachment_storage().open(export.storage_key, "rb")
    except Exception as exc:  # any backend: S3 down, file gone
        logger.exception("a data export could not be opened")
        raise PrivacyError(PrivacyError.Code.STORAGE_UNAVAILABLE) from exc
    claimed = DataExport.objects.filter(
        pk=export.pk, state=DataExport.State.READY, expires_at__gt=now
    ).update(state=DataExport.State.DOWNLOADED, downloaded_at=now, updated_at=now)
    if claimed != 1:
        file.close()
        raise PrivacyError(PrivacyError.Code.LINK_USED)
    audit_record(
        AuditKind.EXPORT, actor=user, request=request, target=str(export.pk), step="downloaded"
    )
    filename = f"walletdesk-data-{timezone.localdate(now):%Y%m%d}.zip"
    return ExportDownload(export=export, file=file, filename=filename)


def data_exports_sweep(*, now: datetime | None = None) -> int:
    """Keep exports moving and their files short-lived (run by beat).

    Ready exports whose link ran out become expired; the ZIPs of expired and downloaded
    exports are deleted from storage; exports nobody built (a broker that was down, a worker
    that died past its lease) are queued again. Safe to run twice at once. Returns how many
    files were deleted.
    """
    now = now or timezone.now()
    DataExport.objects.filter(state=DataExport.State.READY, expires_at__lte=now).update(
        state=DataExport.State.EXPIRED, updated_at=now
    )
    done = DataExport.objects.filter(
        state__in=(DataExport.State.EXPIRED, DataExport.State.DOWNLOADED),
        file_deleted_at__isnull=True,
    ).exclude(storage_key="")
    deleted = 0
    for export_id, key in list(done.values_list("pk", "storage_key")[:500]):
        _storage_delete([key])
        deleted += DataExport.objects.filter(pk=export_id, file_deleted_at__isnull=True).update(
            file_deleted_at=now, updated_at=now
        )
    lease = now - timedelta(seconds=settings.DATA_EXPORT_BUILD_LEASE_FOR)
    stale = DataExport.objects.filter(
        Q(state=DataExport.State.PENDING, created_at__lt=now - timedelta(minutes=2))
        | Q(state=DataExport.State.BUILDING, claimed_at__lt=lease)
    ).values_list("pk", flat=True)[:100]
    for export_id in list(stale):
        data_export_queue(export_id)
    return deleted


# --- erasure --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ErasureSummary:
    tickets: int
    files: int


def user_may_self_erase(user: User) -> bool:
    """Customers only: staff accounts hold other people's work and are closed by an
    administrator."""
    return not (user.is_agent or user.needs_second_factor or user.role != User.Role.CUSTOMER)


def user_erase(
    *, user: User, password: str, code: str, ip: str, request: HttpRequest | None = None
) -> ErasureSummary:
    """Erase the account's personal data at its owner's request; the account is closed.

    Needs the password and, when two-step verification is on, a code (app or recovery).
    Raises PrivacyError STAFF_CANNOT_ERASE, RATE_LIMITED, PASSWORD_INVALID, CODE_REQUIRED,
    STORAGE_UNAVAILABLE (a file could not be deleted: everything is rolled back), and
    AccountError from second_factor_check (a wrong code, a locked second factor).

    Removed: e-mail address and display name (the row stays, with a placeholder address, so
    tickets and the audit trail keep pointing somewhere), wallet addresses, device tokens,
    the second factor, notification settings and notifications, held mail, the exports, the
    personal data of every ticket (``_ticket_anonymise``) and every file (from storage, local
    or S3), and the text of every forum question, answer and reply, which stay in their threads
    by a deleted user (community.services ``author_posts_anonymise``). The password becomes
    unusable and the account inactive, so every session ends and
    nobody signs in again. Records an ERASURE audit event; the confirmation is built before
    anything changes and sent to the old address once committed.
    """
    if not user_may_self_erase(user):
        raise PrivacyError(PrivacyError.Code.STAFF_CANNOT_ERASE)
    _rate_check(ERASURE_LIMIT, user)
    if not user.check_password(password):
        raise PrivacyError(PrivacyError.Code.PASSWORD_INVALID)
    if user.has_second_factor:
        if not code.strip():
            raise PrivacyError(PrivacyError.Code.CODE_REQUIRED)
        second_factor_check(user=user, code=code, ip=ip, request=request)
    confirmation = mail_build(
        "privacy/email/erased",
        {"user": user, "erased_at": timezone.now()},
        to=user.email,
        language=user.language,
    )
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        if not locked.is_active:  # a second submit of the same form
            return ErasureSummary(tickets=0, files=0)
        summary = _account_erase(locked)
    transaction.on_commit(partial(_confirmation_send, confirmation))
    # The caller's object too: views sign the request out with it.
    user.refresh_from_db()
    return summary


def _account_erase(user: User) -> ErasureSummary:
    """The erasure's writes, inside the caller's transaction (see user_erase)."""
    now = timezone.now()
    old_email = user.email
    keys: list[str] = []
    exports = DataExport.objects.filter(user=user, file_deleted_at__isnull=True).exclude(
        storage_key=""
    )
    keys += list(exports.values_list("storage_key", flat=True))
    DataExport.objects.filter(user=user).delete()
    Notification.objects.filter(recipient=user).delete()
    NotificationPreference.objects.filter(user=user).delete()
    WalletAddress.objects.filter(user=user).delete()
    WalletSignup.objects.filter(email__iexact=old_email).delete()
    DeviceToken.objects.filter(user=user).delete()
    IdempotencyRecord.objects.filter(user=user).delete()
    TotpDevice.objects.filter(user=user).delete()
    RecoveryCode.objects.filter(user=user).delete()
    HeldMail.objects.filter(user=user).delete()
    InboundMessage.objects.filter(Q(user=user) | Q(sender__iexact=old_email)).update(sender="")

    user.email = f"erased-{user.pk.hex}@{ERASED_EMAIL_DOMAIN}"
    user.display_name = ""
    user.anti_phishing_code = ""
    user.is_active = False
    user.email_verified_at = None
    user.set_unusable_password()
    user.second_factor_enabled_at = None
    user.save()
    tickets = list(Ticket.objects.filter(requester=user).order_by("created_at"))
    for ticket in tickets:
        # Nobody is left to answer: open tickets leave the queue, closed by the system with
        # the reason "erasure" (the account is inactive by now, so nobody is notified).
        if ticket.status in (*ACTIVE_STATUSES, Status.RESOLVED):
            ticket_close(ticket=ticket, actor=None, reason=ERASURE_CLOSE_REASON)
        keys += _ticket_anonymise(ticket, reason=AnonymisedTicket.Reason.ERASURE, now=now)
    # The forum keeps its threads readable: the erased account's questions and answers stay in
    # place with their text removed, as a ticket's is, and are shown by a deleted user.
    forum_posts = author_posts_anonymise(author=user, marker=REMOVED_MARKER, now=now)
    files = len([k for k in keys if not k.startswith(EXPORT_KEY_PREFIX)])
    # Recorded after the address changed: the trail keeps the account's id, not its address.
    audit_record(
        AuditKind.ERASURE, actor=user, target=str(user.pk), tickets=len(tickets), files=files
    )
    # Last, inside the transaction: a storage failure rolls everything back (the user is told
    # and tries again); should the commit fail after the files went, they are gone, which is
    # the point, and a retry erases the rest.
    try:
        _storage_delete(keys)
    except Exception as exc:  # any backend: S3 down, permissions
        logger.exception("files of an erased account could not be deleted")
        raise PrivacyError(PrivacyError.Code.STORAGE_UNAVAILABLE) from exc
    logger.info(
        "account erased",
        extra={"user_id": str(user.pk), "tickets": len(tickets), "forum_posts": forum_posts},
    )
    return ErasureSummary(tickets=len(tickets), files=files)


def _confirmation_send(message: EmailMultiAlternatives) -> None:
    try:
        message.send()
    except Exception:  # the erasure stands; a lost confirmation is logged, not retried
        logger.exception("the erasure confirmation could not be sent")


# --- retention ------------------------------------------------------------------------------


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time ``months`` calendar months earlier (the month's last day when
    that month is shorter)."""
    index = moment.year * 12 + (moment.month - 1) - months
    year, month = divmod(index, 12)
    month += 1
    for day in range(moment.day, 27, -1):
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    return moment.replace(year=year, month=month, day=min(moment.day, 28))


def retention_sweep(*, now: datetime | None = None, batch_size: int | None = None) -> int:
    """Remove the personal data of tickets closed more than RETENTION_CLOSED_TICKETS_MONTHS
    ago (0: never), with the erasure's rule (``_ticket_anonymise``). Run by beat.

    Works in batches of ``batch_size`` (RETENTION_BATCH_SIZE), at most
    RETENTION_BATCHES_PER_RUN per run, oldest first; a ticket already anonymised is skipped,
    so a second run (or two at once: each ticket is locked and checked again) does nothing
    twice. A ticket whose files cannot be deleted is rolled back and tried on the next run.
    Returns how many tickets were anonymised.
    """
    months = int(settings.RETENTION_CLOSED_TICKETS_MONTHS)
    if months <= 0:
        return 0
    now = now or timezone.now()
    cutoff = months_before(now, months)
    size = batch_size or int(settings.RETENTION_BATCH_SIZE)
    done = 0
    failed: set[UUID] = set()
    for _batch in range(int(settings.RETENTION_BATCHES_PER_RUN)):
        due = list(
            Ticket.objects.filter(
                status=Status.CLOSED, closed_at__lt=cutoff, anonymisation__isnull=True
            )
            .exclude(pk__in=failed)
            .order_by("closed_at", "id")
            .values_list("pk", flat=True)[:size]
        )
        if not due:
            break
        for ticket_id in due:
            try:
                done += _retention_one(ticket_id, now)
            except Exception:  # storage down: this ticket waits for the next run
                logger.exception("retention could not anonymise a ticket")
                failed.add(ticket_id)
    if done:
        logger.info("retention sweep", extra={"tickets": done})
    return done


def _retention_one(ticket_id: UUID, now: datetime) -> int:
    with transaction.atomic():
        ticket = Ticket.objects.select_for_update().filter(pk=ticket_id).first()
        if ticket is None or AnonymisedTicket.objects.filter(ticket_id=ticket_id).exists():
            return 0
        keys = _ticket_anonymise(ticket, reason=AnonymisedTicket.Reason.RETENTION, now=now)
        _storage_delete(keys)
    return 1

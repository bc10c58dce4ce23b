"""Accept one inbound e-mail: log it once, ignore machines, route it, store it through the
one submission path, and answer the sender when something was refused.

Both intakes (imap.py, smtp.py) call ``inbound_message_accept`` with the raw bytes. The
log row is claimed first by its unique Message-ID, so a mail delivered twice is processed
once. Notices go out with ``Auto-Submitted: auto-replied`` and are rate-limited per
address, and nothing machine-made is ever answered: no mail loops.
"""

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import partial

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from walletdesk.accounts.models import User
from walletdesk.core.ratelimit import Limit, hit
from walletdesk.guard.models import Channel
from walletdesk.guard.services import secret_guard
from walletdesk.inbound import notices
from walletdesk.inbound.errors import HeldMailError
from walletdesk.inbound.models import HOLD_FOR, HeldMail, InboundMessage
from walletdesk.inbound.parsing import MailFile, ParsedMail, mail_parse
from walletdesk.inbound.replies import reply_text
from walletdesk.inbound.routing import (
    Route,
    route_find,
    sender_authentication,
    sender_may_reply,
    sender_user,
)
from walletdesk.inbound.selectors import held_count_forget
from walletdesk.notifications.addresses import agent_reply_address_valid
from walletdesk.submissions.drafts import ReplySubmission, SubmissionOutcome, TicketSubmission
from walletdesk.submissions.services import ticket_reply_submit, ticket_submit
from walletdesk.tickets.drafts import TicketDraft
from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.models import Category, Message, Ticket

logger = logging.getLogger(__name__)
State = InboundMessage.State

# One "how to register" answer per address a day, however often it writes.
UNKNOWN_SENDER_LIMIT = Limit("inbound-unknown-sender", 1, 60 * 60 * 24)
# Any other notice: a few an hour per address, so a misbehaving mailer cannot make us spam.
NOTICE_LIMIT = Limit("inbound-notice", 5, 60 * 60)
NEW_TICKET_CATEGORY = "other"
# How many new tickets may wait for confirmation at once per account (more is someone
# mailing in that person's name); how long they wait is models.HOLD_FOR.
MAX_PENDING_HELD = 5
_SUBJECT_PREFIX = re.compile(r"^\s*((re|fw|fwd|aw|sv|回复|答复|转发)\s*[:：]\s*)+", re.I)


class Reason(StrEnum):
    """Why a mail ended as it did; stored on the log row (never text from the mail)."""

    DUPLICATE = "duplicate"
    LOOP = "own_address"
    TOO_LARGE = "too_large"
    UNKNOWN_SENDER = "unknown_sender"
    NOT_ALLOWED = "sender_not_allowed"
    UNVERIFIED = "unverified"
    EMPTY = "empty"
    NO_SENDER = "no_sender"
    STAFF_UNAUTHENTICATED = "staff_unauthenticated"
    UNAUTHENTICATED = "unauthenticated"
    UNCONFIRMED = "unconfirmed"
    TOO_MANY_HELD = "too_many_held"
    SECRET_NOT_HELD = "secret_not_held"  # noqa: S105 - a reason code, not a password


@dataclass(frozen=True)
class Envelope:
    """What the transport knows beyond the headers (SMTP MAIL FROM / RCPT TO)."""

    source: str = InboundMessage.Source.OTHER
    sender: str | None = None  # None: not known (IMAP); "": the null sender of a bounce
    recipients: tuple[str, ...] = ()


def _own_addresses() -> set[str]:
    from email.utils import parseaddr

    return {
        parseaddr(settings.SUPPORT_ADDRESS)[1].lower(),
        parseaddr(settings.DEFAULT_FROM_EMAIL)[1].lower(),
    } - {""}


def _claim(mail: ParsedMail, source: str) -> InboundMessage | None:
    """Insert the log row; None if this Message-ID was seen before."""
    try:
        with transaction.atomic():
            return InboundMessage.objects.create(
                message_id=mail.message_id,
                source=source,
                sender=mail.sender[:254],
                size=mail.size,
            )
    except IntegrityError:
        pass
    # Seen before. Only a mail whose processing failed may be claimed again (a retry).
    reclaimed = InboundMessage.objects.filter(
        message_id=mail.message_id, state=InboundMessage.State.FAILED
    ).update(state=InboundMessage.State.PROCESSING, reason="")
    return InboundMessage.objects.get(message_id=mail.message_id) if reclaimed else None


def _finish(
    log: InboundMessage,
    state: str,
    *,
    reason: str = "",
    ticket: Ticket | None = None,
    message: Message | None = None,
    user: User | None = None,
) -> InboundMessage:
    log.state = state
    log.reason = reason[:40]
    log.ticket = ticket
    log.ticket_message = message
    log.user = user
    log.save(update_fields=["state", "reason", "ticket", "ticket_message", "user", "updated_at"])
    return log


def _notify(
    log: InboundMessage,
    mail: ParsedMail,
    notice: notices.Notice,
    *,
    limit: Limit = NOTICE_LIMIT,
    to: str = "",
) -> None:
    """Send one notice to the sender (or ``to``) unless the per-address limit is spent."""
    to = to or mail.sender
    if not to or to.lower() in _own_addresses():
        return
    if not hit(limit, to.lower()).allowed:
        return
    message = notices.notice_build(notice, to=to, in_reply_to=mail.message_id)
    try:
        message.send()
    except OSError:
        # The mail is logged and handled; a notice that cannot go out now is not worth
        # failing the intake (which would then retry and process it twice).
        logger.warning("inbound notice not sent for log %s", log.pk)
        return
    InboundMessage.objects.filter(pk=log.pk).update(replied=True)
    log.replied = True


def _uploads(files: Iterable[MailFile]) -> list[SimpleUploadedFile]:
    return [
        SimpleUploadedFile(f.filename or "file", f.data, content_type=f.content_type) for f in files
    ]


def _new_ticket_subject(mail: ParsedMail, description: str) -> str:
    subject = _SUBJECT_PREFIX.sub("", mail.subject).strip()
    if not subject:
        first_line = next((line for line in description.splitlines() if line.strip()), "")
        subject = first_line.strip()[:60] or _("Question sent by e-mail")
    return subject[:200]


def _reply_subject(mail: ParsedMail, ticket: Ticket) -> str:
    """What the sender wrote in a reply's subject line beyond our own (the Re: prefixes, the
    ticket's reference and subject), which the secret guard reads before the body: a subject
    left as it was must not stand between the body and what the sender wrote before."""
    subject = _SUBJECT_PREFIX.sub("", mail.subject)
    for ours in (ticket.reference, ticket.subject):
        if ours:
            subject = subject.replace(ours, " ")
    return subject.strip(" \t[]【】()（）#:：-")


def _reply_add(
    log: InboundMessage, mail: ParsedMail, *, user: User, route: Route
) -> InboundMessage:
    ticket = route.ticket
    assert ticket is not None  # noqa: S101 -- the caller routed to a ticket
    if not sender_may_reply(user, ticket):
        # No answer: the sender may be forged, and the real requester must not be bothered.
        return _finish(log, State.REFUSED, reason=Reason.NOT_ALLOWED, user=user)
    body = reply_text(mail.text)
    if not body and not mail.files:
        return _finish(log, State.REFUSED, reason=Reason.EMPTY, ticket=ticket, user=user)
    with translation.override(user.language):
        if not body:
            body = _("(Files sent by e-mail.)")
        submission = ReplySubmission(
            channel=Channel.EMAIL,
            ticket=ticket,
            author=user,
            body=body,
            # The subject and the body are one text to the guard; only the body is stored.
            subject=_reply_subject(mail, ticket),
            files=_uploads(mail.files),
        )
        try:
            outcome = ticket_reply_submit(submission)
        except TicketError as error:
            _finish(log, State.REFUSED, reason=error.code.value, ticket=ticket, user=user)
            _notify(log, mail, notices.reply_refused(ticket=ticket, reason=error.message))
            return log
    _finish(log, State.REPLY_ADDED, ticket=ticket, message=outcome.message, user=user)
    _tell_what_was_left_out(log, mail, outcome, user=user)
    return log


def _tell_what_was_left_out(
    log: InboundMessage, mail: ParsedMail, outcome: SubmissionOutcome, *, user: User
) -> None:
    """E-mail cannot ask back: the sender hears of refused files and of a masked secret."""
    with translation.override(user.language):
        if outcome.refused_files:
            refused = [(item.name, item.reason) for item in outcome.refused_files]
            _notify(log, mail, notices.files_refused(ticket=outcome.ticket, refused=refused))
        if outcome.secret_masked:
            _notify(log, mail, notices.secret_masked(ticket=outcome.ticket))


def _new_ticket_submission(mail: ParsedMail, *, user: User) -> TicketSubmission:
    """The submission a new mail stands for (in the active language); mail.text or files."""
    description = mail.text.strip() or _("(Files sent by e-mail.)")
    draft = TicketDraft(
        category=Category.objects.get(slug=NEW_TICKET_CATEGORY),
        subject=_new_ticket_subject(mail, description),
        description=description,
    )
    return TicketSubmission(
        channel=Channel.EMAIL, requester=user, draft=draft, files=_uploads(mail.files)
    )


def _hold_for_confirmation(
    log: InboundMessage, mail: ParsedMail, raw: bytes, *, user: User
) -> InboundMessage:
    """Keep a new ticket from an unauthenticated sender until the account holder decides."""
    pending = HeldMail.objects.filter(
        user=user,
        kind=HeldMail.Kind.NEW_TICKET,
        state=HeldMail.State.PENDING,
        created_at__gte=timezone.now() - HOLD_FOR,
    ).count()
    if pending >= MAX_PENDING_HELD:
        # Someone is mailing in this person's name: nothing more is kept or sent.
        logger.warning("inbound new ticket refused: too many held for user %s", user.pk)
        return _finish(log, State.REFUSED, reason=Reason.TOO_MANY_HELD, user=user)
    description = mail.text.strip() or _("(Files sent by e-mail.)")
    subject = _new_ticket_subject(mail, description)
    scan = secret_guard(
        fields={"subject": subject, "description": description},
        user=user,
        channel=Channel.EMAIL,
    )
    if scan.found:
        # A held mail is kept whole until it is decided; a recovery phrase is not kept at all
        # (the catch is recorded, the account told to write on the site instead).
        _finish(log, State.REFUSED, reason=Reason.SECRET_NOT_HELD, user=user)
        _notify(
            log,
            mail,
            notices.open_refused(
                reason=_(
                    "it contained a recovery phrase or a private key, so we did not keep it. "
                    "Support never asks for it."
                )
            ),
            to=user.email,
        )
        return log
    held = HeldMail.objects.create(
        inbound=log,
        kind=HeldMail.Kind.NEW_TICKET,
        state=HeldMail.State.PENDING,
        user=user,
        subject=subject,
        raw=raw,
    )
    _finish(log, State.HELD, reason=Reason.UNCONFIRMED, user=user)
    transaction.on_commit(partial(held_count_forget, user.pk))
    logger.info("inbound new ticket held for confirmation: held %s", held.pk)
    # To the account's own address (the From: may be forged, the account's address is not).
    _notify(
        log,
        mail,
        notices.confirm_needed(held_id=str(held.pk), days=HOLD_FOR.days),
        to=user.email,
    )
    return log


def _ticket_open(
    log: InboundMessage, mail: ParsedMail, raw: bytes, *, user: User, authenticated: bool
) -> InboundMessage:
    with translation.override(user.language):
        if not user.is_verified:
            _finish(log, State.REFUSED, reason=Reason.UNVERIFIED, user=user)
            _notify(log, mail, notices.unverified())
            return log
        if not mail.text.strip() and not mail.files:
            return _finish(log, State.REFUSED, reason=Reason.EMPTY, user=user)
        if not authenticated:
            return _hold_for_confirmation(log, mail, raw, user=user)
        submission = _new_ticket_submission(mail, user=user)
        try:
            outcome = ticket_submit(submission)
        except TicketError as error:
            _finish(log, State.REFUSED, reason=error.code.value, user=user)
            _notify(log, mail, notices.open_refused(reason=error.message))
            return log
    _finish(log, State.TICKET_OPENED, ticket=outcome.ticket, user=user)
    _tell_what_was_left_out(log, mail, outcome, user=user)
    return log


def inbound_message_accept(raw: bytes, *, envelope: Envelope | None = None) -> InboundMessage:
    """Process one raw e-mail; returns its log row (the earlier one for a duplicate).

    Order: claim the Message-ID (a duplicate stops here, unchanged); ignore auto-replies,
    bounces, list mail and our own mail; refuse oversized mail with a notice; an unknown
    sender gets one "how to register" notice a day; a mail that routes to a ticket is added
    through the one submission path (submissions.ticket_reply_submit; channel e-mail: a
    secret is stored masked, and the sender told), otherwise a verified user's mail opens a
    ticket (submissions.ticket_submit) in category "other". Files go through the attachment
    pipeline one by one; refused ones are left out and listed in a notice. Never raises for
    bad mail; unexpected errors (a storage outage too) mark the row FAILED and re-raise so the
    intake leaves the mail for a retry: nothing was stored.
    """
    envelope = envelope or Envelope()
    mail = mail_parse(raw)
    log = _claim(mail, envelope.source)
    if log is None:
        logger.info("inbound mail already processed")
        return InboundMessage.objects.get(message_id=mail.message_id)
    try:
        return _route_and_store(log, mail, raw, envelope)
    except Exception:
        # FAILED rows may be claimed again: the intake leaves the mail for a retry.
        _finish(log, State.FAILED, reason="error")
        raise


def _staff_reply_hold(
    log: InboundMessage, mail: ParsedMail, *, user: User, route: Route
) -> InboundMessage:
    """A staff From: nobody vouched for: recorded for administrators, never posted, no answer
    (the sender is likely forged; the staff member's mailbox is not to be bothered)."""
    HeldMail.objects.create(
        inbound=log,
        kind=HeldMail.Kind.STAFF_REPLY,
        state=HeldMail.State.REFUSED,
        user=user,
        ticket=route.ticket,
        subject=mail.subject[:200],
        decided_at=timezone.now(),
    )
    logger.warning(
        "inbound mail with a staff From: and no authentication held: log %s, staff %s",
        log.pk,
        user.pk,
    )
    return _finish(
        log, State.HELD, reason=Reason.STAFF_UNAUTHENTICATED, ticket=route.ticket, user=user
    )


def _route_and_store(
    log: InboundMessage, mail: ParsedMail, raw: bytes, envelope: Envelope
) -> InboundMessage:
    if mail.automatic:
        return _finish(log, State.IGNORED, reason=mail.automatic)
    if envelope.sender == "":
        return _finish(log, State.IGNORED, reason="null_sender")
    if not mail.sender:
        return _finish(log, State.IGNORED, reason=Reason.NO_SENDER)
    if mail.sender in _own_addresses():
        return _finish(log, State.IGNORED, reason=Reason.LOOP)
    user = sender_user(mail)
    if mail.size > settings.INBOUND_MAX_BYTES:
        _finish(log, State.REFUSED, reason=Reason.TOO_LARGE, user=user)
        with translation.override(user.language if user else settings.LANGUAGE_CODE):
            _notify(log, mail, notices.too_large(size=mail.size))
        return log
    if user is None:
        _finish(log, State.REFUSED, reason=Reason.UNKNOWN_SENDER)
        _notify(log, mail, notices.unknown_sender(), limit=UNKNOWN_SENDER_LIMIT)
        return log
    authentication = sender_authentication(mail)
    route = route_find(mail, envelope_recipients=envelope.recipients)
    if route.ticket is not None:
        if user.is_agent:
            # Staff answer by mail only from a mail their domain signed, or sent to their own
            # reply address for this ticket (notifications/addresses.py).
            recipients = (*envelope.recipients, *mail.recipients)
            if not authentication.signed and not agent_reply_address_valid(
                recipients, route.ticket, user
            ):
                return _staff_reply_hold(log, mail, user=user, route=route)
        elif (
            route.ticket.requester_id == user.pk
            and not route.possession
            and not authentication.passed
        ):
            # Threaded only by an earlier inbound Message-ID, which others may know.
            logger.warning("inbound reply without proof refused: log %s", log.pk)
            return _finish(
                log, State.REFUSED, reason=Reason.UNAUTHENTICATED, ticket=route.ticket, user=user
            )
        return _reply_add(log, mail, user=user, route=route)
    if user.is_agent and not authentication.signed:
        # Nothing is done in a staff member's name without proof, a new ticket included.
        return _staff_reply_hold(log, mail, user=user, route=route)
    return _ticket_open(log, mail, raw, user=user, authenticated=authentication.passed)


# --- held new tickets: the account holder decides on the site --------------------------------


def held_ticket_confirm(*, held: HeldMail, user: User) -> SubmissionOutcome:
    """Open the ticket a held mail stands for, through the one submission path.

    ``held`` must be ``user``'s pending new ticket (selectors.held_ticket_get); anything else
    raises HeldMailError(NOT_PENDING). TicketError from the submission (rate limit, a
    secret...) propagates and the mail stays held. The raw mail is dropped once the ticket
    exists.
    """
    with transaction.atomic():
        locked = _pending_locked(held=held, user=user)
        mail = mail_parse(bytes(locked.raw))
        with translation.override(user.language):
            outcome = ticket_submit(_new_ticket_submission(mail, user=user))
        locked.state = HeldMail.State.CONFIRMED
        locked.ticket = outcome.ticket
        locked.raw = b""
        locked.decided_at = timezone.now()
        locked.save(update_fields=["state", "ticket", "raw", "decided_at", "updated_at"])
        _finish(locked.inbound, State.TICKET_OPENED, ticket=outcome.ticket, user=user)
        transaction.on_commit(partial(held_count_forget, user.pk))
    return outcome


def held_ticket_decline(*, held: HeldMail, user: User) -> None:
    """Discard a held mail: nothing of it is kept but the log row."""
    with transaction.atomic():
        locked = _pending_locked(held=held, user=user)
        locked.state = HeldMail.State.DECLINED
        locked.raw = b""
        locked.decided_at = timezone.now()
        locked.save(update_fields=["state", "raw", "decided_at", "updated_at"])
        _finish(locked.inbound, State.REFUSED, reason="declined", user=user)
        transaction.on_commit(partial(held_count_forget, user.pk))


def held_mail_expire() -> int:
    """Discard held new tickets older than HOLD_FOR: their raw mail (which may hold anything
    the sender wrote) is not kept longer than the account holder had to decide. Returns how
    many expired."""
    expired = HeldMail.objects.filter(
        kind=HeldMail.Kind.NEW_TICKET,
        state=HeldMail.State.PENDING,
        created_at__lt=timezone.now() - HOLD_FOR,
    )
    users = set(expired.values_list("user_id", flat=True))
    now = timezone.now()
    count = expired.update(state=HeldMail.State.DECLINED, raw=b"", decided_at=now, updated_at=now)
    for user_id in users:
        held_count_forget(user_id)
    return count


def _pending_locked(*, held: HeldMail, user: User) -> HeldMail:
    locked = (
        HeldMail.objects.select_for_update()
        .select_related("inbound")
        .filter(
            pk=held.pk,
            user=user,
            kind=HeldMail.Kind.NEW_TICKET,
            state=HeldMail.State.PENDING,
            created_at__gte=timezone.now() - HOLD_FOR,
        )
        .first()
    )
    if locked is None:
        raise HeldMailError(HeldMailError.Code.NOT_PENDING)
    return locked

"""The one path every submission takes, whatever the door: web pages, the API, e-mail.

ticket_submit and ticket_reply_submit run the same steps in the same order:

1. limits: a new ticket counts against its requester and the sender's address;
2. upload checks: every file through the attachment pipeline (kind, size, pixels, PDF
   structure, name, malware scan) before anything is written;
3. the secret guard over the text, read as a person reads it: a new ticket's fields together in
   the form's order, a customer's reply after what they wrote on the ticket before (a catch is
   recorded even when the submission is refused);
4. open the ticket or add the message, and
5. store the files, in the same transaction as step 4.

Web and API refuse the whole submission at the first problem, so the user keeps everything
they typed and chose. E-mail cannot ask back: a refused file is left out and listed in the
outcome, and a secret is stored masked. Either the ticket or message is stored together with
its files, or nothing is: a storage failure rolls the transaction back, removes every file
already written and raises AttachmentError(STORAGE_UNAVAILABLE).
"""

from walletdesk.accounts.models import User
from walletdesk.attachments.errors import AttachmentError
from walletdesk.attachments.models import Attachment
from walletdesk.attachments.services import (
    AttachmentBatch,
    CheckedUploads,
    attachment_uploads_check,
)
from walletdesk.core import ratelimit
from walletdesk.guard.models import Channel
from walletdesk.incidents.selectors import incident_matching
from walletdesk.submissions.drafts import (
    RefusedFile,
    ReplySubmission,
    Submission,
    SubmissionOutcome,
    TicketSubmission,
)
from walletdesk.submissions.limits import TICKETS_PER_IP, TICKETS_PER_USER
from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.models import Ticket
from walletdesk.tickets.services import (
    ticket_draft_check,
    ticket_open_checked,
    ticket_reply_check,
    ticket_reply_insert,
)


def _limits_count(submission: TicketSubmission) -> None:
    checks = [(TICKETS_PER_USER, str(submission.requester.pk))]
    if submission.client_ip:
        checks.append((TICKETS_PER_IP, submission.client_ip))
    verdict = ratelimit.hit_all(checks)
    if not verdict.allowed:
        raise TicketError(TicketError.Code.TOO_MANY_TICKETS, retry_after=verdict.retry_after)


def _uploads_check(
    submission: Submission, *, uploader: User, ticket: Ticket | None
) -> tuple[CheckedUploads, list[RefusedFile]]:
    if submission.channel != Channel.EMAIL:
        checked = attachment_uploads_check(
            uploads=submission.files,
            uploader=uploader,
            ticket=ticket,
            refusals=submission.refused_in_transit,
            channel=submission.channel,
        )
        return checked, []
    # E-mail cannot ask back: one refused file must not cost the sender the others.
    kept = CheckedUploads()
    refused: list[RefusedFile] = []
    for upload in submission.files:
        try:
            one = attachment_uploads_check(
                uploads=[upload], uploader=uploader, ticket=ticket, channel=Channel.EMAIL
            )
        except AttachmentError as error:
            refused.append(RefusedFile(upload.name or "", error.message))
            continue
        kept.items.extend(one.items)
    return kept, refused


def ticket_submit(submission: TicketSubmission) -> SubmissionOutcome:
    """Open a ticket from a whole submission: limits, files, secret guard, ticket and files.

    Raises TicketError (TOO_MANY_TICKETS with ``retry_after`` seconds in its params,
    SECRET_DETECTED, UNVERIFIED_EMAIL, CATEGORY_INACTIVE, MISSING_FIELD, NOT_RESUBMITTABLE,
    ALREADY_RESUBMITTED) or AttachmentError (a refused file on web and API;
    STORAGE_UNAVAILABLE on any channel). Nothing is stored when it raises, except the secret
    guard's catch record. Notifications of the new ticket are written in its transaction.
    ``incident`` of the outcome: the open incident the ticket matches, suggested for linking
    (never linked here); one indexed read.
    """
    requester = submission.requester
    _limits_count(submission)
    uploads, refused = _uploads_check(submission, uploader=requester, ticket=None)
    with AttachmentBatch(uploader=requester, uploads=uploads) as batch:
        checked = ticket_draft_check(
            requester=requester,
            draft=submission.draft,
            channel=submission.channel,
            typed=submission.typed,
            format_checks=submission.format_checks,
        )
        stored: list[Attachment] = []
        ticket = ticket_open_checked(
            checked=checked,
            resubmission_of=submission.resubmission_of,
            # Without files the ticket may be written alone, with no transaction around it.
            then=(lambda ticket: stored.extend(batch.store(ticket=ticket))) if uploads else None,
        )
    return SubmissionOutcome(
        ticket=ticket,
        attachments=stored,
        refused_files=refused,
        secret_masked=checked.secret_masked,
        incident=incident_matching(
            network=ticket.network, category_id=ticket.category_id, at=ticket.created_at
        ),
    )


def ticket_reply_submit(submission: ReplySubmission) -> SubmissionOutcome:
    """Add a message with its files to a thread: files, secret guard, message and files.

    The author is the requester (a public answer) or an agent (a public reply or an internal
    note). Raises AttachmentError (a refused file on web and API; STORAGE_UNAVAILABLE on any
    channel) or TicketError (EMPTY_MESSAGE, SECRET_DETECTED, SECRET_REQUEST, NOT_REQUESTER,
    NOT_AGENT, TRANSITION_NOT_ALLOWED). Nothing is stored when it raises, except the secret
    guard's catch record.
    """
    ticket, author = submission.ticket, submission.author
    uploads, refused = _uploads_check(submission, uploader=author, ticket=ticket)
    with AttachmentBatch(uploader=author, uploads=uploads) as batch:
        checked = ticket_reply_check(
            ticket=ticket,
            author=author,
            body=submission.body,
            internal=submission.internal,
            channel=submission.channel,
            subject=submission.subject,
        )
        stored: list[Attachment] = []
        message = ticket_reply_insert(
            checked=checked,
            then=lambda message: stored.extend(batch.store(ticket=message.ticket, message=message)),
        )
    return SubmissionOutcome(
        ticket=message.ticket,
        message=message,
        attachments=stored,
        refused_files=refused,
        secret_masked=checked.secret_masked,
    )

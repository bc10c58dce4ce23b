"""What one person sends through one door, and what became of it.

A submission is judged as a whole: its text, its files and the channel it came through
(web and API can ask back, e-mail cannot). Pages, the API and inbound mail only parse their
input into one of these and render the outcome; submissions.services decides.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.core.files.uploadedfile import UploadedFile

from walletdesk.accounts.models import User
from walletdesk.attachments.models import Attachment
from walletdesk.attachments.upload_handlers import Refusal
from walletdesk.guard.models import Channel
from walletdesk.incidents.models import Incident
from walletdesk.networks.checks import FormatChecks
from walletdesk.tickets.drafts import TicketDraft
from walletdesk.tickets.models import Message, Ticket


@dataclass(frozen=True, kw_only=True)
class Submission:
    """The parts every submission has: where it came from and the files it carries."""

    channel: Channel
    files: Sequence[UploadedFile] = ()
    # Files the upload handler stopped while they arrived (too large): refused like any other.
    refused_in_transit: Sequence[Refusal] = ()
    # The sender's address, where the door knows it (web, API), for the per-address limit.
    client_ip: str = ""


@dataclass(frozen=True, kw_only=True)
class TicketSubmission(Submission):
    """A new ticket: the typed draft, from its requester, perhaps supplementing a rejected one."""

    requester: User
    draft: TicketDraft
    resubmission_of: Ticket | None = None
    # The values as the door received them (form data, API body): what the secret guard reads,
    # every field the person sent. None (e-mail, demo data): the draft itself is read.
    typed: Mapping[str, object] | None = None
    # The hash and address checks the door made of these values (the portal form's): the
    # intake check reuses an answer for the same network and text instead of reading it again.
    format_checks: FormatChecks | None = None


@dataclass(frozen=True, kw_only=True)
class ReplySubmission(Submission):
    """A message in an existing thread: a customer's answer, an agent's reply or note."""

    ticket: Ticket
    author: User
    body: str
    internal: bool = False
    # An e-mail reply's subject line: read with the body by the secret guard, never stored.
    subject: str = ""


@dataclass(frozen=True)
class RefusedFile:
    """A file a channel that cannot ask back left out, and why (told to the sender)."""

    name: str
    reason: str


@dataclass(frozen=True)
class SubmissionOutcome:
    """What was stored. ``message`` is None for a new ticket."""

    ticket: Ticket
    message: Message | None = None
    attachments: list[Attachment] = field(default_factory=list)
    # Only on channels that cannot ask back (e-mail): files left out, secrets stored masked.
    refused_files: list[RefusedFile] = field(default_factory=list)
    secret_masked: bool = False
    # A new ticket only: the open incident it matches (suggested to the agent, told to the user).
    incident: Incident | None = None

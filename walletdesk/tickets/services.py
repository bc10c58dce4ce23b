"""Every write to a ticket goes through here.

Each service runs in one transaction, locks the ticket row first (SELECT ... FOR UPDATE
on PostgreSQL; SQLite takes its write lock when the transaction begins), re-checks the
status machine against the row it locked, and records a TicketEvent. Two agents acting
at once therefore queue: neither action is lost and neither overwrites the other.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from walletdesk.accounts.models import User
from walletdesk.audit.models import Kind as AuditKind
from walletdesk.audit.services import record as audit_record
from walletdesk.chain.secret_guard import Strength
from walletdesk.core.compiled import CompiledInsert, CompiledInsertPair
from walletdesk.guard.models import SecretCatch
from walletdesk.guard.services import SecretScan, secret_guard, secret_request_guard
from walletdesk.networks.checks import FormatChecks
from walletdesk.tickets import satisfaction, workflow
from walletdesk.tickets.drafts import TicketDraft, draft_reading
from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.events import ticket_event_announce, ticket_event_heard
from walletdesk.tickets.intake import IntakeDraft, IntakeReport, intake_check
from walletdesk.tickets.models import (
    Category,
    Message,
    Priority,
    RejectionReason,
    Status,
    Tag,
    Ticket,
    TicketEvent,
    TicketTag,
    WalletField,
)
from walletdesk.tickets.references import reference_generate
from walletdesk.tickets.selectors import (
    can_work,
    category_calendar,
    customer_text_recent,
    may_reassign,
)
from walletdesk.tickets.workflow import Action, Actor

_REFERENCE_ATTEMPTS = 8
# Every submission writes a ticket and every change an event: their INSERTs are compiled once.
_TICKET_INSERT = CompiledInsert(Ticket)
_EVENT_INSERT = CompiledInsert(TicketEvent)
# A new ticket and its "created" event: one statement where the database allows it.
_TICKET_WITH_EVENT = CompiledInsertPair(_TICKET_INSERT, _EVENT_INSERT)


def _refuse(scan: SecretScan, values: Mapping[str, str]) -> TicketError:
    """The refusal of a text holding a wallet secret: names the fields involved and carries
    them back masked, so the page marks them and keeps the rest of what was typed."""
    return TicketError(TicketError.Code.SECRET_DETECTED, **scan.refusal(values))


def guard_strength(category: Category) -> Strength:
    """How hard the secret guard reads a ticket of ``category`` and its thread: at full
    strength for a category marked so (the security lane), else as everywhere."""
    return Strength.STRICT if category.guard_strict else Strength.STANDARD


def _guard_draft(
    draft: TicketDraft, *, user: User, channel: str, typed: Mapping[str, object] | None
) -> tuple[TicketDraft, bool]:
    """Refuse a draft holding a wallet secret (web, API), or mask it (e-mail cannot ask back);
    returns the draft to store and whether it was masked. Every field is read together, in
    the form's order (a phrase split across fields is one phrase): as ``typed`` when the door
    has the values as sent, else as the draft holds them.

    The catch is recorded before the refusal, outside any transaction of the caller's.
    """
    masked = channel == SecretCatch.Channel.EMAIL
    reading = draft_reading(typed) if typed is not None else draft.reading()
    strength = guard_strength(draft.category)
    scan = secret_guard(
        fields=reading, user=user, channel=channel, masked=masked, strength=strength
    )
    if not scan.found:
        return draft, False
    if not masked:
        raise _refuse(scan, reading)
    return draft.with_texts(scan.masked(draft.texts())), True


def ticket_typed_check(
    *,
    requester: User,
    values: Mapping[str, object],
    channel: str = SecretCatch.Channel.WEB,
    category: Category | None = None,
) -> None:
    """The secret guard over a ticket submission as typed, for a door whose own validation
    refused it (an amount or an address that is not one): a secret in any field is told as a
    secret, never echoed back as an invalid value. Reads every field the way ticket_draft_check
    does, at ``category``'s strength when the door knows it. Raises TicketError(SECRET_DETECTED)
    with the fields involved (a SecretCatch is recorded); returns when there is none."""
    reading = draft_reading(values)
    strength = guard_strength(category) if category is not None else Strength.STANDARD
    scan = secret_guard(fields=reading, user=requester, channel=channel, strength=strength)
    if scan.found:
        raise _refuse(scan, reading)


def _guard_body(
    body: str,
    *,
    user: User,
    ticket: Ticket,
    channel: str,
    outgoing: bool = False,
    subject: str = "",
    context: Sequence[str] = (),
) -> tuple[str, bool]:
    """The secret guard for one message body; returns the body to store and whether it was
    masked. ``subject`` (an e-mail's subject line, not stored) is read with the body, after
    ``context`` (what the same writer wrote before, already stored). ``outgoing`` (an agent's
    public text) also holds back a request for a secret, a code or remote access."""
    masked = channel == SecretCatch.Channel.EMAIL
    fields = {"subject": subject, "body": body} if subject else {"body": body}
    scan = secret_guard(
        fields=fields,
        user=user,
        channel=channel,
        ticket=ticket,
        masked=masked,
        context=context,
        # The ticket's category is loaded with it by every read that leads here.
        strength=guard_strength(ticket.category),
    )
    if scan.found and not masked:
        raise _refuse(scan, fields)
    if (
        outgoing
        and secret_request_guard(body=body, agent=user, ticket=ticket, channel=channel).requests
    ):
        raise TicketError(TicketError.Code.SECRET_REQUEST)
    if scan.found:
        return scan.masked({"body": body})["body"], True
    return body, False


def ticket_event_record(
    *,
    ticket: Ticket,
    kind: str,
    actor: User | None,
    from_value: object = "",
    to_value: object = "",
    reason: str = "",
) -> TicketEvent:
    """Append one event to the ticket's history. Call inside the service's transaction.

    Every listener (tickets/events.py; notifications writes its rows there, delivery queued
    on commit) hears of it in the same transaction, so every change anyone should hear of is
    announced exactly when it commits.
    """
    event = _EVENT_INSERT.save(
        TicketEvent(
            ticket=ticket,
            kind=kind,
            actor=actor,
            from_value="" if from_value is None else str(from_value),
            to_value="" if to_value is None else str(to_value),
            reason=reason,
        )
    )
    ticket_event_announce(event)
    return event


def _lock(ticket: Ticket) -> Ticket:
    # Lock the bare row first, then read it with its relations. PostgreSQL re-checks a
    # FOR UPDATE that had to wait against the *old* joined rows: if the transaction it
    # waited for changed the category (or rejection reason), the join no longer matched and
    # the locked ticket vanished from the result (DoesNotExist, a 500). Under READ COMMITTED
    # the second statement sees the row as last committed, which we now hold.
    list(Ticket.objects.select_for_update().filter(pk=ticket.pk).values_list("pk", flat=True))
    return Ticket.objects.select_related("category", "requester", "rejection_reason").get(
        pk=ticket.pk
    )


def ticket_lock(ticket: Ticket) -> Ticket:
    """Lock the ticket's row for the caller's transaction and return it fresh (see ``_lock``).

    For writes outside this module that must queue behind every other change of the ticket
    (redaction, attachments). Call inside ``transaction.atomic``.
    """
    return _lock(ticket)


def _require_agent(user: User) -> None:
    if not user.is_agent:
        raise TicketError(TicketError.Code.NOT_AGENT)


def _require_requester(ticket: Ticket, user: User) -> None:
    if ticket.requester_id != user.pk:
        raise TicketError(TicketError.Code.NOT_REQUESTER)


def _set_status(
    ticket: Ticket, *, target: Status, actor: User | None, reason: str = ""
) -> list[str]:
    """Move to ``target``, stamp the matching time, record the change; returns changed fields."""
    if ticket.status == target:
        return []
    previous = ticket.status
    ticket.status = target
    changed = ["status"]
    now = timezone.now()
    if target == Status.RESOLVED:
        ticket.resolved_at = now
        changed.append("resolved_at")
    elif target == Status.CLOSED:
        ticket.closed_at = now
        changed.append("closed_at")
    elif target == Status.OPEN and previous in (Status.RESOLVED, Status.CLOSED, Status.REJECTED):
        ticket.resolved_at = None
        ticket.closed_at = None
        changed += ["resolved_at", "closed_at"]
        if previous == Status.REJECTED:
            ticket.rejection_reason = None
            ticket.rejection_message = ""
            changed += ["rejection_reason", "rejection_message"]
    ticket_event_record(
        ticket=ticket,
        kind=TicketEvent.Kind.STATUS_CHANGED,
        actor=actor,
        from_value=previous,
        to_value=target,
        reason=reason,
    )
    return changed


def _save(ticket: Ticket, fields: list[str]) -> None:
    ticket.save(update_fields=sorted({*fields, "updated_at"}))


def _check_required(draft: TicketDraft) -> None:
    for field in draft.category.required_fields:
        value = draft.value_of(field)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise TicketError(TicketError.Code.MISSING_FIELD, field=WalletField(field).label)


def _due_at(category: Category, now: datetime) -> datetime:
    """The reply promised on the confirmation: the category's business days on the calendar of
    the team it is routed to (holidays and make-up working days counted). Cached: no query."""
    return category_calendar(category).add_business_days(now, category.reply_days)


class _ReferenceTaken(Exception):
    """The ticket's INSERT clashed (a drawn reference already taken): draw again."""

    def __init__(self, clash: IntegrityError) -> None:
        super().__init__(str(clash))
        self.clash = clash


@dataclass(frozen=True)
class CheckedDraft:
    """A draft that passed every check before storing: what ticket_open_checked writes."""

    requester: User
    draft: TicketDraft
    report: IntakeReport
    # The e-mail channel stored a secret masked (the sender is told).
    secret_masked: bool = False
    # The door it came through (web, api, email): kept on its "created" event for reports.
    channel: str = SecretCatch.Channel.WEB


def ticket_draft_check(
    *,
    requester: User,
    draft: TicketDraft,
    channel: str = SecretCatch.Channel.WEB,
    typed: Mapping[str, object] | None = None,
    format_checks: FormatChecks | None = None,
) -> CheckedDraft:
    """Everything ticket_open refuses, checked before anything is written.

    Raises TicketError(SECRET_DETECTED) first (with ``fields``, the fields involved, and
    ``masked``, their text masked; a SecretCatch is recorded; the e-mail channel masks the text
    instead), then UNVERIFIED_EMAIL, CATEGORY_INACTIVE, MISSING_FIELD. ``typed``: the values as
    the door received them (a form's data, an API body), which the guard reads when given, so
    a field the category leaves out is judged too. ``format_checks``: the hash and address
    checks the door already made (see networks.checks.FormatChecks). Call it outside the
    transaction that stores the ticket: the catch must survive the refusal.
    """
    draft, masked = _guard_draft(draft, user=requester, channel=channel, typed=typed)
    if not requester.is_verified:
        raise TicketError(TicketError.Code.UNVERIFIED_EMAIL)
    if not draft.category.is_active:
        raise TicketError(TicketError.Code.CATEGORY_INACTIVE)
    _check_required(draft)
    # The guard above already read every text: the report needs only score and flags.
    report = intake_check(
        IntakeDraft.from_ticket_draft(draft),
        user=requester,
        category=draft.category,
        scan_secrets=False,
        format_checks=format_checks,
    )
    return CheckedDraft(
        requester=requester, draft=draft, report=report, secret_masked=masked, channel=channel
    )


def ticket_open_checked(
    *,
    checked: CheckedDraft,
    resubmission_of: Ticket | None = None,
    then: Callable[[Ticket], object] | None = None,
) -> Ticket:
    """Store a checked draft as a new ticket, in one transaction (the caller's if there is one).

    ``then(ticket)`` runs inside that transaction once the ticket exists: what it writes
    commits with the ticket or not at all (the submission path stores the files there). For a
    resubmission raises NOT_RESUBMITTABLE / ALREADY_RESUBMITTED. Records CREATED (and
    RESUBMITTED on the original). The reference is random; a collision is retried.
    """
    alone = _written_alone(then=then, resubmission_of=resubmission_of)
    for attempt in range(_REFERENCE_ATTEMPTS):
        try:
            if alone:
                return _ticket_insert_once(checked, resubmission_of=None)
            with transaction.atomic():
                ticket = _ticket_insert_once(checked, resubmission_of=resubmission_of)
                # Not retried: what ``then`` writes (files) must not be written twice.
                if then is not None:
                    then(ticket)
                return ticket
        except _ReferenceTaken as taken:
            # The reference is the only unique value drawn at random (the original of a
            # resubmission is locked above), so a collision is worth another draw.
            if attempt == _REFERENCE_ATTEMPTS - 1:
                raise taken.clash from None
    raise AssertionError("unreachable")  # pragma: no cover


def _written_alone(
    *, then: Callable[[Ticket], object] | None, resubmission_of: Ticket | None
) -> bool:
    """Whether a new ticket is one statement with nothing else to write beside it: no files,
    no original to update, nobody listening to its "created" event, no caller's transaction
    to join. Such a statement is atomic by itself: it needs no BEGIN and no COMMIT."""
    return (
        then is None
        and resubmission_of is None
        and _TICKET_WITH_EVENT.one_statement
        and not ticket_event_heard(TicketEvent.Kind.CREATED)
        and not connection.in_atomic_block
    )


def _ticket_insert_once(checked: CheckedDraft, *, resubmission_of: Ticket | None) -> Ticket:
    try:
        return _ticket_insert(
            requester=checked.requester,
            draft=checked.draft,
            resubmission_of=resubmission_of,
            report=checked.report,
            channel=checked.channel,
        )
    except IntegrityError as clash:
        raise _ReferenceTaken(clash) from clash


def ticket_open(
    *,
    requester: User,
    draft: TicketDraft,
    resubmission_of: Ticket | None = None,
    channel: str = SecretCatch.Channel.WEB,
) -> Ticket:
    """Store a new ticket from a verified user's draft (no files: submissions.ticket_submit
    takes a whole submission with its files).

    Raises TicketError(SECRET_DETECTED) first, before anything is stored (a SecretCatch is
    recorded; the e-mail channel stores the text masked instead). Then UNVERIFIED_EMAIL,
    CATEGORY_INACTIVE, MISSING_FIELD, and for a resubmission NOT_RESUBMITTABLE /
    ALREADY_RESUBMITTED. Records CREATED (and RESUBMITTED on the original). The reference
    is random; a collision is retried.
    """
    checked = ticket_draft_check(requester=requester, draft=draft, channel=channel)
    return ticket_open_checked(checked=checked, resubmission_of=resubmission_of)


def _ticket_insert(
    *,
    requester: User,
    draft: TicketDraft,
    resubmission_of: Ticket | None,
    report: IntakeReport | None = None,
    channel: str = SecretCatch.Channel.WEB,
) -> Ticket:
    original: Ticket | None = None
    if resubmission_of is not None:
        original = _lock(resubmission_of)
        _require_requester(original, requester)
        if not original.can_be_resubmitted:
            raise TicketError(TicketError.Code.NOT_RESUBMITTABLE)
        existing = Ticket.objects.filter(resubmission_of=original).only("reference").first()
        if existing is not None:
            raise TicketError(TicketError.Code.ALREADY_RESUBMITTED, reference=existing.reference)

    now = timezone.now()
    ticket = Ticket(
        reference=reference_generate(),
        requester=requester,
        category=draft.category,
        # The category comes from the cached catalogue: routing to its team costs no query.
        team_id=draft.category.team_id,
        subject=draft.subject.strip(),
        description=draft.description.strip(),
        network=draft.network,
        asset=draft.asset,
        tx_hash=draft.tx_hash.strip(),
        address=draft.address.strip(),
        memo=draft.memo.strip(),
        amount=draft.amount,
        occurred_at=draft.occurred_at,
        phishing_contact=draft.phishing_contact.strip(),
        # The security lane opens urgent: stolen funds cannot wait in the normal queue.
        priority=draft.category.priority_on_open,
        first_response_due_at=_due_at(draft.category, now),
        last_customer_message_at=now,
        customer_seen_at=now,
        resubmission_of=original,
        # The agent who rejected it knows the case: the supplement goes back to them.
        assignee_id=original.assignee_id if original else None,
        intake_score=report.score if report else None,
        intake_flags=report.flag_codes if report else [],
    )
    created = TicketEvent(
        ticket=ticket,
        kind=TicketEvent.Kind.CREATED,
        actor=requester,
        from_value=channel,
        to_value=Status.NEW,
        reason=original.reference if original else "",
    )
    _TICKET_WITH_EVENT.save(ticket, created)
    ticket_event_announce(created)
    if original is not None:
        ticket_event_record(
            ticket=original,
            kind=TicketEvent.Kind.RESUBMITTED,
            actor=requester,
            to_value=ticket.reference,
        )
    return ticket


@dataclass(frozen=True)
class CheckedReply:
    """A message that passed every check before storing: what ticket_reply_insert writes."""

    ticket: Ticket
    author: User
    body: str
    internal: bool = False
    secret_masked: bool = False


def ticket_reply_check(
    *,
    ticket: Ticket,
    author: User,
    body: str,
    internal: bool = False,
    channel: str = SecretCatch.Channel.WEB,
    subject: str = "",
) -> CheckedReply:
    """Everything ticket_reply_add refuses before writing: EMPTY_MESSAGE, SECRET_DETECTED (a
    wallet secret in the text; recorded as a SecretCatch, masked on the e-mail channel),
    SECRET_REQUEST (an agent's public reply asks for one). Call it outside the transaction
    that stores the message.

    A customer's reply is read after what they wrote on the ticket before (its description
    and their last messages, one query: tickets.selectors.customer_text_recent), so the second
    half of a phrase sent in two replies is refused; an agent's text is read alone. ``subject``
    is an e-mail reply's subject line: read with the body, never stored.
    """
    if not body.strip():
        raise TicketError(TicketError.Code.EMPTY_MESSAGE)
    support = ticket.is_support_for(author)
    outgoing = support and not internal
    body, masked = _guard_body(
        body,
        user=author,
        ticket=ticket,
        channel=channel,
        outgoing=outgoing,
        subject=subject,
        context=() if support else customer_text_recent(ticket=ticket),
    )
    return CheckedReply(
        ticket=ticket, author=author, body=body, internal=internal, secret_masked=masked
    )


def ticket_reply_insert(
    *, checked: CheckedReply, then: Callable[[Message], object] | None = None
) -> Message:
    """Store a checked message, in one transaction (the caller's if there is one).

    ``then(message)`` runs inside that transaction once the message exists (the submission
    path stores its files there). Raises NOT_REQUESTER, NOT_AGENT, TRANSITION_NOT_ALLOWED
    (thread closed); see ticket_reply_add for what a reply does to the status.
    """
    with transaction.atomic():
        message = _reply_insert(
            ticket=checked.ticket,
            author=checked.author,
            body=checked.body,
            internal=checked.internal,
        )
        if then is not None:
            then(message)
        return message


def ticket_reply_add(
    *,
    ticket: Ticket,
    author: User,
    body: str,
    internal: bool = False,
    channel: str = SecretCatch.Channel.WEB,
) -> Message:
    """Add a message to the thread (no files: submissions.ticket_reply_submit takes a reply
    with its files).

    Customers write public replies on their own tickets; a reply on a waiting or resolved
    ticket reopens it. Agents write public replies (a first reply opens a new ticket) or
    internal notes, which never reach the customer. Raises SECRET_DETECTED (a wallet secret
    in the text; recorded as a SecretCatch), SECRET_REQUEST (an agent's public reply asks
    for one), NOT_REQUESTER, NOT_AGENT, EMPTY_MESSAGE, TRANSITION_NOT_ALLOWED (thread closed).
    """
    checked = ticket_reply_check(
        ticket=ticket, author=author, body=body, internal=internal, channel=channel
    )
    return ticket_reply_insert(checked=checked)


def _refuse_if_merged(ticket: Ticket) -> None:
    if ticket.merged_into_id is not None:
        target = Ticket.objects.only("reference").get(pk=ticket.merged_into_id)
        raise TicketError(TicketError.Code.MERGED, reference=target.reference)


def _reply_insert(*, ticket: Ticket, author: User, body: str, internal: bool) -> Message:
    locked = _lock(ticket)
    now = timezone.now()
    changed: list[str] = []
    if not internal:
        # Its conversation goes on in the ticket it was merged into, never here again.
        _refuse_if_merged(locked)

    if locked.is_support_for(author):
        role = Message.AuthorRole.AGENT
        if internal:
            kind = TicketEvent.Kind.NOTE_ADDED
        else:
            target = workflow.reply_target(status=locked.status, actor=Actor.AGENT)
            changed += _set_status(locked, target=target, actor=author)
            locked.last_agent_reply_at = now
            changed.append("last_agent_reply_at")
            if locked.first_responded_at is None:
                locked.first_responded_at = now
                changed.append("first_responded_at")
            kind = TicketEvent.Kind.AGENT_REPLIED
    else:
        _require_requester(locked, author)
        if internal:
            raise TicketError(TicketError.Code.NOT_AGENT)
        role = Message.AuthorRole.CUSTOMER
        target = workflow.reply_target(
            status=locked.status, actor=Actor.CUSTOMER, in_reopen_grace=locked.in_reopen_grace
        )
        changed += _set_status(locked, target=target, actor=author)
        locked.last_customer_message_at = now
        locked.customer_seen_at = now
        changed += ["last_customer_message_at", "customer_seen_at"]
        kind = TicketEvent.Kind.CUSTOMER_REPLIED

    message = Message.objects.create(
        ticket=locked, author=author, author_role=role, is_internal=internal, body=body.strip()
    )
    ticket_event_record(ticket=locked, kind=kind, actor=author)
    _save(locked, changed)
    return message


@transaction.atomic
def ticket_start(*, ticket: Ticket, agent: User) -> Ticket:
    """An agent takes a new ticket: it becomes open and theirs unless someone has it."""
    _require_agent(agent)
    locked = _lock(ticket)
    target = workflow.transition_target(
        status=locked.status, action=Action.START, actor=Actor.AGENT
    )
    changed = _set_status(locked, target=target, actor=agent)
    if locked.assignee_id is None:
        changed += _assign(locked, assignee=agent, actor=agent)
    _save(locked, changed)
    return locked


def _assign(ticket: Ticket, *, assignee: User | None, actor: User, reason: str = "") -> list[str]:
    if ticket.assignee_id == (assignee.pk if assignee else None):
        return []
    previous = ticket.assignee.email if ticket.assignee_id and ticket.assignee else ""
    ticket.assignee = assignee
    ticket_event_record(
        ticket=ticket,
        kind=TicketEvent.Kind.ASSIGNED,
        actor=actor,
        from_value=previous,
        to_value=assignee.email if assignee else "",
        reason=reason,
    )
    return ["assignee"]


def tickets_assign_each(
    *, tickets: Sequence[Ticket], assignee: User | None, actor: User
) -> list[tuple[Ticket, str]]:
    """Assign each ticket on its own (each locked and checked by ``ticket_assign``, each an
    event and, for a colleague's ticket, an audit record); returns the refused ones with
    why. One refusal never stops the others."""
    refused: list[tuple[Ticket, str]] = []
    for ticket in tickets:
        try:
            ticket_assign(ticket=ticket, assignee=assignee, actor=actor)
        except TicketError as exc:
            refused.append((ticket, exc.message))
    return refused


@transaction.atomic
def ticket_hand_back(*, ticket: Ticket, agent: User, reason: str) -> bool:
    """Unassign ``ticket`` if it is still ``agent``'s (checked on the locked row); returns
    whether it was."""
    locked = _lock(ticket)
    if locked.assignee_id != agent.pk:
        return False
    _save(locked, _assign(locked, assignee=None, actor=agent, reason=reason))
    return True


@transaction.atomic
def ticket_assign(*, ticket: Ticket, assignee: User | None, actor: User) -> Ticket:
    """Give the ticket to an agent (or to nobody). Raises NOT_AGENT, NOT_IN_TEAM for an
    agent outside the ticket's team (tickets.selectors.can_work), and NOT_SUPERVISOR when a
    plain member tries to take a colleague's ticket from them (tickets.selectors.may_reassign).
    Taking a colleague's ticket away is written to the security audit trail as well."""
    _require_agent(actor)
    if assignee is not None and not assignee.is_agent:
        raise TicketError(TicketError.Code.NOT_AGENT)
    locked = _lock(ticket)
    # Checked on the locked row: a category change meanwhile may have moved it to a new team.
    if assignee is not None and not can_work(assignee, locked):
        raise TicketError(TicketError.Code.NOT_IN_TEAM)
    # Checked on the locked row too: the holder is whoever holds it now, not when the page
    # was drawn.
    holder = locked.assignee_id
    taken_away = holder not in (None, actor.pk) and holder != (assignee.pk if assignee else None)
    if taken_away:
        if not may_reassign(actor, locked):
            raise TicketError(TicketError.Code.NOT_SUPERVISOR)
        audit_record(
            AuditKind.TICKET_REASSIGNED,
            actor=actor,
            target=locked.reference,
            from_agent=str(holder),
            to_agent=str(assignee.pk) if assignee else "",
        )
    _save(locked, _assign(locked, assignee=assignee, actor=actor))
    return locked


def ticket_request_info(
    *, ticket: Ticket, agent: User, body: str, channel: str = SecretCatch.Channel.WEB
) -> Message:
    """Ask the customer for more: a public message and the ticket waits on them.

    Raises NOT_AGENT, EMPTY_MESSAGE, SECRET_DETECTED / SECRET_REQUEST (see ticket_reply_add).
    """
    _require_agent(agent)
    if not body.strip():
        raise TicketError(TicketError.Code.EMPTY_MESSAGE)
    body, _masked = _guard_body(body, user=agent, ticket=ticket, channel=channel, outgoing=True)
    return _request_info_insert(ticket=ticket, agent=agent, body=body)


@transaction.atomic
def _request_info_insert(*, ticket: Ticket, agent: User, body: str) -> Message:
    locked = _lock(ticket)
    target = workflow.transition_target(
        status=locked.status, action=Action.REQUEST_INFO, actor=Actor.AGENT
    )
    now = timezone.now()
    changed = _set_status(locked, target=target, actor=agent)
    message = Message.objects.create(
        ticket=locked, author=agent, author_role=Message.AuthorRole.AGENT, body=body.strip()
    )
    locked.last_agent_reply_at = now
    changed.append("last_agent_reply_at")
    if locked.first_responded_at is None:
        locked.first_responded_at = now
        changed.append("first_responded_at")
    if locked.assignee_id is None:
        changed += _assign(locked, assignee=agent, actor=agent)
    ticket_event_record(ticket=locked, kind=TicketEvent.Kind.INFO_REQUESTED, actor=agent)
    _save(locked, changed)
    return message


def _actor_for(ticket: Ticket, user: User) -> Actor:
    if ticket.is_support_for(user):
        return Actor.AGENT
    _require_requester(ticket, user)
    return Actor.CUSTOMER


def ticket_resolve(*, ticket: Ticket, actor: User, body: str = "") -> Ticket:
    """Mark solved, by the agent (optionally with a closing reply) or by the customer.

    A closing reply goes through the secret guard (SECRET_DETECTED / SECRET_REQUEST).
    """
    if body.strip():
        outgoing = ticket.is_support_for(actor)
        body, _masked = _guard_body(
            body, user=actor, ticket=ticket, channel=SecretCatch.Channel.WEB, outgoing=outgoing
        )
    return _resolve(ticket=ticket, actor=actor, body=body)


@transaction.atomic
def _resolve(*, ticket: Ticket, actor: User, body: str) -> Ticket:
    locked = _lock(ticket)
    role = _actor_for(locked, actor)
    target = workflow.transition_target(status=locked.status, action=Action.RESOLVE, actor=role)
    changed = _set_status(locked, target=target, actor=actor)
    if body.strip():
        author_role = (
            Message.AuthorRole.AGENT if role == Actor.AGENT else Message.AuthorRole.CUSTOMER
        )
        Message.objects.create(
            ticket=locked, author=actor, author_role=author_role, body=body.strip()
        )
        if role == Actor.AGENT:
            locked.last_agent_reply_at = timezone.now()
            changed.append("last_agent_reply_at")
        else:
            locked.last_customer_message_at = timezone.now()
            changed.append("last_customer_message_at")
    _save(locked, changed)
    return locked


@transaction.atomic
def ticket_remind(*, ticket: Ticket, wait_event_id: int) -> bool:
    """The system reminds the requester that support waits on them (the waiting sweep).

    Records REMINDED (from_value: the event that started the wait) unless the ticket no
    longer waits, a newer wait started, or this wait was already reminded; returns whether it
    recorded one. The ticket row is locked first, so two sweeps at once remind once.
    """
    locked = _lock(ticket)
    if locked.status != Status.WAITING_ON_CUSTOMER:
        return False
    current_wait = (
        TicketEvent.objects.filter(
            ticket=locked,
            kind=TicketEvent.Kind.STATUS_CHANGED,
            to_value=Status.WAITING_ON_CUSTOMER,
        )
        .order_by("-created_at", "-id")
        .values_list("pk", flat=True)
        .first()
    )
    if current_wait != wait_event_id:
        return False
    already = TicketEvent.objects.filter(
        ticket=locked, kind=TicketEvent.Kind.REMINDED, from_value=str(wait_event_id)
    ).exists()
    if already:
        return False
    ticket_event_record(
        ticket=locked, kind=TicketEvent.Kind.REMINDED, actor=None, from_value=wait_event_id
    )
    return True


@transaction.atomic
def ticket_survey_remind(*, ticket: Ticket, resolution_event_id: int) -> bool:
    """The system asks the requester once more to rate a resolved ticket (the survey sweep,
    notifications/surveys.py). Records SURVEY_REMINDED (from_value: the resolution's event)
    unless the ticket can no longer be rated or this resolution was already asked about;
    returns whether it recorded one. Locked first: two sweeps at once remind once."""
    locked = _lock(ticket)
    if not locked.can_be_rated:
        return False
    already = TicketEvent.objects.filter(
        ticket=locked,
        kind=TicketEvent.Kind.SURVEY_REMINDED,
        from_value=str(resolution_event_id),
    ).exists()
    if already:
        return False
    ticket_event_record(
        ticket=locked,
        kind=TicketEvent.Kind.SURVEY_REMINDED,
        actor=None,
        from_value=resolution_event_id,
    )
    return True


@transaction.atomic
def ticket_close(*, ticket: Ticket, actor: User | None, reason: str = "") -> Ticket:
    """Close for good. ``actor`` None means the system (a sweep)."""
    locked = _lock(ticket)
    role = Actor.SYSTEM if actor is None else _actor_for(locked, actor)
    target = workflow.transition_target(status=locked.status, action=Action.CLOSE, actor=role)
    _save(locked, _set_status(locked, target=target, actor=actor, reason=reason))
    return locked


def ticket_reject(
    *,
    ticket: Ticket,
    agent: User,
    reason: RejectionReason | None,
    message: str,
    channel: str = SecretCatch.Channel.WEB,
) -> Ticket:
    """Refuse the ticket with a reason code and a message the user can act on.

    The message reaches the user, so the outgoing guard reads it like a public reply:
    a request for a secret, a code or remote access raises SECRET_REQUEST (the catch is
    recorded before the transaction, so it survives the refusal).
    """
    _require_agent(agent)
    if reason is None or not message.strip():
        raise TicketError(TicketError.Code.REASON_REQUIRED)
    message, _masked = _guard_body(
        message, user=agent, ticket=ticket, channel=channel, outgoing=True
    )
    return _reject(ticket=ticket, agent=agent, reason=reason, message=message)


@transaction.atomic
def _reject(*, ticket: Ticket, agent: User, reason: RejectionReason, message: str) -> Ticket:
    locked = _lock(ticket)
    target = workflow.transition_target(
        status=locked.status, action=Action.REJECT, actor=Actor.AGENT
    )
    locked.rejection_reason = reason
    locked.rejection_message = message.strip()
    changed = ["rejection_reason", "rejection_message"]
    changed += _set_status(locked, target=target, actor=agent, reason=reason.code)
    ticket_event_record(
        ticket=locked,
        kind=TicketEvent.Kind.REJECTED,
        actor=agent,
        to_value=reason.code,
        reason=message.strip(),
    )
    if locked.assignee_id is None:
        changed += _assign(locked, assignee=agent, actor=agent)
    _save(locked, changed)
    return locked


@transaction.atomic
def ticket_reopen(*, ticket: Ticket, agent: User, reason: str = "") -> Ticket:
    """An agent takes a resolved, closed or rejected ticket back into work."""
    _require_agent(agent)
    locked = _lock(ticket)
    _refuse_if_merged(locked)
    target = workflow.transition_target(
        status=locked.status, action=Action.REOPEN, actor=Actor.AGENT
    )
    _save(locked, _set_status(locked, target=target, actor=agent, reason=reason))
    return locked


@transaction.atomic
def ticket_merge(*, duplicate: Ticket, into: Ticket, agent: User) -> Ticket:
    """Merge ``duplicate`` into ``into``, another ticket of the same requester: its messages
    and files move to ``into`` (the user reads one thread), its own description becomes the
    first of them, and it is closed with a pointer. Both must be the agent's to work.

    Raises NOT_AGENT, NOT_IN_TEAM, MERGE_SAME_TICKET, MERGE_OTHER_REQUESTER,
    MERGE_TARGET_CLOSED (a target that is closed, rejected or merged itself), MERGED (the
    duplicate was merged already) and TRANSITION_NOT_ALLOWED (a duplicate that cannot be
    closed)."""
    _require_agent(agent)
    if duplicate.pk == into.pk:
        raise TicketError(TicketError.Code.MERGE_SAME_TICKET)
    # Locked in a fixed order (by key), so two merges of the same pair cannot deadlock.
    first, second = sorted((duplicate, into), key=lambda t: str(t.pk))
    locked = {t.pk: _lock(t) for t in (first, second)}
    source, target = locked[duplicate.pk], locked[into.pk]
    if not (can_work(agent, source) and can_work(agent, target)):
        raise TicketError(TicketError.Code.NOT_IN_TEAM)
    if source.requester_id != target.requester_id:
        raise TicketError(TicketError.Code.MERGE_OTHER_REQUESTER, reference=target.reference)
    _refuse_if_merged(source)
    if target.merged_into_id is not None or not workflow.may_reply(
        status=target.status, actor=Actor.CUSTOMER
    ):
        raise TicketError(
            TicketError.Code.MERGE_TARGET_CLOSED,
            reference=target.reference,
            status=Status(target.status).label,
        )
    closed = workflow.transition_target(
        status=source.status, action=Action.CLOSE, actor=Actor.AGENT
    )
    # The duplicate's own words open its part of the thread, as the user wrote them.
    opening = f"{source.subject}\n\n{source.description}".strip()
    opened = Message.objects.create(
        ticket=target,
        author_id=source.requester_id,
        author_role=Message.AuthorRole.CUSTOMER,
        body=f"[{source.reference}] {opening}",
    )
    # Where it belongs in time: when the user wrote it, not when it was merged.
    Message.objects.filter(pk=opened.pk).update(created_at=source.created_at)
    source.messages.update(ticket=target)
    source.attachments.update(ticket=target)
    source.merged_into = target
    changed = ["merged_into", *_set_status(source, target=closed, actor=agent)]
    ticket_event_record(
        ticket=source,
        kind=TicketEvent.Kind.MERGED,
        actor=agent,
        to_value=target.reference,
    )
    ticket_event_record(
        ticket=target,
        kind=TicketEvent.Kind.MERGED,
        actor=agent,
        from_value=source.reference,
    )
    _save(source, changed)
    _save(target, [])
    audit_record(
        AuditKind.TICKET_MERGED,
        actor=agent,
        target=target.reference,
        merged=source.reference,
        requester=str(source.requester_id),
    )
    return target


@transaction.atomic
def ticket_tag_add(*, ticket: Ticket, tag: Tag, agent: User) -> bool:
    """Put an active tag on the ticket; returns whether it was not there yet (adding it
    twice changes nothing). Raises NOT_AGENT, NOT_IN_TEAM, TAG_INACTIVE."""
    _require_agent(agent)
    if not tag.is_active:
        raise TicketError(TicketError.Code.TAG_INACTIVE, tag=tag.name)
    locked = _lock(ticket)
    if not can_work(agent, locked):
        raise TicketError(TicketError.Code.NOT_IN_TEAM)
    _link, created = TicketTag.objects.get_or_create(
        ticket=locked, tag=tag, defaults={"added_by": agent}
    )
    if created:
        ticket_event_record(
            ticket=locked, kind=TicketEvent.Kind.TAGGED, actor=agent, to_value=tag.slug
        )
        _save(locked, [])
    return created


@transaction.atomic
def ticket_tag_remove(*, ticket: Ticket, tag: Tag, agent: User) -> bool:
    """Take a tag (active or retired) off the ticket; returns whether it was there.
    Raises NOT_AGENT, NOT_IN_TEAM."""
    _require_agent(agent)
    locked = _lock(ticket)
    if not can_work(agent, locked):
        raise TicketError(TicketError.Code.NOT_IN_TEAM)
    removed, _kinds = TicketTag.objects.filter(ticket=locked, tag=tag).delete()
    if removed:
        ticket_event_record(
            ticket=locked, kind=TicketEvent.Kind.UNTAGGED, actor=agent, from_value=tag.slug
        )
        _save(locked, [])
    return bool(removed)


@transaction.atomic
def ticket_priority_change(*, ticket: Ticket, priority: int, agent: User) -> Ticket:
    """Raise or lower the priority. Raises NOT_AGENT, INVALID_PRIORITY."""
    _require_agent(agent)
    if priority not in Priority.values:
        raise TicketError(TicketError.Code.INVALID_PRIORITY)
    locked = _lock(ticket)
    if locked.priority == priority:
        return locked
    previous = locked.priority
    locked.priority = priority
    ticket_event_record(
        ticket=locked,
        kind=TicketEvent.Kind.PRIORITY_CHANGED,
        actor=agent,
        from_value=previous,
        to_value=priority,
    )
    _save(locked, ["priority"])
    return locked


@transaction.atomic
def ticket_category_change(*, ticket: Ticket, category: Category, agent: User) -> Ticket:
    _require_agent(agent)
    locked = _lock(ticket)
    if locked.category_id == category.pk:
        return locked
    previous = locked.category.slug
    locked.category = category
    # The ticket follows its category to that category's team; an assignee who is not in the
    # new team lets it go, so nobody keeps working a ticket they may no longer see.
    locked.team_id = category.team_id
    changed = ["category", "team"]
    if locked.assignee is not None and not can_work(locked.assignee, locked):
        changed += _assign(locked, assignee=None, actor=agent)
    ticket_event_record(
        ticket=locked,
        kind=TicketEvent.Kind.CATEGORY_CHANGED,
        actor=agent,
        from_value=previous,
        to_value=category.slug,
    )
    _save(locked, changed)
    return locked


def ticket_rate(
    *,
    ticket: Ticket,
    customer: User,
    score: int,
    comment: str = "",
    reasons: Sequence[str] = (),
    channel: str = SecretCatch.Channel.WEB,
) -> Ticket:
    """The requester rates a resolved or closed ticket once, 1 to 5, with optional reasons
    (tickets.satisfaction.REASONS) and comment. A comment holding a wallet secret is refused
    (SECRET_DETECTED) and nothing is stored, the catch recorded as everywhere else."""
    _require_requester(ticket, customer)
    if not isinstance(score, int) or not 1 <= score <= 5:
        raise TicketError(TicketError.Code.INVALID_RATING)
    chosen = satisfaction.reasons_clean(list(reasons))
    comment = comment.strip()
    if comment:
        # Outside the transaction: the catch is kept although the rating is not stored.
        scan = secret_guard(
            fields={"comment": comment},
            user=customer,
            channel=channel,
            ticket=ticket,
            strength=guard_strength(ticket.category),
        )
        if scan.found:
            raise _refuse(scan, {"comment": comment})
    with transaction.atomic():
        locked = _lock(ticket)
        if not locked.can_be_rated:
            raise TicketError(TicketError.Code.NOT_RATABLE)
        locked.rating = score
        locked.rating_comment = comment
        locked.rating_reasons = chosen
        locked.rated_at = timezone.now()
        ticket_event_record(
            ticket=locked, kind=TicketEvent.Kind.RATED, actor=customer, to_value=score
        )
        _save(locked, ["rating", "rating_comment", "rating_reasons", "rated_at"])
    return locked


def ticket_mark_seen(*, ticket: Ticket, customer: User) -> None:
    """The requester has read the thread: clears the unread marker. No event: it is not a change."""
    if ticket.requester_id != customer.pk or not ticket.is_unread_for_customer:
        return
    now = timezone.now()
    Ticket.objects.filter(pk=ticket.pk).update(customer_seen_at=now)
    ticket.customer_seen_at = now

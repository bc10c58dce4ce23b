"""Taking a wallet secret out of text that was stored before the guard could catch it.

The guard refuses secrets on the way in, but it improves over time: a phrase stored before an
upgrade, or half a phrase sent in an earlier message, stays in the database until it is
redacted here. Two modes (``Redaction``):

* MASKED: every secret the guard finds now is replaced by its placeholder (the same
  ``mask_secrets`` the e-mail channel stores); refused when it finds nothing;
* REMOVED: the whole text is replaced by a notice that it held a secret, for what the guard
  cannot see (half a phrase) but an agent can.

Each redaction locks the ticket, refuses what is already redacted with nothing left to find,
and appends a REDACTED event (what, which mode, which kinds: never the text), which the
notifications app hears of and tells the requester about. The event is the audit entry.
Files are redacted by attachments.services.attachment_remove, which writes the same event.
"""

import json
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from walletdesk.accounts.models import User
from walletdesk.guard.services import secret_scan
from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.models import Message, Redaction, Ticket, TicketEvent
from walletdesk.tickets.services import ticket_event_record, ticket_lock

Code = TicketError.Code

# The ticket's own texts a person typed (the draft's texts, the rating comment, the agent's
# rejection message): where a secret may sit besides the thread.
TICKET_TEXT_FIELDS = (
    "subject",
    "description",
    "tx_hash",
    "address",
    "memo",
    "asset",
    "phishing_contact",
    "rating_comment",
    "rejection_message",
)

REMOVED_NOTICE = gettext_noop(
    "Removed: this text contained a recovery phrase or private key, which is never kept."
)
# Languages the stored notice is written in: the customer and the agent both read it.
_NOTICE_LANGUAGES = ("zh-hans", "en")


class Target:
    """What a REDACTED event's ``from_value`` names."""

    MESSAGE = "message"
    INTERNAL_NOTE = "internal_note"
    TICKET = "ticket"
    ATTACHMENT = "attachment"
    INTERNAL_ATTACHMENT = "internal_attachment"

    # Redactions the requester never hears of: they never saw the text.
    INTERNAL = frozenset({INTERNAL_NOTE, INTERNAL_ATTACHMENT})


def removed_notice() -> str:
    """What replaces a text removed entirely, in both languages, like the guard's placeholders:
    the text is read by the customer and by agents, whoever's language was active when it was
    redacted."""
    texts = []
    for language in _NOTICE_LANGUAGES:
        with translation.override(language):
            texts.append(gettext(REMOVED_NOTICE))
    return "[" + " / ".join(dict.fromkeys(texts)) + "]"


def redaction_event_record(
    *,
    ticket: Ticket,
    actor: User | None,
    target: str,
    target_id: object,
    mode: str,
    kinds: Iterable[str],
    fields: Iterable[str],
) -> TicketEvent:
    """Append the REDACTED event (the audit entry) in the caller's transaction.

    ``reason`` holds a small JSON object (mode, kinds, fields), never any of the text.
    """
    detail = {"mode": str(mode), "kinds": list(kinds), "fields": list(fields)}
    return ticket_event_record(
        ticket=ticket,
        kind=TicketEvent.Kind.REDACTED,
        actor=actor,
        from_value=target,
        to_value=str(target_id),
        reason=json.dumps(detail, sort_keys=True),
    )


def redaction_detail(event: TicketEvent) -> dict[str, list[str] | str]:
    """The mode, kinds and fields a REDACTED event recorded (empty for any other event)."""
    if event.kind != TicketEvent.Kind.REDACTED:
        return {}
    try:
        detail = json.loads(event.reason)
    except ValueError:
        return {}
    return detail if isinstance(detail, dict) else {}


def _require_agent_or_system(actor: User | None) -> None:
    # None is the rescan job (submissions/rescan.py); a person must be an agent.
    if actor is not None and not actor.is_agent:
        raise TicketError(Code.NOT_AGENT)


def message_redact(
    *, message: Message, actor: User | None, mode: str = Redaction.MASKED
) -> Message:
    """Take a wallet secret out of one stored message (a reply, an internal note, any author).

    MASKED replaces what the guard finds; REMOVED replaces the whole body with
    ``removed_notice()``. Raises TicketError NOT_AGENT (a customer), ALREADY_REDACTED (removed
    before, or masked before with nothing left to find), NOTHING_TO_REDACT (MASKED but the
    guard finds nothing). Locks the ticket row, so two agents redacting the same message at
    once queue and the second is refused. Records REDACTED; the requester is notified on
    commit unless the message is an internal note.
    """
    _require_agent_or_system(actor)
    with transaction.atomic():
        ticket = ticket_lock(message.ticket)
        # Re-read under the lock: another agent (or the rescan) may have redacted it meanwhile.
        locked = Message.objects.get(pk=message.pk, ticket=ticket)
        if locked.redaction == Redaction.REMOVED:
            raise TicketError(Code.ALREADY_REDACTED)
        scan = secret_scan({"body": locked.body})
        if mode == Redaction.REMOVED:
            locked.body = removed_notice()
        elif scan.found:
            locked.body = scan.masked({"body": locked.body})["body"]
        elif locked.redaction:
            raise TicketError(Code.ALREADY_REDACTED)
        else:
            raise TicketError(Code.NOTHING_TO_REDACT)
        locked.redaction = Redaction(mode)
        locked.redacted_at = timezone.now()
        locked.save(update_fields=["body", "redaction", "redacted_at", "updated_at"])
        redaction_event_record(
            ticket=ticket,
            actor=actor,
            target=Target.INTERNAL_NOTE if locked.is_internal else Target.MESSAGE,
            target_id=locked.pk,
            mode=mode,
            kinds=scan.kinds,
            fields=["body"],
        )
    return locked


def ticket_redact(*, ticket: Ticket, actor: User | None, mode: str = Redaction.MASKED) -> Ticket:
    """Take a wallet secret out of the ticket's own texts (TICKET_TEXT_FIELDS).

    MASKED replaces what the guard finds in any of them; REMOVED replaces the whole
    description with ``removed_notice()`` and masks what the guard finds elsewhere. Raises
    TicketError NOT_AGENT, ALREADY_REDACTED, NOTHING_TO_REDACT as ``message_redact`` does.
    Locks the ticket row; records REDACTED; the requester is notified on commit.
    """
    _require_agent_or_system(actor)
    with transaction.atomic():
        locked = ticket_lock(ticket)
        if mode == Redaction.REMOVED and locked.redaction == Redaction.REMOVED:
            raise TicketError(Code.ALREADY_REDACTED)
        values = {name: getattr(locked, name) or "" for name in TICKET_TEXT_FIELDS}
        scan = secret_scan(values)
        if mode != Redaction.REMOVED and not scan.found:
            raise TicketError(Code.ALREADY_REDACTED if locked.redaction else Code.NOTHING_TO_REDACT)
        changed = dict(scan.masked({name: values[name] for name in scan.fields}))
        if mode == Redaction.REMOVED:
            changed["description"] = removed_notice()
        for name, value in changed.items():
            limit = getattr(Ticket._meta.get_field(name), "max_length", None)
            setattr(locked, name, value[:limit] if limit else value)
        # Removed stays removed even when a later rescan only masks another field.
        if locked.redaction != Redaction.REMOVED:
            locked.redaction = Redaction(mode)
        locked.redacted_at = timezone.now()
        locked.save(update_fields=sorted({*changed, "redaction", "redacted_at", "updated_at"}))
        redaction_event_record(
            ticket=locked,
            actor=actor,
            target=Target.TICKET,
            target_id=locked.pk,
            mode=mode,
            kinds=scan.kinds,
            fields=sorted(changed),
        )
    return locked

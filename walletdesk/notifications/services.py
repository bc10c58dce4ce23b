"""Writes for notifications: rows for an event, claiming, delivery outcomes, reads.

Who hears what (a help desk's usual rules; the actor never hears of their own action):

- the requester: an agent's public reply, a request for information, a rejection (with the
  reason), resolution by an agent, a close of an active ticket (by an agent or the waiting
  sweep), a reopen by an agent, the waiting reminder (the REMINDED event that
  tickets/reminders.py records), the satisfaction survey's one reminder (SURVEY_REMINDED,
  surveys.py), a wallet secret taken out of what they sent (REDACTED, by
  an agent or the rescan; never for an internal note or file, which they never saw), and a
  file of theirs refused after it was stored (a background check found a recovery phrase,
  or the malware scan caught it);
- the assigned agent: a customer reply on their ticket, and a ticket given to them by
  someone else;
- the requester, once their ticket is in: a receipt (receipts.py writes it after the fact, so
  a submission pays nothing for it);
- nobody: internal notes (never the customer; agents read them in the thread), new tickets
  on the agents' side (they belong to a queue, not a person: a queue digest comes later),
  status changes that are the side effect of a reply (the reply itself is announced),
  priority and category changes, ratings, attachments, and the automatic close of a resolved
  ticket (the user was told when it was resolved).

The community forum tells people of its own changes through ``notification_forum_create``
(the forum sits above this app and calls down; this app never imports it): the asker hears
of a published answer to their question, an answerer of their answer being accepted or
replied to. Those rows have no ticket; they go out in the app and by mail (FORUM_CHANNELS),
never by push (the wallet app's push payloads carry a ticket).
"""

import logging
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections, router, transaction
from django.db.models import F, Field, Model, Q
from django.utils import timezone

from walletdesk.accounts.models import User
from walletdesk.notifications.models import (
    FORUM_CHANNELS,
    FORUM_KINDS,
    Channel,
    Kind,
    Notification,
    NotificationPreference,
    State,
    WebhookEndpoint,
)
from walletdesk.tickets.models import Status, Ticket, TicketEvent
from walletdesk.tickets.redaction import Target

logger = logging.getLogger(__name__)

EventKind = TicketEvent.Kind
# Channels a kind may use: webhooks feed the wallet app's push service, customers only.
CUSTOMER_CHANNELS = (Channel.INAPP, Channel.EMAIL, Channel.WEBHOOK)
AGENT_CHANNELS = (Channel.INAPP, Channel.EMAIL)
_AGENT_CHANNELS = AGENT_CHANNELS
_REOPENED_FROM = (Status.RESOLVED, Status.CLOSED, Status.REJECTED)
# Exponential backoff between delivery attempts: 30 s, 60 s, 120 s, ... capped at an hour.
_BACKOFF_BASE_FOR = 30
_BACKOFF_MAX_FOR = 3600


@dataclass(frozen=True)
class Audience:
    recipient: User
    kind: Kind
    channels: tuple[Channel, ...]


def _requester(ticket: Ticket, kind: Kind) -> Audience:
    return Audience(ticket.requester, kind, CUSTOMER_CHANNELS)


# The event kinds anyone may hear of (audience_for_event answers nobody for the others): the
# listener is registered for these alone, so a change of another kind costs no transaction.
HEARD_KINDS = frozenset(
    {
        EventKind.AGENT_REPLIED,
        EventKind.INFO_REQUESTED,
        EventKind.REJECTED,
        EventKind.REMINDED,
        EventKind.SURVEY_REMINDED,
        EventKind.STATUS_CHANGED,
        EventKind.CUSTOMER_REPLIED,
        EventKind.ASSIGNED,
        EventKind.REDACTED,
        EventKind.ATTACHMENT_REFUSED,
    }
)


def audience_for_event(event: TicketEvent) -> list[Audience]:
    """Who should hear of ``event`` and as which kind (see the module docstring)."""
    ticket = event.ticket
    found: list[Audience] = []
    if event.kind == EventKind.AGENT_REPLIED:
        found.append(_requester(ticket, Kind.AGENT_REPLIED))
    elif event.kind == EventKind.INFO_REQUESTED:
        found.append(_requester(ticket, Kind.INFO_REQUESTED))
    elif event.kind == EventKind.REJECTED:
        found.append(_requester(ticket, Kind.REJECTED))
    elif event.kind == EventKind.REMINDED:
        found.append(_requester(ticket, Kind.REMINDER))
    elif event.kind == EventKind.SURVEY_REMINDED:
        found.append(_requester(ticket, Kind.SURVEY_REMINDER))
    elif event.kind == EventKind.REDACTED and event.from_value not in Target.INTERNAL:
        found.append(_requester(ticket, Kind.REDACTED))
    elif event.kind == EventKind.STATUS_CHANGED:
        if event.to_value == Status.RESOLVED:
            found.append(_requester(ticket, Kind.RESOLVED))
        elif event.to_value == Status.CLOSED and event.from_value != Status.RESOLVED:
            found.append(_requester(ticket, Kind.CLOSED))
        elif event.to_value == Status.OPEN and event.from_value in _REOPENED_FROM:
            # A customer's own reply reopening it is dropped below (the actor never hears).
            found.append(_requester(ticket, Kind.STATUS_CHANGED))
    elif event.kind == EventKind.CUSTOMER_REPLIED:
        if ticket.assignee_id is not None and ticket.assignee is not None:
            found.append(Audience(ticket.assignee, Kind.CUSTOMER_REPLIED, _AGENT_CHANNELS))
    elif event.kind == EventKind.ASSIGNED and ticket.assignee is not None:
        found.append(Audience(ticket.assignee, Kind.ASSIGNED, _AGENT_CHANNELS))
    elif event.kind == EventKind.ATTACHMENT_REFUSED and event.from_value == "customer":
        # from_value names whose file it was: the requester hears of their own files only.
        found.append(_requester(ticket, Kind.ATTACHMENT_REFUSED))
    return [a for a in found if a.recipient.pk != event.actor_id and a.recipient.is_active]


def _disabled(users: Iterable[User]) -> set[tuple[object, str, str]]:
    rows = NotificationPreference.objects.filter(
        user__in=[u.pk for u in users], enabled=False
    ).values_list("user_id", "kind", "channel")
    return set(rows)


def notifications_create(*, event: TicketEvent, audience: list[Audience]) -> list[Notification]:
    """Write one row per (recipient, channel) the recipient's preferences allow.

    Call inside the transaction of the change. In-app rows are delivered by existing (they
    are written as sent); e-mail and webhook rows are queued once the transaction commits.
    A row that already exists for (recipient, event, channel) is not written twice.
    """
    if not audience:
        return []
    disabled = _disabled(a.recipient for a in audience)
    wants_webhook = any(Channel.WEBHOOK in a.channels for a in audience)
    has_endpoint = wants_webhook and WebhookEndpoint.objects.filter(is_active=True).exists()
    now = timezone.now()
    rows: list[Notification] = []
    for item in audience:
        for channel in item.channels:
            if (item.recipient.pk, item.kind, channel) in disabled:
                continue
            if channel == Channel.WEBHOOK and not has_endpoint:
                continue
            inapp = channel == Channel.INAPP
            rows.append(
                Notification(
                    recipient=item.recipient,
                    kind=item.kind,
                    channel=channel,
                    ticket=event.ticket,
                    event=event,
                    state=State.SENT if inapp else State.PENDING,
                    sent_at=now if inapp else None,
                )
            )
    return _rows_write(rows)


def _rows_write(rows: list[Notification]) -> list[Notification]:
    """Write ``rows`` and hand the ones that still have to go out to the workers once the
    transaction commits (a rolled-back change queues nothing)."""
    if not rows:
        return []
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    outgoing = [r.pk for r in rows if r.channel != Channel.INAPP]
    if outgoing:
        transaction.on_commit(lambda: notifications_queue(outgoing))
    return rows


def notifications_for_event(event: TicketEvent) -> list[Notification]:
    """The listener every ticket change passes through (registered in NotificationsConfig.ready;
    tickets.services.ticket_event_record calls it).

    Writes the event's notification rows in the caller's transaction; delivery is queued on
    commit, so a rolled-back change announces nothing. Costs no query for events nobody
    hears of.
    """
    return notifications_create(event=event, audience=audience_for_event(event))


def notification_forum_create(
    *,
    recipient: User,
    kind: Kind,
    actor: User | None,
    link: str,
    source: str,
    title: str = "",
    thread: str = "",
) -> list[Notification]:
    """Tell ``recipient`` of a forum change (``kind`` one of FORUM_KINDS) in the app and by mail.

    ``link`` is the site path the notification opens; ``source`` names what it is about
    (``forum-post:<uuid>``): a (recipient, kind, source) already told on a channel is not told
    on it again, so a post published, held by an edit and published again announces itself
    once. ``title`` (the topic's) and ``thread`` (``topic-<uuid>``) are for the mail: its
    subject, and the thread a mail client groups it under. The caller holds a lock on the row
    the change is about, which keeps two concurrent changes from both passing that check.
    Nobody hears of their own action, an inactive account hears nothing, and no channel the
    recipient turned the kind off on carries it. Call inside the change's transaction: the
    in-app row is written as sent, the mail's is queued once the transaction commits.
    Returns the rows written.
    """
    if kind not in FORUM_KINDS:
        raise ValueError(f"{kind} is not a forum kind")
    if not recipient.is_active or (actor is not None and actor.pk == recipient.pk):
        return []
    told = set(
        Notification.objects.filter(recipient=recipient, kind=kind, source=source).values_list(
            "channel", flat=True
        )
    )
    disabled = _disabled([recipient])
    now = timezone.now()
    rows: list[Notification] = []
    for channel in FORUM_CHANNELS:
        if channel in told or (recipient.pk, kind, channel) in disabled:
            continue
        inapp = channel == Channel.INAPP
        rows.append(
            Notification(
                recipient=recipient,
                kind=kind,
                channel=channel,
                link=link,
                source=source,
                # Someone's text, needed by the mail alone: the in-app row never holds it.
                title="" if inapp else title[:150],
                thread="" if inapp else thread,
                state=State.SENT if inapp else State.PENDING,
                sent_at=now if inapp else None,
            )
        )
    return _rows_write(rows)


def notifications_forum_withdraw(*, sources: Iterable[str]) -> int:
    """Take back the forum's mails not sent yet about ``sources`` (``forum-post:<uuid>``): a
    post or a question hidden by a moderator or deleted by its author after it was announced.
    Such a mail names the question and leads to what others may no longer read. The in-app
    rows stay: they hold no text, and keep the once-per-post rule. A mail a worker is already
    sending cannot be stopped; one taken back is sent if the post is published again. Returns
    how many were taken back."""
    withdrawn, _ = Notification.objects.filter(
        kind__in=FORUM_KINDS, channel=Channel.EMAIL, state=State.PENDING, source__in=list(sources)
    ).delete()
    return withdrawn


def notifications_queue(notification_ids: Iterable[UUID]) -> None:
    """Hand rows to the workers. A broker that is down loses nothing: the rows stay pending
    and the sweep queues them again."""
    from walletdesk.notifications.tasks import notification_deliver

    for notification_id in notification_ids:
        try:
            notification_deliver.apply_async(kwargs={"notification_id": str(notification_id)})
        except Exception:  # the broker is unreachable: the sweep will retry
            logger.warning("notification %s not queued; the sweep will retry", notification_id)
            return


def notification_claim(
    *, notification_id: UUID | str, now: datetime | None = None
) -> datetime | None:
    """Take a row for sending with one conditional UPDATE; returns the claim time or None.

    A row is claimable while pending, or while "sending" under a claim older than the lease
    (its worker died). Two workers racing for one row: the database lets exactly one UPDATE
    match, so at most one of them sends.
    """
    now = now or timezone.now()
    lease_expired = now - timedelta(seconds=settings.NOTIFICATIONS_CLAIM_LEASE_FOR)
    claimable = Q(state=State.PENDING) | Q(state=State.SENDING, claimed_at__lt=lease_expired)
    updated = (
        Notification.objects.filter(claimable, pk=notification_id)
        .exclude(channel=Channel.INAPP)
        .update(state=State.SENDING, claimed_at=now, attempts=F("attempts") + 1, updated_at=now)
    )
    return now if updated == 1 else None


def notification_mark_sent(*, notification_id: UUID | str, claimed_at: datetime) -> bool:
    """Record a successful send, only if our claim still holds (a stale worker cannot).

    A forum mail's title (someone's text, which an erasure or a moderator may take back) is
    not kept once the mail has gone."""
    now = timezone.now()
    return bool(
        Notification.objects.filter(
            pk=notification_id, state=State.SENDING, claimed_at=claimed_at
        ).update(state=State.SENT, sent_at=now, last_error="", title="", updated_at=now)
    )


def notification_backoff_for(attempts: int) -> int:
    """Seconds to wait after the ``attempts``-th failed attempt: 30 s, 60 s, 120 s, ...,
    capped at an hour."""
    return int(min(_BACKOFF_MAX_FOR, _BACKOFF_BASE_FOR * 2 ** max(0, attempts - 1)))


def notification_mark_failed(
    *, notification_id: UUID | str, claimed_at: datetime, error: str, final: bool, attempts: int = 1
) -> bool:
    """Give the row back (pending, due again after the backoff) or mark it failed for good.

    ``attempts`` is the row's attempt count under this claim: it counts every attempt
    whoever queued it (the task's retry, the sweep), so the backoff grows across both. A
    forum mail that will not be tried again keeps no title, as one that went keeps none.
    """
    now = timezone.now()
    next_attempt_at = None if final else now + timedelta(seconds=notification_backoff_for(attempts))
    given_up = {"title": ""} if final else {}
    return bool(
        Notification.objects.filter(
            pk=notification_id, state=State.SENDING, claimed_at=claimed_at
        ).update(
            state=State.FAILED if final else State.PENDING,
            last_error=error[:2000],
            next_attempt_at=next_attempt_at,
            updated_at=now,
            **given_up,
        )
    )


def notification_retry_delay_for(*, notification_id: UUID | str) -> int:
    """Seconds until the row's next attempt is due (0 if due now); the task's countdown."""
    due = (
        Notification.objects.filter(pk=notification_id)
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    if due is None:
        return 0
    return max(0, math.ceil((due - timezone.now()).total_seconds()))


def notifications_sweep(*, now: datetime | None = None) -> list[UUID]:
    """Find rows not delivered in time and queue them again; returns their ids.

    Pending rows due for longer than NOTIFICATIONS_SWEEP_AFTER_FOR (the on-commit queueing or
    a retry was lost: a broker outage, a crashed process; a row still inside its retry backoff
    is not due) and "sending" rows whose lease expired (the
    worker died between claim and send). Queuing twice is harmless: the claim decides.
    """
    now = now or timezone.now()
    older = now - timedelta(seconds=settings.NOTIFICATIONS_SWEEP_AFTER_FOR)
    lease_expired = now - timedelta(seconds=settings.NOTIFICATIONS_CLAIM_LEASE_FOR)
    # A pending row is overdue once its due time (the backoff's next attempt, or its creation
    # for a row never tried) is older than the threshold: a failed row waiting out its backoff
    # is left to the task's own countdown, and only a retry that got lost is queued again.
    overdue = Q(next_attempt_at__isnull=True, created_at__lte=older) | Q(next_attempt_at__lte=older)
    ids = list(
        Notification.objects.filter(
            (Q(state=State.PENDING) & overdue)
            | Q(state=State.SENDING, claimed_at__lt=lease_expired)
        )
        .exclude(channel=Channel.INAPP)
        .order_by("created_at")
        .values_list("pk", flat=True)[:5000]
    )
    if ids:
        notifications_queue(ids)
    return ids


def notification_mark_read(*, user: User, notification: Notification) -> None:
    """Mark one of the user's in-app notifications read (the selector checked ownership)."""
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, recipient=user).update(
            read_at=timezone.now()
        )


def notifications_mark_all_read(*, user: User) -> int:
    """Mark every unread in-app notification of the user read; returns how many."""
    return int(
        Notification.objects.filter(recipient=user).unread_inapp().update(read_at=timezone.now())
    )


@cache
def _unread_counts_sql() -> str:
    """The COUNT of ``notifications_read_for_ticket``, worked out once per process: compiling
    the ORM's aggregate cost more than the database answering it, on every ticket page.

    The channel is the statement's constant, as in the partial unread index's predicate, so
    the planner can use that index under a generic plan too."""
    meta = Notification._meta
    table = connection.ops.quote_name(meta.db_table)

    def column(name: str) -> str:
        field = meta.get_field(name)
        if not isinstance(field, Field) or not field.column:  # pragma: no cover
            raise ValueError(f"Notification.{name} is not a column")
        return connection.ops.quote_name(field.column)

    channel = str(Channel.INAPP.value)
    if not channel.isalnum():  # pragma: no cover -- a constant of the model
        raise ValueError("the channel is written into the statement: letters and digits only")
    # Table and column names come from the model, quoted; every value is a parameter.
    return (
        f"SELECT COUNT(*), COUNT(CASE WHEN {column('ticket')} = %s THEN 1 END) "  # noqa: S608
        f"FROM {table} WHERE {column('recipient')} = %s AND {column('channel')} = '{channel}' "
        f"AND {column('read_at')} IS NULL"
    )


def _key(model: type[Model], value: object, using: str) -> Any:
    # The key as the database stores it (a UUID is text on a database without the type).
    pk = model._meta.pk
    if pk is None:  # pragma: no cover -- every concrete model has a key
        raise ValueError(f"{model.__name__} has no key")
    return pk.get_db_prep_value(value, connections[using])


def notifications_read_for_ticket(*, user: User, ticket: Ticket) -> int:
    """The user opened ``ticket``: mark their unread in-app notifications about it read.

    Returns the user's unread count left, for the bell on the same page. One COUNT (the one
    the bell makes anyway, which also counts the rows about this ticket) and, only when some
    of them are about it, one UPDATE of exactly those rows (the partial unread index bounds
    both). A notification written between the two is about the ticket the user is looking
    at, so the UPDATE marks it too and the count left never goes below zero.
    """
    using = router.db_for_read(Notification) or DEFAULT_DB_ALIAS
    with connections[using].cursor() as cursor:
        cursor.execute(
            _unread_counts_sql(), [_key(Ticket, ticket.pk, using), _key(User, user.pk, using)]
        )
        counted = cursor.fetchone()
    total, about = int(counted[0]), int(counted[1])
    if about:
        unread = Notification.objects.filter(recipient=user).unread_inapp()
        about = unread.filter(ticket=ticket).update(read_at=timezone.now())
    return max(0, total - about)


def notification_preference_set(*, user: User, kind: str, channel: str, enabled: bool) -> None:
    """Turn one kind on one channel on or off (List-Unsubscribe, the preferences page)."""
    NotificationPreference.objects.update_or_create(
        user=user, kind=kind, channel=channel, defaults={"enabled": enabled}
    )


@transaction.atomic
def notification_preferences_set(*, user: User, choices: Iterable[tuple[str, str, bool]]) -> None:
    """Set several (kind, channel, enabled) switches of the user at once (the REST API).

    All or nothing: one transaction, so a failure part-way leaves every switch as it was.
    The caller checked that each kind and channel is one the user may choose.
    """
    for kind, channel, enabled in choices:
        notification_preference_set(user=user, kind=kind, channel=channel, enabled=enabled)

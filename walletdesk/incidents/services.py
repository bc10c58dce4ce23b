"""Writes for incidents: open, link and unlink tickets, answer every linked ticket at once,
resolve.

An answer to all (a reply, or the final message that resolves) is checked once when the lead
sends it (the outgoing secret guard, as for any agent reply), stored as an IncidentUpdate, and
delivered in the background in batches: each ticket through the ticket services (so the status
machine decides, an event is recorded and the requester is notified exactly as for a reply
typed by hand), in the requester's language. Each delivery claims its (update, ticket) row in
the transaction that posts the reply, so a rerun or a second worker never posts twice.
"""

from datetime import datetime, timedelta
from uuid import UUID

from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from walletdesk.accounts.models import User
from walletdesk.audit.models import Kind as AuditKind
from walletdesk.audit.services import record as audit_record
from walletdesk.guard.models import Channel
from walletdesk.guard.services import secret_guard, secret_request_guard
from walletdesk.incidents.errors import IncidentError
from walletdesk.incidents.models import (
    Incident,
    IncidentDelivery,
    IncidentLink,
    IncidentStatus,
    IncidentUpdate,
)
from walletdesk.incidents.selectors import incident_may_lead
from walletdesk.tickets import workflow
from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.models import Category, Ticket, TicketEvent
from walletdesk.tickets.selectors import can_work
from walletdesk.tickets.services import (
    ticket_event_record,
    ticket_lock,
    ticket_reply_check,
    ticket_reply_insert,
    ticket_resolve,
)
from walletdesk.tickets.workflow import Action, Actor

# Tickets one run of the delivery task handles before it queues the next run: a run stays
# short, and the console never waits on it.
DELIVERY_BATCH = 100


def _require_lead(user: User) -> None:
    if not incident_may_lead(user):
        raise IncidentError(IncidentError.Code.NOT_INCIDENT_LEAD)


def _require_open(incident: Incident) -> None:
    if incident.status != IncidentStatus.OPEN:
        raise IncidentError(IncidentError.Code.INCIDENT_RESOLVED)


def _guard_outgoing(texts: dict[str, str], *, author: User, channel: str) -> None:
    """What users will read, read by the outgoing guard like an agent's public reply: a wallet
    secret in it raises TicketError(SECRET_DETECTED) with the fields and their masked text, a
    request for a secret, a code or remote access TicketError(SECRET_REQUEST). Each language
    is read alone (a user reads one). The catch is recorded: call outside any transaction."""
    for name, text in texts.items():
        if not text.strip():
            continue
        scan = secret_guard(fields={name: text}, user=author, channel=channel)
        if scan.found:
            raise TicketError(TicketError.Code.SECRET_DETECTED, **scan.refusal(texts))
    for text in texts.values():
        if (
            text.strip()
            and secret_request_guard(body=text, agent=author, ticket=None, channel=channel).requests
        ):
            raise TicketError(TicketError.Code.SECRET_REQUEST)


def incident_open(
    *,
    author: User,
    title_zh: str,
    title_en: str,
    description_zh: str,
    description_en: str,
    network: str = "",
    category: Category | None = None,
    window_hours: int = 24,
    channel: str = Channel.WEB,
) -> Incident:
    """Open an incident. Raises IncidentError(NOT_INCIDENT_LEAD, INCIDENT_TEXT_MISSING: all
    four texts are required) and, for the public description, TicketError(SECRET_DETECTED /
    SECRET_REQUEST). Writes an audit entry."""
    _require_lead(author)
    texts = {
        "title_zh": title_zh.strip(),
        "title_en": title_en.strip(),
        "description_zh": description_zh.strip(),
        "description_en": description_en.strip(),
    }
    if not all(texts.values()):
        raise IncidentError(IncidentError.Code.INCIDENT_TEXT_MISSING)
    _guard_outgoing(texts, author=author, channel=channel)
    with transaction.atomic():
        incident = Incident(
            **texts,
            network=network,
            category=category,
            window_hours=window_hours,
            opened_by=author,
            opened_at=timezone.now(),
        )
        incident.full_clean(exclude=["matches_until"])
        incident.save()
        audit_record(
            AuditKind.INCIDENT_OPENED,
            actor=author,
            target=str(incident.pk),
            network=network,
            category=category.slug if category else "",
        )
    return incident


@transaction.atomic
def incident_link(
    *,
    incident: Incident,
    ticket: Ticket,
    agent: User,
    how: str = IncidentLink.How.MANUAL,
) -> IncidentLink:
    """Link ``ticket`` to an open incident. Raises TicketError(NOT_AGENT, NOT_IN_TEAM: the
    agent must work the ticket), IncidentError(INCIDENT_RESOLVED, ALREADY_LINKED: a ticket has
    one incident at most). Records INCIDENT_LINKED on the ticket.

    The ticket row is locked first, so two agents linking it at once queue; the unique ticket
    of the link refuses the second in any case.
    """
    if not agent.is_agent:
        raise TicketError(TicketError.Code.NOT_AGENT)
    _require_open(incident)
    locked = ticket_lock(ticket)
    if not can_work(agent, locked):
        raise TicketError(TicketError.Code.NOT_IN_TEAM)
    existing = IncidentLink.objects.filter(ticket=locked).select_related("incident").first()
    if existing is not None:
        raise IncidentError(IncidentError.Code.ALREADY_LINKED, title=existing.incident.title)
    try:
        with transaction.atomic():
            link = IncidentLink.objects.create(
                incident=incident, ticket=locked, linked_by=agent, how=how
            )
    except IntegrityError:
        raise IncidentError(IncidentError.Code.ALREADY_LINKED, title=incident.title) from None
    ticket_event_record(
        ticket=locked,
        kind=TicketEvent.Kind.INCIDENT_LINKED,
        actor=agent,
        to_value=incident.pk,
        reason=incident.title_en,
    )
    return link


@transaction.atomic
def incident_unlink(*, ticket: Ticket, agent: User) -> Incident:
    """Take ``ticket`` off its incident; returns the incident. Raises TicketError(NOT_AGENT,
    NOT_IN_TEAM), IncidentError(NOT_LINKED). Records INCIDENT_UNLINKED on the ticket: the
    incident is no longer suggested for it."""
    if not agent.is_agent:
        raise TicketError(TicketError.Code.NOT_AGENT)
    locked = ticket_lock(ticket)
    if not can_work(agent, locked):
        raise TicketError(TicketError.Code.NOT_IN_TEAM)
    link = IncidentLink.objects.filter(ticket=locked).select_related("incident").first()
    if link is None:
        raise IncidentError(IncidentError.Code.NOT_LINKED)
    incident = link.incident
    link.delete()
    ticket_event_record(
        ticket=locked,
        kind=TicketEvent.Kind.INCIDENT_UNLINKED,
        actor=agent,
        from_value=incident.pk,
        reason=incident.title_en,
    )
    return incident


def _update_texts(body_zh: str, body_en: str) -> tuple[str, str]:
    zh, en = body_zh.strip(), body_en.strip()
    if not (zh or en):
        raise IncidentError(IncidentError.Code.UPDATE_MISSING)
    return zh, en


def _queue_delivery(update: IncidentUpdate) -> None:
    # Imported here: the task module imports this one.
    from walletdesk.incidents.tasks import incident_update_deliver_task

    transaction.on_commit(lambda: incident_update_deliver_task.delay(update_id=str(update.pk)))


def incident_reply_all(
    *,
    incident: Incident,
    author: User,
    body_zh: str,
    body_en: str,
    channel: str = Channel.WEB,
) -> IncidentUpdate:
    """Answer every ticket linked to the open ``incident``: the reply is posted on each active
    linked ticket in its requester's language (one language given is used for both), in the
    background. Raises IncidentError(NOT_INCIDENT_LEAD, INCIDENT_RESOLVED, UPDATE_MISSING),
    TicketError(SECRET_DETECTED, SECRET_REQUEST). Writes an audit entry."""
    _require_lead(author)
    _require_open(incident)
    zh, en = _update_texts(body_zh, body_en)
    _guard_outgoing({"body_zh": zh, "body_en": en}, author=author, channel=channel)
    return _update_create(
        incident=incident,
        author=author,
        kind=IncidentUpdate.Kind.REPLY,
        zh=zh,
        en=en,
        audit=AuditKind.INCIDENT_REPLIED,
    )


def incident_resolve(
    *,
    incident: Incident,
    author: User,
    body_zh: str,
    body_en: str,
    channel: str = Channel.WEB,
) -> IncidentUpdate:
    """Resolve the incident with a final message, and in the background resolve every linked
    ticket the status machine lets an agent resolve, with that message in its requester's
    language; the others are listed with the reason. Raises as ``incident_reply_all``.
    Writes an audit entry."""
    _require_lead(author)
    zh, en = _update_texts(body_zh, body_en)
    _guard_outgoing({"body_zh": zh, "body_en": en}, author=author, channel=channel)
    with transaction.atomic():
        locked = Incident.objects.select_for_update().get(pk=incident.pk)
        _require_open(locked)
        locked.status = IncidentStatus.RESOLVED
        locked.resolved_at = timezone.now()
        locked.resolved_by = author
        locked.save(update_fields=["status", "resolved_at", "resolved_by", "updated_at"])
        incident.status, incident.resolved_at = locked.status, locked.resolved_at
        return _update_create(
            incident=locked,
            author=author,
            kind=IncidentUpdate.Kind.RESOLUTION,
            zh=zh,
            en=en,
            audit=AuditKind.INCIDENT_RESOLVED,
        )


@transaction.atomic
def _update_create(
    *, incident: Incident, author: User, kind: str, zh: str, en: str, audit: AuditKind
) -> IncidentUpdate:
    targets = IncidentLink.objects.filter(incident=incident).count()
    update = IncidentUpdate.objects.create(
        incident=incident, kind=kind, body_zh=zh, body_en=en, author=author, targets=targets
    )
    audit_record(
        audit, actor=author, target=str(incident.pk), update=str(update.pk), tickets=targets
    )
    _queue_delivery(update)
    return update


def _refusal(update: IncidentUpdate, ticket: Ticket, reason: str) -> None:
    try:
        with transaction.atomic():
            IncidentDelivery.objects.create(update=update, ticket=ticket, refused=reason)
    except IntegrityError:
        pass  # another run got there first: its outcome stands


def _why(error: TicketError, author: User) -> str:
    # Read by the agents on the incident page: in the lead's language.
    with translation.override(author.language):
        return error.message


def _deliver_one(update: IncidentUpdate, ticket: Ticket) -> None:
    author = update.author
    body = update.body_for(ticket.requester.language)
    resolving = update.kind == IncidentUpdate.Kind.RESOLUTION
    if not ticket.is_support_for(author):
        _refusal(update, ticket, _why(TicketError(TicketError.Code.NOT_AGENT), author))
        return
    action_ok = (
        workflow.is_allowed(status=ticket.status, action=Action.RESOLVE, actor=Actor.AGENT)
        if resolving
        else ticket.is_active and ticket.merged_into_id is None
    )
    if not action_ok:
        action = Action.RESOLVE if resolving else Action.CUSTOMER_REPLY
        with translation.override(author.language):
            refused = TicketError(
                TicketError.Code.TRANSITION_NOT_ALLOWED,
                status=str(ticket.get_status_display()),
                action=str(workflow.ACTION_LABELS[action]),
            )
        _refusal(update, ticket, _why(refused, author))
        return
    try:
        if resolving:
            with transaction.atomic():
                IncidentDelivery.objects.create(update=update, ticket=ticket)
                ticket_resolve(ticket=ticket, actor=author, body=body)
            return
        # The guard reads each ticket's reply at its category's strength; a catch it records
        # must survive a refusal, so it runs before the claiming transaction.
        checked = ticket_reply_check(ticket=ticket, author=author, body=body)
        with transaction.atomic():
            delivery = IncidentDelivery.objects.create(update=update, ticket=ticket)
            delivery.message = ticket_reply_insert(checked=checked)
            delivery.save(update_fields=["message"])
    except IntegrityError:
        return  # delivered by another run meanwhile
    except TicketError as error:
        _refusal(update, ticket, _why(error, author))


def incident_update_deliver(*, update_id: UUID, batch_size: int = DELIVERY_BATCH) -> bool:
    """Deliver ``update`` to the next ``batch_size`` linked tickets that do not have it yet
    (linked before it was written, oldest link first); returns whether any are left. Safe to
    run twice and at once: each (update, ticket) is claimed in the transaction that posts it.
    Marks the update finished when none are left."""
    update = (
        IncidentUpdate.objects.select_related("author", "incident").filter(pk=update_id).first()
    )
    if update is None or update.finished_at is not None:
        return False
    done = IncidentDelivery.objects.filter(update=update).values("ticket_id")
    links = list(
        IncidentLink.objects.filter(
            incident_id=update.incident_id, linked_at__lte=update.created_at
        )
        .exclude(ticket_id__in=done)
        .select_related("ticket", "ticket__requester", "ticket__category")
        .order_by("id")[: batch_size + 1]
    )
    for link in links[:batch_size]:
        _deliver_one(update, link.ticket)
    if len(links) > batch_size:
        # A heartbeat: the sweep leaves an update alone while its batches keep coming.
        IncidentUpdate.objects.filter(pk=update.pk).update(updated_at=timezone.now())
        return True
    IncidentUpdate.objects.filter(pk=update.pk, finished_at__isnull=True).update(
        finished_at=timezone.now()
    )
    return False


# An update whose delivery has made no progress for this long lost its queued run (a broker
# restart, a deploy): the sweep queues it again. Longer than any one batch takes.
STALLED_FOR = timedelta(minutes=5)


def incident_updates_stalled(*, now: datetime | None = None) -> list[UUID]:
    """The unfinished updates with no batch delivered for STALLED_FOR (the periodic sweep
    queues each again; delivering twice at once is safe, see incident_update_deliver)."""
    moment = now or timezone.now()
    return list(
        IncidentUpdate.objects.filter(
            finished_at__isnull=True, updated_at__lt=moment - STALLED_FOR
        ).values_list("pk", flat=True)
    )

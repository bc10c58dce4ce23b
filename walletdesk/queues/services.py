"""Saved views and bulk actions.

A bulk action is a job with one item per ticket, chosen when it starts (a selection, or
every ticket a view shows, up to BULK_MAX). Small ones run in the request; larger ones in
the background, BULK_BATCH tickets per transaction, the job's counts moved after each batch:
the console never waits for it, its page shows the progress, and a run that stops half-way
(a worker restart) is picked up where it stopped, since only pending items are read. Each
ticket goes through the ticket services (the status machine, the team rules, an event per
change); one that refuses is recorded with the reason, in the agent's language.
"""

import logging
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from walletdesk.accounts.models import User
from walletdesk.audit.models import Kind as AuditKind
from walletdesk.audit.services import record as audit_record
from walletdesk.core.errors import DomainError
from walletdesk.macros.models import Macro
from walletdesk.macros.services import macro_after_reply, macro_render
from walletdesk.queues.errors import QueueError
from walletdesk.queues.models import BulkItem, BulkJob, SavedView
from walletdesk.tickets import selectors as ticket_selectors
from walletdesk.tickets.models import Priority, Tag, Ticket
from walletdesk.tickets.services import (
    ticket_assign,
    ticket_close,
    ticket_priority_change,
    ticket_reply_add,
    ticket_tag_add,
)

logger = logging.getLogger(__name__)

BULK_INLINE_UP_TO = 50
BULK_MAX = 10_000
BULK_BATCH = 200


# --- saved views ---------------------------------------------------------------------------


def saved_view_save(*, owner: User, name: str, query: str, shared: bool) -> SavedView:
    """Keep ``query`` (the queue's own query string) under ``name``; the same name again
    replaces the filters. Any agent may share their view with every agent; only its owner
    (or an administrator) deletes it."""
    name = name.strip()
    if not name:
        raise QueueError(QueueError.Code.NAME_REQUIRED)
    view, _created = SavedView.objects.update_or_create(
        owner=owner, name=name[:80], defaults={"query": query[:1000], "shared": shared}
    )
    return view


def saved_view_delete(*, view: SavedView, user: User) -> None:
    if view.owner_id != user.pk and not ticket_selectors.sees_every_team(user):
        raise QueueError(QueueError.Code.NOT_YOURS)
    view.delete()


# --- bulk actions --------------------------------------------------------------------------


def _uuid(value: object) -> UUID:
    try:
        return UUID(str(value))
    except ValueError:
        raise QueueError(QueueError.Code.BAD_PARAMETER) from None


def _params_checked(agent: User, action: str, params: dict[str, Any]) -> dict[str, Any]:
    """The action's parameters, checked once before any ticket is touched."""
    if action == BulkJob.Action.ASSIGN:
        raw = params.get("assignee") or ""
        if raw and not User.objects.filter(pk=_uuid(raw), is_active=True).exists():
            raise QueueError(QueueError.Code.BAD_PARAMETER)
        return {"assignee": str(raw)}
    if action == BulkJob.Action.PRIORITY:
        try:
            priority = int(params.get("priority", ""))
        except (TypeError, ValueError):
            raise QueueError(QueueError.Code.BAD_PARAMETER) from None
        if priority not in Priority.values:
            raise QueueError(QueueError.Code.BAD_PARAMETER)
        return {"priority": priority}
    if action == BulkJob.Action.TAG:
        tag = Tag.objects.filter(pk=_uuid(params.get("tag")), is_active=True).first()
        if tag is None:
            raise QueueError(QueueError.Code.BAD_PARAMETER)
        return {"tag": str(tag.pk)}
    if action == BulkJob.Action.MACRO:
        macro = Macro.objects.usable_by(agent).filter(pk=_uuid(params.get("macro")))
        if not macro.exists():
            raise QueueError(QueueError.Code.BAD_PARAMETER)
        return {"macro": str(params["macro"])}
    if action == BulkJob.Action.CLOSE:
        return {"reason": str(params.get("reason") or "")[:500]}
    raise QueueError(QueueError.Code.BAD_PARAMETER)


def bulk_job_start(
    *,
    agent: User,
    action: str,
    params: dict[str, Any],
    ticket_ids: Sequence[UUID],
    described: str,
) -> BulkJob:
    """Start ``action`` on the tickets; returns the job. A small one has run when this
    returns; a larger one is queued for the background (after the commit)."""
    if not agent.is_agent:
        raise QueueError(QueueError.Code.NOT_YOURS)
    try:
        checked = _params_checked(agent, action, params)
    except (ValueError, TypeError):
        raise QueueError(QueueError.Code.BAD_PARAMETER) from None
    unique = list(dict.fromkeys(ticket_ids))
    if not unique:
        raise QueueError(QueueError.Code.NOTHING_CHOSEN)
    if len(unique) > BULK_MAX:
        raise QueueError(QueueError.Code.TOO_MANY, limit=BULK_MAX)
    with transaction.atomic():
        job = BulkJob.objects.create(
            created_by=agent,
            action=action,
            params=checked,
            described=described[:200],
            total=len(unique),
        )
        BulkItem.objects.bulk_create(
            [BulkItem(job=job, ticket_id=ticket_id) for ticket_id in unique], batch_size=1000
        )
        audit_record(
            AuditKind.BULK_ACTION,
            actor=agent,
            target=str(job.pk),
            action=action,
            tickets=len(unique),
        )
        if len(unique) > BULK_INLINE_UP_TO:
            from walletdesk.queues.tasks import bulk_job_task

            job_id = str(job.pk)
            transaction.on_commit(lambda: bulk_job_task.delay(job_id))
    if len(unique) <= BULK_INLINE_UP_TO:
        bulk_job_run(job.pk)
        job.refresh_from_db()
    return job


def bulk_job_run(job_id: UUID | str, *, batches: int | None = None) -> int:
    """Work through the job's pending tickets (all, or ``batches`` batches); returns how
    many were handled. Two runs at once take different tickets (rows locked, skipped)."""
    job = BulkJob.objects.select_related("created_by").get(pk=job_id)
    agent = job.created_by
    handled = 0
    BulkJob.objects.filter(pk=job.pk, state=BulkJob.State.QUEUED).update(
        state=BulkJob.State.RUNNING
    )
    while batches is None or batches > 0:
        if batches is not None:
            batches -= 1
        with transaction.atomic():
            items = list(
                BulkItem.objects.select_for_update(skip_locked=True)
                .filter(job=job, outcome=BulkItem.Outcome.PENDING)
                .order_by("id")[:BULK_BATCH]
            )
            if not items:
                break
            tickets = {
                t.pk: t
                for t in Ticket.objects.select_related("category", "requester").filter(
                    pk__in=[i.ticket_id for i in items]
                )
            }
            refused = 0
            for item in items:
                message = _apply_one(job, agent, tickets.get(item.ticket_id))
                item.outcome = BulkItem.Outcome.REFUSED if message else BulkItem.Outcome.DONE
                item.reason = message
                refused += bool(message)
            BulkItem.objects.bulk_update(items, ["outcome", "reason"])
            BulkJob.objects.filter(pk=job.pk).update(
                done=F("done") + len(items), refused=F("refused") + refused
            )
            handled += len(items)
    if not BulkItem.objects.filter(job=job, outcome=BulkItem.Outcome.PENDING).exists():
        BulkJob.objects.filter(pk=job.pk).exclude(state=BulkJob.State.FINISHED).update(
            state=BulkJob.State.FINISHED, finished_at=timezone.now()
        )
    return handled


def _apply_one(job: BulkJob, agent: User, ticket: Ticket | None) -> str:
    """Make the job's change on one ticket; returns why it was refused ("" when done), in
    the agent's language. Each change in a savepoint: a refusal leaves nothing behind."""
    with translation.override(agent.language):
        if ticket is None:
            return _("This ticket no longer exists.")
        if not ticket_selectors.can_work(agent, ticket):
            return _("You may not work this ticket (another team's).")
        try:
            with transaction.atomic():
                _change(job, agent, ticket)
        except DomainError as refusal:
            return str(refusal.message)
    return ""


def _change(job: BulkJob, agent: User, ticket: Ticket) -> None:
    params = job.params
    if job.action == BulkJob.Action.ASSIGN:
        assignee = User.objects.get(pk=params["assignee"]) if params["assignee"] else None
        ticket_assign(ticket=ticket, assignee=assignee, actor=agent)
    elif job.action == BulkJob.Action.PRIORITY:
        ticket_priority_change(ticket=ticket, priority=int(params["priority"]), agent=agent)
    elif job.action == BulkJob.Action.TAG:
        ticket_tag_add(ticket=ticket, tag=Tag.objects.get(pk=params["tag"]), agent=agent)
    elif job.action == BulkJob.Action.MACRO:
        macro = Macro.objects.select_related("add_tag").get(pk=params["macro"])
        ticket_reply_add(ticket=ticket, author=agent, body=macro_render(macro=macro, ticket=ticket))
        macro_after_reply(macro=macro, ticket=ticket, agent=agent)
    elif job.action == BulkJob.Action.CLOSE:
        ticket_close(ticket=ticket, actor=agent, reason=params.get("reason", ""))

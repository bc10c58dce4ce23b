"""Reading the audit trail: newest first, filtered, a page at a time.

Pages are keyed on (created_at, id) of the last row shown: each page is one indexed query
with a LIMIT, never an OFFSET or a COUNT of the whole table. Who may read is the caller's
check (the console page lets superusers only).
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db.models import Q

from walletdesk.audit.models import AuditEvent

PAGE_SIZE = 50
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class AuditFilters:
    kind: str = ""
    # An e-mail address: events by that account, or about it (a failed sign-in, a reset).
    account: str = ""
    ip: str = ""
    since: datetime | None = None  # inclusive
    until: datetime | None = None  # exclusive


@dataclass(frozen=True)
class AuditPage:
    events: list[AuditEvent]
    next_cursor: str | None


def audit_cursor_encode(event: AuditEvent) -> str:
    micros = (event.created_at - _EPOCH) // timedelta(microseconds=1)
    return f"{micros}-{event.pk}"


def audit_cursor_decode(cursor: str) -> tuple[datetime, int] | None:
    """The position a cursor names, or None for one that is not ours (start again)."""
    micros, _, pk = cursor.partition("-")
    if not (micros.isdigit() and pk.isdigit()) or len(micros) > 18 or len(pk) > 19:
        return None
    try:
        return _EPOCH + timedelta(microseconds=int(micros)), int(pk)
    except OverflowError:
        return None


def audit_event_page(
    *, filters: AuditFilters, cursor: str = "", page_size: int = PAGE_SIZE
) -> AuditPage:
    """One page of events matching ``filters``, newest first, after ``cursor``.

    An unreadable cursor reads from the first page. One query.
    """
    events = AuditEvent.objects.all()
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.account:
        address = filters.account.strip().lower()
        events = events.filter(Q(actor_label=address) | Q(target=address))
    if filters.ip:
        events = events.filter(ip=filters.ip)
    if filters.since is not None:
        events = events.filter(created_at__gte=filters.since)
    if filters.until is not None:
        events = events.filter(created_at__lt=filters.until)
    position = audit_cursor_decode(cursor) if cursor else None
    if position is not None:
        at, pk = position
        events = events.filter(Q(created_at__lt=at) | Q(created_at=at, id__lt=pk))
    rows = list(events.order_by("-created_at", "-id")[: page_size + 1])
    has_more = len(rows) > page_size
    rows = rows[:page_size]
    return AuditPage(
        events=rows, next_cursor=audit_cursor_encode(rows[-1]) if has_more and rows else None
    )

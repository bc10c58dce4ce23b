"""Reads: who may see which ticket, and the list queries behind each page.

Each list runs a fixed number of queries whatever the data size; the tests hold
them to it.
"""

import base64
import binascii
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any, cast
from uuid import UUID

from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    F,
    Field,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.expressions import RawSQL
from django.http import Http404

from walletdesk.accounts.models import User
from walletdesk.calendars.arithmetic import BusinessCalendar
from walletdesk.calendars.selectors import business_calendar
from walletdesk.core.catalogues import Catalogue
from walletdesk.core.compiled import CompiledRead, CompiledValues
from walletdesk.core.i18n import pick
from walletdesk.tickets.models import (
    ACTIVE_STATUSES,
    Category,
    Message,
    RejectionReason,
    Status,
    Tag,
    Team,
    TeamMembership,
    Ticket,
    TicketEvent,
    TicketTag,
)
from walletdesk.tickets.references import reference_normalise

QUEUE_PAGE_SIZE = 50


# --- who works which ticket: the one place this rule is written ----------------------------
#
# An agent sees and works the tickets of their teams (Ticket.team, copied from the category);
# administrators see every ticket except those of a restricted team they are not in (the
# security lane: they see how many there are, team_load_for_admin, and join the team to open
# them); customers none here (their own tickets come through the
# *_for_customer reads). Every console page, agent API endpoint, file download and notification
# scopes its query with ``ticket_visibility`` or asks ``can_work``.


def sees_every_team(user: User) -> bool:
    """Administrators (and superusers) work every team's tickets."""
    return user.is_active and (user.is_superuser or user.role == User.Role.ADMIN)


def _team_ids_of(user: User) -> Subquery:
    return Subquery(TeamMembership.objects.filter(user_id=user.pk).values("team_id"))


def _closed_team_ids_for(user: User) -> Subquery:
    """The restricted teams ``user`` is not in: their tickets stay closed to an administrator."""
    return Subquery(
        Team.objects.filter(is_restricted=True).exclude(pk__in=_team_ids_of(user)).values("pk")
    )


class _InTeams(Func):
    """``<team_id> = ANY(ARRAY(<the agent's teams>))``: on PostgreSQL the list is worked out
    once, before the statement runs, and the ticket query keeps the plan it has without a
    team (its status/age index, stopping at the page's LIMIT). Written as ``IN (SELECT ...)``
    the planner joins the memberships instead and, when one team holds most tickets, reads
    every one of them: 330 ms instead of 2 ms for a waiting queue at a million tickets."""

    arg_joiner = " = ANY(ARRAY"
    template = "%(expressions)s)"
    output_field = BooleanField()


def ticket_visibility(user: User, *, via: str = "") -> Q:
    """The tickets ``user`` may work, as a filter on Ticket (``via="ticket__"`` for a model
    that points at a ticket: files, notifications). Nothing for anyone who is not an agent.

    The agent's teams are read inside the caller's statement: the scope costs no round trip
    of its own, and the (user, team) unique index answers it."""
    if not user.is_agent:
        return Q(pk__in=[])
    if sees_every_team(user):
        # Every team but a restricted one the administrator is not in (a ticket without a team
        # is seen by administrators alone).
        return Q(**{f"{via}team_id__isnull": True}) | ~Q(
            **{f"{via}team_id__in": _closed_team_ids_for(user)}
        )
    if connection.vendor == "postgresql":
        return Q(_InTeams(F(f"{via}team_id"), _team_ids_of(user)))
    return Q(**{f"{via}team_id__in": _team_ids_of(user)})


def ticket_not_restricted_for(user: User, *, via: str = "") -> Q:
    """Every ticket but those of a restricted team ``user`` is not in: the administration
    site's filter, so its ticket, file and notification lists keep the lane's tickets to the
    lane's team as the console does. ``via="ticket__"`` for a model that points at a ticket
    (a row without a ticket stays)."""
    closed = {f"{via}team_id__in": _closed_team_ids_for(user)}
    if via:
        return Q(**{f"{via.removesuffix('__')}__isnull": True}) | ~Q(**closed)
    return ~Q(**closed)


def tickets_visible_to(user: User) -> QuerySet[Ticket]:
    """Every ticket ``user`` may see and work as an agent (see ``ticket_visibility``)."""
    return cast(QuerySet[Ticket], Ticket.objects.filter(ticket_visibility(user)))


_TEAM_IDS_MEMO = "_walletdesk_team_ids"


def team_ids_of(user: User) -> frozenset[UUID]:
    """The ids of ``user``'s teams, read once per user object (so once per request for
    ``request.user``)."""
    memo = user.__dict__.get(_TEAM_IDS_MEMO)
    if memo is None:
        memo = frozenset(
            TeamMembership.objects.filter(user_id=user.pk).values_list("team_id", flat=True)
        )
        user.__dict__[_TEAM_IDS_MEMO] = memo
    return cast(frozenset[UUID], memo)


_SUPERVISED_MEMO = "_walletdesk_supervised_team_ids"


def supervised_team_ids_of(user: User) -> frozenset[UUID]:
    """The teams ``user`` supervises, read once per user object."""
    memo = user.__dict__.get(_SUPERVISED_MEMO)
    if memo is None:
        memo = frozenset(
            TeamMembership.objects.filter(
                user_id=user.pk, role=TeamMembership.Role.SUPERVISOR
            ).values_list("team_id", flat=True)
        )
        user.__dict__[_SUPERVISED_MEMO] = memo
    return cast(frozenset[UUID], memo)


def may_reassign(user: User, ticket: Ticket) -> bool:
    """Whether ``user`` may take a ticket away from the colleague who holds it: the supervisor
    of its team, or an administrator who may work it. A plain member may not."""
    if not can_work(user, ticket):
        return False
    if sees_every_team(user):
        return True
    return ticket.team_id is not None and ticket.team_id in supervised_team_ids_of(user)


_CLOSED_TEAMS_MEMO = "_walletdesk_closed_team_ids"


def closed_team_ids_of(user: User) -> frozenset[UUID]:
    """The restricted teams ``user`` is not in, read once per user object."""
    memo = user.__dict__.get(_CLOSED_TEAMS_MEMO)
    if memo is None:
        memo = frozenset(
            Team.objects.filter(is_restricted=True)
            .exclude(pk__in=_team_ids_of(user))
            .values_list("pk", flat=True)
        )
        user.__dict__[_CLOSED_TEAMS_MEMO] = memo
    return cast(frozenset[UUID], memo)


def can_work(user: User, ticket: Ticket) -> bool:
    """Whether ``user`` may see and work ``ticket`` as an agent: the predicate form of
    ``ticket_visibility``. At most one query per user object."""
    if not user.is_agent:
        return False
    if sees_every_team(user):
        return ticket.team_id is None or ticket.team_id not in closed_team_ids_of(user)
    return ticket.team_id is not None and ticket.team_id in team_ids_of(user)


def _unnamed(relation: str) -> list[str]:
    """The columns of the user behind ``relation`` that a list naming them does not read."""
    return [
        f"{relation}__{field.name}"
        for field in User._meta.concrete_fields
        if field.name not in User.NAMED_FIELDS
    ]


def _base() -> QuerySet[Ticket]:
    return Ticket.objects.select_related("category", "requester", "assignee", "rejection_reason")


def ticket_get_for_customer(*, user: User, reference: str) -> Ticket:
    """The requester's own ticket; anyone else's answers 404, exactly like a missing one."""
    ticket = (
        _base()
        .select_related("resubmission_of", "resubmission")
        .filter(reference=reference_normalise(reference), requester=user)
        .first()
    )
    if ticket is None:
        raise Http404
    return ticket


def ticket_for_agent_query(every_team: bool, *, user_id: Any, reference: str) -> QuerySet[Ticket]:
    """The ticket ``reference`` if an agent (an administrator when ``every_team``) may see it:
    the statement behind ticket_get_for_agent, for a page that reads more beside it."""
    scope = User(pk=user_id, role=User.Role.ADMIN if every_team else User.Role.AGENT)
    return (
        _base()
        .select_related("resubmission_of", "resubmission")
        .filter(ticket_visibility(scope), reference=reference)
        .order_by("pk")[:1]
    )


# Every console page and action of a ticket starts here: its SQL is compiled once.
_TICKET_FOR_AGENT = CompiledRead(Ticket, ticket_for_agent_query)


def ticket_get_for_agent(
    *, user: User, reference: str, read: CompiledRead[Ticket] = _TICKET_FOR_AGENT
) -> Ticket:
    """A ticket of the agent's teams (any ticket for an administrator). Customers, and agents
    of other teams, get 404 exactly like for a missing ticket: nobody learns it exists.

    ``read`` is a compiled read built on ticket_for_agent_query with more in the same
    statement (the ticket page's annotations); who may see the ticket stays the rule here."""
    if not user.is_agent:
        raise Http404
    found = read.read(
        shape=sees_every_team(user), user_id=user.pk, reference=reference_normalise(reference)
    )
    if not found:
        raise Http404
    return found[0]


def ticket_list_for_customer(*, user: User) -> QuerySet[Ticket]:
    return (
        Ticket.objects.filter(requester=user)
        .select_related("category")
        .order_by("-updated_at", "-id")
    )


def message_list_for_customer(*, ticket: Ticket) -> list[Message]:
    """The public thread. Internal notes are filtered in the query, never in a template."""
    return list(
        Message.objects.filter(ticket=ticket, is_internal=False)
        .select_related("author")
        .order_by("created_at", "id")
    )


def earlier_thread_for_customer(*, ticket: Ticket) -> list[Message]:
    """The public thread of the ticket a resubmission continues (empty for any other ticket):
    read-only on the new ticket's page. One query, none when there is no original."""
    if ticket.resubmission_of_id is None:
        return []
    return list(
        Message.objects.filter(ticket_id=ticket.resubmission_of_id, is_internal=False)
        .select_related("author")
        .order_by("created_at", "id")
    )


def earlier_thread_for_agent(*, ticket: Ticket) -> list[Message]:
    """As earlier_thread_for_customer, internal notes included, for the agent."""
    if ticket.resubmission_of_id is None:
        return []
    return list(
        Message.objects.filter(ticket_id=ticket.resubmission_of_id)
        .select_related("author")
        .order_by("created_at", "id")
    )


# How far back a new customer reply is read together with what the customer wrote before.
CUSTOMER_TEXT_MESSAGES = 3
CUSTOMER_TEXT_CHARS = 2000


def customer_text_recent(*, ticket: Ticket) -> list[str]:
    """What the requester wrote last on this ticket, oldest first: the description and their
    last public messages (CUSTOMER_TEXT_MESSAGES), at most CUSTOMER_TEXT_CHARS characters from
    the end. Agents' text is never part of it. One query, on the thread index."""
    bodies = list(
        Message.objects.filter(
            ticket=ticket, author_role=Message.AuthorRole.CUSTOMER, is_internal=False
        )
        .order_by("-created_at")
        .values_list("body", flat=True)[:CUSTOMER_TEXT_MESSAGES]
    )
    texts: list[str] = []
    room = CUSTOMER_TEXT_CHARS
    for text in [*bodies, ticket.description]:
        if room <= 0:
            break
        if text:
            texts.append(text[-room:])
            room -= len(texts[-1])
    return texts[::-1]


_THREAD_FOR_AGENT = CompiledRead(
    Message,
    lambda _shape, *, ticket_id: (
        Message.objects.filter(ticket_id=ticket_id)
        .select_related("author")
        .defer(*_unnamed("author"))
        .order_by("created_at", "id")
    ),
)


def message_list_for_agent(*, ticket: Ticket) -> list[Message]:
    return _THREAD_FOR_AGENT.read(ticket_id=ticket.pk)


def messages_written_since(*, ticket: Ticket, since: datetime, reader: User) -> int:
    """How many messages others added to ``ticket`` after ``since``: what ``reader`` has not
    seen yet if their page showed the thread up to then. One indexed COUNT."""
    return (
        Message.objects.filter(ticket=ticket, created_at__gt=since)
        .exclude(author_id=reader.pk)
        .count()
    )


def message_get_for_agent(*, ticket: Ticket, message_id: UUID) -> Message:
    """One message of a ticket the agent may see (``ticket`` from ticket_get_for_agent).
    Raises Http404 for an id of another ticket or none, so a guessed id learns nothing."""
    message = Message.objects.filter(ticket=ticket, pk=message_id).first()
    if message is None:
        raise Http404
    return message


_EVENTS_OF_TICKET = CompiledRead(
    TicketEvent,
    lambda _shape, *, ticket_id: (
        TicketEvent.objects.filter(ticket_id=ticket_id)
        .select_related("actor")
        .defer(*_unnamed("actor"))
    ),
)


def event_list_for_ticket(*, ticket: Ticket) -> list[TicketEvent]:
    return _EVENTS_OF_TICKET.read(ticket_id=ticket.pk)


@dataclass(frozen=True)
class OtherTicket:
    """One of the requester's other tickets, as its line on the ticket page shows it (the
    columns _others_of_requester reads, in its order)."""

    reference: str
    status: str
    subject: str
    created_at: datetime
    category_name_zh: str
    category_name_en: str

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def category_name(self) -> str:
        """The category's name in the active language, as Category.name gives it."""
        return pick(self.category_name_zh, self.category_name_en)


def _others_of_requester(
    shape: tuple[bool, int], *, user_id: Any, requester_id: Any, ticket_id: Any
) -> QuerySet[Ticket, Any]:
    every_team, limit = shape
    scope = User(pk=user_id, role=User.Role.ADMIN if every_team else User.Role.AGENT)
    return (
        Ticket.objects.filter(ticket_visibility(scope), requester_id=requester_id)
        .exclude(pk=ticket_id)
        .order_by("-created_at")
        # Only what a line shows: building a ticket and a category for each line (the
        # ticket's fifty other fields deferred) cost more than reading them.
        .values_list(
            "reference",
            "status",
            "subject",
            "created_at",
            "category__name_zh",
            "category__name_en",
        )[:limit]
    )


_OTHERS_OF_REQUESTER = CompiledValues(Ticket, _others_of_requester)


def ticket_list_other_for_requester(
    *, ticket: Ticket, user: User, limit: int = 10
) -> list[OtherTicket]:
    """The requester's other tickets that ``user`` may also work (never another team's),
    newest first."""
    if not user.is_agent:
        return []
    rows = _OTHERS_OF_REQUESTER.read(
        shape=(sees_every_team(user), limit),
        user_id=user.pk,
        requester_id=ticket.requester_id,
        ticket_id=ticket.pk,
    )
    return [OtherTicket(*row) for row in rows]


def _field(name: str) -> "Field[Any, Any]":
    return cast("Field[Any, Any]", Ticket._meta.get_field(name))


def _column(name: str) -> str:
    return connection.ops.quote_name(_field(name).column)


# How the look-alike check reads an address (see intake.significant_address): "0x" dropped and
# lower case for an address that starts with it, else as stored.
def _significant_sql(column: str) -> str:
    return (
        f"CASE WHEN lower(substr({column}, 1, 2)) = '0x' "
        f"THEN lower(substr({column}, 3)) ELSE {column} END"
    )


@cache
def _lookalike_sql(before: bool, head: int, tail: int) -> str:
    table = connection.ops.quote_name(Ticket._meta.db_table)
    address, created_at = _column("address"), _column("created_at")
    earlier = f" AND {created_at} < %s AND {_column('id')} <> %s" if before else ""
    # Table and column names come from the model, quoted; the lengths are ints; every value
    # is a parameter.
    return (
        "SELECT 1 FROM ("  # noqa: S608
        f"SELECT {_significant_sql(address)} AS significant FROM {table} "
        f"WHERE {_column('requester')} = %s AND {address} <> ''{earlier} "
        f"ORDER BY {created_at} DESC LIMIT %s) recent "
        "WHERE significant <> %s AND length(significant) >= %s "
        f"AND substr(significant, 1, {int(head)}) = %s "
        f"AND substr(significant, length(significant) - {int(tail) - 1}) = %s LIMIT 1"
    )


def ticket_address_lookalike_recent(
    *,
    user: User,
    significant: str,
    head: int,
    tail: int,
    min_length: int,
    limit: int,
    before: Ticket | None = None,
) -> bool:
    """Whether one of the addresses of the user's ``limit`` latest tickets (those older than
    ``before`` if given), read as the look-alike check reads them, is at least ``min_length``
    long, starts with the first ``head`` and ends with the last ``tail`` characters of
    ``significant`` and is not ``significant`` itself.

    Read on every submission: the addresses are compared where they are stored, so one row at
    most comes back instead of fifty, in one plain statement served by the (requester,
    created_at) index. intake.looks_poisoned is the same rule for two addresses in hand.
    """
    params: list[Any] = [_field("requester").get_db_prep_value(user.pk, connection)]
    if before is not None:
        params += [
            _field("created_at").get_db_prep_value(before.created_at, connection),
            _field("id").get_db_prep_value(before.pk, connection),
        ]
    params += [limit, significant, min_length, significant[:head], significant[-tail:]]
    with connection.cursor() as cursor:
        cursor.execute(_lookalike_sql(before is not None, head, tail), params)
        return cursor.fetchone() is not None


# --- the agent queue ------------------------------------------------------------------------


class QueueSort:
    OLDEST = "oldest"
    NEWEST = "newest"
    PRIORITY = "priority"
    CHOICES = (OLDEST, NEWEST, PRIORITY)


@dataclass
class QueueFilters:
    statuses: list[str] = field(default_factory=lambda: [str(s) for s in ACTIVE_STATUSES])
    category_id: UUID | None = None
    assignee_id: UUID | None = None
    unassigned: bool = False
    priority: int | None = None
    tag_id: UUID | None = None
    text: str = ""
    sort: str = QueueSort.OLDEST


@dataclass(frozen=True, slots=True)
class QueueLine:
    """One line of the agent queue (console and API): the columns it shows, read as values.
    Built as model instances, a page of fifty made a ticket, a requester and an assignee per
    line, each with every other field of its model set as deferred: a sixth of the page's
    time, for a dozen values a line. After the category, the fields are QUEUE_LINE_COLUMNS,
    in their order."""

    # The catalogue's instance, not a joined copy per line.
    category: Category
    pk: UUID
    reference: str
    subject: str
    status: str
    priority: int
    category_id: UUID
    created_at: datetime
    updated_at: datetime
    first_response_due_at: datetime
    first_responded_at: datetime | None
    requester_email: str
    assignee_id: UUID | None
    assignee_email: str | None
    assignee_display_name: str | None

    @property
    def assignee_short_name(self) -> str:
        if self.assignee_email is None:
            return ""
        return User.short_name_of(
            display_name=self.assignee_display_name or "", email=self.assignee_email
        )

    def get_status_display(self) -> str:
        """The status's label in the active language, as Ticket's own method gives it."""
        return str(Status(self.status).label)


@dataclass
class QueuePage:
    tickets: list[QueueLine]
    next_cursor: str | None


def _encode_cursor(ticket: QueueLine, sort: str) -> str:
    payload: list[Any] = [ticket.created_at.isoformat(), str(ticket.pk)]
    if sort == QueueSort.PRIORITY:
        payload.insert(0, ticket.priority)
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


_PRIORITY_MAX = 32767  # PositiveSmallIntegerField


def _decode_cursor(cursor: str, sort: str) -> list[Any] | None:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        payload = json.loads(base64.urlsafe_b64decode(padded.encode()))
        expected = 3 if sort == QueueSort.PRIORITY else 2
        if not isinstance(payload, list) or len(payload) != expected:
            return None
        created_at = datetime.fromisoformat(payload[-2])
        if created_at.tzinfo is None:
            return None  # we only ever write aware times; a naive one was typed by hand
        payload[-2] = created_at
        # str(): UUID() given a number fails with AttributeError, not ValueError.
        payload[-1] = UUID(str(payload[-1]))
        if sort == QueueSort.PRIORITY:
            # Only a small int: 1e400 overflows int(), 10**30 overflows the database column.
            priority = payload[0]
            if type(priority) is not int or not 0 <= priority <= _PRIORITY_MAX:
                return None
        return payload
    except (ValueError, TypeError, binascii.Error, json.JSONDecodeError):
        return None  # a tampered or stale cursor restarts at the first page


_REFERENCE_SHAPE = re.compile(r"^(WD-?)?[23456789A-HJ-NP-TV-Z]{6}$", re.IGNORECASE)
_TOKEN_SHAPE = re.compile(r"^\S+$")


def _queue_text_filter(text: str) -> Q:
    """What the agent typed, matched where it can only be: one indexed lookup per shape.

    A reference, an e-mail, a pasted hash or address each go to their own index; anything
    else searches subjects (a trigram index serves it on PostgreSQL). An OR across all
    columns would make the database scan every active ticket.
    """
    if _REFERENCE_SHAPE.match(text):
        reference = reference_normalise(text)
        return Q(reference=reference) | Q(subject__icontains=text)
    if "@" in text and " " not in text:
        requesters = User.objects.filter(email=text.lower()).values("pk")
        return Q(requester_id__in=requesters)
    if _TOKEN_SHAPE.match(text):
        return Q(tx_hash=text) | Q(address=text) | Q(subject__icontains=text)
    return Q(subject__icontains=text)


def _statuses_in(statuses: list[str]) -> RawSQL | Q:
    """``status IN (…)`` with the values written into the statement, not bound.

    The queue's indexes are partial (active statuses only). Once PostgreSQL keeps a generic
    plan for a prepared queue statement, bound statuses cannot prove that predicate: the plan
    then walks every ticket of a category. The values are the Status enum's own.
    """
    known = [status for status in Status.values if status in statuses]
    if not known:
        return Q(pk__in=[])
    column = f"{connection.ops.quote_name(Ticket._meta.db_table)}.{_column('status')}"
    literals = ", ".join(f"'{status}'" for status in known)
    return RawSQL(f"{column} IN ({literals})", (), output_field=BooleanField())  # noqa: S611 - enum values


# What a queue line shows (console and API), in QueueLine's order.
QUEUE_LINE_COLUMNS = (
    "id",
    "reference",
    "subject",
    "status",
    "priority",
    "category_id",
    "created_at",
    "updated_at",
    "first_response_due_at",
    "first_responded_at",
    "requester__email",
    "assignee_id",
    "assignee__email",
    "assignee__display_name",
)


def _filtered(qs: QuerySet[Ticket], *, user: User, filters: QueueFilters) -> QuerySet[Ticket]:
    """``qs`` narrowed to what ``user`` may work and ``filters`` ask for: the one place a
    queue filter means something (the queue pages, saved views, bulk actions)."""
    qs = qs.filter(ticket_visibility(user))
    if filters.statuses:
        qs = qs.filter(_statuses_in(filters.statuses))
    if filters.category_id:
        qs = qs.filter(category_id=filters.category_id)
    if filters.unassigned:
        qs = qs.filter(assignee__isnull=True)
    elif filters.assignee_id:
        qs = qs.filter(assignee_id=filters.assignee_id)
    if filters.priority:
        qs = qs.filter(priority=filters.priority)
    if filters.tag_id:
        qs = qs.filter(pk__in=TicketTag.objects.filter(tag_id=filters.tag_id).values("ticket_id"))
    # PostgreSQL refuses NUL in text parameters (a 500); nobody means to search for one.
    text = filters.text.replace("\x00", "").strip()
    if text:
        qs = qs.filter(_queue_text_filter(text))
    return qs


def ticket_ids_matching(*, user: User, filters: QueueFilters, limit: int) -> list[UUID]:
    """The ids of up to ``limit`` tickets a queue filter shows, oldest first: what a bulk
    action on a whole view works through."""
    if not user.is_agent:
        raise Http404
    qs = _filtered(Ticket.objects.all(), user=user, filters=filters)
    return list(qs.order_by("created_at", "id").values_list("id", flat=True)[:limit])


# The columns of a ticket list export (reports.ticket_exports), read with values(): plain
# rows, no model objects, one query per chunk however many tickets.
EXPORT_FIELDS = (
    "id",
    "reference",
    "subject",
    "status",
    "priority",
    "category__name_zh",
    "category__name_en",
    "team__name_zh",
    "team__name_en",
    "network",
    "asset",
    "amount",
    "assignee__display_name",
    "assignee__email",
    "created_at",
    "first_responded_at",
    "resolved_at",
    "closed_at",
    "rating",
)
# What identifies the requester or their wallet: only for those who may see it.
EXPORT_PERSONAL_FIELDS = ("requester__email", "address", "memo", "tx_hash")


def ticket_export_chunk(
    *,
    user: User,
    filters: QueueFilters,
    after: tuple[datetime, UUID] | None,
    limit: int,
    personal: bool,
) -> list[dict[str, Any]]:
    """Up to ``limit`` rows of the tickets a queue filter shows to ``user``, oldest first,
    after the (created_at, id) ``after``: keyset chunks, each as cheap as the first."""
    if not user.is_agent:
        raise Http404
    qs = _filtered(Ticket.objects.all(), user=user, filters=filters)
    if after is not None:
        created_at, ticket_id = after
        qs = qs.filter(Q(created_at__gt=created_at) | Q(created_at=created_at, id__gt=ticket_id))
    fields = EXPORT_FIELDS + (EXPORT_PERSONAL_FIELDS if personal else ())
    return list(qs.order_by("created_at", "id").values(*fields)[:limit])


def ticket_count_matching(*, user: User, filters: QueueFilters, cap: int) -> int:
    """How many tickets a queue filter shows, counted up to ``cap`` (a COUNT over a LIMIT:
    asked for on demand, never on a page load, and bounded however large the table)."""
    if not user.is_agent:
        raise Http404
    return _filtered(Ticket.objects.all(), user=user, filters=filters).values("id")[:cap].count()


def ticket_queue(
    *, user: User, filters: QueueFilters, cursor: str = "", page_size: int = QUEUE_PAGE_SIZE
) -> QueuePage:
    """One page of the agent queue, keyset-paged: cost does not grow with the page number.

    No COUNT: the page asks for one row more than it shows to know whether there is a next.
    """
    if not user.is_agent:
        raise Http404
    position = _decode_cursor(cursor, filters.sort) if cursor else None
    if position is None and not filters.text.replace("\x00", "").strip():
        rows = _queue_first_page(user=user, filters=filters, page_size=page_size)
    else:
        rows = list(
            _queue_read(user, filters, position).values_list(*QUEUE_LINE_COLUMNS)[: page_size + 1]
        )
    has_more = len(rows) > page_size
    lines = _queue_lines(rows[:page_size])
    next_cursor = _encode_cursor(lines[-1], filters.sort) if has_more and lines else None
    return QueuePage(tickets=lines, next_cursor=next_cursor)


def _queue_lines(rows: list[tuple[Any, ...]]) -> list[QueueLine]:
    """The lines of QUEUE_LINE_COLUMNS rows, each with its category from the catalogue (a
    page built fifty copies of the few categories there are). Categories the catalogue does
    not hold yet are read, in one query."""
    by_id = {category.pk: category for category in _categories.get()}
    category_at = QUEUE_LINE_COLUMNS.index("category_id")
    missing = {row[category_at] for row in rows} - by_id.keys()
    if missing:
        by_id.update(Category.objects.in_bulk(missing))
    return [QueueLine(by_id[row[category_at]], *row) for row in rows]


def _queue_read(user: User, filters: QueueFilters, position: list[Any] | None) -> QuerySet[Ticket]:
    """The queue's tickets for ``filters`` in their sort order, after ``position`` if given."""
    qs = _filtered(Ticket.objects.all(), user=user, filters=filters)
    if filters.sort == QueueSort.PRIORITY:
        qs = qs.order_by("-priority", "created_at", "id")
        if position:
            priority, created_at, pk = position
            qs = qs.filter(
                Q(priority__lt=priority)
                | Q(priority=priority, created_at__gt=created_at)
                | Q(priority=priority, created_at=created_at, id__gt=pk)
            )
    elif filters.sort == QueueSort.NEWEST:
        qs = qs.order_by("-created_at", "-id")
        if position:
            created_at, pk = position
            qs = qs.filter(Q(created_at__lt=created_at) | Q(created_at=created_at, id__lt=pk))
    else:
        qs = qs.order_by("created_at", "id")
        if position:
            created_at, pk = position
            qs = qs.filter(Q(created_at__gt=created_at) | Q(created_at=created_at, id__gt=pk))
    return qs


# A first queue page's shape: everything but the keys it filters on, which are bound.
_FirstPageShape = tuple[bool, str, tuple[str, ...], bool, int]


def _queue_first_page_read(
    shape: _FirstPageShape, *, user_id: Any, **keys: Any
) -> QuerySet[Ticket, Any]:
    every_team, sort, statuses, unassigned, page_size = shape
    scope = User(pk=user_id, role=User.Role.ADMIN if every_team else User.Role.AGENT)
    filters = QueueFilters(statuses=list(statuses), unassigned=unassigned, sort=sort, **keys)
    return _queue_read(scope, filters, None).values_list(*QUEUE_LINE_COLUMNS)[: page_size + 1]


# The first page of every queue, the console's most read page: its SQL is compiled once per
# combination of filters.
_QUEUE_FIRST_PAGE = CompiledValues(Ticket, _queue_first_page_read)


def _queue_first_page(
    *, user: User, filters: QueueFilters, page_size: int
) -> list[tuple[Any, ...]]:
    keys = {
        name: value
        for name, value in (
            ("category_id", filters.category_id),
            ("assignee_id", None if filters.unassigned else filters.assignee_id),
            ("priority", filters.priority),
            ("tag_id", filters.tag_id),
        )
        # As _filtered reads them: a filter without a value (none, or priority 0) is no filter.
        if value
    }
    shape = (
        sees_every_team(user),
        filters.sort,
        tuple(filters.statuses),
        filters.unassigned,
        page_size,
    )
    return _QUEUE_FIRST_PAGE.read(shape=shape, user_id=user.pk, **keys)


def _categories_load() -> list[Category]:
    # With each category's team: its calendar counts the due time of a new ticket, no query.
    return list(Category.objects.select_related("team"))


# Read by nearly every portal page; admins edit it rarely (signals.py forgets it).
_categories = Catalogue("ticket-categories", _categories_load)


def category_catalogue_forget() -> None:
    _categories.forget()


def _team_calendars_load() -> dict[UUID, UUID | None]:
    return dict(Team.objects.values_list("id", "calendar_id"))


# Which calendar each team counts on: read for every ticket opened (signals.py forgets it).
_team_calendars = Catalogue("team-calendars", _team_calendars_load)


def team_calendar_catalogue_forget() -> None:
    _team_calendars.forget()


def category_calendar(category: Category) -> BusinessCalendar:
    """The calendar a new ticket of this category is counted on: its team's. No query for a
    category from the catalogue (its team is loaded with it)."""
    team = category.team if category.team_id is not None else None
    return business_calendar(team.calendar_id if team is not None else None)


def team_calendar(team_id: UUID | None) -> BusinessCalendar:
    """The business calendar a team's due times are counted on (the default calendar for a
    ticket without a team, or a team without a calendar of its own). Cached: no query."""
    calendar_id = _team_calendars.get().get(team_id) if team_id is not None else None
    return business_calendar(calendar_id)


def category_list_active() -> list[Category]:
    """Active categories in admin order. Cached, see core.catalogues."""
    return [c for c in _categories.get() if c.is_active]


def category_list() -> list[Category]:
    """Every category, retired ones too (reports name old tickets' topics). Cached."""
    return list(_categories.get())


def category_get_active(slug: str) -> Category | None:
    """The active category with this slug, or None."""
    return next((c for c in category_list_active() if c.slug == slug), None)


# Tags are read by every queue page and ticket page; admins edit them rarely.
_tags = Catalogue("ticket-tags", lambda: list(Tag.objects.all()))


def tag_catalogue_forget() -> None:
    _tags.forget()


def tag_list() -> list[Tag]:
    """Every tag, active or not (a ticket keeps a retired tag until someone removes it).
    Cached, see core.catalogues."""
    return list(_tags.get())


def tag_list_active() -> list[Tag]:
    return [t for t in tag_list() if t.is_active]


# Read by every agent's ticket page: its SQL is compiled once.
_TAG_LINKS_OF_TICKET = CompiledRead(
    TicketTag,
    lambda _shape, *, ticket_id: TicketTag.objects.filter(ticket_id=ticket_id).only("tag_id"),
)


def tags_of_ticket(*, ticket: Ticket) -> list[Tag]:
    """The ticket's tags in the catalogue's order: one small query (the ticket index)."""
    on = {link.tag_id for link in _TAG_LINKS_OF_TICKET.read(ticket_id=ticket.pk)}
    return [t for t in tag_list() if t.pk in on]


# Read by every agent's ticket page: its SQL is compiled once.
_REASONS_ACTIVE = CompiledRead(
    RejectionReason, lambda _shape: RejectionReason.objects.filter(is_active=True)
)


def rejection_reason_list_active() -> list[RejectionReason]:
    return _REASONS_ACTIVE.read()


def _administrators() -> Q:
    return Q(role=User.Role.ADMIN) | Q(is_superuser=True)


def agent_list_active(*, user: User) -> list[User]:
    """The console staff ``user`` works beside (agents of their teams, and administrators;
    everyone for an administrator), for the queue's assignee filter.

    One query; read-only. Deactivated staff are left out so nobody assigns to them.
    """
    if sees_every_team(user):
        return _STAFF_BESIDE.read(shape=True)
    return _STAFF_BESIDE.read(shape=False, user_id=user.pk)


def _staff_beside(every_team: bool, *, user_id: Any = None) -> QuerySet[User]:
    staff = User.objects.filter(is_active=True, role__in=[User.Role.AGENT, User.Role.ADMIN])
    if not every_team:
        colleagues = TeamMembership.objects.filter(team_id__in=_team_ids_of(User(pk=user_id)))
        staff = staff.filter(Q(pk__in=colleagues.values("user_id")) | _administrators())
    # The queue's filter shows a name and an address; nothing else of the row is read.
    return staff.only("id", "email", "display_name").order_by("display_name", "email")


# Read by every queue page: its SQL is compiled once.
_STAFF_BESIDE = CompiledRead(User, _staff_beside)


def _may_be_given(has_team: bool, *, team_id: Any = None) -> QuerySet[User]:
    if not has_team:
        return (
            User.objects.filter(_administrators(), is_active=True)
            .only(*User.NAMED_FIELDS)
            .order_by("display_name", "email")
        )
    members = TeamMembership.objects.filter(team_id=team_id).values("user_id")
    open_team = Exists(Team.objects.filter(pk=team_id, is_restricted=False))
    return (
        User.objects.filter(is_active=True, role__in=[User.Role.AGENT, User.Role.ADMIN])
        .filter(Q(pk__in=members) | (_administrators() & Q(open_team)))
        .only(*User.NAMED_FIELDS)
        .order_by("display_name", "email")
    )


_MAY_BE_GIVEN = CompiledRead(User, _may_be_given)


def agent_list_for_ticket(*, ticket: Ticket) -> list[User]:
    """Who may be given ``ticket``: active agents of its team, and administrators (of a
    restricted team: its members only). One query."""
    if ticket.team_id is None:
        return _MAY_BE_GIVEN.read(shape=False)
    return _MAY_BE_GIVEN.read(shape=True, team_id=ticket.team_id)


# --- supervisors: a team's work at a glance ---------------------------------------------------

TEAM_PAGE_TICKETS = 50


@dataclass(frozen=True)
class MemberLoad:
    """One member of a team and their share of its work."""

    user: User
    role: str
    # Active tickets of the team assigned to them.
    open_count: int
    # Of those, the ones where the customer wrote last: waiting on this agent.
    waiting_count: int


@dataclass(frozen=True)
class TeamOverview:
    team: Team
    members: list[MemberLoad]
    # Active tickets of the team, and the unassigned among them.
    active_count: int
    unassigned_count: int
    # The team's active tickets, most urgent first; None when the viewer may count them but
    # not open them (an administrator outside a restricted team).
    tickets: list[Ticket] | None
    # Whether the viewer may give the listed tickets to someone else.
    may_reassign: bool


def _customer_waiting() -> Q:
    # The customer wrote after the last agent reply (or no agent replied yet).
    return Q(last_agent_reply_at__isnull=True) | Q(
        last_customer_message_at__gt=F("last_agent_reply_at")
    )


def team_list_for_supervisor(*, user: User) -> list[tuple[Team, int]]:
    """The teams ``user`` leads (every team for an administrator, restricted ones included:
    counting their tickets tells nothing of what they say), each with its active tickets.
    One query."""
    if not user.is_agent:
        return []
    teams = Team.objects.all()
    if not sees_every_team(user):
        teams = teams.filter(
            memberships__user_id=user.pk, memberships__role=TeamMembership.Role.SUPERVISOR
        )
    active = Ticket.objects.filter(team_id=OuterRef("pk"), status__in=ACTIVE_STATUSES)
    rows = teams.annotate(active=_count(active)).order_by("slug")
    return [(team, int(team.active or 0)) for team in rows]


def _count(tickets: QuerySet[Ticket]) -> Subquery:
    return Subquery(
        tickets.order_by().values("team_id").annotate(n=Count("pk")).values("n")[:1],
        output_field=IntegerField(),
    )


def team_get_for_supervisor(*, user: User, slug: str) -> TeamOverview:
    """A team's page: its members with their open and waiting tickets, and its active tickets.

    For the team's supervisors and administrators; anyone else (a plain member, another team's
    agent, a customer) gets Http404 like for a team that does not exist. An administrator
    outside a restricted team sees the counts, never the tickets. A fixed number of queries
    whatever the team's size (four; one more for a supervisor's own teams)."""
    if not user.is_agent:
        raise Http404
    team = Team.objects.filter(slug=slug).first()
    if team is None:
        raise Http404
    admin = sees_every_team(user)
    if not admin and team.pk not in supervised_team_ids_of(user):
        raise Http404
    opens = not (admin and team.is_restricted and team.pk in closed_team_ids_of(user))
    mine = Ticket.objects.filter(
        team_id=team.pk, assignee_id=OuterRef("user_id"), status__in=ACTIVE_STATUSES
    )
    memberships = (
        TeamMembership.objects.filter(team=team, user__is_active=True)
        .select_related("user")
        .annotate(
            open_count=_member_count(mine),
            waiting_count=_member_count(mine.filter(_customer_waiting())),
        )
        .order_by("user__display_name", "user__email")
    )
    members = [
        MemberLoad(
            user=m.user,
            role=m.role,
            open_count=int(m.open_count or 0),
            waiting_count=int(m.waiting_count or 0),
        )
        for m in memberships
    ]
    counts = Ticket.objects.filter(team_id=team.pk, status__in=ACTIVE_STATUSES).aggregate(
        active=Count("pk"), unassigned=Count("pk", filter=Q(assignee__isnull=True))
    )
    tickets = None
    if opens:
        tickets = list(
            Ticket.objects.filter(team_id=team.pk, status__in=ACTIVE_STATUSES)
            .select_related("assignee", "category")
            .order_by("-priority", "created_at", "id")[:TEAM_PAGE_TICKETS]
        )
    return TeamOverview(
        team=team,
        members=members,
        active_count=int(counts["active"] or 0),
        unassigned_count=int(counts["unassigned"] or 0),
        tickets=tickets,
        may_reassign=opens,
    )


def team_tickets_of_member(*, team: Team, member: User) -> list[Ticket]:
    """Every active ticket of ``team`` assigned to ``member`` (moving someone's work in one
    go, from the team page). The caller has checked the team is theirs to lead."""
    return list(
        Ticket.objects.filter(team_id=team.pk, assignee_id=member.pk, status__in=ACTIVE_STATUSES)
        .select_related("assignee")
        .order_by("created_at", "id")
    )


def _member_count(tickets: QuerySet[Ticket]) -> Subquery:
    return Subquery(
        tickets.order_by().values("assignee_id").annotate(n=Count("pk")).values("n")[:1],
        output_field=IntegerField(),
    )

"""Reads for incidents: the list, one incident with its linked tickets a page at a time, and
which incident a ticket belongs to or matches.

The match rule lives here (``_matching`` for a query, ``_matches`` for incidents already read;
tests/test_services.py holds them to the same answers): an open incident matches a ticket of
the same network and category (each only when the incident sets it) submitted within its
window.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from walletdesk.accounts.models import User
from walletdesk.core.catalogues import Catalogue
from walletdesk.core.compiled import CompiledRead
from walletdesk.incidents.models import (
    Incident,
    IncidentDelivery,
    IncidentLink,
    IncidentStatus,
    IncidentUpdate,
)
from walletdesk.tickets.models import Ticket, TicketEvent
from walletdesk.tickets.selectors import sees_every_team, supervised_team_ids_of, ticket_visibility

LINKED_PAGE_SIZE = 50
INCIDENT_PAGE_SIZE = 50
OPEN_CHOICES_MAX = 50


def incident_may_lead(user: User) -> bool:
    """Whether ``user`` may open, answer to all and resolve incidents: an administrator or the
    supervisor of a team (what they send reaches many users at once)."""
    if not user.is_agent:
        return False
    return sees_every_team(user) or bool(supervised_team_ids_of(user))


def _matching(*, network: str, category_id: object, at: datetime) -> Q:
    return (
        Q(status=IncidentStatus.OPEN, matches_until__gte=at, opened_at__lte=at)
        & (Q(network="") | Q(network=network))
        & (Q(category__isnull=True) | Q(category_id=category_id))
    )


def _matches(incident: Incident, *, network: str, category_id: object, at: datetime) -> bool:
    """``_matching`` for an incident already read (the ticket page reads the open ones)."""
    return (
        incident.status == IncidentStatus.OPEN
        and incident.opened_at <= at <= incident.matches_until
        and incident.network in ("", network)
        and incident.category_id in (None, category_id)
    )


def _open_load() -> list[Incident]:
    # One indexed read (status, opened_at): open incidents are few, whatever the history.
    return list(Incident.objects.filter(status=IncidentStatus.OPEN).order_by("-opened_at"))


# The open incidents, shared between processes through the cache (core/catalogues.py): a
# submission matches against them without a query of its own. Dropped whenever an incident
# is saved (signals.py), so a new incident is suggested within a second in every process.
_open_catalogue = Catalogue("incidents-open", _open_load)


def incident_catalogue_forget() -> None:
    """Drop the cached open incidents everywhere; the next read goes to the database."""
    _open_catalogue.forget()


def incident_matching(*, network: str, category_id: object, at: datetime) -> Incident | None:
    """The newest open incident a ticket of ``network`` and ``category_id`` submitted at ``at``
    matches, or None. The submission path asks this for every new ticket: it reads the cached
    open incidents (one indexed query when they were dropped, none otherwise)."""
    return next(
        (
            incident
            for incident in _open_catalogue.get()
            if _matches(incident, network=network, category_id=category_id, at=at)
        ),
        None,
    )


@dataclass(frozen=True)
class TicketIncident:
    """The incident a ticket is linked to (``linked``), or the open one it matches."""

    incident: Incident
    linked: bool


def incident_for_ticket(*, ticket: Ticket) -> TicketIncident | None:
    """The ticket's incident: the one it is linked to, else the open one it matches (unless an
    agent unlinked it from that one before). One statement; a suggestion costs one more."""
    match = _matching(network=ticket.network, category_id=ticket.category_id, at=ticket.created_at)
    linked_ids = IncidentLink.objects.filter(ticket_id=ticket.pk).values("incident_id")
    found = (
        Incident.objects.filter(Q(pk__in=linked_ids) | match)
        .annotate(
            linked=Exists(IncidentLink.objects.filter(ticket_id=ticket.pk, incident=OuterRef("pk")))
        )
        .order_by("-linked", "-opened_at")
        .first()
    )
    if found is None:
        return None
    if not found.linked and _unlinked_from(ticket, found):
        return None
    return TicketIncident(incident=found, linked=bool(found.linked))


@dataclass(frozen=True)
class TicketIncidentChoices:
    """The ticket page's incident panel: the ticket's incident (linked or suggested) and,
    when it is not linked, the open incidents to link it to."""

    found: TicketIncident | None
    open: Sequence[Incident]


def _choices_for_ticket(_shape: object, *, ticket_id: Any) -> QuerySet[Incident]:
    linked_ids = IncidentLink.objects.filter(ticket_id=ticket_id).values("incident_id")
    return (
        Incident.objects.filter(Q(status=IncidentStatus.OPEN) | Q(pk__in=linked_ids))
        .annotate(
            linked=Exists(IncidentLink.objects.filter(ticket_id=ticket_id, incident=OuterRef("pk")))
        )
        .order_by("-linked", "-opened_at")[: OPEN_CHOICES_MAX + 1]
    )


# Read by every ticket page: its SQL is compiled once.
_CHOICES_FOR_TICKET = CompiledRead(Incident, _choices_for_ticket)


def incident_choices_for_ticket(*, ticket: Ticket) -> TicketIncidentChoices:
    """The ticket's incident and the open incidents, newest first, in one statement (the
    suggestion is one of the open ones; an agent's earlier unlink from it costs one more)."""
    rows = _CHOICES_FOR_TICKET.read(ticket_id=ticket.pk)
    # ``linked`` is the read's annotation: the ticket's own incident comes first.
    if rows and getattr(rows[0], "linked", False):
        return TicketIncidentChoices(found=TicketIncident(incident=rows[0], linked=True), open=[])
    open_ones = rows[:OPEN_CHOICES_MAX]
    suggested = next(
        (
            incident
            for incident in open_ones
            if _matches(
                incident,
                network=ticket.network,
                category_id=ticket.category_id,
                at=ticket.created_at,
            )
        ),
        None,
    )
    if suggested is not None and _unlinked_from(ticket, suggested):
        suggested = None
    found = TicketIncident(incident=suggested, linked=False) if suggested else None
    return TicketIncidentChoices(found=found, open=open_ones)


def _unlinked_from(ticket: Ticket, incident: Incident) -> bool:
    """Whether an agent took ``ticket`` off ``incident`` before: it is not suggested again."""
    return bool(
        TicketEvent.objects.filter(
            ticket_id=ticket.pk,
            kind=TicketEvent.Kind.INCIDENT_UNLINKED,
            from_value=str(incident.pk),
        ).exists()
    )


def incident_list(*, user: User) -> QuerySet[Incident]:
    """Every incident, open first and newest first; nothing for anyone who is not an agent."""
    if not user.is_agent:
        return Incident.objects.none()
    # "open" sorts before "resolved".
    return Incident.objects.select_related("category").order_by("status", "-opened_at", "-id")


def incident_get_for_agent(*, user: User, incident_id: UUID) -> Incident:
    """One incident; customers get 404 as for a missing one."""
    if not user.is_agent:
        raise Http404
    incident = Incident.objects.select_related("category", "opened_by").filter(pk=incident_id)
    found = incident.first()
    if found is None:
        raise Http404
    return found


@dataclass(frozen=True)
class LinkedPage:
    links: list[IncidentLink]
    next_after: int | None


def incident_linked_tickets(*, user: User, incident: Incident, after: int = 0) -> LinkedPage:
    """A page of the tickets linked to ``incident`` that ``user`` may see, in the order they
    were linked, keyset-paged by the link's id (``after``). One statement per page."""
    links = list(
        IncidentLink.objects.filter(incident=incident, id__gt=after)
        .filter(ticket_visibility(user, via="ticket__"))
        .select_related("ticket", "ticket__requester", "ticket__category")
        .order_by("id")[: LINKED_PAGE_SIZE + 1]
    )
    more = len(links) > LINKED_PAGE_SIZE
    links = links[:LINKED_PAGE_SIZE]
    return LinkedPage(links=links, next_after=links[-1].pk if more else None)


def incident_linked_count(*, incident: Incident) -> int:
    return IncidentLink.objects.filter(incident=incident).count()


@dataclass(frozen=True)
class UpdateProgress:
    update: IncidentUpdate
    posted: int
    refused: int

    @property
    def done(self) -> int:
        return self.posted + self.refused


def incident_update_list(*, incident: Incident) -> list[UpdateProgress]:
    """The incident's updates, newest first, each with how far its delivery got. One
    statement whatever the number of tickets."""
    updates = (
        IncidentUpdate.objects.filter(incident=incident)
        .select_related("author")
        .annotate(
            refused_count=Count("deliveries", filter=~Q(deliveries__refused="")),
            posted_count=Count("deliveries", filter=Q(deliveries__refused="")),
        )
        .order_by("-created_at")
    )
    return [
        UpdateProgress(update=u, posted=u.posted_count, refused=u.refused_count) for u in updates
    ]


REFUSALS_SHOWN = 100


def incident_refusals(*, user: User, incident: Incident) -> list[IncidentDelivery]:
    """The tickets an update could not change that ``user`` may see, with why (the newest
    first, a bounded list)."""
    return list(
        IncidentDelivery.objects.filter(update__incident=incident)
        .filter(ticket_visibility(user, via="ticket__"))
        .exclude(refused="")
        .select_related("ticket", "update")
        .order_by("-id")[:REFUSALS_SHOWN]
    )

"""Automatic assignment: a team's unassigned tickets go to its available agents.

A beat job (``tickets_route``) hands each team's unassigned active tickets, oldest first, to
the team's agents by the team's rule: round robin (the member whose last automatic turn is
oldest) or least open load (fewest active tickets of the team, then the oldest turn). Agents
marked away, inactive or at their cap are passed by; nobody outside the ticket's team is ever
picked. Each assignment is an ASSIGNED event with the rule as its reason, so the assignee
hears of it like any other and the history says why.

The submission itself writes nothing for this: routing reads the team's unassigned tickets
through a small partial index, a few seconds after they arrive.

Races: one router per team at a time (the team row is locked for the batch), and a ticket is
only given if it is still unassigned when written, so an agent taking it meanwhile wins and
two routers never assign one ticket twice.
"""

from collections.abc import Iterable
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _lazy

from walletdesk.accounts.models import User
from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.models import ACTIVE_STATUSES, Team, TeamMembership, Ticket, TicketEvent
from walletdesk.tickets.services import ticket_event_record, ticket_hand_back

# The reason an automatic ASSIGNED event carries (a code; the console words it).
REASON_ROUND_ROBIN = "auto:round_robin"
REASON_LEAST_LOAD = "auto:least_load"
# The reason of an unassignment because the agent went away.
REASON_AWAY = "auto:away"

REASON_WORDS = {
    REASON_ROUND_ROBIN: _lazy("Assigned automatically: round robin."),
    REASON_LEAST_LOAD: _lazy("Assigned automatically: fewest open tickets."),
    REASON_AWAY: _lazy("Handed back: the agent went away."),
}

_REASONS = {
    Team.Assignment.ROUND_ROBIN: REASON_ROUND_ROBIN,
    Team.Assignment.LEAST_LOAD: REASON_LEAST_LOAD,
}


def tickets_route(*, batch: int | None = None) -> int:
    """Assign up to ``batch`` unassigned tickets per team that assigns automatically; returns
    how many were assigned. Safe to run twice, and from two processes at once."""
    size = batch or settings.ROUTING_BATCH_SIZE
    teams = Team.objects.exclude(assignment=Team.Assignment.MANUAL).values_list("pk", flat=True)
    return sum(_team_route(team_id, size) for team_id in list(teams))


def _available(team: Team) -> list[TeamMembership]:
    return list(
        TeamMembership.objects.filter(
            team=team,
            user__is_active=True,
            user__role__in=(User.Role.AGENT, User.Role.ADMIN),
            user__away_since__isnull=True,
        )
        .select_related("user")
        .order_by("user_id")
    )


def _open_loads(team: Team, members: Iterable[TeamMembership]) -> dict[UUID, int]:
    ids = [m.user_id for m in members]
    counted = (
        Ticket.objects.filter(team=team, assignee_id__in=ids, status__in=ACTIVE_STATUSES)
        .values("assignee_id")
        .annotate(n=Count("id"))
        .values_list("assignee_id", "n")
    )
    loads = dict.fromkeys(ids, 0)
    loads.update(dict(counted))
    return loads


def _pick(
    team: Team, members: list[TeamMembership], loads: dict[UUID, int]
) -> TeamMembership | None:
    free = [m for m in members if m.cap is None or loads[m.user_id] < m.cap]
    if not free:
        return None
    if team.assignment == Team.Assignment.LEAST_LOAD:
        return min(free, key=lambda m: (loads[m.user_id], m.last_turn, str(m.user_id)))
    return min(free, key=lambda m: (m.last_turn, str(m.user_id)))


@transaction.atomic
def _team_route(team_id: UUID, size: int) -> int:
    # One router per team at a time: turns and loads are read and written under this lock.
    team = Team.objects.select_for_update().get(pk=team_id)
    if team.assignment == Team.Assignment.MANUAL:
        return 0
    waiting = list(
        Ticket.objects.filter(team=team, status__in=ACTIVE_STATUSES, assignee__isnull=True)
        .order_by("created_at", "id")
        .only("id", "team_id", "assignee_id", "requester_id", "reference")[:size]
    )
    if not waiting:
        return 0
    members = _available(team)
    loads = _open_loads(team, members)
    reason = _REASONS[Team.Assignment(team.assignment)]
    now = timezone.now()
    given: set[TeamMembership] = set()
    assigned = 0
    for ticket in waiting:
        chosen = _pick(team, members, loads)
        if chosen is None:
            break
        # Still unassigned when written: an agent who took it meanwhile keeps it.
        if not Ticket.objects.filter(pk=ticket.pk, assignee__isnull=True).update(
            assignee=chosen.user, updated_at=now
        ):
            continue
        team.assignment_turns += 1
        chosen.last_turn = team.assignment_turns
        loads[chosen.user_id] += 1
        given.add(chosen)
        ticket.assignee = chosen.user
        ticket_event_record(
            ticket=ticket,
            kind=TicketEvent.Kind.ASSIGNED,
            actor=None,
            to_value=chosen.user.email,
            reason=reason,
        )
        assigned += 1
    if given:
        TeamMembership.objects.bulk_update(given, ["last_turn"])
        team.save(update_fields=["assignment_turns"])
    return assigned


def agent_away_set(*, agent: User, away: bool) -> int:
    """Mark ``agent`` away (automatic assignment passes them by) or available again.

    Going away hands back the agent's active tickets in the teams that ask for it (they are
    routed again). Returns how many tickets were handed back. Raises NOT_AGENT."""
    if not agent.is_agent:
        raise TicketError(TicketError.Code.NOT_AGENT)
    if (agent.away_since is not None) == away:
        return 0
    agent.away_since = timezone.now() if away else None
    agent.save(update_fields=["away_since"])
    if not away:
        return 0
    handed_back = 0
    tickets = Ticket.objects.filter(
        assignee=agent, status__in=ACTIVE_STATUSES, team__unassign_when_away=True
    ).order_by("created_at")
    for ticket in list(tickets):
        handed_back += ticket_hand_back(ticket=ticket, agent=agent, reason=REASON_AWAY)
    return handed_back

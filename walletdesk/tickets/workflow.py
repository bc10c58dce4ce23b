"""The ticket status machine: the one place that says which change is allowed, and for whom.

    new -> open -> waiting_on_customer <-> open -> resolved -> closed
    new / open / waiting_on_customer -> rejected

Services ask ``transition_target`` before they change a status; anything not listed
here is refused with TicketError(TRANSITION_NOT_ALLOWED).
"""

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import pgettext_lazy

from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.models import Status


class Actor(StrEnum):
    CUSTOMER = "customer"  # the ticket's requester
    AGENT = "agent"
    SYSTEM = "system"  # sweeps and automations


class Action(StrEnum):
    START = "start"
    REQUEST_INFO = "request_info"
    CUSTOMER_REPLY = "customer_reply"
    RESOLVE = "resolve"
    CLOSE = "close"
    REJECT = "reject"
    REOPEN = "reopen"


ACTION_LABELS = {
    Action.START: pgettext_lazy("ticket action, past participle", "opened"),
    Action.REQUEST_INFO: pgettext_lazy(
        "ticket action, past participle", "put on hold for information"
    ),
    Action.CUSTOMER_REPLY: pgettext_lazy("ticket action, past participle", "replied to"),
    Action.RESOLVE: pgettext_lazy("ticket action, past participle", "resolved"),
    Action.CLOSE: pgettext_lazy("ticket action, past participle", "closed"),
    Action.REJECT: pgettext_lazy("ticket action, past participle", "rejected"),
    Action.REOPEN: pgettext_lazy("ticket action, past participle", "reopened"),
}

_ACTIVE = frozenset({Status.NEW, Status.OPEN, Status.WAITING_ON_CUSTOMER})


@dataclass(frozen=True)
class Rule:
    action: Action
    sources: frozenset[Status]
    target: Status
    actors: frozenset[Actor]


RULES: tuple[Rule, ...] = (
    Rule(Action.START, frozenset({Status.NEW}), Status.OPEN, frozenset({Actor.AGENT})),
    Rule(
        Action.REQUEST_INFO,
        frozenset({Status.NEW, Status.OPEN}),
        Status.WAITING_ON_CUSTOMER,
        frozenset({Actor.AGENT}),
    ),
    # A customer's answer puts a waiting ticket back in the queue and reopens a resolved one.
    Rule(
        Action.CUSTOMER_REPLY,
        frozenset({Status.WAITING_ON_CUSTOMER, Status.RESOLVED}),
        Status.OPEN,
        frozenset({Actor.CUSTOMER}),
    ),
    Rule(Action.RESOLVE, _ACTIVE, Status.RESOLVED, frozenset({Actor.AGENT, Actor.CUSTOMER})),
    Rule(
        Action.CLOSE,
        frozenset({Status.RESOLVED}),
        Status.CLOSED,
        frozenset({Actor.AGENT, Actor.CUSTOMER, Actor.SYSTEM}),
    ),
    # Agents may close an active ticket outright (spam, a duplicate, the user gave up).
    Rule(Action.CLOSE, _ACTIVE, Status.CLOSED, frozenset({Actor.AGENT, Actor.SYSTEM})),
    Rule(Action.REJECT, _ACTIVE, Status.REJECTED, frozenset({Actor.AGENT})),
    Rule(
        Action.REOPEN,
        frozenset({Status.RESOLVED, Status.CLOSED, Status.REJECTED}),
        Status.OPEN,
        frozenset({Actor.AGENT}),
    ),
)

# Statuses in which each side may still write in the thread.
CUSTOMER_MAY_REPLY = frozenset(
    {Status.NEW, Status.OPEN, Status.WAITING_ON_CUSTOMER, Status.RESOLVED}
)
AGENT_MAY_REPLY = frozenset(
    {Status.NEW, Status.OPEN, Status.WAITING_ON_CUSTOMER, Status.RESOLVED, Status.REJECTED}
)


def find_rule(*, status: str, action: Action, actor: Actor) -> Rule | None:
    for rule in RULES:
        if rule.action == action and status in rule.sources and actor in rule.actors:
            return rule
    return None


def transition_target(*, status: str, action: Action, actor: Actor) -> Status:
    """The status ``action`` leads to from ``status`` for ``actor``.

    Raises TicketError(TRANSITION_NOT_ALLOWED) when the machine has no such edge.
    """
    rule = find_rule(status=status, action=action, actor=actor)
    if rule is None:
        raise TicketError(
            TicketError.Code.TRANSITION_NOT_ALLOWED,
            status=Status(status).label,
            action=ACTION_LABELS[action],
        )
    return rule.target


def is_allowed(*, status: str, action: Action, actor: Actor) -> bool:
    return find_rule(status=status, action=action, actor=actor) is not None


def allowed_actions(*, status: str, actor: Actor) -> list[Action]:
    """What ``actor`` may do now: drives which buttons a page shows."""
    return [a for a in Action if is_allowed(status=status, action=a, actor=actor)]


def may_reply(*, status: str, actor: Actor, in_reopen_grace: bool = False) -> bool:
    """Whether ``actor`` may still write in the thread.

    ``in_reopen_grace``: the ticket was closed recently enough (see Ticket.in_reopen_grace)
    that its requester may reopen it by answering; after that a closed thread is shut.
    """
    if actor == Actor.CUSTOMER and status == Status.CLOSED and in_reopen_grace:
        return True
    allowed = CUSTOMER_MAY_REPLY if actor == Actor.CUSTOMER else AGENT_MAY_REPLY
    return status in allowed


def reply_target(*, status: str, actor: Actor, in_reopen_grace: bool = False) -> Status:
    """The status after a public reply: the reply is refused where the thread is shut."""
    if not may_reply(status=status, actor=actor, in_reopen_grace=in_reopen_grace):
        raise TicketError(
            TicketError.Code.TRANSITION_NOT_ALLOWED,
            status=Status(status).label,
            action=ACTION_LABELS[Action.CUSTOMER_REPLY],
        )
    if actor == Actor.CUSTOMER and status == Status.CLOSED:
        return Status.OPEN  # a reply within the grace period reopens the ticket
    if actor == Actor.CUSTOMER and is_allowed(
        status=status, action=Action.CUSTOMER_REPLY, actor=actor
    ):
        return transition_target(status=status, action=Action.CUSTOMER_REPLY, actor=actor)
    if actor == Actor.AGENT and status == Status.NEW:
        return Status.OPEN
    return Status(status)

"""The status machine, checked against a table written out by hand.

The table below is the specification: every (status, action, actor) is listed, so a rule
added or dropped in workflow.py without updating this file fails here.
"""

import pytest
from django.utils import translation

from walletdesk.tickets import workflow
from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.models import Status
from walletdesk.tickets.workflow import Action, Actor

NEW = Status.NEW
OPEN = Status.OPEN
WAIT = Status.WAITING_ON_CUSTOMER
RESOLVED = Status.RESOLVED
CLOSED = Status.CLOSED
REJECTED = Status.REJECTED
NO = None  # refused

# (status, action): (customer, agent, system) -> target status, or NO when refused.
EXPECTED: dict[tuple[Status, Action], tuple[Status | None, Status | None, Status | None]] = {
    (NEW, Action.START): (NO, OPEN, NO),
    (NEW, Action.REQUEST_INFO): (NO, WAIT, NO),
    (NEW, Action.CUSTOMER_REPLY): (NO, NO, NO),
    (NEW, Action.RESOLVE): (RESOLVED, RESOLVED, NO),
    (NEW, Action.CLOSE): (NO, CLOSED, CLOSED),
    (NEW, Action.REJECT): (NO, REJECTED, NO),
    (NEW, Action.REOPEN): (NO, NO, NO),
    (OPEN, Action.START): (NO, NO, NO),
    (OPEN, Action.REQUEST_INFO): (NO, WAIT, NO),
    (OPEN, Action.CUSTOMER_REPLY): (NO, NO, NO),
    (OPEN, Action.RESOLVE): (RESOLVED, RESOLVED, NO),
    (OPEN, Action.CLOSE): (NO, CLOSED, CLOSED),
    (OPEN, Action.REJECT): (NO, REJECTED, NO),
    (OPEN, Action.REOPEN): (NO, NO, NO),
    (WAIT, Action.START): (NO, NO, NO),
    (WAIT, Action.REQUEST_INFO): (NO, NO, NO),
    (WAIT, Action.CUSTOMER_REPLY): (OPEN, NO, NO),
    (WAIT, Action.RESOLVE): (RESOLVED, RESOLVED, NO),
    (WAIT, Action.CLOSE): (NO, CLOSED, CLOSED),
    (WAIT, Action.REJECT): (NO, REJECTED, NO),
    (WAIT, Action.REOPEN): (NO, NO, NO),
    (RESOLVED, Action.START): (NO, NO, NO),
    (RESOLVED, Action.REQUEST_INFO): (NO, NO, NO),
    (RESOLVED, Action.CUSTOMER_REPLY): (OPEN, NO, NO),
    (RESOLVED, Action.RESOLVE): (NO, NO, NO),
    (RESOLVED, Action.CLOSE): (CLOSED, CLOSED, CLOSED),
    (RESOLVED, Action.REJECT): (NO, NO, NO),
    (RESOLVED, Action.REOPEN): (NO, OPEN, NO),
    (CLOSED, Action.START): (NO, NO, NO),
    (CLOSED, Action.REQUEST_INFO): (NO, NO, NO),
    (CLOSED, Action.CUSTOMER_REPLY): (NO, NO, NO),
    (CLOSED, Action.RESOLVE): (NO, NO, NO),
    (CLOSED, Action.CLOSE): (NO, NO, NO),
    (CLOSED, Action.REJECT): (NO, NO, NO),
    (CLOSED, Action.REOPEN): (NO, OPEN, NO),
    (REJECTED, Action.START): (NO, NO, NO),
    (REJECTED, Action.REQUEST_INFO): (NO, NO, NO),
    (REJECTED, Action.CUSTOMER_REPLY): (NO, NO, NO),
    (REJECTED, Action.RESOLVE): (NO, NO, NO),
    (REJECTED, Action.CLOSE): (NO, NO, NO),
    (REJECTED, Action.REJECT): (NO, NO, NO),
    (REJECTED, Action.REOPEN): (NO, OPEN, NO),
}

ACTOR_COLUMNS = (Actor.CUSTOMER, Actor.AGENT, Actor.SYSTEM)

CASES = [
    pytest.param(status, action, actor, targets[i], id=f"{status}-{action.value}-{actor.value}")
    for (status, action), targets in EXPECTED.items()
    for i, actor in enumerate(ACTOR_COLUMNS)
]
ALLOWED = [case for case in CASES if case.values[3] is not None]
REFUSED = [case for case in CASES if case.values[3] is None]

# A public reply: where each side may still write, and what the reply does to the status.
REPLY_EXPECTED: dict[Status, tuple[Status | None, Status | None]] = {
    # status: (customer, agent)
    NEW: (NEW, OPEN),
    OPEN: (OPEN, OPEN),
    WAIT: (OPEN, WAIT),
    RESOLVED: (OPEN, RESOLVED),
    CLOSED: (NO, NO),
    REJECTED: (NO, REJECTED),
}


def test_table_covers_every_combination() -> None:
    combinations = {(status, action) for status in Status for action in Action}

    assert set(EXPECTED) == combinations
    assert set(REPLY_EXPECTED) == set(Status)
    assert len(CASES) == len(Status) * len(Action) * len(Actor)


@pytest.mark.parametrize(("status", "action", "actor", "target"), ALLOWED)
def test_allowed_transition_leads_to_expected_target(
    status: Status, action: Action, actor: Actor, target: Status
) -> None:
    result = workflow.transition_target(status=status, action=action, actor=actor)

    assert result == target
    assert workflow.is_allowed(status=status, action=action, actor=actor) is True


@pytest.mark.parametrize(("status", "action", "actor", "target"), REFUSED)
def test_refused_transition_raises_transition_not_allowed(
    status: Status, action: Action, actor: Actor, target: None
) -> None:
    with pytest.raises(TicketError) as caught:
        workflow.transition_target(status=status, action=action, actor=actor)

    assert caught.value.code == TicketError.Code.TRANSITION_NOT_ALLOWED
    assert workflow.is_allowed(status=status, action=action, actor=actor) is False
    message = caught.value.message
    assert message.strip()
    assert "Traceback" not in message
    assert "%(" not in message  # every placeholder was filled


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("actor", list(Actor))
def test_allowed_actions_matches_table_in_action_order(status: Status, actor: Actor) -> None:
    column = ACTOR_COLUMNS.index(actor)
    expected = [a for a in Action if EXPECTED[(status, a)][column] is not None]

    actions = workflow.allowed_actions(status=status, actor=actor)

    assert actions == expected


def test_accepts_plain_string_status_as_stored_in_the_database() -> None:
    target = workflow.transition_target(status="new", action=Action.START, actor=Actor.AGENT)

    assert target == Status.OPEN


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("status", [CLOSED, REJECTED, RESOLVED])
def test_refusal_message_names_the_status_in_the_active_language(
    language: str, status: Status
) -> None:
    with translation.override(language):
        with pytest.raises(TicketError) as caught:
            workflow.transition_target(status=status, action=Action.REJECT, actor=Actor.AGENT)
        message = caught.value.message
        label = str(status.label)

    assert label in message
    assert message.strip()


def test_refusal_message_is_translated_once_the_catalogue_has_it() -> None:
    with translation.override("en"):
        with pytest.raises(TicketError) as caught:
            workflow.transition_target(status=CLOSED, action=Action.RESOLVE, actor=Actor.AGENT)
        english = caught.value.message
    with translation.override("zh-hans"):
        template = str(TicketError.messages[TicketError.Code.TRANSITION_NOT_ALLOWED.value])
        chinese = caught.value.message  # the message is rendered when read, in today's language

    assert "Closed" in english
    assert "resolved" in english
    if not template.startswith("This ticket is"):  # the zh-hans catalogue translates it
        assert chinese != english
        assert "This ticket is" not in chinese


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("actor", [Actor.CUSTOMER, Actor.AGENT])
def test_reply_target(status: Status, actor: Actor) -> None:
    expected = REPLY_EXPECTED[status][0 if actor == Actor.CUSTOMER else 1]

    if expected is None:
        with pytest.raises(TicketError) as caught:
            workflow.reply_target(status=status, actor=actor)
        assert caught.value.code == TicketError.Code.TRANSITION_NOT_ALLOWED
        assert str(status.label) in caught.value.message
        assert workflow.may_reply(status=status, actor=actor) is False
    else:
        assert workflow.reply_target(status=status, actor=actor) == expected
        assert workflow.may_reply(status=status, actor=actor) is True


def test_every_action_has_a_label_for_the_refusal_message() -> None:
    assert set(workflow.ACTION_LABELS) == set(Action)
    assert all(str(label).strip() for label in workflow.ACTION_LABELS.values())


def test_a_customer_reply_reopens_a_closed_ticket_only_within_the_grace_period() -> None:
    assert (
        workflow.reply_target(status=Status.CLOSED, actor=Actor.CUSTOMER, in_reopen_grace=True)
        == Status.OPEN
    )
    with pytest.raises(TicketError):
        workflow.reply_target(status=Status.CLOSED, actor=Actor.CUSTOMER, in_reopen_grace=False)
    with pytest.raises(TicketError):
        workflow.reply_target(status=Status.REJECTED, actor=Actor.CUSTOMER, in_reopen_grace=True)

"""ticket_open with resubmission_of: a rejected ticket sent again, linked to the original."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from walletdesk.accounts.models import User
from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.models import Status, Ticket
from walletdesk.tickets.services import ticket_open
from walletdesk.tickets.tests.services.helpers import (
    Code,
    Kind,
    draft,
    history,
    kinds,
    rejected_by,
    ticket_in,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_resubmit_links_to_the_rejected_original(alice: User, carol: User) -> None:
    original = rejected_by(carol, ticket_in(Status.NEW, alice))

    new = ticket_open(requester=alice, draft=draft(), resubmission_of=original)

    new.refresh_from_db()
    assert new.resubmission_of == original
    assert new.status == Status.NEW
    assert history(new) == [(Kind.CREATED, alice, "web", Status.NEW, original.reference)]
    assert history(original)[-1] == (Kind.RESUBMITTED, alice, "", new.reference, "")
    original.refresh_from_db()
    assert original.status == Status.REJECTED  # the original stays as it was


def test_resubmit_only_by_the_requester(alice: User, bob: User, carol: User) -> None:
    original = rejected_by(carol, ticket_in(Status.NEW, alice))

    with pytest.raises(TicketError) as caught:
        ticket_open(requester=bob, draft=draft(), resubmission_of=original)

    assert caught.value.code == Code.NOT_REQUESTER
    assert Ticket.objects.count() == 1
    assert Kind.RESUBMITTED not in kinds(original)


def test_resubmit_refused_when_reason_does_not_allow_it(alice: User, carol: User) -> None:
    original = rejected_by(carol, ticket_in(Status.NEW, alice), code="out_of_scope")

    with pytest.raises(TicketError) as caught:
        ticket_open(requester=alice, draft=draft(), resubmission_of=original)

    assert caught.value.code == Code.NOT_RESUBMITTABLE
    assert Ticket.objects.count() == 1


@pytest.mark.parametrize("status", [Status.NEW, Status.OPEN, Status.RESOLVED, Status.CLOSED])
def test_resubmit_refused_unless_rejected(alice: User, status: Status) -> None:
    original = ticket_in(status, alice)

    with pytest.raises(TicketError) as caught:
        ticket_open(requester=alice, draft=draft(), resubmission_of=original)

    assert caught.value.code == Code.NOT_RESUBMITTABLE
    assert Ticket.objects.count() == 1


def test_resubmit_only_once(alice: User, carol: User) -> None:
    original = rejected_by(carol, ticket_in(Status.NEW, alice))
    first = ticket_open(requester=alice, draft=draft(), resubmission_of=original)

    with pytest.raises(TicketError) as caught:
        ticket_open(requester=alice, draft=draft(), resubmission_of=original)

    assert caught.value.code == Code.ALREADY_RESUBMITTED
    assert first.reference in caught.value.message
    assert Ticket.objects.count() == 2
    assert kinds(original).count(Kind.RESUBMITTED) == 1


def test_resubmit_goes_back_to_the_agent_of_the_original(alice: User, carol: User) -> None:
    original = rejected_by(carol, ticket_in(Status.NEW, alice))
    assert original.assignee == carol  # rejecting an unassigned ticket takes it

    new = ticket_open(requester=alice, draft=draft(), resubmission_of=original)

    assert Ticket.objects.get(pk=new.pk).assignee == carol


def test_resubmit_is_due_by_its_categorys_policy_counted_from_now(alice: User, carol: User) -> None:
    with time_machine.travel(dt.datetime(2025, 6, 2, 10, 0, tzinfo=SHANGHAI), tick=False):
        original = rejected_by(carol, ticket_in(Status.NEW, alice))
    original_due = Ticket.objects.get(pk=original.pk).first_response_due_at

    # Friday: the withdrawal category replies within 2 business days, so Tuesday.
    with time_machine.travel(dt.datetime(2025, 6, 6, 10, 0, tzinfo=SHANGHAI), tick=False):
        new = ticket_open(requester=alice, draft=draft(), resubmission_of=original)

    due = Ticket.objects.get(pk=new.pk).first_response_due_at.astimezone(SHANGHAI)
    assert due == dt.datetime(2025, 6, 10, 10, 0, tzinfo=SHANGHAI)
    assert due != original_due

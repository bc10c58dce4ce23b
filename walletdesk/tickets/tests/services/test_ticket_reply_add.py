"""ticket_reply_add: who may write, and what a reply or note changes."""

import pytest

from walletdesk.accounts.models import User
from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.models import Message, Status, Ticket
from walletdesk.tickets.services import ticket_reply_add
from walletdesk.tickets.tests.services.helpers import Code, Kind, history, kinds, ticket_in


def test_customer_reply_on_new_ticket_keeps_status(alice: User, alice_ticket: Ticket) -> None:
    message = ticket_reply_add(ticket=alice_ticket, author=alice, body="  补充 网络是 TRC20  ")

    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.NEW
    assert message.author_role == Message.AuthorRole.CUSTOMER
    assert message.is_internal is False
    assert message.body == "补充 网络是 TRC20"
    assert alice_ticket.last_customer_message_at == alice_ticket.customer_seen_at
    assert history(alice_ticket) == [(Kind.CUSTOMER_REPLIED, alice, "", "", "")]


@pytest.mark.parametrize("status", [Status.WAITING_ON_CUSTOMER, Status.RESOLVED])
def test_customer_reply_reopens_waiting_and_resolved(alice: User, status: Status) -> None:
    ticket = ticket_in(status, alice, resolved_at=None)
    if status == Status.RESOLVED:
        Ticket.objects.filter(pk=ticket.pk).update(resolved_at=ticket.created_at)

    ticket_reply_add(ticket=ticket, author=alice, body="还是没到账")

    ticket.refresh_from_db()
    assert ticket.status == Status.OPEN
    assert ticket.resolved_at is None
    assert history(ticket) == [
        (Kind.STATUS_CHANGED, alice, status, Status.OPEN, ""),
        (Kind.CUSTOMER_REPLIED, alice, "", "", ""),
    ]
    assert ticket.messages.count() == 1


@pytest.mark.parametrize("status", [Status.CLOSED, Status.REJECTED])
def test_customer_reply_refused_on_closed_and_rejected(alice: User, status: Status) -> None:
    ticket = ticket_in(status, alice)

    with pytest.raises(TicketError) as caught:
        ticket_reply_add(ticket=ticket, author=alice, body="为什么关闭了")

    assert caught.value.code == Code.TRANSITION_NOT_ALLOWED
    ticket.refresh_from_db()
    assert ticket.status == status
    assert not ticket.messages.exists()
    assert history(ticket) == []


def test_other_customer_cannot_reply(alice_ticket: Ticket, bob: User) -> None:
    with pytest.raises(TicketError) as caught:
        ticket_reply_add(ticket=alice_ticket, author=bob, body="hello")

    assert caught.value.code == Code.NOT_REQUESTER
    assert not alice_ticket.messages.exists()


def test_customer_cannot_write_internal_note(alice: User, alice_ticket: Ticket) -> None:
    with pytest.raises(TicketError) as caught:
        ticket_reply_add(ticket=alice_ticket, author=alice, body="secret", internal=True)

    assert caught.value.code == Code.NOT_AGENT
    assert not alice_ticket.messages.exists()
    assert history(alice_ticket) == []


@pytest.mark.parametrize("body", ["", "   ", "\n\t"])
def test_empty_reply_refused(alice: User, alice_ticket: Ticket, body: str) -> None:
    with pytest.raises(TicketError) as caught:
        ticket_reply_add(ticket=alice_ticket, author=alice, body=body)

    assert caught.value.code == Code.EMPTY_MESSAGE
    assert not alice_ticket.messages.exists()


def test_agent_first_reply_opens_new_ticket_and_marks_response(
    alice_ticket: Ticket, carol: User
) -> None:
    message = ticket_reply_add(ticket=alice_ticket, author=carol, body="您好 我们正在核查。")

    alice_ticket.refresh_from_db()
    assert message.author_role == Message.AuthorRole.AGENT
    assert message.is_internal is False
    assert alice_ticket.status == Status.OPEN
    assert alice_ticket.first_responded_at is not None
    assert alice_ticket.last_agent_reply_at == alice_ticket.first_responded_at
    assert alice_ticket.is_unread_for_customer is True
    assert history(alice_ticket) == [
        (Kind.STATUS_CHANGED, carol, Status.NEW, Status.OPEN, ""),
        (Kind.AGENT_REPLIED, carol, "", "", ""),
    ]


def test_agent_second_reply_keeps_first_response_time(alice_ticket: Ticket, carol: User) -> None:
    ticket_reply_add(ticket=alice_ticket, author=carol, body="first")
    alice_ticket.refresh_from_db()
    first = alice_ticket.first_responded_at

    ticket_reply_add(ticket=alice_ticket, author=carol, body="second")

    alice_ticket.refresh_from_db()
    assert alice_ticket.first_responded_at == first
    assert alice_ticket.last_agent_reply_at > first
    assert kinds(alice_ticket) == [Kind.STATUS_CHANGED, Kind.AGENT_REPLIED, Kind.AGENT_REPLIED]


def test_internal_note_changes_nothing_the_customer_sees(alice_ticket: Ticket, carol: User) -> None:
    message = ticket_reply_add(ticket=alice_ticket, author=carol, body="查链上", internal=True)

    alice_ticket.refresh_from_db()
    assert message.is_internal is True
    assert alice_ticket.status == Status.NEW
    assert alice_ticket.first_responded_at is None
    assert alice_ticket.last_agent_reply_at is None
    assert alice_ticket.is_unread_for_customer is False
    assert history(alice_ticket) == [(Kind.NOTE_ADDED, carol, "", "", "")]


def test_agent_may_note_on_closed_ticket_but_not_reply(alice: User, carol: User) -> None:
    ticket = ticket_in(Status.CLOSED, alice)

    ticket_reply_add(ticket=ticket, author=carol, body="duplicate of WD-XXXXXX", internal=True)
    with pytest.raises(TicketError) as caught:
        ticket_reply_add(ticket=ticket, author=carol, body="hello")

    assert caught.value.code == Code.TRANSITION_NOT_ALLOWED
    assert list(ticket.messages.values_list("is_internal", flat=True)) == [True]
    assert kinds(ticket) == [Kind.NOTE_ADDED]

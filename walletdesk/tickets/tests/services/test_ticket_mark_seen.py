"""ticket_mark_seen: the customer's unread marker."""

from walletdesk.accounts.models import User
from walletdesk.tickets.models import Ticket
from walletdesk.tickets.services import ticket_mark_seen, ticket_reply_add
from walletdesk.tickets.tests.services.helpers import history


def test_mark_seen_clears_unread_after_agent_reply(
    alice: User, alice_ticket: Ticket, carol: User
) -> None:
    ticket_reply_add(ticket=alice_ticket, author=carol, body="请查看")
    alice_ticket.refresh_from_db()
    assert alice_ticket.is_unread_for_customer is True
    events_before = history(alice_ticket)

    ticket_mark_seen(ticket=alice_ticket, customer=alice)

    assert alice_ticket.is_unread_for_customer is False
    stored = Ticket.objects.get(pk=alice_ticket.pk)
    assert stored.is_unread_for_customer is False
    assert stored.customer_seen_at >= stored.last_agent_reply_at
    assert history(alice_ticket) == events_before  # reading is not a change


def test_mark_seen_by_someone_else_changes_nothing(
    alice_ticket: Ticket, bob: User, carol: User
) -> None:
    ticket_reply_add(ticket=alice_ticket, author=carol, body="请查看")
    alice_ticket.refresh_from_db()

    ticket_mark_seen(ticket=alice_ticket, customer=bob)
    ticket_mark_seen(ticket=alice_ticket, customer=carol)

    assert Ticket.objects.get(pk=alice_ticket.pk).is_unread_for_customer is True


def test_internal_note_does_not_make_ticket_unread(alice_ticket: Ticket, carol: User) -> None:
    ticket_reply_add(ticket=alice_ticket, author=carol, body="note", internal=True)

    assert Ticket.objects.get(pk=alice_ticket.pk).is_unread_for_customer is False


def test_customer_reply_marks_the_thread_seen(
    alice: User, alice_ticket: Ticket, carol: User
) -> None:
    ticket_reply_add(ticket=alice_ticket, author=carol, body="请提供截图")

    ticket_reply_add(ticket=alice_ticket, author=alice, body="已上传")

    assert Ticket.objects.get(pk=alice_ticket.pk).is_unread_for_customer is False

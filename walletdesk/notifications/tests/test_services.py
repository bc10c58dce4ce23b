import pytest
from django.db import transaction
from django.utils import timezone

from walletdesk.notifications.models import (
    Channel,
    Kind,
    Notification,
    NotificationPreference,
    State,
)
from walletdesk.tickets.models import Status, TicketEvent
from walletdesk.tickets.services import (
    ticket_assign,
    ticket_close,
    ticket_reject,
    ticket_reopen,
    ticket_reply_add,
    ticket_request_info,
    ticket_resolve,
)
from walletdesk.tickets.tests.factories import TicketFactory, reason


def kinds_for(user, ticket):
    return sorted(
        Notification.objects.filter(recipient=user, ticket=ticket).values_list("kind", "channel")
    )


@pytest.mark.django_db(transaction=True)
def test_agent_reply_writes_inapp_and_email_rows_for_the_requester(alice, carol, alice_ticket):
    ticket_reply_add(ticket=alice_ticket, author=carol, body="请提供交易哈希")

    rows = Notification.objects.filter(recipient=alice)
    assert sorted(rows.values_list("kind", "channel")) == [
        (Kind.AGENT_REPLIED, Channel.EMAIL),
        (Kind.AGENT_REPLIED, Channel.INAPP),
    ]
    event = TicketEvent.objects.get(ticket=alice_ticket, kind=TicketEvent.Kind.AGENT_REPLIED)
    assert all(r.event_id == event.pk for r in rows)
    assert rows.get(channel=Channel.INAPP).state == State.SENT
    assert rows.get(channel=Channel.EMAIL).state == State.PENDING
    assert not Notification.objects.filter(recipient=carol).exists()


def test_internal_note_notifies_nobody(alice, carol, alice_ticket):
    ticket_reply_add(ticket=alice_ticket, author=carol, body="内部备注", internal=True)

    assert TicketEvent.objects.filter(kind=TicketEvent.Kind.NOTE_ADDED).exists()
    assert not Notification.objects.exists()


def test_new_ticket_notifies_nobody(alice_ticket, alice):
    from walletdesk.tickets.services import ticket_event_record

    ticket_event_record(ticket=alice_ticket, kind=TicketEvent.Kind.CREATED, actor=alice)

    assert not Notification.objects.exists()


def test_request_info_notifies_requester_once_not_for_the_status_change(alice, carol, alice_ticket):
    ticket_request_info(ticket=alice_ticket, agent=carol, body="请补充截图")

    assert kinds_for(alice, alice_ticket) == [
        (Kind.INFO_REQUESTED, Channel.EMAIL),
        (Kind.INFO_REQUESTED, Channel.INAPP),
    ]


def test_rejection_notifies_requester_with_the_reason(alice, carol, alice_ticket):
    ticket_reject(ticket=alice_ticket, agent=carol, reason=reason(), message="缺少交易哈希")

    row = Notification.objects.get(recipient=alice, channel=Channel.EMAIL)
    assert row.kind == Kind.REJECTED
    assert row.event.reason == "缺少交易哈希"


def test_resolution_and_reopen_notify_requester(alice, carol, alice_ticket):
    ticket_resolve(ticket=alice_ticket, actor=carol)
    ticket_reopen(ticket=alice_ticket, agent=carol)

    assert kinds_for(alice, alice_ticket) == [
        (Kind.RESOLVED, Channel.EMAIL),
        (Kind.RESOLVED, Channel.INAPP),
        (Kind.STATUS_CHANGED, Channel.EMAIL),
        (Kind.STATUS_CHANGED, Channel.INAPP),
    ]


def test_customer_resolving_herself_hears_nothing(alice, alice_ticket):
    ticket_resolve(ticket=alice_ticket, actor=alice)

    assert not Notification.objects.exists()


def test_closing_a_resolved_ticket_is_silent_closing_an_active_one_is_not(
    alice, carol, alice_ticket
):
    ticket_resolve(ticket=alice_ticket, actor=carol)
    Notification.objects.all().delete()
    ticket_close(ticket=alice_ticket, actor=None)
    assert not Notification.objects.exists()

    other = type(alice_ticket).objects.create(
        reference="WD-ZZZZZZ",
        requester=alice,
        category=alice_ticket.category,
        subject="s",
        description="d",
        first_response_due_at=alice_ticket.first_response_due_at,
    )
    ticket_close(ticket=other, actor=None, reason="no_answer")
    assert kinds_for(alice, other) == [(Kind.CLOSED, Channel.EMAIL), (Kind.CLOSED, Channel.INAPP)]


def test_customer_reply_notifies_the_assigned_agent(alice, carol, erin, alice_ticket):
    ticket_assign(ticket=alice_ticket, assignee=erin, actor=carol)
    ticket_reply_add(ticket=alice_ticket, author=alice, body="补充：哈希是 0xabc")

    assert kinds_for(erin, alice_ticket) == [
        (Kind.ASSIGNED, Channel.EMAIL),
        (Kind.ASSIGNED, Channel.INAPP),
        (Kind.CUSTOMER_REPLIED, Channel.EMAIL),
        (Kind.CUSTOMER_REPLIED, Channel.INAPP),
    ]
    assert not Notification.objects.filter(recipient=alice).exists()


def test_taking_a_ticket_yourself_does_not_notify_you(carol, alice_ticket):
    ticket_assign(ticket=alice_ticket, assignee=carol, actor=carol)

    assert not Notification.objects.exists()


def test_preferences_turn_a_channel_off(alice, carol, alice_ticket):
    NotificationPreference.objects.create(
        user=alice, kind=Kind.AGENT_REPLIED, channel=Channel.EMAIL, enabled=False
    )

    ticket_reply_add(ticket=alice_ticket, author=carol, body="你好")

    assert kinds_for(alice, alice_ticket) == [(Kind.AGENT_REPLIED, Channel.INAPP)]


def test_rolled_back_change_leaves_no_rows(alice, carol, alice_ticket):
    def reply_then_fail() -> None:
        with transaction.atomic():
            ticket_reply_add(ticket=alice_ticket, author=carol, body="你好")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        reply_then_fail()

    assert not Notification.objects.exists()
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.NEW


def test_delivery_is_queued_only_on_commit(
    alice, carol, alice_ticket, django_capture_on_commit_callbacks, monkeypatch
):
    queued = []
    monkeypatch.setattr(
        "walletdesk.notifications.services.notifications_queue", lambda ids: queued.extend(ids)
    )

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        ticket_reply_add(ticket=alice_ticket, author=carol, body="你好")
        assert queued == []

    assert len(callbacks) == 1
    assert queued == [Notification.objects.get(channel=Channel.EMAIL).pk]


def test_reading_a_ticket_marks_only_its_unread_inapp_notifications(db, alice, bob):
    from walletdesk.notifications.services import notifications_read_for_ticket
    from walletdesk.notifications.tests.factories import inapp_notification

    about = inapp_notification(recipient=alice)
    ticket = about.ticket
    again = inapp_notification(recipient=alice, ticket=ticket)
    elsewhere = inapp_notification(recipient=alice)
    bobs = inapp_notification(recipient=bob, ticket=ticket)

    left = notifications_read_for_ticket(user=alice, ticket=ticket)

    assert left == 1
    for row in (about, again, elsewhere, bobs):
        row.refresh_from_db()
    assert about.read_at is not None
    assert again.read_at is not None
    assert elsewhere.read_at is None
    assert bobs.read_at is None
    assert notifications_read_for_ticket(user=alice, ticket=ticket) == 1


def test_reading_a_ticket_counts_what_the_bell_counts(db, alice, bob):
    """The kept COUNT of notifications_read_for_ticket leaves out what the bell leaves out:
    e-mails, rows already read, other people's rows; a ticket-less row counts as unread."""
    from walletdesk.notifications.selectors import notification_unread_count
    from walletdesk.notifications.services import notifications_read_for_ticket
    from walletdesk.notifications.tests.factories import inapp_notification

    about = inapp_notification(recipient=alice)
    ticket = about.ticket
    mailed = inapp_notification(recipient=alice, ticket=ticket)
    Notification.objects.filter(pk=mailed.pk).update(channel=Channel.EMAIL)
    read = inapp_notification(recipient=alice, ticket=ticket)
    Notification.objects.filter(pk=read.pk).update(read_at=timezone.now())
    forum = inapp_notification(recipient=alice)
    Notification.objects.filter(pk=forum.pk).update(ticket=None)
    inapp_notification(recipient=alice)
    inapp_notification(recipient=bob, ticket=ticket)
    bell_before = notification_unread_count(user=alice)

    left = notifications_read_for_ticket(user=alice, ticket=ticket)

    assert bell_before == 3
    assert left == notification_unread_count(user=alice) == 2


def test_reading_a_ticket_with_nothing_unread_writes_nothing(db, alice, django_assert_num_queries):
    from walletdesk.notifications.services import notifications_read_for_ticket
    from walletdesk.notifications.tests.factories import inapp_notification

    other = inapp_notification(recipient=alice)
    ticket = TicketFactory(requester=alice)

    with django_assert_num_queries(1):
        left = notifications_read_for_ticket(user=alice, ticket=ticket)

    assert left == 1
    other.refresh_from_db()
    assert other.read_at is None

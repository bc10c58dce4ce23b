"""Receipts: every new ticket's requester hears "we have your ticket" once, in the app and by
e-mail, whatever door the ticket came through, without the submission writing anything for it."""

import zoneinfo
from datetime import timedelta

import pytest
from django.utils import timezone

from walletdesk.accounts.tests.factories import UserFactory
from walletdesk.guard.models import Channel as Door
from walletdesk.notifications.channels.email import email_build
from walletdesk.notifications.models import (
    Channel,
    EventCursor,
    Kind,
    Notification,
    NotificationPreference,
)
from walletdesk.notifications.receipts import RECEIPTS, _settled_prefix, receipts_write
from walletdesk.submissions.drafts import TicketSubmission
from walletdesk.submissions.services import ticket_submit
from walletdesk.testing.mail import assert_mail_in, mail_parts
from walletdesk.tickets.drafts import TicketDraft
from walletdesk.tickets.events import ticket_event_heard
from walletdesk.tickets.models import Ticket, TicketEvent
from walletdesk.tickets.tests.factories import category

pytestmark = pytest.mark.django_db

LATER = timedelta(hours=1)


def submit(user, door=Door.WEB, subject="提现一直显示处理中") -> Ticket:
    draft = TicketDraft(
        category=category("other"), subject=subject, description="昨天转出 50 USDT，余额没变。"
    )
    return ticket_submit(TicketSubmission(channel=door, requester=user, draft=draft)).ticket


def receipts_of(ticket: Ticket) -> list[tuple[str, str]]:
    rows = Notification.objects.filter(ticket=ticket, kind=Kind.RECEIVED)
    return sorted(rows.values_list("recipient__email", "channel"))


@pytest.mark.parametrize("door", [Door.WEB, Door.API, Door.EMAIL])
def test_every_door_s_new_ticket_gets_one_receipt_in_the_app_and_by_mail(alice, door):
    ticket = submit(alice, door)
    assert receipts_of(ticket) == []  # the submission itself wrote nothing for it

    assert receipts_write(now=timezone.now() + LATER) == 1

    assert receipts_of(ticket) == [(alice.email, Channel.EMAIL), (alice.email, Channel.INAPP)]
    inapp = Notification.objects.get(ticket=ticket, channel=Channel.INAPP)
    assert inapp.read_at is None
    assert inapp.state == "sent"


def test_a_second_run_writes_nothing_again_and_moves_the_cursor(alice):
    first, second = submit(alice), submit(alice, subject="充值未到账")
    later = timezone.now() + LATER

    assert receipts_write(now=later) == 2
    assert receipts_write(now=later) == 0

    assert len(receipts_of(first)) == len(receipts_of(second)) == 2
    last = TicketEvent.objects.filter(ticket=second, kind=TicketEvent.Kind.CREATED).get()
    assert EventCursor.objects.get(name=RECEIPTS).last_event_id == last.pk


def test_a_fresh_ticket_gets_its_receipt_at_once_but_the_cursor_waits_until_it_settles(alice):
    ticket = submit(alice)
    created = TicketEvent.objects.get(ticket=ticket, kind=TicketEvent.Kind.CREATED)
    start = EventCursor.objects.get(name=RECEIPTS).last_event_id

    assert receipts_write() == 1  # now: the event is younger than the settling time
    assert EventCursor.objects.get(name=RECEIPTS).last_event_id == start
    assert receipts_write() == 0  # read again, already receipted: nothing twice
    assert receipts_write(now=timezone.now() + LATER) == 0

    assert EventCursor.objects.get(name=RECEIPTS).last_event_id == created.pk
    assert len(receipts_of(ticket)) == 2


def test_the_cursor_stops_before_the_first_event_that_has_not_settled():
    now = timezone.now()
    old, fresh, older_again = (
        TicketEvent(pk=1, created_at=now - timedelta(minutes=10)),
        TicketEvent(pk=2, created_at=now),
        TicketEvent(pk=3, created_at=now - timedelta(minutes=10)),
    )
    cutoff = now - timedelta(minutes=2)

    assert _settled_prefix([old, fresh, older_again], cutoff) == 1
    assert _settled_prefix([fresh, older_again], cutoff) is None
    assert _settled_prefix([old, older_again], cutoff) == 3
    assert _settled_prefix([], cutoff) is None


def test_tickets_from_before_receipts_existed_get_none(alice):
    ticket = submit(alice)
    last = TicketEvent.objects.order_by("-pk").first()
    EventCursor.objects.update_or_create(name=RECEIPTS, defaults={"last_event_id": last.pk})

    assert receipts_write(now=timezone.now() + LATER) == 0
    assert receipts_of(ticket) == []


def test_the_requester_s_preferences_and_account_state_are_honoured(alice, bob):
    NotificationPreference.objects.create(
        user=alice, kind=Kind.RECEIVED, channel=Channel.EMAIL, enabled=False
    )
    quiet = submit(alice)
    bob.is_active = False
    bob.save(update_fields=["is_active"])
    gone = submit(UserFactory())
    Ticket.objects.filter(pk=gone.pk).update(requester=bob)

    receipts_write(now=timezone.now() + LATER)

    assert receipts_of(quiet) == [(alice.email, Channel.INAPP)]
    assert receipts_of(gone) == []


def test_many_tickets_are_read_in_batches_in_order(alice):
    tickets = [submit(alice, subject=f"工单 {i}") for i in range(5)]
    later = timezone.now() + LATER

    assert receipts_write(now=later, limit=2) == 2
    assert receipts_write(now=later, limit=2) == 2
    assert receipts_write(now=later, limit=2) == 1
    assert all(len(receipts_of(t)) == 2 for t in tickets)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("zh-hans", ["我们已收到您的工单", "个工作日内答复"]),
        ("en", ["We have received", "business"]),
    ],
)
def test_the_receipt_mail_names_the_ticket_and_when_to_expect_an_answer(language, words):
    requester = UserFactory(
        display_name="小王" if language == "zh-hans" else "Sam",
        language=language,
        time_zone="Asia/Shanghai",
    )
    subject = "提现一直显示处理中" if language == "zh-hans" else "Withdrawal still pending"
    ticket = submit(requester, subject=subject)
    receipts_write(now=timezone.now() + LATER)
    notification = Notification.objects.get(ticket=ticket, channel=Channel.EMAIL)

    message = email_build(notification)

    assert_mail_in(message, language)
    parts = mail_parts(message)
    shanghai = zoneinfo.ZoneInfo("Asia/Shanghai")
    expected = ticket.first_response_due_at.astimezone(shanghai).strftime("%Y-%m-%d")
    for part in ("text", "html"):
        for word in words:
            assert word in parts[part]
        assert expected in parts[part]
        assert subject in parts[part]
    assert parts["subject"].startswith(f"[{ticket.reference}] ")


def test_a_new_ticket_is_still_heard_by_no_listener_so_it_stays_one_statement():
    assert not ticket_event_heard(TicketEvent.Kind.CREATED)

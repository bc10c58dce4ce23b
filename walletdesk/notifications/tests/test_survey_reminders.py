"""The survey's one reminder: once per resolution, only while the ticket can be rated, with
the same signed links as the resolution e-mail."""

import re
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from walletdesk.notifications.delivery import notification_deliver
from walletdesk.notifications.models import Channel, Kind, Notification
from walletdesk.notifications.surveys import survey_reminders_write
from walletdesk.tickets.models import Status, Ticket
from walletdesk.tickets.services import ticket_rate, ticket_reply_add, ticket_resolve
from walletdesk.tickets.tests.factories import TicketFactory

pytestmark = pytest.mark.django_db
REMIND_AFTER = timedelta(seconds=settings.SURVEY_REMIND_AFTER_FOR)


@pytest.fixture
def resolved(alice: Any, carol: Any) -> Ticket:
    ticket = TicketFactory(requester=alice, assignee=carol)
    ticket_reply_add(ticket=ticket, author=carol, body="已处理")
    return ticket_resolve(ticket=ticket, actor=carol)


def _reminders(ticket: Ticket) -> list[Notification]:
    return list(Notification.objects.filter(ticket=ticket, kind=Kind.SURVEY_REMINDER))


def test_one_reminder_once_the_time_has_come(resolved: Ticket, alice: Any) -> None:
    too_early = timezone.now() + REMIND_AFTER - timedelta(hours=1)
    assert survey_reminders_write(now=too_early) == 0
    assert _reminders(resolved) == []

    later = timezone.now() + REMIND_AFTER + timedelta(minutes=1)
    assert survey_reminders_write(now=later) == 1
    assert survey_reminders_write(now=later + timedelta(days=1)) == 0

    rows = _reminders(resolved)
    assert {r.channel for r in rows} == {Channel.INAPP, Channel.EMAIL}
    assert {r.recipient_id for r in rows} == {alice.pk}
    email = next(r for r in rows if r.channel == Channel.EMAIL)
    notification_deliver(email.pk)
    (sent,) = [m for m in mail.outbox if "评分" in m.subject]
    assert re.findall(r"/survey/\S+\?score=(\d)", sent.body) == ["1", "2", "3", "4", "5"]
    assert "唯一一次提醒" in sent.body


def test_a_rated_or_reopened_ticket_gets_no_reminder(
    resolved: Ticket, alice: Any, carol: Any
) -> None:
    other = TicketFactory(requester=alice, assignee=carol)
    ticket_reply_add(ticket=other, author=carol, body="已处理")
    ticket_resolve(ticket=other, actor=carol)
    ticket_rate(ticket=resolved, customer=alice, score=5)
    Ticket.objects.filter(pk=other.pk).update(status=Status.OPEN)

    assert survey_reminders_write(now=timezone.now() + REMIND_AFTER * 2) == 0
    assert Notification.objects.filter(kind=Kind.SURVEY_REMINDER).count() == 0


def test_a_resolution_older_than_its_links_gets_no_reminder(resolved: Ticket) -> None:
    links_expired = timezone.now() + timedelta(seconds=settings.SURVEY_LINK_VALID_FOR + 60)

    assert survey_reminders_write(now=links_expired) == 0
    assert _reminders(resolved) == []


def test_a_ticket_nobody_worked_is_not_asked(alice: Any, carol: Any) -> None:
    ticket = ticket_resolve(ticket=TicketFactory(requester=alice), actor=carol)

    assert survey_reminders_write(now=timezone.now() + REMIND_AFTER * 2) == 0
    assert _reminders(ticket) == []

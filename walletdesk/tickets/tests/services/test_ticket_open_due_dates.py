"""ticket_open: the first-response due time, counted in business days."""

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine

from walletdesk.accounts.models import User
from walletdesk.accounts.tests.factories import UserFactory
from walletdesk.tickets.models import Ticket
from walletdesk.tickets.services import ticket_open
from walletdesk.tickets.tests.factories import category
from walletdesk.tickets.tests.services.helpers import draft

SHANGHAI = ZoneInfo("Asia/Shanghai")


@time_machine.travel(dt.datetime(2025, 6, 6, 10, 0, tzinfo=SHANGHAI), tick=False)  # a Friday
def test_first_response_due_skips_the_weekend(alice: User) -> None:
    ticket = ticket_open(requester=alice, draft=draft())  # withdrawal: 2 business days

    due = Ticket.objects.get(pk=ticket.pk).first_response_due_at.astimezone(SHANGHAI)
    assert due == dt.datetime(2025, 6, 10, 10, 0, tzinfo=SHANGHAI)  # Tuesday
    assert due.weekday() == 1


@time_machine.travel(dt.datetime(2025, 6, 6, 10, 0, tzinfo=SHANGHAI), tick=False)
def test_first_response_due_one_business_day_from_friday_is_monday(alice: User) -> None:
    ticket = ticket_open(requester=alice, draft=draft(category=category("account")))

    due = Ticket.objects.get(pk=ticket.pk).first_response_due_at.astimezone(SHANGHAI)
    assert due == dt.datetime(2025, 6, 9, 10, 0, tzinfo=SHANGHAI)


@time_machine.travel(dt.datetime(2025, 6, 6, 10, 0, tzinfo=SHANGHAI), tick=False)
def test_first_response_due_counts_days_in_the_requesters_time_zone(db: None) -> None:
    # Friday 10:00 in Shanghai is still Thursday 22:00 in New York: Thursday counts there.
    new_yorker = UserFactory(time_zone="America/New_York")
    new_york = ZoneInfo("America/New_York")

    ticket = ticket_open(requester=new_yorker, draft=draft())

    due = Ticket.objects.get(pk=ticket.pk).first_response_due_at.astimezone(new_york)
    assert due == dt.datetime(2025, 6, 9, 22, 0, tzinfo=new_york)  # Monday


@time_machine.travel(dt.datetime(2025, 6, 6, 10, 0, tzinfo=SHANGHAI), tick=False)
def test_first_response_due_falls_back_to_default_zone_for_unknown_zone(db: None) -> None:
    user = UserFactory(time_zone="Mars/Olympus_Mons")

    ticket = ticket_open(requester=user, draft=draft())

    due = Ticket.objects.get(pk=ticket.pk).first_response_due_at.astimezone(SHANGHAI)
    assert due == dt.datetime(2025, 6, 10, 10, 0, tzinfo=SHANGHAI)

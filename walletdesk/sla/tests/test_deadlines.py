"""Deadline rows: opened after the fact from the ticket's creation time on its team calendar,
met by the agent's answer, paused while the ticket waits on the customer, resumed (with the
business time that was left) when they answer, and read through partial indexes."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import translation

from walletdesk.sla.errors import SlaError
from walletdesk.sla.models import Policy, TicketDeadline
from walletdesk.sla.services import deadlines_open_new, policy_for, policy_targets_check
from walletdesk.sla.tests.factories import PolicyFactory
from walletdesk.tickets.models import Priority, Status
from walletdesk.tickets.services import (
    ticket_open,
    ticket_reply_add,
    ticket_request_info,
    ticket_resolve,
)
from walletdesk.tickets.tests.factories import category
from walletdesk.tickets.tests.services.helpers import draft

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
Kind = TicketDeadline.Kind
State = TicketDeadline.State


def sh(month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=SHANGHAI)


def clocks(ticket) -> dict[str, tuple[str, dt.datetime | None]]:
    rows = TicketDeadline.objects.filter(ticket=ticket).order_by("started_at", "kind")
    return {r.kind: (r.state, r.due_at.astimezone(SHANGHAI) if r.due_at else None) for r in rows}


def opened_at(moment: dt.datetime, requester):
    with time_machine.travel(moment, tick=False):
        ticket = ticket_open(requester=requester, draft=draft())
    with time_machine.travel(moment + dt.timedelta(minutes=1), tick=False):
        deadlines_open_new()
    return ticket


@pytest.fixture
def policy(db) -> Policy:
    return PolicyFactory()


def test_a_new_ticket_gets_its_clocks_after_the_fact_from_its_creation_time(alice, policy):
    # Friday 17:00 in Shanghai: one business hour that day, the rest on Monday.
    ticket = opened_at(sh(12, 4, 17), alice)

    assert clocks(ticket) == {
        Kind.FIRST_REPLY: (State.RUNNING, sh(12, 7, 10)),  # 120 business minutes
        Kind.RESOLUTION: (State.RUNNING, sh(12, 8, 15)),  # 960: Fri 60, Mon 540, Tue 360
    }


def test_opening_twice_opens_once(alice, policy):
    ticket = opened_at(sh(12, 4, 17), alice)

    with time_machine.travel(sh(12, 4, 17, 30)):
        deadlines_open_new()

    assert TicketDeadline.objects.filter(ticket=ticket).count() == 2


def test_the_submission_itself_writes_no_deadline(alice, policy):
    with time_machine.travel(sh(12, 4, 17), tick=False):
        ticket = ticket_open(requester=alice, draft=draft())

    assert not TicketDeadline.objects.filter(ticket=ticket).exists()


def test_waiting_on_the_customer_pauses_and_their_answer_resumes(alice, carol, policy):
    ticket = opened_at(sh(12, 4, 17), alice)

    with time_machine.travel(sh(12, 4, 17, 30), tick=False):
        ticket_request_info(ticket=ticket, agent=carol, body="请提供交易哈希")
    paused = clocks(ticket)
    resolution = TicketDeadline.objects.get(ticket=ticket, kind=Kind.RESOLUTION)
    # Over the weekend and Monday morning, the customer keeps the ticket waiting.
    with time_machine.travel(sh(12, 7, 11), tick=False):
        ticket_reply_add(ticket=ticket, author=alice, body="哈希是 0xabc")
    ticket.refresh_from_db()

    assert paused[Kind.FIRST_REPLY][0] == State.MET  # asking for more is an answer
    assert paused[Kind.RESOLUTION] == (State.PAUSED, None)
    assert resolution.remaining_for == dt.timedelta(minutes=930)
    assert ticket.status == Status.OPEN
    assert clocks(ticket) == {
        Kind.FIRST_REPLY: (State.MET, sh(12, 7, 10)),
        # Monday 11:00 + 930 business minutes: Monday 420, Tuesday 510 -> Tuesday 17:30.
        Kind.RESOLUTION: (State.RUNNING, sh(12, 8, 17, 30)),
        # The agent now owes a next reply, within 60 business minutes.
        Kind.NEXT_REPLY: (State.RUNNING, sh(12, 7, 12)),
    }


def test_resolving_meets_every_clock(alice, carol, policy):
    ticket = opened_at(sh(12, 4, 10), alice)

    with time_machine.travel(sh(12, 4, 11), tick=False):
        ticket_resolve(ticket=ticket, actor=carol, body="已到账")

    states = {kind: state for kind, (state, _due) in clocks(ticket).items()}
    assert states == {Kind.FIRST_REPLY: State.MET, Kind.RESOLUTION: State.MET}


def test_the_most_specific_policy_applies(alice):
    withdrawal = category("withdrawal")
    general = PolicyFactory(name_en="general", first_reply_for=600)
    by_priority = PolicyFactory(name_en="urgent", priority=Priority.URGENT, first_reply_for=30)
    by_category = PolicyFactory(name_en="withdrawal", category=withdrawal, first_reply_for=60)
    with time_machine.travel(sh(12, 4, 10), tick=False):
        ticket = ticket_open(requester=alice, draft=draft())
    policies = [general, by_priority, by_category]

    assert policy_for(ticket, policies) == by_category
    ticket.priority = Priority.URGENT
    assert policy_for(ticket, policies) == by_category
    ticket.category = category("account")
    assert policy_for(ticket, policies) == by_priority
    ticket.priority = Priority.NORMAL
    assert policy_for(ticket, policies) == general


def test_no_policy_no_clocks(alice):
    ticket = opened_at(sh(12, 4, 17), alice)

    assert clocks(ticket) == {}


@pytest.mark.parametrize("field", ["first_reply_for", "next_reply_for", "resolution_for"])
def test_a_zero_target_is_refused(field):
    targets = {"first_reply_for": 60, "next_reply_for": 60, "resolution_for": 60, field: 0}

    with pytest.raises(SlaError) as refused:
        policy_targets_check(**targets)
    with pytest.raises(ValidationError) as invalid:
        Policy(name_zh="x", name_en="x", **targets).full_clean()

    with translation.override("en"):
        assert "at least one business minute" in refused.value.message
        assert "at least one business minute" in str(invalid.value)
    with translation.override("zh-hans"):
        assert "至少需要一个工作分钟" in refused.value.message


def test_breaching_soon_and_breached_are_indexed_reads(alice, policy, django_assert_num_queries):
    ticket = opened_at(sh(12, 4, 17), alice)
    now = sh(12, 7, 9, 30)

    with django_assert_num_queries(1):
        soon = list(TicketDeadline.objects.breaching(now, dt.timedelta(hours=1)))
    TicketDeadline.objects.filter(ticket=ticket, kind=Kind.FIRST_REPLY).update(breached_at=now)
    breached = list(TicketDeadline.objects.breached())

    assert [d.kind for d in soon] == [Kind.FIRST_REPLY]
    assert [d.kind for d in breached] == [Kind.FIRST_REPLY]
    for queryset, index in [
        (TicketDeadline.objects.breaching(now, dt.timedelta(hours=1)), "deadline_pending_due_idx"),
        (TicketDeadline.objects.breached(), "deadline_breached_idx"),
    ]:
        sql, params = queryset.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(
                f"EXPLAIN {sql}"
                if connection.vendor == "postgresql"
                else f"EXPLAIN QUERY PLAN {sql}",
                params,
            )
            plan = " ".join(str(row) for row in cursor.fetchall())
        if connection.vendor == "sqlite":
            assert index in plan


def test_the_admin_refuses_a_zero_target_and_keeps_what_was_typed(client, dave):
    client.force_login(dave)
    dave.language = "en"
    dave.save(update_fields=["language"])
    data = {
        "name_zh": "加急",
        "name_en": "Urgent",
        "first_reply_for": "0",
        "next_reply_for": "60",
        "resolution_for": "600",
        "warn_before_for": "30",
    }

    response = client.post("/admin/sla/policy/add/", data)

    assert response.status_code == 200
    assert "A target must be at least one business minute." in response.content.decode()
    assert 'value="Urgent"' in response.content.decode()
    assert not Policy.objects.exists()


def test_the_beat_opens_clocks_through_its_task(alice, policy, settings):
    from walletdesk.sla.tasks import deadlines_open_task

    with time_machine.travel(sh(12, 4, 17), tick=False):
        ticket = ticket_open(requester=alice, draft=draft())
    with time_machine.travel(sh(12, 4, 17, 1), tick=False):
        opened = deadlines_open_task()

    assert opened == 1
    assert "walletdesk.sla.tasks.deadlines_open_task" in {
        entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }
    assert TicketDeadline.objects.filter(ticket=ticket).count() == 2

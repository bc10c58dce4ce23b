"""The ticket page shows each service target: met, running, paused or breached."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from walletdesk.sla.models import TicketDeadline
from walletdesk.sla.services import deadlines_open_new
from walletdesk.sla.sweep import deadlines_sweep
from walletdesk.sla.tests.factories import PolicyFactory
from walletdesk.tickets.services import ticket_open, ticket_reply_add, ticket_request_info
from walletdesk.tickets.tests.services.helpers import draft

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


def sh(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=SHANGHAI)


def states(html: str) -> dict[str, str]:
    rows = re.findall(r'<tr class="sla-(\w+)" data-target="(\w+)">', html)
    return {target: state for state, target in rows}


def test_each_target_shows_its_state(agent_client, alice, carol):
    PolicyFactory()
    with time_machine.travel(sh(4, 17), tick=False):
        ticket = ticket_open(requester=alice, draft=draft())
    with time_machine.travel(sh(4, 17, 1), tick=False):
        deadlines_open_new()
    url = reverse("console:detail", args=[ticket.reference])

    running = states(agent_client.get(url).content.decode())
    with time_machine.travel(sh(4, 17, 30), tick=False):
        ticket_request_info(ticket=ticket, agent=carol, body="请提供交易哈希")
    paused = states(agent_client.get(url).content.decode())
    with time_machine.travel(sh(7, 9), tick=False):
        ticket_reply_add(ticket=ticket, author=alice, body="哈希是 0xabc")
    deadlines_sweep(now=sh(7, 10, 1))  # the next reply was due at 10:00
    late = states(agent_client.get(url).content.decode())

    assert running == {"first_reply": "running", "resolution": "running"}
    assert paused == {"first_reply": "met", "resolution": "paused"}
    assert late == {"first_reply": "met", "resolution": "running", "next_reply": "breached"}
    assert TicketDeadline.objects.breached().get().kind == "next_reply"


def test_a_ticket_without_a_policy_says_so(agent_client, alice_ticket):
    html = agent_client.get(reverse("console:detail", args=[alice_ticket.reference])).content

    assert "Nothing is running: no SLA policy applies to this ticket." in html.decode()

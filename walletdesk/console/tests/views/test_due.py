"""The "due next" page: missed targets first, then the soonest due, in the agent's teams only,
with business time left, keyset paged, a fixed number of queries."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from walletdesk.accounts.tests.factories import AgentFactory
from walletdesk.sla import selectors as sla_selectors
from walletdesk.sla.models import TicketDeadline
from walletdesk.tickets.tests.factories import TeamFactory, TicketFactory

pytestmark = pytest.mark.django_db

URL = reverse("console:due")
Kind = TicketDeadline.Kind


def _deadline(ticket, *, due_in: timedelta, kind=Kind.FIRST_REPLY, **fields) -> TicketDeadline:
    now = timezone.now()
    return TicketDeadline.objects.create(
        ticket=ticket, kind=kind, started_at=now - timedelta(hours=1), due_at=now + due_in, **fields
    )


def test_missed_first_then_soonest_due(agent_client) -> None:
    later = _deadline(TicketFactory(subject="later"), due_in=timedelta(days=3))
    soon = _deadline(TicketFactory(subject="soon"), due_in=timedelta(minutes=30))
    missed = _deadline(
        TicketFactory(subject="missed"),
        due_in=-timedelta(hours=2),
        breached_at=timezone.now() - timedelta(hours=2),
    )
    _deadline(TicketFactory(subject="met"), due_in=timedelta(minutes=5), met_at=timezone.now())
    _deadline(
        TicketFactory(subject="paused"), due_in=timedelta(minutes=5), paused_at=timezone.now()
    )

    page = agent_client.get(URL).content.decode()

    assert page.index(missed.ticket.reference) < page.index(soon.ticket.reference)
    assert page.index(soon.ticket.reference) < page.index(later.ticket.reference)
    assert "met" not in [line.strip() for line in page.splitlines()]
    assert ">paused<" not in page
    assert "missed" in page.split('id="missed"')[1].split("</ul>")[0]


def test_within_keeps_only_what_is_due_that_soon(agent_client) -> None:
    soon = _deadline(TicketFactory(), due_in=timedelta(minutes=30))
    later = _deadline(TicketFactory(), due_in=timedelta(days=3))

    page = agent_client.get(URL, {"within": "1h"}).content.decode()

    assert soon.ticket.reference in page
    assert later.ticket.reference not in page


def test_another_teams_tickets_never_show(agent_client) -> None:
    theirs = _deadline(TicketFactory(team=TeamFactory()), due_in=timedelta(minutes=10))

    assert theirs.ticket.reference not in agent_client.get(URL).content.decode()


def test_pages_follow_on_without_gaps(agent_client, monkeypatch) -> None:
    monkeypatch.setattr(sla_selectors, "DUE_PAGE_SIZE", 3)
    same_time = timezone.now() + timedelta(hours=1)
    rows = [
        TicketDeadline.objects.create(
            ticket=TicketFactory(),
            kind=Kind.FIRST_REPLY,
            started_at=timezone.now(),
            due_at=same_time,
        )
        for _ in range(7)
    ]
    seen = []
    url = URL
    for _ in range(5):
        response = agent_client.get(url)
        page = response.content.decode()
        seen += [r.ticket.reference for r in rows if r.ticket.reference in page]
        nxt = response.context["next_url"]
        if not nxt:
            break
        url = URL + nxt
    assert sorted(seen) == sorted(r.ticket.reference for r in rows)
    assert len(seen) == len(set(seen)) == 7


def test_a_broken_page_link_starts_over(agent_client) -> None:
    assert agent_client.get(URL, {"after": "yesterday|nope", "within": "x"}).status_code == 200


@pytest.mark.parametrize("rows", [2, 30])
def test_query_count_does_not_grow(agent_client, django_assert_num_queries, rows) -> None:
    for i in range(rows):
        _deadline(TicketFactory(), due_in=timedelta(minutes=10 + i))
        _deadline(TicketFactory(), due_in=-timedelta(minutes=i + 1), breached_at=timezone.now())

    # session, user, missed, running (tickets and assignees joined), the teams' calendars and
    # the calendar catalogue (calendars, hours, days: all cached afterwards), bell count, the
    # forum moderation badge (one capped count)
    with django_assert_num_queries(10):
        response = agent_client.get(URL)
    assert response.status_code == 200


def test_customers_and_anonymous_are_turned_away(client, alice) -> None:
    assert client.get(URL).status_code == 302
    client.force_login(alice)
    assert client.get(URL).status_code in (403, 404)
    assert AgentFactory()  # an agent exists; the page is theirs alone

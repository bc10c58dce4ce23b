"""The queue: default view, filters, free-text search, sorts, cursor paging and its query budget."""

import base64
import json
import re
import uuid

import pytest

from walletdesk.accounts.tests.factories import AgentFactory, UserFactory
from walletdesk.console.tests.views.helpers import at, queue_url, references_in, set_created
from walletdesk.tickets import selectors
from walletdesk.tickets.models import Priority, Status
from walletdesk.tickets.tests.factories import TicketFactory, category


def test_queue_shows_active_tickets_by_default(agent_client):
    active = [
        TicketFactory(status=s) for s in (Status.NEW, Status.OPEN, Status.WAITING_ON_CUSTOMER)
    ]
    done = [TicketFactory(status=Status.RESOLVED), TicketFactory(status=Status.CLOSED)]

    response = agent_client.get(queue_url())

    assert response.status_code == 200
    shown = set(references_in(response.content.decode()))
    assert shown == {t.reference for t in active}
    assert not shown & {t.reference for t in done}


def test_queue_filters_by_status_and_all(agent_client):
    new = TicketFactory(status=Status.NEW)
    resolved = TicketFactory(status=Status.RESOLVED)
    closed = TicketFactory(status=Status.CLOSED)

    only_resolved = agent_client.get(queue_url("status=resolved"))
    two = agent_client.get(queue_url("status=resolved&status=closed"))
    everything = agent_client.get(queue_url("status=all"))

    assert references_in(only_resolved.content.decode()) == [resolved.reference]
    assert set(references_in(two.content.decode())) == {resolved.reference, closed.reference}
    assert set(references_in(everything.content.decode())) == {
        new.reference,
        resolved.reference,
        closed.reference,
    }


def test_queue_filters_by_category_priority_and_assignee(agent_client, agent, erin):
    deposit = TicketFactory(category=category("deposit"), priority=Priority.HIGH, assignee=agent)
    withdrawal = TicketFactory(category=category("withdrawal"), assignee=erin)
    unassigned = TicketFactory(category=category("withdrawal"))

    by_category = agent_client.get(queue_url("category=deposit"))
    by_priority = agent_client.get(queue_url(f"priority={Priority.HIGH}"))
    mine = agent_client.get(queue_url("assignee=me"))
    nobody = agent_client.get(queue_url("assignee=none"))
    erins = agent_client.get(queue_url(f"assignee={erin.pk}"))

    assert references_in(by_category.content.decode()) == [deposit.reference]
    assert references_in(by_priority.content.decode()) == [deposit.reference]
    assert references_in(mine.content.decode()) == [deposit.reference]
    assert references_in(nobody.content.decode()) == [unassigned.reference]
    assert references_in(erins.content.decode()) == [withdrawal.reference]


def test_queue_free_text_finds_reference_subject_hash_address_and_email(agent_client):
    requester = UserFactory(email="zhang.wei@example.com")
    by_subject = TicketFactory(subject="USDT 充值未到账")
    by_hash = TicketFactory(tx_hash="0x" + "ab" * 32)
    by_address = TicketFactory(address="TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE")
    by_email = TicketFactory(requester=requester)
    by_reference = TicketFactory()

    searches = {
        "充值未到账": by_subject,
        "0x" + "ab" * 32: by_hash,
        "TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE": by_address,
        "Zhang.Wei@example.com": by_email,
        by_reference.reference.lower(): by_reference,
    }
    results = {text: agent_client.get(queue_url(), {"q": text}) for text in searches}

    for text, expected in searches.items():
        assert references_in(results[text].content.decode()) == [expected.reference], text


def test_queue_sorts_oldest_newest_and_by_priority(agent_client):
    first = TicketFactory(priority=Priority.LOW)
    second = TicketFactory(priority=Priority.URGENT)
    third = TicketFactory(priority=Priority.NORMAL)
    for minutes, ticket in enumerate((first, second, third)):
        set_created(ticket, at(minutes))

    oldest = agent_client.get(queue_url("sort=oldest"))
    newest = agent_client.get(queue_url("sort=newest"))
    by_priority = agent_client.get(queue_url("sort=priority"))

    assert references_in(oldest.content.decode()) == [
        first.reference,
        second.reference,
        third.reference,
    ]
    assert references_in(newest.content.decode()) == [
        third.reference,
        second.reference,
        first.reference,
    ]
    assert references_in(by_priority.content.decode()) == [
        second.reference,
        third.reference,
        first.reference,
    ]


def test_queue_pages_with_a_cursor_that_keeps_the_filters(agent_client, monkeypatch):
    monkeypatch.setattr(selectors, "QUEUE_PAGE_SIZE", 3)
    tickets = [TicketFactory(category=category("deposit")) for _ in range(7)]
    for minutes, ticket in enumerate(tickets):
        set_created(ticket, at(minutes))
    TicketFactory(category=category("transfer"))  # filtered out on every page
    expected = [t.reference for t in tickets]

    seen: list[str] = []
    response = agent_client.get(queue_url("category=deposit&sort=oldest"))
    pages = 0
    while pages < 10:  # a cursor that fails to advance must fail the test, not hang it
        html = response.content.decode()
        seen += references_in(html)
        pages += 1
        match = re.search(r'<a href="(\?[^"]+)" rel="next">', html)
        if not match:
            break
        next_query = match.group(1).replace("&amp;", "&")
        assert "category=deposit" in next_query
        assert "cursor=" in next_query
        response = agent_client.get(queue_url() + next_query)

    assert seen == expected
    assert pages == 3
    assert "« First page" in response.content.decode()
    first_link = re.search(r'<a href="(\?[^"]*)">« First page</a>', response.content.decode())
    assert first_link is not None
    assert "cursor" not in first_link.group(1)
    assert "category=deposit" in first_link.group(1)


def test_queue_ignores_invalid_filters_with_a_note(agent_client):
    ticket = TicketFactory(status=Status.NEW)

    response = agent_client.get(
        queue_url("status=bogus&priority=9&assignee=someone&category=nope&sort=sideways")
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Some filter values were not valid and were ignored" in html
    for label in ("Status", "Priority", "Assignee", "Category", "Sort"):
        assert label in html.split("were ignored:")[1].split("</p>")[0]
    assert references_in(html) == [ticket.reference]


def _token(payload: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    ("sort", "cursor"),
    [
        ("oldest", "not-a-cursor!!"),
        ("oldest", _token(["2025-01-01T00:00:00+00:00", 123])),
        ("newest", _token(["yesterday", "8f2c1d6e-0000-4000-8000-000000000000"])),
        ("priority", _token([float("inf"), "2025-01-01T00:00:00+00:00", str(uuid.uuid4())])),
        ("priority", _token([True, "2025-01-01T00:00:00+00:00", str(uuid.uuid4())])),
        ("priority", _token({"a": 1})),
        ("oldest", "%C3%28"),
    ],
)
def test_queue_restarts_at_the_first_page_on_a_tampered_cursor(agent_client, sort, cursor):
    ticket = TicketFactory()

    response = agent_client.get(queue_url(f"sort={sort}&cursor={cursor}"))

    assert response.status_code == 200
    assert references_in(response.content.decode()) == [ticket.reference]


def test_queue_ignores_a_null_character_in_the_search(agent_client):
    ticket = TicketFactory()

    response = agent_client.get(queue_url(), {"q": "WD-\x00"})

    assert response.status_code == 200
    assert "were ignored: Search" in response.content.decode()
    assert references_in(response.content.decode()) == [ticket.reference]


@pytest.mark.parametrize("rows", [2, 30])
def test_queue_query_count_does_not_grow_with_rows(agent_client, django_assert_num_queries, rows):
    for _ in range(rows):
        TicketFactory(assignee=AgentFactory(), requester=UserFactory())

    # session, user, categories, agents, tags (both catalogues cached afterwards; the cache
    # starts empty in every test), one page of tickets (joined, no COUNT), bell count, the
    # agent's saved views and the saved replies a bulk action may send, the forum moderation
    # badge (one capped count)
    with django_assert_num_queries(10):
        response = agent_client.get(queue_url("sort=priority"))

    assert len(references_in(response.content.decode())) == rows


def test_bob_cannot_see_alices_ticket_in_the_queue(client, bob, alice_ticket):
    client.force_login(bob)

    response = client.get(queue_url())

    assert response.status_code == 404
    assert alice_ticket.reference not in response.content.decode()

"""The agent console: queue, ticket page and every action, seen through HTTP."""

import base64
import json
import re
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from walletdesk.accounts.models import User
from walletdesk.accounts.tests.factories import AgentFactory, UserFactory
from walletdesk.siwe.models import WalletAddress
from walletdesk.tickets import selectors, services
from walletdesk.tickets.models import Message, Priority, Status, Ticket, TicketEvent
from walletdesk.tickets.tests.factories import MessageFactory, TicketFactory, category, reason

ACTION_URLS = [
    "start",
    "assign",
    "reply",
    "request-info",
    "resolve",
    "close",
    "reject",
    "reopen",
    "priority",
    "category",
]


@pytest.fixture
def agent(carol: User) -> User:
    """Carol reading the console in English, so assertions do not depend on the catalogue."""
    carol.language = User.Language.EN
    carol.time_zone = "Asia/Shanghai"
    carol.save(update_fields=["language", "time_zone"])
    return carol


@pytest.fixture
def agent_client(client, agent):
    client.force_login(agent)
    return client


def detail_url(ticket: Ticket) -> str:
    return reverse("console:detail", args=[ticket.reference])


def action_url(name: str, ticket: Ticket) -> str:
    return reverse(f"console:{name}", args=[ticket.reference])


def queue_url(query: str = "") -> str:
    return reverse("console:queue") + (f"?{query}" if query else "")


def event_kinds(ticket: Ticket) -> list[str]:
    return list(ticket.events.order_by("created_at", "id").values_list("kind", flat=True))


def at(minutes: int) -> datetime:
    return datetime(2025, 3, 1, 8, 0, tzinfo=UTC) + timedelta(minutes=minutes)


def set_created(ticket: Ticket, when: datetime) -> None:
    # created_at is auto_now_add: set it afterwards to get a known queue order.
    Ticket.objects.filter(pk=ticket.pk).update(created_at=when)


def references_in(html: str) -> list[str]:
    """The ticket references of the queue table, in page order."""
    return re.findall(r'<td class="mono"><a href="[^"]+">(WD-[A-Z0-9]{6})</a>', html)


# --- who may see the console ----------------------------------------------------------------


def test_anonymous_user_is_sent_to_login(client, alice_ticket):
    urls = [queue_url(), detail_url(alice_ticket)]

    responses = [client.get(u) for u in urls]
    responses += [client.post(action_url(n, alice_ticket)) for n in ACTION_URLS]

    for response in responses:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_customer_gets_404_on_every_console_url(client, alice, alice_ticket):
    client.force_login(alice)

    responses = [client.get(queue_url()), client.get(detail_url(alice_ticket))]
    responses += [
        client.post(action_url(n, alice_ticket), {"body": "hi", "status": "new"})
        for n in ACTION_URLS
    ]

    assert [r.status_code for r in responses] == [404] * (2 + len(ACTION_URLS))
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.NEW
    assert event_kinds(alice_ticket) == []


def test_bob_cannot_see_alices_ticket(client, bob, alice_ticket):
    client.force_login(bob)

    response = client.get(detail_url(alice_ticket))
    reply = client.post(action_url("reply", alice_ticket), {"body": "mine now"})

    assert response.status_code == 404
    assert reply.status_code == 404
    assert not Message.objects.filter(ticket=alice_ticket).exists()


def test_unknown_reference_is_404(agent_client):
    response = agent_client.get(reverse("console:detail", args=["WD-ZZZZZZ"]))

    assert response.status_code == 404


def test_administrator_may_use_the_console(client, dave, alice_ticket):
    client.force_login(dave)

    response = client.get(detail_url(alice_ticket))

    assert response.status_code == 200


# --- the queue ------------------------------------------------------------------------------


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

    # session, user, categories, agents, one page of tickets (joined, no COUNT), bell count
    with django_assert_num_queries(6):
        response = agent_client.get(queue_url("sort=priority"))

    assert len(references_in(response.content.decode())) == rows


# --- the ticket page ------------------------------------------------------------------------


def test_ticket_page_shows_header_wallet_fields_thread_and_history(agent_client, agent, alice):
    ticket = TicketFactory(
        requester=alice,
        subject="提现一直显示处理中",
        tx_hash="0x" + "cd" * 32,
        address="0x52908400098527886E0F7030069857D2E4169EE7",
        memo="123456",
        amount=Decimal("0.5"),
        occurred_at=datetime(2025, 3, 1, 6, 30, tzinfo=UTC),
        assignee=agent,
    )
    other = TicketFactory(requester=alice, subject="Another question")
    MessageFactory(ticket=ticket, body="请帮我看看")
    services.ticket_reply_add(
        ticket=ticket, author=agent, body="Checking the chain.", internal=True
    )

    response = agent_client.get(detail_url(ticket))

    html = response.content.decode()
    assert response.status_code == 200
    assert ticket.reference in html
    assert "提现一直显示处理中" in html
    assert alice.email in html
    assert f'<span class="mono">{ticket.tx_hash}</span>' in html
    assert f'data-copy="{ticket.address}"' in html
    assert f'data-copy="{ticket.memo}"' in html
    assert "0.5 USDT" in html
    # 06:30 UTC is 14:30 in Shanghai, the agent's time zone.
    assert "2025-03-01 14:30" in html
    assert '<li class="internal">' in html
    assert "Internal note" in html
    assert "请帮我看看" in html
    assert other.reference in html
    assert "Internal note added" in html  # the history line of the NOTE_ADDED event


def test_ticket_page_shows_the_requesters_verified_wallet_addresses(agent_client, alice, bob):
    ticket = TicketFactory(requester=alice)
    mine = "0x52908400098527886E0F7030069857D2E4169EE7"
    others = "0x8617E340B3D01FA5F11F306F4090FD50E238070D"
    WalletAddress.objects.create(user=alice, address=mine, chain_id=1, verified_at=timezone.now())
    WalletAddress.objects.create(user=bob, address=others, chain_id=1, verified_at=timezone.now())

    response = agent_client.get(detail_url(ticket))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Verified wallet addresses" in html
    assert f'<span class="mono">{mine}</span>' in html
    assert others not in html


def test_ticket_page_without_verified_addresses_shows_no_block(agent_client, alice_ticket):
    response = agent_client.get(detail_url(alice_ticket))

    assert response.status_code == 200
    assert "Verified wallet addresses" not in response.content.decode()


def test_occurred_at_follows_the_agents_time_zone(client, agent, alice):
    agent.time_zone = "Europe/London"
    agent.save(update_fields=["time_zone"])
    ticket = TicketFactory(requester=alice, occurred_at=datetime(2025, 7, 1, 6, 30, tzinfo=UTC))
    client.force_login(agent)

    response = client.get(detail_url(ticket))

    assert "2025-07-01 07:30" in response.content.decode()  # BST, UTC+1


def test_ticket_page_shows_rejection_rating_and_resubmission_links(agent_client, alice, agent):
    original = TicketFactory(requester=alice)
    services.ticket_reject(ticket=original, agent=agent, reason=reason(), message="请补充交易哈希")
    resubmitted = TicketFactory(requester=alice, resubmission_of=original)
    rated = TicketFactory(
        requester=alice, status=Status.RESOLVED, rating=4, rating_comment="Quick, thanks"
    )

    original_page = agent_client.get(detail_url(original)).content.decode()
    resubmitted_page = agent_client.get(detail_url(resubmitted)).content.decode()
    rated_page = agent_client.get(detail_url(rated)).content.decode()

    assert reason().title_en in original_page
    assert "请补充交易哈希" in original_page
    assert detail_url(resubmitted) in original_page
    assert detail_url(original) in resubmitted_page
    assert "Rated 4 out of 5" in rated_page
    assert "Quick, thanks" in rated_page


def test_ticket_page_shows_only_allowed_actions(agent_client):
    new = TicketFactory(status=Status.NEW)
    resolved = TicketFactory(status=Status.RESOLVED)

    new_page = agent_client.get(detail_url(new)).content.decode()
    resolved_page = agent_client.get(detail_url(resolved)).content.decode()

    assert action_url("start", new) in new_page
    assert action_url("reject", new) in new_page
    assert action_url("reopen", new) not in new_page
    assert action_url("reopen", resolved) in resolved_page
    assert action_url("reject", resolved) not in resolved_page
    assert action_url("request-info", resolved) not in resolved_page


def test_ticket_page_renders_in_chinese_by_default(client, carol, alice_ticket):
    client.force_login(carol)

    response = client.get(detail_url(alice_ticket))

    assert response.status_code == 200
    assert '<html lang="zh-hans">' in response.content.decode()


@pytest.mark.parametrize("rows", [2, 30])
def test_ticket_page_query_count_does_not_grow(
    agent_client, agent, alice, django_assert_num_queries, rows
):
    ticket = TicketFactory(requester=alice)
    for i in range(rows):
        MessageFactory(ticket=ticket)
        MessageFactory(
            ticket=ticket,
            author=AgentFactory(),
            author_role=Message.AuthorRole.AGENT,
            is_internal=i % 2 == 0,
        )
        TicketEvent.objects.create(
            ticket=ticket, kind=TicketEvent.Kind.NOTE_ADDED, actor=AgentFactory()
        )
        TicketFactory(requester=alice)

    # session, user, ticket (joined), agents, categories, reasons, thread, files, others, history,
    # the upload limits (cached afterwards; the cache starts empty in every test), bell count,
    # and one more for the requester's verified wallet addresses (the wallet_addresses tag)
    with django_assert_num_queries(13):
        response = agent_client.get(detail_url(ticket))

    assert response.status_code == 200


# --- actions --------------------------------------------------------------------------------


def test_take_a_new_ticket_opens_it_and_assigns_me(agent_client, agent, alice_ticket):
    response = agent_client.post(action_url("start", alice_ticket), {"status": "new"}, follow=True)

    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.OPEN
    assert alice_ticket.assignee == agent
    assert event_kinds(alice_ticket) == [
        TicketEvent.Kind.STATUS_CHANGED,
        TicketEvent.Kind.ASSIGNED,
    ]
    assert response.redirect_chain == [(detail_url(alice_ticket), 302)]
    assert "You took the ticket" in response.content.decode()


def test_take_an_open_ticket_assigns_it_to_me(agent_client, agent, erin, alice):
    ticket = TicketFactory(requester=alice, status=Status.OPEN, assignee=erin)

    response = agent_client.post(action_url("start", ticket), {"status": "open"})

    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.assignee == agent
    event = ticket.events.get()
    assert event.kind == TicketEvent.Kind.ASSIGNED
    assert (event.from_value, event.to_value) == (erin.email, agent.email)


def test_take_refused_when_another_agent_started_it_meanwhile(
    agent_client, agent, erin, alice_ticket
):
    services.ticket_start(ticket=alice_ticket, agent=erin)

    response = agent_client.post(action_url("start", alice_ticket), {"status": "new"})

    assert response.status_code == 409
    assert "cannot be" in response.content.decode()
    alice_ticket.refresh_from_db()
    assert alice_ticket.assignee == erin
    assert not TicketEvent.objects.filter(ticket=alice_ticket, actor=agent).exists()


def test_assign_to_an_agent_and_unassign(agent_client, agent, erin, alice_ticket):
    assigned = agent_client.post(action_url("assign", alice_ticket), {"assignee": erin.pk})
    alice_ticket.refresh_from_db()
    assignee_after_assign = alice_ticket.assignee
    unassigned = agent_client.post(action_url("assign", alice_ticket), {"assignee": ""})

    assert assigned.status_code == unassigned.status_code == 302
    assert assignee_after_assign == erin
    alice_ticket.refresh_from_db()
    assert alice_ticket.assignee is None
    events = list(alice_ticket.events.order_by("id"))
    assert [(e.kind, e.from_value, e.to_value) for e in events] == [
        (TicketEvent.Kind.ASSIGNED, "", erin.email),
        (TicketEvent.Kind.ASSIGNED, erin.email, ""),
    ]
    assert all(e.actor == agent for e in events)


def test_assign_to_a_customer_is_refused(agent_client, bob, alice_ticket):
    response = agent_client.post(action_url("assign", alice_ticket), {"assignee": bob.pk})

    assert response.status_code == 400
    alice_ticket.refresh_from_db()
    assert alice_ticket.assignee is None
    assert event_kinds(alice_ticket) == []


def test_public_reply_opens_a_new_ticket(agent_client, agent, alice_ticket):
    response = agent_client.post(
        action_url("reply", alice_ticket), {"body": "We are checking."}, follow=True
    )

    message = Message.objects.get(ticket=alice_ticket)
    assert (message.body, message.is_internal, message.author) == ("We are checking.", False, agent)
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.OPEN
    assert alice_ticket.first_responded_at is not None
    assert event_kinds(alice_ticket) == [
        TicketEvent.Kind.STATUS_CHANGED,
        TicketEvent.Kind.AGENT_REPLIED,
    ]
    assert "Reply sent to the user." in response.content.decode()


def test_internal_note_leaves_status_alone(agent_client, alice_ticket):
    response = agent_client.post(
        action_url("reply", alice_ticket),
        {"body": "Looks like a wrong network.", "internal": "on"},
        follow=True,
    )

    message = Message.objects.get(ticket=alice_ticket)
    assert message.is_internal
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.NEW
    assert event_kinds(alice_ticket) == [TicketEvent.Kind.NOTE_ADDED]
    assert "Internal note added." in response.content.decode()


def test_internal_note_never_reaches_the_customer(agent, alice, alice_ticket, client):
    services.ticket_reply_add(ticket=alice_ticket, author=agent, body="Public answer")
    services.ticket_reply_add(
        ticket=alice_ticket, author=agent, body="SECRET-NOTE suspected fraud", internal=True
    )

    public = selectors.message_list_for_customer(ticket=alice_ticket)
    client.force_login(alice)
    response = client.get(reverse("portal:detail", args=[alice_ticket.reference]))

    assert [m.body for m in public] == ["Public answer"]
    assert response.status_code == 200
    assert "Public answer" in response.content.decode()
    assert "SECRET-NOTE" not in response.content.decode()


def test_request_info_waits_on_the_customer(agent_client, agent, alice_ticket):
    response = agent_client.post(
        action_url("request-info", alice_ticket), {"body": "请提供交易哈希。"}
    )

    assert response.status_code == 302
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.WAITING_ON_CUSTOMER
    assert alice_ticket.assignee == agent
    assert Message.objects.get(ticket=alice_ticket).body == "请提供交易哈希。"
    assert TicketEvent.Kind.INFO_REQUESTED in event_kinds(alice_ticket)


def test_request_info_needs_a_message(agent_client, alice_ticket):
    response = agent_client.post(action_url("request-info", alice_ticket), {"body": "  "})

    assert response.status_code == 400
    assert 'id="id_request_info_body"' in response.content.decode()
    assert "errorlist" in response.content.decode()
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.NEW
    assert event_kinds(alice_ticket) == []


def test_resolve_with_a_closing_message(agent_client, alice):
    ticket = TicketFactory(requester=alice, status=Status.OPEN)

    response = agent_client.post(action_url("resolve", ticket), {"body": "已到账。"})

    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == Status.RESOLVED
    assert ticket.resolved_at is not None
    assert Message.objects.get(ticket=ticket).body == "已到账。"
    event = ticket.events.get()
    assert (event.kind, event.from_value, event.to_value) == (
        TicketEvent.Kind.STATUS_CHANGED,
        Status.OPEN,
        Status.RESOLVED,
    )


def test_close_records_the_reason(agent_client, alice):
    ticket = TicketFactory(requester=alice, status=Status.OPEN)

    response = agent_client.post(action_url("close", ticket), {"reason": "duplicate"})

    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == Status.CLOSED
    event = ticket.events.get()
    assert (event.kind, event.to_value, event.reason) == (
        TicketEvent.Kind.STATUS_CHANGED,
        Status.CLOSED,
        "duplicate",
    )


def test_reject_with_reason_and_message(agent_client, agent, alice_ticket):
    response = agent_client.post(
        action_url("reject", alice_ticket),
        {"reason": "incomplete_information", "message": "请补充交易哈希后重新提交。"},
    )

    assert response.status_code == 302
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.REJECTED
    assert alice_ticket.rejection_reason == reason()
    assert alice_ticket.rejection_message == "请补充交易哈希后重新提交。"
    rejected = alice_ticket.events.get(kind=TicketEvent.Kind.REJECTED)
    assert (rejected.to_value, rejected.actor) == ("incomplete_information", agent)


def test_reject_without_reason_keeps_the_typed_message(agent_client, alice_ticket):
    response = agent_client.post(
        action_url("reject", alice_ticket),
        {"reason": "", "message": "Please add the transaction hash"},
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Please add the transaction hash</textarea>" in html
    assert "errorlist" in html
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.NEW
    assert event_kinds(alice_ticket) == []


def test_reject_refused_after_another_agent_resolved_keeps_the_text(agent_client, erin, alice):
    ticket = TicketFactory(requester=alice, status=Status.OPEN)
    services.ticket_resolve(ticket=ticket, actor=erin)

    response = agent_client.post(
        action_url("reject", ticket),
        {"reason": "out_of_scope", "message": "Not something we can help with"},
    )

    assert response.status_code == 409
    html = response.content.decode()
    assert "Not something we can help with</textarea>" in html
    assert "This ticket is Resolved, so it cannot be rejected." in html
    assert 'class="form-error"' in html
    ticket.refresh_from_db()
    assert ticket.status == Status.RESOLVED
    assert not ticket.events.filter(kind=TicketEvent.Kind.REJECTED).exists()


def test_reopen_a_new_ticket_is_refused(agent_client, alice_ticket):
    response = agent_client.post(
        action_url("reopen", alice_ticket), {"reason": "customer called back"}
    )

    assert response.status_code == 409
    html = response.content.decode()
    assert "cannot be reopened" in html
    assert 'value="customer called back"' in html
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.NEW
    assert event_kinds(alice_ticket) == []


def test_reopen_a_resolved_ticket(agent_client, alice):
    ticket = TicketFactory(requester=alice, status=Status.RESOLVED, resolved_at=timezone.now())

    response = agent_client.post(action_url("reopen", ticket), {"reason": "still missing"})

    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == Status.OPEN
    assert ticket.resolved_at is None
    event = ticket.events.get()
    assert (event.from_value, event.to_value, event.reason) == (
        Status.RESOLVED,
        Status.OPEN,
        "still missing",
    )


def test_public_reply_on_a_closed_ticket_is_refused_and_kept(agent_client, alice):
    ticket = TicketFactory(requester=alice, status=Status.CLOSED)

    response = agent_client.post(action_url("reply", ticket), {"body": "One more thing"})

    assert response.status_code == 409
    assert "One more thing</textarea>" in response.content.decode()
    assert not Message.objects.filter(ticket=ticket).exists()
    assert event_kinds(ticket) == []


def test_change_priority_and_category(agent_client, alice_ticket):
    priority = agent_client.post(
        action_url("priority", alice_ticket), {"priority": Priority.URGENT}
    )
    moved = agent_client.post(action_url("category", alice_ticket), {"category": "deposit"})

    assert priority.status_code == moved.status_code == 302
    alice_ticket.refresh_from_db()
    assert alice_ticket.priority == Priority.URGENT
    assert alice_ticket.category.slug == "deposit"
    events = list(alice_ticket.events.order_by("id"))
    assert [(e.kind, e.from_value, e.to_value) for e in events] == [
        (TicketEvent.Kind.PRIORITY_CHANGED, str(Priority.NORMAL.value), str(Priority.URGENT.value)),
        (TicketEvent.Kind.CATEGORY_CHANGED, "withdrawal", "deposit"),
    ]


def test_invalid_priority_and_category_answer_400(agent_client, alice_ticket):
    priority = agent_client.post(action_url("priority", alice_ticket), {"priority": "99"})
    moved = agent_client.post(action_url("category", alice_ticket), {"category": "nope"})

    assert priority.status_code == moved.status_code == 400
    alice_ticket.refresh_from_db()
    assert alice_ticket.priority == Priority.NORMAL
    assert event_kinds(alice_ticket) == []


def test_actions_answer_only_to_post(agent_client, alice_ticket):
    response = agent_client.get(action_url("resolve", alice_ticket))

    assert response.status_code == 405


# --- user text is shown safely --------------------------------------------------------------


def test_console_escapes_user_text_and_links_only_http(agent_client, agent, alice):
    attack = '<script>alert(1)</script> <a href="javascript:alert(2)">x</a> javascript:alert(3)'
    ticket = TicketFactory(
        requester=alice,
        subject="<script>alert(1)</script>",
        description=attack + " see https://example.com/tx?id=1&x=2",
    )
    MessageFactory(ticket=ticket, body=attack)
    TicketFactory(requester=alice, subject="<script>alert(1)</script> other")

    detail = agent_client.get(detail_url(ticket)).content.decode()
    listing = agent_client.get(queue_url()).content.decode()

    for html in (detail, listing):
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert 'href="javascript:' not in html
    assert '<a href="https://example.com/tx?id=1&amp;x=2" rel="nofollow noopener noreferrer"' in (
        detail
    )

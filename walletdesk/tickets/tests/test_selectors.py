"""Reads: who may see which ticket, the agent queue's filters, sorts and keyset pages."""

import base64
import datetime as dt
import json
from collections.abc import Callable

import pytest
from django.http import Http404
from django.utils import timezone

from walletdesk.accounts.models import User
from walletdesk.accounts.tests.factories import UserFactory
from walletdesk.tickets.models import Category, Priority, Status, Ticket
from walletdesk.tickets.selectors import (
    QueueFilters,
    QueueSort,
    category_list,
    message_list_for_agent,
    message_list_for_customer,
    ticket_address_lookalike_recent,
    ticket_get_for_agent,
    ticket_get_for_customer,
    ticket_list_for_customer,
    ticket_queue,
)
from walletdesk.tickets.services import ticket_reply_add
from walletdesk.tickets.tests.factories import TicketFactory, category, general_team, reason

ACTIVE = (Status.NEW, Status.OPEN, Status.WAITING_ON_CUSTOMER)


def encoded(payload: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


def page_through(user: User, filters: QueueFilters, page_size: int) -> list[list[Ticket]]:
    pages: list[list[Ticket]] = []
    cursor = ""
    while True:
        page = ticket_queue(user=user, filters=filters, cursor=cursor, page_size=page_size)
        pages.append(page.tickets)
        if page.next_cursor is None:
            return pages
        cursor = page.next_cursor
        assert len(pages) < 50, "paging never ends"


# --- one ticket -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        lambda ref: ref,
        lambda ref: ref.lower(),
        lambda ref: f"  {ref.lower()}  ",
        lambda ref: ref.removeprefix("WD-"),
        lambda ref: ref.replace("-", ""),
        lambda ref: " ".join(ref),
    ],
)
def test_customer_gets_own_ticket_however_the_reference_is_typed(
    alice: User, alice_ticket: Ticket, typed: Callable[[str], str]
) -> None:
    found = ticket_get_for_customer(user=alice, reference=typed(alice_ticket.reference))

    assert found == alice_ticket


def test_bob_cannot_see_alices_ticket(bob: User, alice_ticket: Ticket) -> None:
    with pytest.raises(Http404):
        ticket_get_for_customer(user=bob, reference=alice_ticket.reference)


def test_agent_gets_404_through_the_customer_selector(carol: User, alice_ticket: Ticket) -> None:
    with pytest.raises(Http404):
        ticket_get_for_customer(user=carol, reference=alice_ticket.reference)


@pytest.mark.parametrize(
    "reference", ["WD-ZZZZZZ", "", "   ", "WD-", "x" * 500, "WD-\x00ABCD", "提现"]
)
def test_missing_or_malformed_reference_is_404(alice: User, carol: User, reference: str) -> None:
    TicketFactory(requester=alice)

    with pytest.raises(Http404):
        ticket_get_for_customer(user=alice, reference=reference)
    with pytest.raises(Http404):
        ticket_get_for_agent(user=carol, reference=reference)


def test_agent_gets_any_ticket(carol: User, dave: User, alice_ticket: Ticket) -> None:
    reference = f" {alice_ticket.reference.lower()} "

    assert ticket_get_for_agent(user=carol, reference=reference) == alice_ticket
    assert ticket_get_for_agent(user=dave, reference=reference) == alice_ticket


@pytest.mark.parametrize("who", ["alice", "bob"])
def test_customers_get_404_from_the_agent_selector(
    request: pytest.FixtureRequest, alice_ticket: Ticket, who: str
) -> None:
    user = request.getfixturevalue(who)

    with pytest.raises(Http404):
        ticket_get_for_agent(user=user, reference=alice_ticket.reference)


def test_deactivated_agent_gets_404(alice_ticket: Ticket) -> None:
    gone = UserFactory(role=User.Role.AGENT, is_active=False)

    with pytest.raises(Http404):
        ticket_get_for_agent(user=gone, reference=alice_ticket.reference)


def test_customer_list_holds_only_own_tickets_most_recent_first(alice: User, bob: User) -> None:
    older = TicketFactory(requester=alice)
    newer = TicketFactory(requester=alice)
    TicketFactory(requester=bob)
    Ticket.objects.filter(pk=older.pk).update(updated_at=timezone.now() - dt.timedelta(days=1))

    tickets = list(ticket_list_for_customer(user=alice))

    assert tickets == [newer, older]


def _ticket_with_address(requester: User, address: str, days_ago: int) -> Ticket:
    ticket = TicketFactory(requester=requester, address=address)
    created = timezone.now() - dt.timedelta(days=days_ago)
    Ticket.objects.filter(pk=ticket.pk).update(created_at=created)
    ticket.refresh_from_db()
    return ticket


def _lookalike(user: User, address: str, *, limit: int = 50, before: Ticket | None = None) -> bool:
    significant = address[2:].lower()
    return ticket_address_lookalike_recent(
        user=user,
        significant=significant,
        head=4,
        tail=4,
        min_length=12,
        limit=limit,
        before=before,
    )


OLD = "0x1234" + "a" * 34 + "5678"
LOOK_ALIKE = "0x1234" + "b" * 34 + "5678"


def test_lookalike_reads_only_the_users_own_latest_addresses(alice: User, bob: User) -> None:
    _ticket_with_address(alice, OLD, days_ago=9)
    _ticket_with_address(alice, "0x" + "9" * 40, days_ago=5)
    _ticket_with_address(alice, "", days_ago=3)
    _ticket_with_address(bob, "0x" + "c" * 40, days_ago=1)

    assert _lookalike(alice, LOOK_ALIKE)
    # The look-alike is older than the latest one read.
    assert not _lookalike(alice, LOOK_ALIKE, limit=1)
    # Another user's address is never read.
    assert not _lookalike(bob, LOOK_ALIKE)
    assert not _lookalike(alice, "0x" + "c" * 4 + "d" * 34 + "c" * 4)


def test_lookalike_compares_without_0x_and_case_and_never_the_same_address(alice: User) -> None:
    _ticket_with_address(alice, "0X1234" + "A" * 34 + "5678", days_ago=2)

    assert _lookalike(alice, LOOK_ALIKE)
    # The same address in another case is the same address.
    assert not _lookalike(alice, OLD)


def test_lookalike_ignores_stored_addresses_too_short_to_compare(alice: User) -> None:
    _ticket_with_address(alice, "0x1234xx5678", days_ago=2)  # 10 characters without 0x

    assert not _lookalike(alice, LOOK_ALIKE)


def test_lookalike_before_a_ticket_leaves_it_and_newer_ones_out(alice: User) -> None:
    first = _ticket_with_address(alice, OLD, days_ago=9)
    middle = _ticket_with_address(alice, "0x" + "9" * 40, days_ago=5)
    _ticket_with_address(alice, OLD, days_ago=1)

    assert _lookalike(alice, LOOK_ALIKE, before=middle)
    assert not _lookalike(alice, LOOK_ALIKE, before=first)


# --- messages ---------------------------------------------------------------------------------


def test_customer_thread_excludes_internal_notes(
    alice: User, alice_ticket: Ticket, carol: User
) -> None:
    question = ticket_reply_add(ticket=alice_ticket, author=alice, body="还没到账")
    note = ticket_reply_add(ticket=alice_ticket, author=carol, body="链上已确认", internal=True)
    answer = ticket_reply_add(ticket=alice_ticket, author=carol, body="已到账")

    public = message_list_for_customer(ticket=alice_ticket)
    everything = message_list_for_agent(ticket=alice_ticket)

    assert public == [question, answer]
    assert everything == [question, note, answer]
    assert all(not m.is_internal for m in public)


def test_customer_thread_is_one_query(
    alice: User, alice_ticket: Ticket, carol: User, django_assert_num_queries: Callable
) -> None:
    for i in range(5):
        ticket_reply_add(ticket=alice_ticket, author=alice, body=f"q{i}")
        ticket_reply_add(ticket=alice_ticket, author=carol, body=f"a{i}")

    with django_assert_num_queries(1):
        messages = message_list_for_customer(ticket=alice_ticket)
        authors = [m.author.email for m in messages]

    assert len(authors) == 10


# --- the queue: filters -----------------------------------------------------------------------


@pytest.fixture
def queue(alice: User, bob: User, carol: User, erin: User) -> dict[str, Ticket]:
    """A small queue with one ticket per filter worth telling apart."""
    return {
        "new": TicketFactory(requester=alice, subject="提现一直显示处理中"),
        "open_carol": TicketFactory(
            requester=bob, status=Status.OPEN, assignee=carol, subject="Deposit missing"
        ),
        "waiting_erin": TicketFactory(
            requester=alice, status=Status.WAITING_ON_CUSTOMER, assignee=erin
        ),
        "urgent_deposit": TicketFactory(
            requester=bob,
            category=category("deposit"),
            priority=Priority.URGENT,
            tx_hash="0x9f2c4e7a",
        ),
        "resolved": TicketFactory(requester=alice, status=Status.RESOLVED),
        "closed": TicketFactory(requester=bob, status=Status.CLOSED),
        "rejected": TicketFactory(
            requester=bob, status=Status.REJECTED, rejection_reason=reason("out_of_scope")
        ),
    }


def names(tickets: list[Ticket], queue: dict[str, Ticket]) -> set[str]:
    by_pk = {t.pk: name for name, t in queue.items()}
    return {by_pk[t.pk] for t in tickets}


def run(user: User, **filters: object) -> list[Ticket]:
    return ticket_queue(user=user, filters=QueueFilters(**filters)).tickets  # type: ignore[arg-type]


def test_queue_shows_active_tickets_by_default(carol: User, queue: dict[str, Ticket]) -> None:
    tickets = run(carol)

    assert names(tickets, queue) == {"new", "open_carol", "waiting_erin", "urgent_deposit"}


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ([Status.WAITING_ON_CUSTOMER], {"waiting_erin"}),
        ([Status.RESOLVED, Status.CLOSED], {"resolved", "closed"}),
        ([Status.REJECTED], {"rejected"}),
        (
            [],
            {
                "new",
                "open_carol",
                "waiting_erin",
                "urgent_deposit",
                "resolved",
                "closed",
                "rejected",
            },
        ),
    ],
)
def test_queue_status_filter(
    carol: User, queue: dict[str, Ticket], statuses: list[str], expected: set[str]
) -> None:
    assert names(run(carol, statuses=statuses), queue) == expected


def test_queue_category_filter(carol: User, queue: dict[str, Ticket]) -> None:
    tickets = run(carol, category_id=category("deposit").pk)

    assert names(tickets, queue) == {"urgent_deposit"}


def test_queue_assignee_filter(carol: User, erin: User, queue: dict[str, Ticket]) -> None:
    assert names(run(carol, assignee_id=carol.pk), queue) == {"open_carol"}
    assert names(run(carol, assignee_id=erin.pk), queue) == {"waiting_erin"}


def test_queue_unassigned_filter_wins_over_assignee(carol: User, queue: dict[str, Ticket]) -> None:
    tickets = run(carol, unassigned=True, assignee_id=carol.pk)

    assert names(tickets, queue) == {"new", "urgent_deposit"}


def test_queue_priority_filter(carol: User, queue: dict[str, Ticket]) -> None:
    assert names(run(carol, priority=Priority.URGENT), queue) == {"urgent_deposit"}
    assert names(run(carol, priority=Priority.LOW), queue) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("处理中", {"new"}),
        ("deposit MISSING", {"open_carol"}),
        ("0x9f2c4e7a", {"urgent_deposit"}),
        ("  0x9f2c4e7a  ", {"urgent_deposit"}),
        ("BOB@example.com", {"open_carol", "urgent_deposit"}),
        ("nothing matches this", set()),
        ("\x00", {"new", "open_carol", "waiting_erin", "urgent_deposit"}),  # dropped, no 500
    ],
)
def test_queue_text_filter(
    carol: User, queue: dict[str, Ticket], text: str, expected: set[str]
) -> None:
    assert names(run(carol, text=text), queue) == expected


@pytest.mark.parametrize(
    "typed", [lambda r: r, lambda r: r.lower(), lambda r: f" {r.removeprefix('WD-').lower()} "]
)
def test_queue_text_finds_a_reference(
    carol: User, queue: dict[str, Ticket], typed: Callable[[str], str]
) -> None:
    ticket = queue["waiting_erin"]

    assert names(run(carol, text=typed(ticket.reference)), queue) == {"waiting_erin"}


def test_queue_filters_combine(carol: User, queue: dict[str, Ticket]) -> None:
    tickets = run(carol, text="bob@example.com", unassigned=True)

    assert names(tickets, queue) == {"urgent_deposit"}


def test_queue_is_404_for_customers(alice: User, queue: dict[str, Ticket]) -> None:
    with pytest.raises(Http404):
        run(alice)


# --- the queue: sorts and keyset pages --------------------------------------------------------


@pytest.fixture
def crowded_queue(alice: User, bob: User) -> list[Ticket]:
    """23 active tickets in clumps sharing one created_at, plus inactive ones to leave out."""
    base = timezone.now() - dt.timedelta(days=3)
    tickets: list[Ticket] = []
    priorities = list(Priority)
    for i in range(23):
        ticket = TicketFactory(
            requester=alice if i % 2 else bob,
            status=ACTIVE[i % 3],
            priority=priorities[i % len(priorities)],
        )
        # Five tickets per instant: the keyset must break ties on the id, not skip or repeat.
        created_at = base + dt.timedelta(minutes=i // 5)
        Ticket.objects.filter(pk=ticket.pk).update(created_at=created_at)
        tickets.append(Ticket.objects.get(pk=ticket.pk))
    for status in (Status.RESOLVED, Status.CLOSED):
        TicketFactory(requester=alice, status=status)
    return tickets


SORT_KEYS: dict[str, Callable[[Ticket], object]] = {
    QueueSort.OLDEST: lambda t: (t.created_at, t.pk),
    QueueSort.NEWEST: lambda t: (t.created_at, t.pk),
    QueueSort.PRIORITY: lambda t: (-t.priority, t.created_at, t.pk),
}


@pytest.mark.parametrize("sort", QueueSort.CHOICES)
@pytest.mark.parametrize("page_size", [1, 4, 5, 7, 23, 50])
def test_keyset_paging_returns_every_ticket_once_in_order(
    carol: User, crowded_queue: list[Ticket], sort: str, page_size: int
) -> None:
    expected = sorted(crowded_queue, key=SORT_KEYS[sort], reverse=sort == QueueSort.NEWEST)

    pages = page_through(carol, QueueFilters(sort=sort), page_size)

    seen = [ticket.pk for page in pages for ticket in page]
    assert seen == [t.pk for t in expected]
    assert len(set(seen)) == len(crowded_queue)
    assert all(len(page) == page_size for page in pages[:-1])
    assert 0 < len(pages[-1]) <= page_size


def test_keyset_paging_with_a_filter(carol: User, crowded_queue: list[Ticket]) -> None:
    waiting = [t for t in crowded_queue if t.status == Status.WAITING_ON_CUSTOMER]
    filters = QueueFilters(statuses=[Status.WAITING_ON_CUSTOMER], sort=QueueSort.PRIORITY)

    pages = page_through(carol, filters, page_size=3)

    seen = [ticket.pk for page in pages for ticket in page]
    assert seen == [t.pk for t in sorted(waiting, key=SORT_KEYS[QueueSort.PRIORITY])]


def test_last_full_page_has_no_next_cursor(carol: User, crowded_queue: list[Ticket]) -> None:
    page = ticket_queue(user=carol, filters=QueueFilters(), page_size=23)

    assert len(page.tickets) == 23
    assert page.next_cursor is None


def test_empty_queue(carol: User) -> None:
    page = ticket_queue(user=carol, filters=QueueFilters())

    assert page.tickets == []
    assert page.next_cursor is None


GARBAGE_CURSORS = [
    "garbage",
    "!!!not-base64!!!",
    "====",
    encoded({"created_at": "2025-01-01"}),
    encoded([1, 2]),
    encoded(["yesterday", "not-a-uuid"]),
    encoded(["2025-01-01T00:00:00+00:00", 123]),
    encoded(["2025-01-01T00:00:00+00:00", None]),
    encoded([20250101, "00000000-0000-0000-0000-000000000000"]),
    encoded(["2025-01-01T00:00:00", "00000000-0000-0000-0000-000000000000"]),  # no zone
    base64.urlsafe_b64encode(b"\xff\xfe\x00garbage").decode(),
]
GARBAGE_PRIORITY_CURSORS = [
    *GARBAGE_CURSORS,
    encoded(["high", "2025-01-01T00:00:00+00:00", "00000000-0000-0000-0000-000000000000"]),
    encoded([None, "2025-01-01T00:00:00+00:00", "00000000-0000-0000-0000-000000000000"]),
    encoded([10**30, "2025-01-01T00:00:00+00:00", "00000000-0000-0000-0000-000000000000"]),
    "WzFlNDAwLCAiMjAyNS0wMS0wMVQwMDowMDowMCswMDowMCIsICIwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0w"
    "MDAwMDAwMDAwMDAiXQ",  # [1e400, ...]: a float that overflows int()
]


@pytest.mark.parametrize(
    ("sort", "cursor"),
    [(QueueSort.OLDEST, c) for c in GARBAGE_CURSORS]
    + [(QueueSort.NEWEST, c) for c in GARBAGE_CURSORS[:3]]
    + [(QueueSort.PRIORITY, c) for c in GARBAGE_PRIORITY_CURSORS],
)
def test_garbage_cursor_restarts_at_first_page(
    carol: User, crowded_queue: list[Ticket], sort: str, cursor: str
) -> None:
    first = ticket_queue(user=carol, filters=QueueFilters(sort=sort), page_size=5)

    page = ticket_queue(user=carol, filters=QueueFilters(sort=sort), cursor=cursor, page_size=5)

    assert [t.pk for t in page.tickets] == [t.pk for t in first.tickets]
    assert page.next_cursor == first.next_cursor


def test_cursor_from_another_sort_restarts_at_first_page(
    carol: User, crowded_queue: list[Ticket]
) -> None:
    oldest = ticket_queue(user=carol, filters=QueueFilters(), page_size=5)
    by_priority = QueueFilters(sort=QueueSort.PRIORITY)
    first = ticket_queue(user=carol, filters=by_priority, page_size=5)

    page = ticket_queue(user=carol, filters=by_priority, cursor=oldest.next_cursor, page_size=5)

    assert [t.pk for t in page.tickets] == [t.pk for t in first.tickets]


@pytest.mark.parametrize("rows", [2, 30])
def test_queue_page_is_one_query_whatever_the_size(
    carol: User, alice: User, erin: User, rows: int, django_assert_num_queries: Callable
) -> None:
    for i in range(rows):
        TicketFactory(requester=alice, assignee=erin if i % 2 else None)
    # The categories come from the catalogue, which the queue view reads before the page (for
    # its filter) and the process keeps: one read when cold, none after.
    with django_assert_num_queries(1):
        category_list()

    with django_assert_num_queries(1):
        page = ticket_queue(user=carol, filters=QueueFilters(), page_size=50)
        shown = [(t.category.name, t.requester_email, t.assignee_short_name) for t in page.tickets]

    assert len(shown) == rows


def test_a_category_newer_than_the_kept_catalogue_is_still_shown(carol: User, alice: User) -> None:
    category_list()  # the catalogue kept before the category exists
    newer = Category.objects.create(
        slug="airdrop", name_zh="空投", name_en="Airdrop", team=general_team()
    )
    airdrop = TicketFactory(requester=alice, category=newer)
    other = TicketFactory(requester=alice)

    page = ticket_queue(user=carol, filters=QueueFilters(), page_size=50)

    shown = {t.reference: (t.category.slug, t.category.name_en) for t in page.tickets}
    assert shown == {
        airdrop.reference: ("airdrop", "Airdrop"),
        other.reference: (other.category.slug, other.category.name_en),
    }

"""The look-alike address check asked of the database answers as looks_poisoned does over the
same addresses in hand: the rule is written once in Python (intake.looks_poisoned) and once in
SQL (selectors.ticket_address_lookalike_recent), so the two are held together here on
generated addresses built to share heads and tails, on SQLite and on PostgreSQL."""

import datetime as dt

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from walletdesk.accounts.models import User
from walletdesk.tickets.intake import _poisoned_for, looks_poisoned
from walletdesk.tickets.models import Ticket
from walletdesk.tickets.tests.factories import TicketFactory

pytestmark = pytest.mark.django_db

# A small alphabet in both cases and a choice of prefixes, so heads and tails often match.
_BODY = st.text(alphabet="aAbB01xX", min_size=0, max_size=18)
_ADDRESS = st.builds(lambda prefix, body: prefix + body, st.sampled_from(["0x", "0X", ""]), _BODY)
# Addresses around the shortest length compared (twelve characters without 0x).
_NEAR_SHORTEST = st.builds(
    lambda prefix, body: prefix + body,
    st.sampled_from(["0x", "0X", ""]),
    st.text(alphabet="aAbB01", min_size=10, max_size=14),
)


@st.composite
def _stored_near(draw: st.DrawFn, address: str) -> str:
    """An address drawn freely, or one that keeps some of ``address``'s first and last
    characters (in either case, with or without 0x) around another middle."""
    if draw(st.booleans()):
        return draw(_ADDRESS)
    # Around the four characters compared at each end, with "0x" counted in or not.
    head = draw(st.integers(2, 8))
    tail = draw(st.integers(2, 6))
    kept_head, kept_tail = address[:head], address[len(address) - tail :] if tail else ""
    if draw(st.booleans()):
        kept_head, kept_tail = kept_head.swapcase(), kept_tail.swapcase()
    return kept_head + draw(st.text(alphabet="aAbB01xX", min_size=0, max_size=6)) + kept_tail


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data(), address=st.one_of(_ADDRESS, _NEAR_SHORTEST))
def test_the_database_answers_as_looks_poisoned(
    alice: User, data: st.DataObject, address: str
) -> None:
    stored = data.draw(st.lists(_stored_near(address), max_size=5), label="stored")
    Ticket.objects.filter(requester=alice).delete()
    now = timezone.now()
    for age, previous in enumerate(stored):
        ticket = TicketFactory(requester=alice, address=previous)
        Ticket.objects.filter(pk=ticket.pk).update(created_at=now - dt.timedelta(hours=age + 1))

    expected = any(looks_poisoned(address, previous) for previous in stored if previous)

    assert _poisoned_for(alice, address, None) is expected


@pytest.mark.parametrize(
    ("stored", "flagged"),
    [
        ("0xabcdwxy5678", False),  # eleven characters without 0x: too short to compare
        ("0xABCDwxyz5678", True),  # twelve; 0x and case do not count
        ("abcdwxy5678", False),
        ("abcdwxyz5678", True),
        ("ABCDwxyz5678", False),  # without 0x, compared as stored, case and all
    ],
)
def test_the_shortest_address_compared_is_twelve_characters(
    alice: User, stored: str, flagged: bool
) -> None:
    TicketFactory(requester=alice, address=stored)

    assert _poisoned_for(alice, "0xabcdzzzz5678", None) is flagged
    assert looks_poisoned("0xabcdzzzz5678", stored) is flagged


def test_a_poisoned_address_among_more_than_fifty_is_read_only_when_recent(alice: User) -> None:
    genuine = "0x1234" + "a" * 34 + "5678"
    look_alike = "0x1234" + "b" * 34 + "5678"
    now = timezone.now()
    old = TicketFactory(requester=alice, address=genuine)
    Ticket.objects.filter(pk=old.pk).update(created_at=now - dt.timedelta(days=60))
    assert _poisoned_for(alice, look_alike, None)

    for day in range(50):
        newer = TicketFactory(requester=alice, address="0x" + f"{day:02d}" * 20)
        Ticket.objects.filter(pk=newer.pk).update(created_at=now - dt.timedelta(days=day))

    assert not _poisoned_for(alice, look_alike, None)

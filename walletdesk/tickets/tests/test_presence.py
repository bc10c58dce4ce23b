"""Who else has a ticket open: marks in the shared cache, read by the other agents' pages; a
cache that cannot be written or read at the moment costs a heartbeat, never an error."""

import pytest
from django.core.cache import cache  # each test's agents are new: their keys too
from django.db import OperationalError

from walletdesk.accounts.tests.factories import AgentFactory
from walletdesk.tickets.models import Ticket
from walletdesk.tickets.presence import presence_leave, presence_mark, presence_others

pytestmark = pytest.mark.django_db


def test_the_others_on_a_ticket_typing_first(alice_ticket: Ticket) -> None:
    me, pat, sam = (
        AgentFactory(display_name="Me"),
        AgentFactory(display_name="Pat"),
        AgentFactory(display_name="Sam"),
    )
    presence_mark(ticket=alice_ticket, agent=pat, typing=False)
    presence_mark(ticket=alice_ticket, agent=sam, typing=True)
    presence_mark(ticket=alice_ticket, agent=me, typing=True)

    others = presence_others(ticket=alice_ticket, agent=me, candidates=[me, pat, sam])

    assert [(p.name, p.typing) for p in others] == [("Sam", True), ("Pat", False)]


def test_an_agent_who_leaves_is_no_longer_listed(alice_ticket: Ticket) -> None:
    me, pat = AgentFactory(), AgentFactory()
    presence_mark(ticket=alice_ticket, agent=pat, typing=False)

    presence_leave(ticket=alice_ticket, agent=pat)

    assert presence_others(ticket=alice_ticket, agent=me, candidates=[me, pat]) == []


def test_a_cache_that_cannot_be_written_skips_the_heartbeat(
    alice_ticket: Ticket, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    me, pat = AgentFactory(), AgentFactory()
    presence_mark(ticket=alice_ticket, agent=pat, typing=False)

    def locked(*args: object, **kwargs: object) -> None:
        raise OperationalError("database table is locked")

    monkeypatch.setattr(cache, "set", locked)
    monkeypatch.setattr(cache, "delete", locked)
    presence_mark(ticket=alice_ticket, agent=me, typing=True)
    presence_leave(ticket=alice_ticket, agent=me)
    # What was there before is still read.
    assert [
        p.user_id for p in presence_others(ticket=alice_ticket, agent=me, candidates=[me, pat])
    ] == [pat.pk]

    monkeypatch.setattr(cache, "get_many", locked)
    assert presence_others(ticket=alice_ticket, agent=me, candidates=[me, pat]) == []
    assert "presence mark skipped" in caplog.text
    assert "presence read skipped" in caplog.text

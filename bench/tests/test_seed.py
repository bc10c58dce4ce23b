"""The benchmark seeder works on a tiny N, on SQLite (executemany) and PostgreSQL (COPY)."""

import re
from collections import Counter

import pytest
from django.db.models import F

from bench.seed_tickets import reference_for, seed
from walletdesk.accounts.models import User
from walletdesk.tickets.models import ACTIVE_STATUSES, Message, Status, Ticket, TicketEvent
from walletdesk.tickets.references import ALPHABET
from walletdesk.tickets.selectors import tickets_visible_to
from walletdesk.tickets.tests.factories import TicketFactory

REFERENCE = re.compile(rf"^WD-[{ALPHABET}]{{6}}$")


def test_reference_for_gives_distinct_references_in_the_alphabet():
    counters = range(20_000)

    references = [reference_for(n) for n in counters]

    assert len(set(references)) == len(references)
    assert all(REFERENCE.match(r) for r in references)


def test_reference_for_refuses_a_counter_outside_the_space():
    with pytest.raises(ValueError, match="outside"):
        reference_for(len(ALPHABET) ** 6)


@pytest.mark.django_db
def test_seed_creates_tickets_with_threads_and_history():
    totals = seed(tickets=150, requesters=12, agents=3, batch_size=40)

    assert Ticket.objects.count() == totals.tickets == 150
    assert Message.objects.count() == totals.messages
    assert TicketEvent.objects.count() == totals.events
    assert User.objects.filter(email__startswith="bench-customer-").count() == 12
    assert User.objects.filter(email__startswith="bench-agent-", role="agent").count() == 3
    references = list(Ticket.objects.values_list("reference", flat=True))
    assert len(set(references)) == 150
    assert all(REFERENCE.match(r) for r in references)
    per_ticket_messages = Counter(Message.objects.values_list("ticket_id", flat=True))
    per_ticket_events = Counter(TicketEvent.objects.values_list("ticket_id", flat=True))
    assert set(per_ticket_messages.values()) <= {1, 2, 3}
    assert set(per_ticket_events.values()) <= {1, 2, 3, 4, 5, 6, 7, 8}
    # What the reports count: each public agent message is an agent reply, each rating rated.
    public_agent = Message.objects.filter(author_role="agent", is_internal=False)
    assert TicketEvent.objects.filter(kind=TicketEvent.Kind.AGENT_REPLIED).count() == (
        public_agent.count()
    )
    assert TicketEvent.objects.filter(kind=TicketEvent.Kind.RATED).count() == (
        Ticket.objects.filter(rating__isnull=False).count()
    )
    assert len(per_ticket_messages) == len(per_ticket_events) == 150
    assert TicketEvent.objects.filter(kind=TicketEvent.Kind.CREATED).count() == 150
    statuses = Counter(Ticket.objects.values_list("status", flat=True))
    assert sum(statuses[s] for s in ACTIVE_STATUSES) > 0
    assert statuses[Status.RESOLVED] + statuses[Status.CLOSED] > 75
    assert not Message.objects.filter(author_role="customer", is_internal=True).exists()
    # Routed like submissions, and worked by agents of those teams.
    assert not Ticket.objects.exclude(team_id=F("category__team_id")).exists()
    agent = User.objects.filter(email__startswith="bench-agent-").first()
    assert tickets_visible_to(agent).count() == 150


@pytest.mark.django_db
def test_seed_is_deterministic_in_shape_and_keeps_timestamps():
    seed(tickets=30, requesters=5, agents=2)

    oldest = Ticket.objects.order_by("created_at").first()
    newest = Ticket.objects.order_by("-created_at").first()
    assert oldest is not None
    assert newest is not None
    # Spread over two years, not stamped "now" by auto_now_add.
    assert (newest.created_at - oldest.created_at).days > 30


@pytest.mark.django_db
def test_seed_appends_and_skips_a_reference_the_app_already_used(alice):
    taken = TicketFactory(requester=alice, reference=reference_for(1))

    seed(tickets=20, requesters=5, agents=2)
    seed(tickets=20, requesters=5, agents=2)

    assert Ticket.objects.count() == 41
    assert Ticket.objects.filter(reference=taken.reference).count() == 1
    assert User.objects.filter(email__startswith="bench-customer-").count() == 5

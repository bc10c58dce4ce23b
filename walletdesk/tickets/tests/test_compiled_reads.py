"""The reads that keep their compiled SQL give what the ORM's own queryset gives: every
combination of queue filters on a first page, and a ticket for every kind of agent."""

import random

import pytest
from django.http import Http404
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from walletdesk.accounts.models import User
from walletdesk.accounts.tests.factories import AdminFactory, AgentFactory, UserFactory
from walletdesk.tickets import selectors
from walletdesk.tickets.models import Status, Tag, Team, Ticket, TicketTag
from walletdesk.tickets.selectors import QueueFilters, QueueSort
from walletdesk.tickets.tests.factories import TeamFactory, TicketFactory, category

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(alice: User) -> dict[str, object]:
    """Two teams, their agents, an administrator, and tickets spread over every filter."""
    payments, security = TeamFactory(slug="payments"), TeamFactory(slug="security-lane")
    pat = AgentFactory(display_name="Pat", teams=[payments])
    sam = AgentFactory(display_name="Sam", teams=[security])
    ada = AdminFactory(display_name="Ada")
    tag = Tag.objects.create(slug="vip", name_zh="重要", name_en="VIP")
    picker = random.Random(7)  # noqa: S311 -- a fixed spread of test data, not a secret
    categories = [category(slug) for slug in ("deposit", "withdrawal", "account")]
    for i in range(40):
        ticket = TicketFactory(
            requester=alice,
            category=picker.choice(categories),
            status=picker.choice([Status.NEW, Status.OPEN, Status.WAITING_ON_CUSTOMER]),
            priority=picker.choice([0, 1, 2, 3]),
            team=picker.choice([payments, security, None]),
            assignee=picker.choice([None, pat, sam]),
        )
        if i % 3 == 0:
            TicketTag.objects.create(ticket=ticket, tag=tag)
    return {"agents": [pat, sam, ada], "categories": categories, "tag": tag}


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_a_first_queue_page_is_what_the_orm_reads(desk: dict[str, object], data: st.DataObject):
    agents: list[User] = desk["agents"]  # type: ignore[assignment]
    categories = desk["categories"]
    user = data.draw(st.sampled_from(agents), label="agent")
    statuses = data.draw(
        st.lists(st.sampled_from([str(s) for s in Status]), min_size=1, unique=True),
        label="statuses",
    )
    unassigned = data.draw(st.booleans(), label="unassigned")
    filters = QueueFilters(
        statuses=statuses,
        category_id=data.draw(st.sampled_from([None, *(c.pk for c in categories)])),  # type: ignore[attr-defined]
        assignee_id=data.draw(st.sampled_from([None, *(a.pk for a in agents)])),
        unassigned=unassigned,
        priority=data.draw(st.sampled_from([None, 0, 1, 2, 3])),
        tag_id=data.draw(st.sampled_from([None, desk["tag"].pk])),  # type: ignore[attr-defined]
        sort=data.draw(st.sampled_from([QueueSort.OLDEST, QueueSort.NEWEST, QueueSort.PRIORITY])),
    )
    page_size = data.draw(st.integers(min_value=1, max_value=30), label="page size")

    compiled = selectors._queue_first_page(user=user, filters=filters, page_size=page_size)

    expected = list(
        selectors._queue_read(user, filters, None).select_related("requester", "assignee")[
            : page_size + 1
        ]
    )
    assert [row[0] for row in compiled] == [t.pk for t in expected]
    for line, ticket in zip(selectors._queue_lines(compiled), expected, strict=True):
        assert line.category == ticket.category
        assert (line.status, line.priority, line.subject) == (
            ticket.status,
            ticket.priority,
            ticket.subject,
        )
        assert (line.created_at, line.first_response_due_at, line.first_responded_at) == (
            ticket.created_at,
            ticket.first_response_due_at,
            ticket.first_responded_at,
        )
        assert line.requester_email == ticket.requester.email
        assert line.assignee_id == ticket.assignee_id
        assert line.assignee_email == (ticket.assignee.email if ticket.assignee else None)


def test_a_ticket_page_finds_the_ticket_the_rule_lets_each_agent_work(desk: dict[str, object]):
    pat, sam, ada = desk["agents"]  # type: ignore[misc]
    superuser_agent = AgentFactory(display_name="Sue", is_superuser=True)
    customer = UserFactory()
    for ticket in Ticket.objects.all():
        for user in (pat, sam, ada, superuser_agent, customer):
            may = Ticket.objects.filter(selectors.ticket_visibility(user), pk=ticket.pk).exists()
            if may:
                assert (
                    selectors.ticket_get_for_agent(user=user, reference=ticket.reference) == ticket
                )
            else:
                with pytest.raises(Http404):
                    selectors.ticket_get_for_agent(user=user, reference=ticket.reference)
    assert Team.objects.count() >= 2


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_requesters_other_tickets_are_what_the_orm_reads(
    desk: dict[str, object], language: str
):
    from django.utils import translation

    pat, sam, ada = desk["agents"]  # type: ignore[misc]
    customer = UserFactory()
    tickets = list(Ticket.objects.select_related("category").order_by("created_at"))
    for ticket in tickets[::7]:
        for user in (pat, sam, ada, customer):
            for limit in (3, 10):
                expected = (
                    Ticket.objects.filter(
                        selectors.ticket_visibility(user), requester_id=ticket.requester_id
                    )
                    .exclude(pk=ticket.pk)
                    .select_related("category")
                    .order_by("-created_at")[:limit]
                    if user.is_agent
                    else []
                )
                with translation.override(language):
                    read = selectors.ticket_list_other_for_requester(
                        ticket=ticket, user=user, limit=limit
                    )
                    assert [
                        (o.reference, o.status, o.subject, o.created_at, o.category_name)
                        for o in read
                    ] == [
                        (t.reference, t.status, t.subject, t.created_at, t.category.name)
                        for t in expected
                    ]
                assert [o.is_active for o in read] == [t.is_active for t in expected]

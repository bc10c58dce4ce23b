"""Tags on tickets: agents add and remove them, each change in the history, once."""

import pytest

from walletdesk.accounts.tests.factories import AgentFactory
from walletdesk.tickets import selectors, services
from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.models import Tag, Ticket, TicketEvent, TicketTag
from walletdesk.tickets.selectors import QueueFilters
from walletdesk.tickets.tests.factories import TeamFactory, TicketFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scam() -> Tag:
    return Tag.objects.create(slug="scam-wave", name_zh="诈骗潮", name_en="Scam wave")


def test_adding_twice_tags_once_and_records_one_event(scam) -> None:
    agent = AgentFactory()
    ticket = TicketFactory()

    assert services.ticket_tag_add(ticket=ticket, tag=scam, agent=agent) is True
    assert services.ticket_tag_add(ticket=ticket, tag=scam, agent=agent) is False

    assert TicketTag.objects.filter(ticket=ticket).count() == 1
    event = TicketEvent.objects.get(ticket=ticket, kind=TicketEvent.Kind.TAGGED)
    assert (event.actor_id, event.to_value) == (agent.pk, "scam-wave")
    assert selectors.tags_of_ticket(ticket=ticket) == [scam]


def test_removing_records_an_event_and_nothing_when_absent(scam) -> None:
    agent = AgentFactory()
    ticket = TicketFactory()
    services.ticket_tag_add(ticket=ticket, tag=scam, agent=agent)

    assert services.ticket_tag_remove(ticket=ticket, tag=scam, agent=agent) is True
    assert services.ticket_tag_remove(ticket=ticket, tag=scam, agent=agent) is False

    assert not TicketTag.objects.exists()
    assert TicketEvent.objects.filter(kind=TicketEvent.Kind.UNTAGGED).count() == 1


def test_a_retired_tag_cannot_be_added_but_can_be_removed(scam) -> None:
    agent = AgentFactory()
    ticket = TicketFactory()
    services.ticket_tag_add(ticket=ticket, tag=scam, agent=agent)
    scam.is_active = False
    scam.save()

    with pytest.raises(TicketError) as refused:
        services.ticket_tag_add(ticket=TicketFactory(), tag=scam, agent=agent)
    assert refused.value.code == TicketError.Code.TAG_INACTIVE
    assert selectors.tags_of_ticket(ticket=ticket) == [scam]  # still shown where it is
    assert services.ticket_tag_remove(ticket=ticket, tag=scam, agent=agent)


def test_only_agents_of_the_ticket_s_team(scam, alice) -> None:
    outsider = AgentFactory(teams=[TeamFactory()])
    ticket = TicketFactory()

    for actor, code in (
        (outsider, TicketError.Code.NOT_IN_TEAM),
        (alice, TicketError.Code.NOT_AGENT),
    ):
        with pytest.raises(TicketError) as refused:
            services.ticket_tag_add(ticket=ticket, tag=scam, agent=actor)
        assert refused.value.code == code
    assert not TicketTag.objects.exists()


def test_the_queue_filters_by_tag(scam) -> None:
    agent = AgentFactory()
    tagged = [TicketFactory() for _ in range(3)]
    TicketFactory()
    for ticket in tagged:
        services.ticket_tag_add(ticket=ticket, tag=scam, agent=agent)

    page = selectors.ticket_queue(user=agent, filters=QueueFilters(tag_id=scam.pk))

    assert sorted(t.pk for t in page.tickets) == sorted(t.pk for t in tagged)
    assert Ticket.objects.count() == 4

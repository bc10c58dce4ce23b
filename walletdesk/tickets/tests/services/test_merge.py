"""Merging a user's duplicate ticket into another of theirs: one thread, one open ticket."""

import pytest

from walletdesk.accounts.tests.factories import AgentFactory, UserFactory
from walletdesk.audit.models import AuditEvent, Kind
from walletdesk.tickets import services
from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.models import Message, Status, Ticket, TicketEvent
from walletdesk.tickets.tests.factories import MessageFactory, TeamFactory, TicketFactory

pytestmark = pytest.mark.django_db

Code = TicketError.Code


@pytest.fixture
def agent():
    return AgentFactory()


def test_the_duplicate_s_thread_moves_and_it_closes_with_a_pointer(agent, alice) -> None:
    into = TicketFactory(requester=alice, status=Status.OPEN, subject="充值未到账")
    duplicate = TicketFactory(requester=alice, subject="还是没到", description="第二次提交")
    earlier = MessageFactory(ticket=into)
    moved = MessageFactory(ticket=duplicate, body="补充：交易哈希见截图")

    services.ticket_merge(duplicate=duplicate, into=into, agent=agent)

    duplicate.refresh_from_db()
    assert duplicate.status == Status.CLOSED
    assert duplicate.merged_into == into
    thread = list(Message.objects.filter(ticket=into).order_by("created_at"))
    assert [m.pk for m in thread if m.pk in (earlier.pk, moved.pk)] == [earlier.pk, moved.pk]
    opening = next(m for m in thread if m.body.startswith(f"[{duplicate.reference}]"))
    assert "还是没到" in opening.body
    assert "第二次提交" in opening.body
    assert opening.author_id == alice.pk
    assert opening.created_at == duplicate.created_at
    assert not Message.objects.filter(ticket=duplicate).exists()
    merged = TicketEvent.objects.filter(kind=TicketEvent.Kind.MERGED)
    assert merged.get(ticket=duplicate).to_value == into.reference
    assert merged.get(ticket=into).from_value == duplicate.reference
    audit = AuditEvent.objects.get(kind=Kind.TICKET_MERGED)
    assert (audit.actor_id, audit.target) == (agent.pk, into.reference)
    assert audit.detail["merged"] == duplicate.reference


def test_files_move_with_the_thread(agent, alice) -> None:
    from walletdesk.attachments.models import Attachment

    into = TicketFactory(requester=alice)
    duplicate = TicketFactory(requester=alice)
    file = Attachment.objects.create(
        ticket=duplicate,
        uploader=alice,
        kind="png",
        display_name="a.png",
        storage_key="attachments/aa/a.png",
        size=1,
        sha256="0" * 64,
    )

    services.ticket_merge(duplicate=duplicate, into=into, agent=agent)

    file.refresh_from_db()
    assert file.ticket_id == into.pk


@pytest.mark.parametrize(
    ("setup", "code"),
    [
        ("other_requester", Code.MERGE_OTHER_REQUESTER),
        ("same", Code.MERGE_SAME_TICKET),
        ("target_closed", Code.MERGE_TARGET_CLOSED),
        ("target_merged", Code.MERGE_TARGET_CLOSED),
        ("already_merged", Code.MERGED),
        ("other_team", Code.NOT_IN_TEAM),
    ],
)
def test_refused_merges_change_nothing(agent, alice, setup, code) -> None:
    into = TicketFactory(requester=alice)
    duplicate = TicketFactory(requester=alice)
    MessageFactory(ticket=duplicate)
    if setup == "other_requester":
        into = TicketFactory(requester=UserFactory())
    elif setup == "same":
        into = duplicate
    elif setup == "target_closed":
        Ticket.objects.filter(pk=into.pk).update(status=Status.CLOSED)
    elif setup == "target_merged":
        third = TicketFactory(requester=alice)
        services.ticket_merge(duplicate=into, into=third, agent=agent)
    elif setup == "already_merged":
        third = TicketFactory(requester=alice)
        services.ticket_merge(duplicate=duplicate, into=third, agent=agent)
    elif setup == "other_team":
        Ticket.objects.filter(pk=into.pk).update(team=TeamFactory())
    before = sorted(Message.objects.values_list("pk", "ticket_id"))
    status = Ticket.objects.get(pk=duplicate.pk).status

    with pytest.raises(TicketError) as refused:
        services.ticket_merge(
            duplicate=Ticket.objects.get(pk=duplicate.pk),
            into=Ticket.objects.get(pk=into.pk),
            agent=agent,
        )

    assert refused.value.code == code
    assert sorted(Message.objects.values_list("pk", "ticket_id")) == before
    assert Ticket.objects.get(pk=duplicate.pk).status == status


def test_a_customer_cannot_merge(alice) -> None:
    with pytest.raises(TicketError) as refused:
        services.ticket_merge(
            duplicate=TicketFactory(requester=alice),
            into=TicketFactory(requester=alice),
            agent=alice,
        )
    assert refused.value.code == Code.NOT_AGENT


def test_a_merged_ticket_takes_no_reply_and_cannot_be_reopened(agent, alice) -> None:
    into = TicketFactory(requester=alice)
    duplicate = TicketFactory(requester=alice)
    services.ticket_merge(duplicate=duplicate, into=into, agent=agent)
    duplicate.refresh_from_db()

    with pytest.raises(TicketError) as replied:
        services.ticket_reply_add(ticket=duplicate, author=alice, body="还在吗？")
    with pytest.raises(TicketError) as reopened:
        services.ticket_reopen(ticket=duplicate, agent=agent)

    assert replied.value.code == reopened.value.code == Code.MERGED
    assert into.reference in replied.value.message
    # Agents may still leave a note on it.
    services.ticket_reply_add(ticket=duplicate, author=agent, body="merged", internal=True)

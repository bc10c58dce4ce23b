"""Bulk actions: each ticket through the ticket services, refusals recorded with the reason,
a run stopped half-way picked up where it stopped; saved views are their owner's."""

from typing import Any

import pytest

from walletdesk.accounts.tests.factories import AdminFactory, AgentFactory
from walletdesk.queues import selectors, services
from walletdesk.queues.errors import QueueError
from walletdesk.queues.models import BulkItem, BulkJob, SavedView
from walletdesk.tickets.models import Priority, Status, Tag, Ticket, TicketEvent, TicketTag
from walletdesk.tickets.tests.factories import TeamFactory, TicketFactory

pytestmark = pytest.mark.django_db


def _start(agent: Any, action: str, tickets: list[Ticket], **params: Any) -> BulkJob:
    return services.bulk_job_start(
        agent=agent, action=action, params=params, ticket_ids=[t.pk for t in tickets], described="t"
    )


def test_closing_many_records_each_refusal_with_its_reason(carol: Any) -> None:
    open_ones = [TicketFactory(status=Status.OPEN) for _ in range(3)]
    closed = TicketFactory(status=Status.CLOSED)

    job = _start(carol, BulkJob.Action.CLOSE, [*open_ones, closed], reason="duplicate wave")

    assert (job.state, job.total, job.done, job.refused) == (BulkJob.State.FINISHED, 4, 4, 1)
    assert all(Ticket.objects.get(pk=t.pk).status == Status.CLOSED for t in open_ones)
    refusal = BulkItem.objects.get(job=job, outcome=BulkItem.Outcome.REFUSED)
    assert refusal.ticket_id == closed.pk
    # The status machine's words in full, in the agent's language (not cut to a code's length).
    # The whole sentence, to its end (the job page shows what to do next).
    assert refusal.reason.endswith(("请刷新页面查看最新状态。", "to see its latest state."))
    for ticket in open_ones:
        assert ticket.events.filter(
            kind=TicketEvent.Kind.STATUS_CHANGED, to_value="closed"
        ).exists()


def test_another_teams_ticket_is_refused_not_changed(carol: Any) -> None:
    elsewhere = TicketFactory(team=TeamFactory(), status=Status.OPEN, priority=Priority.NORMAL)

    job = _start(carol, BulkJob.Action.PRIORITY, [elsewhere], priority=Priority.URGENT)

    assert job.refused == 1
    assert Ticket.objects.get(pk=elsewhere.pk).priority == Priority.NORMAL


def test_a_large_job_waits_for_the_background_and_resumes_where_it_stopped(
    carol: Any, django_capture_on_commit_callbacks: Any
) -> None:
    tickets = [TicketFactory(status=Status.OPEN) for _ in range(services.BULK_INLINE_UP_TO + 10)]
    with django_capture_on_commit_callbacks(execute=False) as queued:
        job = _start(carol, BulkJob.Action.PRIORITY, tickets, priority=Priority.HIGH)
    assert job.state == BulkJob.State.QUEUED
    assert len(queued) == 1  # the background task, once committed
    original = services.BULK_BATCH
    services.BULK_BATCH = 25
    try:
        services.bulk_job_run(job.pk, batches=1)  # a worker stopped after one batch
        job.refresh_from_db()
        assert (job.state, job.done) == (BulkJob.State.RUNNING, 25)
        services.bulk_job_run(job.pk)  # another picks up the rest, nothing twice
    finally:
        services.BULK_BATCH = original
    job.refresh_from_db()
    assert (job.state, job.done, job.refused) == (BulkJob.State.FINISHED, len(tickets), 0)
    changes = TicketEvent.objects.filter(
        ticket__in=tickets, kind=TicketEvent.Kind.PRIORITY_CHANGED
    ).count()
    assert changes == len(tickets)


def test_tag_and_assign_go_through_the_services(carol: Any, erin: Any) -> None:
    tag = Tag.objects.create(slug="tron-delay", name_zh="波场延迟", name_en="TRON delay")
    tickets = [TicketFactory(status=Status.OPEN) for _ in range(2)]

    _start(carol, BulkJob.Action.TAG, tickets, tag=str(tag.pk))
    _start(carol, BulkJob.Action.ASSIGN, tickets, assignee=str(carol.pk))

    for ticket in tickets:
        ticket.refresh_from_db()
        assert ticket.assignee_id == carol.pk
        assert TicketTag.objects.filter(ticket=ticket, tag=tag).exists()


@pytest.mark.parametrize(
    ("action", "params"),
    [
        (BulkJob.Action.PRIORITY, {"priority": "99"}),
        (BulkJob.Action.PRIORITY, {"priority": "high"}),
        (BulkJob.Action.TAG, {"tag": "not-a-uuid"}),
        (BulkJob.Action.MACRO, {"macro": "00000000-0000-0000-0000-000000000000"}),
        (BulkJob.Action.ASSIGN, {"assignee": "00000000-0000-0000-0000-000000000000"}),
        ("explode", {}),
    ],
)
def test_bad_parameters_are_refused_before_any_ticket_changes(
    carol: Any, action: str, params: dict[str, str]
) -> None:
    ticket = TicketFactory(status=Status.OPEN)

    with pytest.raises(QueueError) as refused:
        _start(carol, action, [ticket], **params)

    assert refused.value.code == QueueError.Code.BAD_PARAMETER
    assert not BulkJob.objects.exists()


def test_nothing_chosen_or_too_many_is_refused(carol: Any, monkeypatch: Any) -> None:
    with pytest.raises(QueueError) as nothing:
        _start(carol, BulkJob.Action.CLOSE, [])
    monkeypatch.setattr(services, "BULK_MAX", 2)
    with pytest.raises(QueueError) as too_many:
        _start(carol, BulkJob.Action.CLOSE, [TicketFactory() for _ in range(3)])

    assert nothing.value.code == QueueError.Code.NOTHING_CHOSEN
    assert too_many.value.code == QueueError.Code.TOO_MANY


def test_a_view_is_saved_once_per_name_and_only_its_owner_deletes_it(carol: Any) -> None:
    other = AgentFactory()
    first = services.saved_view_save(owner=carol, name=" 波场 ", query="q=a", shared=True)
    again = services.saved_view_save(owner=carol, name="波场", query="q=b", shared=True)

    assert first.pk == again.pk
    assert SavedView.objects.get(pk=first.pk).query == "q=b"
    with pytest.raises(QueueError):
        services.saved_view_delete(view=again, user=other)
    with pytest.raises(QueueError):
        services.saved_view_save(owner=carol, name="  ", query="", shared=False)
    services.saved_view_delete(view=again, user=carol)
    assert not SavedView.objects.exists()


def test_a_personal_view_is_its_owners_and_a_shared_one_everyones(carol: Any) -> None:
    other = AgentFactory()
    personal = services.saved_view_save(owner=carol, name="Mine", query="q=a", shared=False)
    shared = services.saved_view_save(owner=carol, name="Team", query="q=b", shared=True)

    assert selectors.saved_view_list_for(user=carol) == [personal, shared]
    assert selectors.saved_view_list_for(user=other) == [shared]
    assert selectors.saved_view_get_for(user=other, view_id=personal.pk) is None
    assert selectors.saved_view_get_for(user=other, view_id="not-a-uuid") is None
    assert selectors.bulk_job_get_for(user=other, job_id="not-a-uuid") is None
    with pytest.raises(QueueError) as refused:
        services.saved_view_delete(view=shared, user=other)
    assert refused.value.code == QueueError.Code.NOT_YOURS

    services.saved_view_delete(view=shared, user=AdminFactory())

    assert list(SavedView.objects.all()) == [personal]

"""Saved views and bulk actions in the console: save, open, count on demand; change the
ticked tickets or every ticket of a view; follow the job; nobody else's job opens."""

from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse

from walletdesk.accounts.tests.factories import AgentFactory
from walletdesk.queues.models import BulkJob, SavedView
from walletdesk.tickets.models import Priority, Status, Ticket
from walletdesk.tickets.tests.factories import TicketFactory


def test_a_view_is_saved_with_only_valid_filters_and_opens_the_queue(
    agent_client: Client, agent: Any
) -> None:
    query = urlencode({"priority": Priority.HIGH, "sort": "newest", "category": "no-such"})

    response = agent_client.post(
        reverse("console:view-save"), {"name": "Urgent wave", "query": query, "shared": "on"}
    )

    view = SavedView.objects.get(owner=agent)
    assert (view.name, view.shared) == ("Urgent wave", True)
    assert "no-such" not in view.query
    assert "priority=3" in view.query
    assert response.status_code == 302
    assert response["Location"].endswith(view.query)
    page = agent_client.get(reverse("console:queue")).content.decode()
    assert "Urgent wave" in page


def test_a_nameless_view_is_refused_and_the_queue_says_why(agent_client: Client) -> None:
    response = agent_client.post(
        reverse("console:view-save"), {"name": " ", "query": "sort=newest"}, follow=True
    )

    assert "Give the view a name." in response.content.decode()
    assert not SavedView.objects.exists()


def test_the_count_is_given_only_when_asked(agent_client: Client) -> None:
    for _ in range(3):
        TicketFactory(status=Status.OPEN)

    plain = agent_client.get(reverse("console:queue")).content.decode()
    counted = agent_client.get(reverse("console:queue") + "?count=1").content.decode()

    assert 'data-testid="count"' not in plain
    assert "3 tickets match these filters." in counted


def test_ticked_tickets_are_changed_at_once_and_the_job_page_shows_it(
    agent_client: Client, agent: Any
) -> None:
    tickets = [TicketFactory(status=Status.OPEN, priority=Priority.NORMAL) for _ in range(3)]

    response = agent_client.post(
        reverse("console:bulk-start"),
        {
            "action": "priority",
            "priority": str(Priority.URGENT),
            "scope": "selected",
            "ticket": [t.reference for t in tickets[:2]],
        },
    )

    job = BulkJob.objects.get()
    assert response["Location"] == reverse("console:bulk-job", args=[job.pk])
    assert (job.state, job.total, job.done) == (BulkJob.State.FINISHED, 2, 2)
    assert [Ticket.objects.get(pk=t.pk).priority for t in tickets] == [
        Priority.URGENT,
        Priority.URGENT,
        Priority.NORMAL,
    ]
    page = agent_client.get(response["Location"]).content.decode()
    assert "Finished." in page
    progress = agent_client.get(reverse("console:bulk-progress", args=[job.pk])).json()
    assert progress == {"state": "finished", "total": 2, "done": 2, "refused": 0, "finished": True}


def test_every_ticket_of_a_view_is_queued_for_the_background(
    agent_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    for _ in range(60):
        TicketFactory(status=Status.OPEN)

    with django_capture_on_commit_callbacks(execute=False) as queued:
        agent_client.post(
            reverse("console:bulk-start"),
            {"action": "close", "scope": "all", "query": "status=open"},
        )

    job = BulkJob.objects.get()
    assert (job.state, job.total, job.done) == (BulkJob.State.QUEUED, 60, 0)
    assert len(queued) == 1


def test_a_bad_choice_is_refused_and_nothing_starts(agent_client: Client) -> None:
    ticket = TicketFactory(status=Status.OPEN)

    response = agent_client.post(
        reverse("console:bulk-start"),
        {"action": "priority", "priority": "7", "scope": "selected", "ticket": [ticket.reference]},
        follow=True,
    )

    assert "Choose what to apply" in response.content.decode()
    assert not BulkJob.objects.exists()


def test_another_agents_job_is_not_found(agent_client: Client, agent: Any) -> None:
    ticket = TicketFactory(status=Status.OPEN)
    agent_client.post(
        reverse("console:bulk-start"),
        {"action": "close", "scope": "selected", "ticket": [ticket.reference]},
    )
    job = BulkJob.objects.get()
    other = Client()
    other.force_login(AgentFactory())

    assert other.get(reverse("console:bulk-job", args=[job.pk])).status_code == 404
    assert other.get(reverse("console:bulk-progress", args=[job.pk])).status_code == 404


@pytest.mark.parametrize("views", [0, 12])
def test_the_queue_lists_the_views_in_a_fixed_number_of_queries(
    agent_client: Client, agent: Any, django_assert_num_queries: Any, views: int
) -> None:
    TicketFactory(status=Status.OPEN)
    other = AgentFactory()
    for i in range(views):
        SavedView.objects.create(owner=agent, name=f"Mine {i}", query="sort=newest")
        SavedView.objects.create(owner=other, name=f"Shared {i}", query="q=a", shared=True)

    # the same budget as the queue without views (test_queue.py): one query lists them,
    # owners joined
    with django_assert_num_queries(10):
        page = agent_client.get(reverse("console:queue")).content.decode()

    assert page.count("Shared ") >= views


@pytest.mark.parametrize("total", [1, 5000])
def test_the_progress_endpoint_reads_one_row_whatever_the_job_size(
    agent_client: Client, agent: Any, django_assert_num_queries: Any, total: int
) -> None:
    job = BulkJob.objects.create(
        created_by=agent, action=BulkJob.Action.CLOSE, total=total, done=total // 2, refused=1
    )

    # session, user, the job row
    with django_assert_num_queries(3):
        response = agent_client.get(reverse("console:bulk-progress", args=[job.pk]))

    assert response.json() == {
        "state": "queued",
        "total": total,
        "done": total // 2,
        "refused": 1,
        "finished": False,
    }

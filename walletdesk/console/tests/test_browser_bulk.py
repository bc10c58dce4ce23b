"""An agent filters the queue, saves the view, and closes every ticket of it — 500 — in the
background: the job page shows the progress as it moves and, once finished, the tickets that
refused (already closed) with the reason. Desktop, both languages, JavaScript on."""

import copy
import uuid
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.accounts.tests.factories import AgentFactory
from walletdesk.queues import services as queue_services
from walletdesk.queues.models import BulkJob, SavedView
from walletdesk.testing.accessibility import expect_accessible
from walletdesk.testing.browser import DESKTOP, Lang, js_errors, shoot, sign_in
from walletdesk.testing.live_server import count_requests
from walletdesk.tickets.models import Priority, Status, Ticket
from walletdesk.tickets.references import reference_generate
from walletdesk.tickets.tests.factories import TeamFactory, TicketFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TICKETS, ALREADY_CLOSED = 500, 20


def _wave(team: object) -> list[Ticket]:
    """500 tickets of one scam wave, fast: one made by the factory, the rest copies of it."""
    first = TicketFactory(team=team, status=Status.OPEN, priority=Priority.URGENT)
    copies = []
    for i in range(TICKETS - 1):
        ticket = copy.copy(first)
        ticket.pk = uuid.uuid4()
        ticket.reference = reference_generate()
        ticket.status = Status.CLOSED if i < ALREADY_CLOSED else Status.OPEN
        copies.append(ticket)
    Ticket.objects.bulk_create(copies, batch_size=250)
    return [first, *copies]


def test_bulk_close_of_a_saved_view_of_500_tickets_with_progress_and_refusals(
    live_server: LiveServer, new_context: Callable[..., BrowserContext], lang: Lang
) -> None:
    team = TeamFactory()
    agent = AgentFactory(
        email=f"bulk-{lang.code}@walletdesk.example", language=lang.code, teams=[team]
    )
    _wave(team)
    page = new_context(lang=lang, viewport=DESKTOP).new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    sign_in(page, live_server.url, agent)
    view_name = lang.t("诈骗潮", "Scam wave")

    page.goto(f"{live_server.url}/console/?status=open&status=closed&priority=4")
    page.get_by_label(lang.t("将当前筛选保存为", "Save these filters as")).fill(view_name)
    page.get_by_role("button", name=lang.t("保存视图", "Save view")).click()
    expect(page.locator(".flash-success")).to_contain_text(view_name)
    assert SavedView.objects.filter(owner=agent, name=view_name).exists()

    page.get_by_role("link", name=view_name).click()
    page.get_by_role("link", name=lang.t("统计数量", "Count")).first.click()
    expect(page.get_by_test_id("count")).to_contain_text(str(TICKETS))
    expect_accessible(page)
    page.locator("#id_bulk_action").select_option("close")
    page.get_by_role(
        "button", name=lang.t("应用到此视图的全部工单", "Apply to every ticket of this view")
    ).click()

    status = page.get_by_test_id("job-status")
    expect(status).to_contain_text(lang.t("正在后台执行", "Running in the background"))
    job = BulkJob.objects.get(created_by=agent)
    assert job.total == TICKETS
    # The worker takes a batch: the page, polling, shows it without a reload. (The test's
    # writes share the live server's in-memory database: its polls wait meanwhile.)
    with count_requests(live_server).held():
        queue_services.bulk_job_run(job.pk, batches=1)
    expect(page.locator("[data-done]")).to_have_text(str(queue_services.BULK_BATCH))
    shoot(page, lang, "bulk-progress")

    with count_requests(live_server).held():
        queue_services.bulk_job_run(job.pk)

    expect(status).to_contain_text(lang.t("已完成", "Finished"))
    refusals = page.get_by_test_id("refusals").locator("li")
    expect(refusals).to_have_count(ALREADY_CLOSED)
    expect(refusals.first).to_contain_text(lang.t("已关闭", "closed"))
    shoot(page, lang, "bulk-finished")
    assert Ticket.objects.filter(team=team, status=Status.CLOSED).count() == TICKETS
    job.refresh_from_db()
    assert (job.done, job.refused) == (TICKETS, ALREADY_CLOSED)
    assert js_errors(page) == [], js_errors(page)

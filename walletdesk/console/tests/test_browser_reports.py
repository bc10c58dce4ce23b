"""A supervisor reads the reports on a phone, in both languages, with JavaScript on: the
charts drawn by the vendored library, the same numbers as tables, a date filter, a refused
filter that keeps what was typed, and a CSV download; an agent without the right is turned
away."""

from collections.abc import Callable
from datetime import timedelta

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone
from playwright.sync_api import BrowserContext, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.accounts.models import User
from walletdesk.accounts.tests.factories import AgentFactory, UserFactory
from walletdesk.reports.rollups import rollups_rebuild
from walletdesk.testing.browser import DESKTOP, PHONE, Lang, js_errors, shoot, sign_in
from walletdesk.tickets.models import TeamMembership, TicketEvent
from walletdesk.tickets.services import ticket_event_record
from walletdesk.tickets.tests.factories import TicketFactory, general_team, team_join

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def supervisor(lang: Lang) -> User:
    user: User = AgentFactory.create(
        email=f"lead-{lang.code}@walletdesk.example", language=lang.code, teams=[]
    )
    team_join(user, general_team(), role=TeamMembership.Role.SUPERVISOR)
    return user


def _history() -> None:
    """Three tickets five days ago and two yesterday, with one first reply."""
    agent = AgentFactory(display_name="Mia")
    now = timezone.now()
    for days_ago, count in ((5, 3), (1, 2)):
        for _ in range(count):
            with (
                time_machine.travel(now - timedelta(days=days_ago), tick=False),
                transaction.atomic(),
            ):
                ticket = TicketFactory(
                    requester=UserFactory(time_zone="Asia/Shanghai"), network="tron"
                )
                ticket_event_record(ticket=ticket, kind=TicketEvent.Kind.CREATED, actor=None)
            with (
                time_machine.travel(now - timedelta(days=days_ago, hours=-1), tick=False),
                transaction.atomic(),
            ):
                ticket_event_record(ticket=ticket, kind=TicketEvent.Kind.AGENT_REPLIED, actor=agent)
    rollups_rebuild(quiet=True)


def test_a_supervisor_reads_the_charts_and_narrows_the_days(
    live_server: LiveServer,
    new_context: Callable[..., BrowserContext],
    lang: Lang,
    agent: User,
    supervisor: User,
) -> None:
    _history()

    turned_away = new_context(lang=lang, viewport=PHONE).new_page()
    sign_in(turned_away, live_server.url, agent)
    response = turned_away.goto(f"{live_server.url}/console/reports/")
    assert response is not None
    assert response.status == 403
    expect(turned_away.locator("main")).to_contain_text(
        lang.t(
            "只有主管和管理员可以查看报表。",
            "Only supervisors and administrators read the reports.",
        )
    )

    page = new_context(lang=lang, viewport=PHONE).new_page()
    sign_in(page, live_server.url, supervisor)
    page.goto(f"{live_server.url}/console/")
    page.get_by_role("link", name=lang.t("报表", "Reports")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(lang.t("报表", "Reports"))
    expect(page.locator('[data-figure="created"]')).to_have_text("5")
    for chart in ("chart-volume", "chart-durations", "chart-ratings"):
        expect(page.locator(f"#{chart}")).to_have_attribute("data-drawn", "yes")
    # The chart is drawn on the canvas: some of its pixels are not blank.
    painted = page.evaluate(
        """() => {
          const c = document.getElementById("chart-volume");
          const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
          let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++;
          return n;
        }"""
    )
    assert painted > 500
    page.get_by_text(lang.t("以表格显示", "Show as a table")).first.click()
    volume = page.locator("#volume-table")
    expect(volume).to_be_visible()
    expect(volume.locator("tbody tr")).to_have_count(30)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shoot(page, lang, "reports-phone")

    # The last two days only: yesterday's two tickets.
    today = timezone.localdate(timezone.now(), timezone.get_default_timezone())
    page.locator("#report-start").fill((today - timedelta(days=2)).isoformat())
    page.locator("#report-end").fill(today.isoformat())
    page.get_by_role("button", name=lang.t("筛选", "Apply filters")).click()
    expect(page.locator('[data-figure="created"]')).to_have_text("2")
    expect(page.locator("#chart-volume")).to_have_attribute("data-drawn", "yes")

    # An end before the start is refused on its field; the dates typed stay.
    page.locator("#report-start").fill(today.isoformat())
    page.locator("#report-end").fill((today - timedelta(days=3)).isoformat())
    page.get_by_role("button", name=lang.t("筛选", "Apply filters")).click()
    expect(page.locator(".form-error")).to_contain_text(
        lang.t("结束日期早于开始日期", "The end date is before the start date.")
    )
    expect(page.locator("#report-start")).to_have_value(today.isoformat())
    expect(page.locator("#report-end")).to_have_value((today - timedelta(days=3)).isoformat())
    expect(page.locator("#chart-volume")).to_have_count(0)
    shoot(page, lang, "reports-refused")
    assert js_errors(page) == []


def test_a_supervisor_downloads_the_report_as_csv(
    live_server: LiveServer,
    new_context: Callable[..., BrowserContext],
    lang: Lang,
    supervisor: User,
) -> None:
    _history()
    page = new_context(lang=lang, viewport=DESKTOP).new_page()
    sign_in(page, live_server.url, supervisor)
    page.goto(f"{live_server.url}/console/reports/")
    with page.expect_download() as download:
        page.get_by_role("link", name=lang.t("下载 CSV", "Download CSV")).click()
    path = download.value.path()
    text = path.read_text(encoding="utf-8-sig")
    header = text.splitlines()[0]
    assert header.startswith(
        lang.t("分类,日期或名称,提交的工单", "Section,Day or name,Tickets submitted")
    )
    total = next(line for line in text.splitlines() if line.startswith(lang.t("合计", "Total")))
    assert total.split(",")[2] == "5"
    shoot(page, lang, "reports-desktop")
    assert js_errors(page) == []


def test_an_agent_exports_the_queue_and_downloads_it_when_ready(
    live_server: LiveServer,
    new_context: Callable[..., BrowserContext],
    lang: Lang,
    agent: User,
) -> None:
    from walletdesk.reports.models import TicketExport
    from walletdesk.reports.ticket_exports import ticket_export_build
    from walletdesk.tickets.models import Status

    tickets = [TicketFactory(status=Status.OPEN, subject=f"充值未到账 {n}") for n in range(3)]
    page = new_context(lang=lang, viewport=PHONE).new_page()
    sign_in(page, live_server.url, agent)
    page.goto(f"{live_server.url}/console/?status=open")
    page.locator("form.queue-export button[value=csv]").click()
    page.wait_for_url("**/console/exports/*/")
    expect(page.get_by_role("status")).to_contain_text(lang.t("等待开始", "Waiting to start"))
    shoot(page, lang, "export-waiting")

    # The worker writes it; the page looks again by itself and offers the file.
    ticket_export_build(TicketExport.objects.get().pk)
    expect(page.get_by_role("status")).to_contain_text(lang.t("3 张工单", "3 tickets."))
    with page.expect_download() as download:
        page.get_by_role("link", name=lang.t("下载", "Download")).click()
    text = download.value.path().read_text(encoding="utf-8-sig")
    assert sorted(line.split(",")[0] for line in text.splitlines()[1:]) == sorted(
        t.reference for t in tickets
    )
    shoot(page, lang, "export-ready")
    assert js_errors(page) == []

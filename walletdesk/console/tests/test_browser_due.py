"""An agent on a phone opens "Due next": a missed first reply on top, then what is due soonest
with the business time left; narrowing to the next hour leaves out tomorrow's. Both
languages, JavaScript on."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import BrowserContext, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.accounts.models import User
from walletdesk.sla.models import TicketDeadline
from walletdesk.testing.browser import Lang, js_errors, shoot, sign_in
from walletdesk.tickets.tests.factories import TicketFactory

pytestmark = pytest.mark.browser


def test_agent_reads_what_is_due_next(
    live_server: LiveServer,
    new_context: Callable[..., BrowserContext],
    lang: Lang,
    agent: User,
) -> None:
    now = timezone.now()
    kind = TicketDeadline.Kind.FIRST_REPLY
    missed = TicketFactory(subject=lang.t("提现超时", "Withdrawal late"))
    soon = TicketFactory(subject=lang.t("充值未到账", "Deposit missing"))
    tomorrow = TicketFactory(subject=lang.t("换错网络", "Wrong network"))
    TicketDeadline.objects.create(
        ticket=missed,
        kind=kind,
        started_at=now - timedelta(days=3),
        due_at=now - timedelta(hours=2),
        breached_at=now - timedelta(hours=2),
    )
    TicketDeadline.objects.create(
        ticket=soon, kind=kind, started_at=now, due_at=now + timedelta(minutes=40)
    )
    TicketDeadline.objects.create(
        ticket=tomorrow, kind=kind, started_at=now, due_at=now + timedelta(days=2)
    )
    page = new_context(lang=lang).new_page()
    sign_in(page, live_server.url, agent)
    page.goto(f"{live_server.url}/console/due/")

    expect(page.locator("#missed")).to_contain_text(missed.reference)
    expect(page.locator("#missed")).to_contain_text(lang.t("已超时", "missed"))
    running = page.locator("#running")
    expect(running).to_contain_text(soon.reference)
    expect(running).to_contain_text(tomorrow.reference)
    expect(running).to_contain_text(lang.t("首次回复", "First reply"))
    shoot(page, lang, "console-due-next")

    page.get_by_label(lang.t("到期", "Due"), exact=True).select_option("1h")
    page.get_by_role("button", name=lang.t("显示", "Show")).click()

    expect(running).to_contain_text(soon.reference)
    expect(running).not_to_contain_text(tomorrow.reference)
    assert js_errors(page) == []

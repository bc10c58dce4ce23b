"""An administrator on a phone reads the audit trail: a mistyped password, an agent turned away
from the page, filters and a bad filter value, in both languages, with JavaScript on."""

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.accounts.models import User
from walletdesk.accounts.tests.factories import AdminFactory
from walletdesk.testing.browser import PHONE, Lang, js_errors, shoot, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def admin(lang: Lang) -> User:
    user: User = AdminFactory.create(
        email=f"admin-{lang.code}@walletdesk.example", language=lang.code
    )
    return user


def test_admin_reads_and_filters_the_audit_trail_on_a_phone(
    live_server: LiveServer,
    new_context: Callable[..., BrowserContext],
    lang: Lang,
    agent: User,
    admin: User,
) -> None:
    # The agent tries the page and is turned away.
    agent_page = new_context(lang=lang, viewport=PHONE).new_page()
    sign_in(agent_page, live_server.url, agent)
    response = agent_page.goto(f"{live_server.url}/console/audit/")
    assert response is not None
    assert response.status == 403

    # The administrator mistypes the password once, then signs in.
    page = new_context(lang=lang, viewport=PHONE).new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=email]").fill(admin.email)
    page.locator("input[name=password]").fill("not my password")
    page.locator("form:has(input[name=password]) button[type=submit]").first.click()
    expect(page.locator("input[name=email]")).to_have_value(admin.email)
    sign_in(page, live_server.url, admin)

    page.goto(f"{live_server.url}/console/")
    page.get_by_role("link", name=lang.t("审计日志", "Audit trail")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(lang.t("审计日志", "Audit trail"))
    rows = page.locator("table.audit tbody tr")
    expect(rows.first).to_contain_text(lang.t("登录成功", "Signed in"))
    expect(page.locator("table.audit")).to_contain_text(lang.t("登录失败", "Sign-in failed"))
    refused = rows.filter(has_text=lang.t("拒绝访问", "Access refused"))
    expect(refused).to_have_count(1)
    expect(refused).to_contain_text(agent.email)
    expect(refused).to_contain_text("/console/audit/")
    # A phone shows each event as a card: nothing wider than the screen.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    shoot(page, lang, "console-audit")

    page.get_by_label(lang.t("事件", "Event")).select_option("sign_in_failed")
    page.get_by_role("button", name=lang.t("筛选", "Apply filters")).click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(admin.email)

    page.get_by_label(lang.t("IP 地址", "IP address")).fill("999.1.1.1")
    page.get_by_role("button", name=lang.t("筛选", "Apply filters")).click()
    expect(page.locator(".form-error")).to_be_visible()
    expect(page.get_by_label(lang.t("IP 地址", "IP address"))).to_have_value("999.1.1.1")
    expect(rows).to_have_count(1)  # the valid filter still applies
    assert js_errors(page) == []

"""An administrator adds a calendar in the admin with JavaScript on: refused without working
hours (what was typed stays), stored once a weekday has hours, in both languages."""

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.accounts.models import User
from walletdesk.accounts.tests.factories import AdminFactory
from walletdesk.calendars.models import Calendar, WorkingHours
from walletdesk.testing.browser import Lang, js_errors, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def admin(lang: Lang) -> User:
    user: User = AdminFactory.create(
        email=f"admin-{lang.code}@walletdesk.example", language=lang.code
    )
    return user


def test_admin_adds_a_calendar_and_is_told_what_is_missing(
    live_server: LiveServer,
    new_context: Callable[..., BrowserContext],
    lang: Lang,
    admin: User,
) -> None:
    page = new_context(lang=lang).new_page()
    sign_in(page, live_server.url, admin)
    page.goto(f"{live_server.url}/admin/calendars/calendar/add/")

    page.locator("input[name=name_zh]").fill("伦敦团队")
    page.locator("input[name=name_en]").fill("London team")
    page.locator("input[name=time_zone]").fill("Europe/London")
    page.locator("input[name=_save]").click()

    expect(page.locator(".errornote, .errorlist").first).to_be_visible()
    expect(page.locator("body")).to_contain_text(
        lang.t(
            "日历至少需要一个工作日的工作时间",
            "A calendar needs working hours on at least one weekday",
        )
    )
    expect(page.locator("input[name=name_en]")).to_have_value("London team")
    assert not Calendar.objects.filter(name_en="London team").exists()

    page.locator("#hours-group .add-row a").click()
    page.locator("select[name=hours-0-weekday]").select_option("0")
    page.locator("input[name=hours-0-opens_at]").fill("09:00")
    page.locator("input[name=hours-0-closes_at]").fill("17:00")
    page.locator("input[name=_save]").click()

    expect(page.locator(".messagelist .success")).to_be_visible()
    london = Calendar.objects.get(name_en="London team")
    assert WorkingHours.objects.filter(calendar=london, weekday=0).count() == 1
    # The stock admin in Chinese asks for one resource the server does not have (a 404 logged
    # by Chromium, not yet traced); any other script error fails the test.
    assert [e for e in js_errors(page) if "status of 404" not in e] == []

"""On a phone, the ticket form offers Help Center answers while the user types; "This solved
my problem" records a deflection and leaves without a ticket, "Still need help" keeps
everything typed."""

import importlib

import pytest
from django.apps import apps as django_apps
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.accounts.models import User
from walletdesk.kb.models import Deflection
from walletdesk.testing.browser import Lang, js_errors, sign_in
from walletdesk.tickets.models import Ticket

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _seed_articles(_seed_data: None) -> None:
    """The live server's database is flushed between tests: put the demo articles back."""
    importlib.import_module("walletdesk.kb.migrations.0004_seed_articles_and_channels").seed(
        django_apps, None
    )


def test_typing_a_question_offers_an_answer_that_ends_without_a_ticket(
    live_server: LiveServer,
    phone: Page,
    lang: Lang,
    customer: User,
) -> None:
    sign_in(phone, live_server.url, customer)
    phone.goto(f"{live_server.url}/tickets/new/withdrawal/")
    suggestions = phone.locator("[data-help-suggestions]")

    phone.fill("#id_subject", lang.t("我的币提不出来", "withdrawal stuck for hours"))
    expect(suggestions).to_be_visible()
    first = suggestions.locator("li").first
    expect(first.locator("a")).to_have_text(
        lang.t("提现一直处理中，卡住了怎么办", "My withdrawal is stuck or pending")
    )
    expect(suggestions.locator("li")).to_have_count(3)
    first.locator("[data-help-solved]").click()
    phone.wait_for_url("**/help/articles/withdrawal-stuck/?solved=1")

    assert Deflection.objects.get().article.slug == "withdrawal-stuck"
    assert not Ticket.objects.exists()
    assert js_errors(phone) == []


def test_still_need_help_keeps_what_was_typed(
    live_server: LiveServer,
    phone: Page,
    lang: Lang,
    customer: User,
) -> None:
    sign_in(phone, live_server.url, customer)
    phone.goto(f"{live_server.url}/tickets/new/deposit/")
    suggestions = phone.locator("[data-help-suggestions]")

    phone.fill("#id_subject", "充值没到账")
    phone.fill("#id_description", "USDT-TRC20 two hours ago")
    expect(suggestions).to_be_visible()
    suggestions.locator("[data-help-dismiss]").click()

    expect(suggestions).to_be_hidden()
    expect(phone.locator("#id_subject")).to_have_value("充值没到账")
    expect(phone.locator("#id_description")).to_have_value("USDT-TRC20 two hours ago")
    assert not Deflection.objects.exists()
    assert js_errors(phone) == []

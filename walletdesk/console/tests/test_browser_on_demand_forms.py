"""The ticket page's action forms drawn only when opened (reject, close, merge, reopen,
priority, category): the agent opens each panel, the form arrives, and sending it either goes
through (a flash, the ticket changed) or is refused (the panel open again with the reason,
the ticket unchanged). With JavaScript the form is fetched into the panel; without it the
panel's link opens the ticket page with the form drawn. Both languages, Chromium through
Playwright; the keyboard opens the panel as a person would."""

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.accounts.models import User
from walletdesk.testing.browser import DESKTOP, Lang, js_errors, sign_in
from walletdesk.tickets import services
from walletdesk.tickets.models import Priority, Status, Ticket
from walletdesk.tickets.tests.factories import TicketFactory, category

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@dataclass(frozen=True)
class Case:
    name: str
    summary: tuple[str, str]  # the panel's label: Chinese, English
    status: Status  # where the workflow offers the action
    flash: tuple[str, str]  # what the page says after it went through


CASES = [
    Case("reject", ("驳回", "Reject"), Status.NEW, ("工单已驳回", "Ticket rejected")),
    Case("close", ("关闭", "Close"), Status.OPEN, ("工单已关闭", "Ticket closed")),
    Case("merge", ("合并", "Merge"), Status.OPEN, ("已合并到", "Merged into")),
    Case("reopen", ("重新打开", "Reopen"), Status.RESOLVED, ("工单已重新打开", "Ticket reopened")),
    Case(
        "priority",
        ("更改优先级", "Change priority"),
        Status.OPEN,
        ("优先级已改为紧急", "Priority changed to Urgent"),
    ),
    Case(
        "category",
        ("更改分类", "Change category"),
        Status.OPEN,
        ("分类已改为", "Category changed to"),
    ),
]


def _page(new_context: Callable[..., BrowserContext], lang: Lang, javascript: bool) -> Page:
    page = new_context(lang=lang, viewport=DESKTOP, javascript=javascript).new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # the confirmation of reject/close/merge
    return page


def _open_panel(page: Page, lang: Lang, case: Case, javascript: bool) -> Locator:
    panel = page.locator(f"#action-{case.name}")
    form = panel.locator("form")
    expect(form).to_have_count(0)  # not drawn with the page
    summary = panel.locator("summary")
    expect(summary).to_have_text(lang.t(*case.summary))
    summary.focus()
    page.keyboard.press("Enter")  # a disclosure opens from the keyboard
    expect(panel).to_have_attribute("open", "")
    if not javascript:
        panel.get_by_role("link", name=lang.t("打开表单", "Open the form")).click()
        # The action's own address: the ticket page again, with this form drawn open.
        expect(page).to_have_url(re.compile(rf"/console/tickets/WD-\w+/{case.name}/#action-"))
        expect(panel).to_have_attribute("open", "")
    expect(panel.locator("form")).to_be_visible()
    return panel


def _fill_to_succeed(panel: Locator, case: Case, other: Ticket) -> None:
    if case.name == "reject":
        panel.locator("select").select_option(index=1)
        panel.locator("textarea").fill("Please send the transaction hash.")
    elif case.name == "merge":
        panel.locator("input[name=into]").fill(other.reference)
    elif case.name == "priority":
        panel.locator("select").select_option(str(Priority.URGENT.value))
    elif case.name == "category":
        panel.locator("select").select_option("deposit")


def _refuse(panel: Locator, case: Case, ticket: Ticket, agent: User) -> None:
    """Make the send refused as it would be in real work: a required choice left out, a
    reference that is not the agent's, a ticket changed by someone else meanwhile, or a choice
    the server no longer offers (the page older than the list)."""
    if case.name == "reject":
        panel.locator("textarea").fill("Please send the transaction hash.")  # no reason chosen
    elif case.name == "merge":
        panel.locator("input[name=into]").fill("WD-ZZZZZZ")
    elif case.name == "close":
        services.ticket_close(ticket=ticket, actor=agent, reason="done elsewhere")
    elif case.name == "reopen":
        services.ticket_reopen(ticket=ticket, agent=agent, reason="asked again")
    else:
        panel.locator("select option").first.evaluate("option => { option.value = 'gone'; }")
        panel.locator("select").select_option("gone")


def _state(ticket: Ticket) -> tuple[str, int, str, object]:
    fresh = Ticket.objects.get(pk=ticket.pk)
    return fresh.status, fresh.priority, fresh.category.slug, fresh.merged_into_id


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_an_on_demand_form_opens_and_goes_through(
    live_server: LiveServer,
    new_context: Callable[..., BrowserContext],
    lang: Lang,
    agent: User,
    customer: User,
    case: Case,
    javascript: bool,
) -> None:
    ticket = TicketFactory(
        requester=customer, status=case.status, assignee=agent, category=category("withdrawal")
    )
    other = TicketFactory(requester=customer, status=Status.OPEN)
    page = _page(new_context, lang, javascript)
    sign_in(page, live_server.url, agent)
    page.goto(f"{live_server.url}/console/tickets/{ticket.reference}/")

    panel = _open_panel(page, lang, case, javascript)
    _fill_to_succeed(panel, case, other)
    panel.locator("button[type=submit]").click()

    expect(page.locator(".flash-success")).to_contain_text(lang.t(*case.flash))
    expect(page).to_have_url(f"{live_server.url}/console/tickets/{ticket.reference}/")
    expect(page.locator(f"#action-{case.name} form")).to_have_count(0)  # closed again
    fresh = Ticket.objects.get(pk=ticket.pk)
    expected = {
        "reject": fresh.status == Status.REJECTED,
        "close": fresh.status == Status.CLOSED,
        "merge": fresh.merged_into_id == other.pk,
        "reopen": fresh.status == Status.OPEN,
        "priority": fresh.priority == Priority.URGENT,
        "category": fresh.category.slug == "deposit",
    }
    assert expected[case.name]
    if javascript:
        assert js_errors(page) == []


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_an_on_demand_form_refused_comes_back_open_with_the_reason(
    live_server: LiveServer,
    new_context: Callable[..., BrowserContext],
    lang: Lang,
    agent: User,
    customer: User,
    case: Case,
    javascript: bool,
) -> None:
    ticket = TicketFactory(
        requester=customer, status=case.status, assignee=agent, category=category("withdrawal")
    )
    page = _page(new_context, lang, javascript)
    sign_in(page, live_server.url, agent)
    page.goto(f"{live_server.url}/console/tickets/{ticket.reference}/")

    panel = _open_panel(page, lang, case, javascript)
    _refuse(panel, case, ticket, agent)
    before = _state(ticket)
    panel.locator("button[type=submit]").click()

    panel = page.locator(f"#action-{case.name}")
    expect(panel).to_have_attribute("open", "")
    reason = panel.locator(".form-error, .has-error").first
    expect(reason).to_be_visible()
    if case.name == "merge":
        expect(reason).to_contain_text("WD-ZZZZZZ")
        expect(panel.locator("input[name=into]")).to_have_value("WD-ZZZZZZ")
    expect(page.locator(".flash-success")).to_have_count(0)
    assert _state(ticket) == before

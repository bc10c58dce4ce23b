"""An agent works a ticket with the requester's details masked, reveals the e-mail on purpose
and finds the reveal in the history; an agent of another team cannot open the ticket at all.
Both languages, JavaScript on."""

from collections.abc import Callable

import pytest
from django.utils import timezone
from playwright.sync_api import BrowserContext, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.accounts.models import User
from walletdesk.accounts.tests.factories import AgentFactory
from walletdesk.siwe.models import WalletAddress
from walletdesk.testing.browser import Lang, js_errors, shoot, sign_in
from walletdesk.tickets.models import TicketEvent
from walletdesk.tickets.tests.factories import TeamFactory, TicketFactory

pytestmark = pytest.mark.browser

WALLET = "0x52908400098527886E0F7030069857D2E4169EE7"


def test_agent_reveals_the_requesters_email_on_purpose(
    live_server: LiveServer,
    new_context: Callable[..., BrowserContext],
    lang: Lang,
    customer: User,
    agent: User,
) -> None:
    WalletAddress.objects.create(
        user=customer, address=WALLET, chain_id=1, verified_at=timezone.now()
    )
    ticket = TicketFactory(requester=customer, subject=lang.t("提现未到账", "Withdrawal missing"))
    page = new_context(lang=lang).new_page()
    sign_in(page, live_server.url, agent)

    # The queue shows the requester masked.
    page.goto(f"{live_server.url}/console/")
    expect(page.get_by_role("cell", name="w***@example.com")).to_be_visible()
    expect(page.get_by_text(customer.email)).to_have_count(0)

    page.goto(f"{live_server.url}/console/tickets/{ticket.reference}/")
    email = page.locator("#requester-email")
    wallets = page.locator("#requester-wallets")
    expect(email).to_contain_text("w***@example.com")
    expect(wallets).to_contain_text("0x52…9EE7")
    expect(page.get_by_text(customer.email)).to_have_count(0)
    shoot(page, lang, "console-masked-requester")

    email.get_by_role("button", name=lang.t("显示", "Reveal")).click()

    expect(email).to_contain_text(customer.email)
    expect(page.locator(".flash-info")).to_contain_text(
        lang.t(
            "已显示；此操作已记录在工单历史中。",
            "Revealed; this is recorded in the ticket's history.",
        )
    )
    # Only what was revealed: the wallets stay masked until revealed on their own.
    expect(wallets).to_contain_text("0x52…9EE7")
    expect(wallets).not_to_contain_text(WALLET)
    expect(page.locator(".history")).to_contain_text(
        lang.t("已显示用户联系信息", "Requester details revealed")
    )
    shoot(page, lang, "console-revealed-requester")
    assert ticket.events.filter(kind=TicketEvent.Kind.REVEALED, actor=agent).count() == 1
    assert js_errors(page) == []


def test_an_agent_of_another_team_finds_no_such_ticket(
    live_server: LiveServer,
    new_context: Callable[..., BrowserContext],
    lang: Lang,
    customer: User,
) -> None:
    outsider = AgentFactory(
        email=f"outsider-{lang.code}@walletdesk.example",
        language=lang.code,
        teams=[TeamFactory()],
    )
    ticket = TicketFactory(requester=customer, subject=lang.t("别组的工单", "Another team's case"))
    page = new_context(lang=lang).new_page()
    sign_in(page, live_server.url, outsider)

    page.goto(f"{live_server.url}/console/")
    expect(page.get_by_text(ticket.reference)).to_have_count(0)
    response = page.goto(f"{live_server.url}/console/tickets/{ticket.reference}/")

    assert response is not None
    assert response.status == 404
    expect(page.get_by_text(lang.t("别组的工单", "Another team's case"))).to_have_count(0)
    expect(page.get_by_text(customer.email)).to_have_count(0)
    # The only complaint is the 404 answer itself, nothing of the page's scripts.
    assert [e for e in js_errors(page) if "404" not in e] == []

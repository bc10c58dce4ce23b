"""What a signed-in browser may open: nobody reaches another user's ticket or the console
by typing its address; the answer is 404, so the ticket's existence is not revealed."""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.accounts.models import User
from walletdesk.tickets.models import Ticket

from .conftest import EN, expect_help_footer, sign_in

pytestmark = pytest.mark.browser


def test_bob_cannot_see_alices_ticket(
    live_server: LiveServer, phone: Page, alice_ticket: Ticket, bob: User
) -> None:
    seen_before = alice_ticket.customer_seen_at
    sign_in(phone, live_server.url, bob)
    reference = alice_ticket.reference
    pages = [
        f"/tickets/{reference}/",
        f"/tickets/{reference}/submitted/",
        f"/tickets/{reference}/resubmit/",
        f"/console/tickets/{reference}/",
        "/console/",
    ]

    statuses = {path: phone.goto(live_server.url + path).status for path in pages}

    assert statuses == dict.fromkeys(pages, 404)
    expect(phone.locator("main")).not_to_contain_text(alice_ticket.subject)
    # Bob saved English: that wins over the browser's language, on error pages too.
    expect(phone.locator("html")).to_have_attribute("lang", "en")
    expect_help_footer(phone, EN)
    phone.goto(f"{live_server.url}/tickets/")
    expect(phone.locator("main")).not_to_contain_text(reference)
    alice_ticket.refresh_from_db()
    assert alice_ticket.customer_seen_at == seen_before
    assert not alice_ticket.events.exists()
    assert not alice_ticket.messages.exists()

"""A phone user sends a ticket with a screenshot while file storage is down: the page says
nothing was sent, keeps the text and the chosen picture, and the same tap goes through once
storage is back. Chromium through Playwright against the live server."""

import pytest
from playwright.sync_api import expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.attachments.models import Attachment
from walletdesk.attachments.tests import corpus
from walletdesk.testing.browser import EN, Lang, js_errors, shoot, sign_in
from walletdesk.testing.storage import stored_files
from walletdesk.tickets.models import Ticket

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def lang() -> Lang:
    return EN


def test_storage_outage_keeps_everything_and_the_retry_goes_through(
    live_server: LiveServer, phone, customer, failing_storage, attachment_folder, monkeypatch
):
    failing_storage(fail_on=1)
    sign_in(phone, live_server.url, customer)
    phone.goto(f"{live_server.url}/tickets/new/other/")
    phone.locator("#id_subject").fill("Deposit missing, screenshot attached")
    phone.locator("#id_description").fill("Withdrew 50 USDT from the exchange an hour ago.")
    phone.locator("#id_attachments").set_input_files(
        [{"name": "exchange.png", "mimeType": "image/png", "buffer": corpus.png(390, 800)}]
    )
    expect(phone.locator(".upload-item")).to_have_count(1)

    phone.locator("form.stacked button[type=submit]").click()

    status = phone.locator("[data-upload-status]")
    expect(status).to_contain_text("could not be stored just now, so nothing was sent")
    expect(phone.locator("#id_subject")).to_have_value("Deposit missing, screenshot attached")
    expect(phone.locator("#id_description")).to_have_value(
        "Withdrew 50 USDT from the exchange an hour ago."
    )
    expect(phone.locator(".upload-item")).to_have_count(1)
    shoot(phone, EN, "storage-outage-kept")
    assert not Ticket.objects.exists()
    assert stored_files(attachment_folder) == []

    monkeypatch.undo()  # storage is back
    phone.locator("form.stacked button[type=submit]").click()
    phone.wait_for_url("**/submitted/")

    ticket = Ticket.objects.get(requester=customer)
    assert list(
        Attachment.objects.filter(ticket=ticket).values_list("display_name", flat=True)
    ) == ["exchange.png"]
    # Chromium logs the intended 503 as a console error; nothing else may appear.
    unexpected = [e for e in js_errors(phone) if "status of 503 (Service Unavailable)" not in e]
    assert unexpected == [], unexpected

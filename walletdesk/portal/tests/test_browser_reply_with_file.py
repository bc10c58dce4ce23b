"""A phone user answers on their ticket with a screenshot: after "send" the page shows the
reply and its file, the box is empty and the button usable again, with no manual reload.
Chromium through Playwright, JavaScript on."""

import pytest
from playwright.sync_api import expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.attachments.models import Attachment
from walletdesk.attachments.tests import corpus
from walletdesk.testing.browser import EN, ZH, Lang, js_errors, shoot, sign_in
from walletdesk.tickets.models import Message
from walletdesk.tickets.tests.factories import TicketFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(params=[ZH, EN], ids=["zh-hans", "en"])
def lang(request: pytest.FixtureRequest) -> Lang:
    return request.param


def test_a_reply_with_a_screenshot_shows_up_at_once(
    live_server: LiveServer, phone, customer, lang: Lang, attachment_folder
):
    ticket = TicketFactory(requester=customer, status="waiting_on_customer")
    sign_in(phone, live_server.url, customer)
    phone.goto(f"{live_server.url}/tickets/{ticket.reference}/")
    body = "Here is the screenshot of the exchange's withdrawal record."
    phone.locator("#id_body").fill(body)
    phone.locator("#id_reply_attachments").set_input_files(
        [{"name": "record.png", "mimeType": "image/png", "buffer": corpus.png(390, 800)}]
    )
    expect(phone.locator(".upload-item")).to_have_count(1)

    phone.locator("#id_body").locator("xpath=ancestor::form").locator("button[type=submit]").click()

    # The page itself shows the new reply with its file: no reload by hand.
    expect(phone.locator(".thread")).to_contain_text(body, timeout=10_000)
    expect(phone.locator("#id_body")).to_have_value("")
    expect(phone.locator(".upload-item")).to_have_count(0)
    expect(
        phone.locator("#id_body").locator("xpath=ancestor::form").locator("button[type=submit]")
    ).to_be_enabled()
    expect(phone.get_by_text("record.png").first).to_be_visible()
    shoot(phone, lang, "reply-with-file-sent")
    message = Message.objects.get(ticket=ticket, body=body)
    assert Attachment.objects.filter(message=message).count() == 1
    assert js_errors(phone) == []

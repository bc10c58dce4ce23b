"""A wallet user attaches two screenshots on a phone and watches them upload; the agent
sees both on the ticket. Chromium through Playwright against the live server."""

import pytest
from playwright.sync_api import expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.attachments.models import Attachment
from walletdesk.attachments.tests import corpus
from walletdesk.testing.browser import DESKTOP, ZH, Lang, js_errors, shoot, sign_in
from walletdesk.tickets.models import Ticket

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def lang() -> Lang:
    return ZH


# Progress bars are properties, not attributes: sample them while the upload runs and keep
# the highest value seen in sessionStorage, which survives the navigation that follows.
RECORD_PROGRESS = """() => {
  window.setInterval(() => {
    const seen = JSON.parse(sessionStorage.getItem("progress") || "[]");
    document.querySelectorAll("progress.upload-progress").forEach((bar, i) => {
      seen[i] = Math.max(seen[i] || 0, bar.value);
    });
    sessionStorage.setItem("progress", JSON.stringify(seen));
  }, 5);
}"""


def test_user_uploads_two_screenshots_and_the_agent_sees_them(
    live_server: LiveServer,
    phone,
    new_context,
    customer,
    agent,
):
    sign_in(phone, live_server.url, customer)
    phone.goto(f"{live_server.url}/tickets/new/other/")
    phone.locator("#id_subject").fill("充值截图")
    phone.locator("#id_description").fill("两张截图：交易所提现记录和钱包地址。")
    phone.locator("#id_attachments").set_input_files(
        [
            {"name": "提现记录.png", "mimeType": "image/png", "buffer": corpus.png(390, 800)},
            {"name": "wallet.png", "mimeType": "image/png", "buffer": corpus.png(390, 600, "#111")},
        ]
    )
    items = phone.locator(".upload-item")
    expect(items).to_have_count(2)
    expect(items.locator("img.upload-thumb")).to_have_count(2)
    expect(items.locator("progress.upload-progress")).to_have_count(2)
    shoot(phone, ZH, "attachments-chosen")
    phone.evaluate(RECORD_PROGRESS)

    phone.locator("form.stacked button[type=submit]").click()
    phone.wait_for_url("**/submitted/")

    progress = phone.evaluate('JSON.parse(sessionStorage.getItem("progress") || "[]")')
    ticket = Ticket.objects.get(requester=customer)
    names = sorted(Attachment.objects.filter(ticket=ticket).values_list("display_name", flat=True))
    assert progress == [100, 100]
    assert names == ["wallet.png", "提现记录.png"]
    assert js_errors(phone) == [], js_errors(phone)

    console = new_context(lang=ZH, viewport=DESKTOP).new_page()
    sign_in(console, live_server.url, agent)
    console.goto(f"{live_server.url}/console/tickets/{ticket.reference}/")
    thumbs = console.locator("img.attachment-thumb")
    expect(thumbs).to_have_count(2)
    for i in range(2):
        thumb = thumbs.nth(i)
        expect(thumb).to_be_visible()
        thumb.scroll_into_view_if_needed()
        # The thumbnails load lazily: decode() waits for this one to arrive and is refused
        # if what arrived is not a picture, where reading `complete` at once raced the load.
        assert thumb.evaluate("img => img.decode().then(() => img.naturalWidth > 0, () => false)")
    expect(console.locator("a.attachment-name", has_text="提现记录.png")).to_be_visible()
    shoot(console, ZH, "attachments-console")
    assert js_errors(console) == []


def test_a_refused_file_keeps_the_text_and_the_files_on_the_page(
    live_server: LiveServer,
    phone,
    customer,
):
    sign_in(phone, live_server.url, customer)
    phone.goto(f"{live_server.url}/tickets/new/other/")
    phone.locator("#id_subject").fill("附件被拒")
    phone.locator("#id_description").fill("这段文字不能丢。")
    phone.locator("#id_attachments").set_input_files(
        [{"name": "cute.png", "mimeType": "image/png", "buffer": corpus.svg_with_script()}]
    )

    phone.locator("form.stacked button[type=submit]").click()

    expect(phone.locator("[data-upload-status]")).to_be_visible()
    expect(phone.locator("#id_description")).to_have_value("这段文字不能丢。")
    expect(phone.locator(".upload-item")).to_have_count(1)
    assert not Ticket.objects.filter(requester=customer).exists()

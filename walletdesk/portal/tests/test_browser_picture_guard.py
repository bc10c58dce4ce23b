"""On a phone, a user attaches a screenshot of their recovery phrase to a new ticket and to a
reply: the page refuses it in plain words, marks the attachment field, keeps everything typed,
stores nothing; without the picture the same form goes through. Chromium through Playwright
against the live server, the picture drawn by the picture guard's corpus code."""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.attachments.models import Attachment
from walletdesk.guard.models import SecretCatch
from walletdesk.guard.tests import screens
from walletdesk.testing.browser import ZH, Lang, js_errors, shoot, sign_in
from walletdesk.testing.storage import stored_files
from walletdesk.tickets.models import Message, Ticket
from walletdesk.tickets.tests.factories import TicketFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SUBJECT = "助记词备份是否正确"
DESCRIPTION = "我抄写了助记词并截图，请帮我确认一下备份有没有问题。"
REFUSAL = "显示了助记词或私钥"


@pytest.fixture
def lang() -> Lang:
    return ZH


def _phrase_png() -> dict[str, object]:
    return {"name": "备份.png", "mimeType": "image/png", "buffer": screens.phrase_screenshot_png()}


def _expect_refused(phone: Page, field: str) -> None:
    upload = phone.locator(f".upload-field:has(#{field})")
    expect(upload.locator("[data-upload-status]")).to_contain_text(REFUSAL, timeout=60_000)
    expect(upload).to_have_class("field upload-field has-error")
    expect(phone.locator(f"#{field}")).to_have_attribute("aria-invalid", "true")


def test_a_phrase_screenshot_on_a_new_ticket_is_refused_and_nothing_lost(
    live_server: LiveServer, phone: Page, customer, attachment_folder
):
    sign_in(phone, live_server.url, customer)
    phone.goto(f"{live_server.url}/tickets/new/other/")
    phone.locator("#id_subject").fill(SUBJECT)
    phone.locator("#id_description").fill(DESCRIPTION)
    phone.locator("#id_attachments").set_input_files([_phrase_png()])
    expect(phone.locator(".upload-item")).to_have_count(1)

    phone.locator("form.stacked button[type=submit]").click()

    _expect_refused(phone, "id_attachments")
    expect(phone.locator("#id_subject")).to_have_value(SUBJECT)
    expect(phone.locator("#id_description")).to_have_value(DESCRIPTION)
    shoot(phone, ZH, "phrase-screenshot-refused-new-ticket")
    assert not Ticket.objects.exists()
    assert stored_files(attachment_folder) == []
    assert SecretCatch.objects.get().fields == ["file:备份.png"]

    phone.locator(".upload-remove").click()
    expect(phone.locator(".upload-item")).to_have_count(0)
    expect(phone.locator("[data-upload-status]").first).to_be_hidden()
    phone.locator("form.stacked button[type=submit]").click()
    phone.wait_for_url("**/submitted/")

    ticket = Ticket.objects.get(requester=customer)
    assert ticket.subject == SUBJECT
    assert not Attachment.objects.exists()
    assert js_errors(phone) == []


def test_a_phrase_screenshot_on_a_reply_is_refused_and_nothing_lost(
    live_server: LiveServer, phone: Page, customer, attachment_folder
):
    ticket = TicketFactory(requester=customer, subject="提现一直显示处理中")
    body = "这是我钱包备份页面的截图。"
    before = Message.objects.filter(ticket=ticket).count()
    sign_in(phone, live_server.url, customer)
    phone.goto(f"{live_server.url}/tickets/{ticket.reference}/")
    phone.locator("#reply textarea").fill(body)
    phone.locator("#id_reply_attachments").set_input_files([_phrase_png()])
    expect(phone.locator("#reply .upload-item")).to_have_count(1)

    phone.locator("#reply button[type=submit]").click()

    _expect_refused(phone, "id_reply_attachments")
    expect(phone.locator("#reply textarea")).to_have_value(body)
    shoot(phone, ZH, "phrase-screenshot-refused-reply")
    assert Message.objects.filter(ticket=ticket).count() == before
    assert stored_files(attachment_folder) == []

    phone.locator("#reply .upload-remove").click()
    phone.locator("#reply button[type=submit]").click()

    expect(phone.locator(".thread")).to_contain_text(body)
    assert Message.objects.filter(ticket=ticket).latest("created_at").body == body
    assert not Attachment.objects.exists()
    assert js_errors(phone) == []

"""An agent on a phone-width screen redacts a message by keyboard alone and removes a file,
each after its confirmation step, in both languages, with JavaScript on."""

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.accounts.models import User
from walletdesk.attachments.models import Attachment
from walletdesk.testing.browser import PHONE, Lang, js_errors, shoot, sign_in
from walletdesk.tickets.models import Redaction, TicketEvent
from walletdesk.tickets.redaction import removed_notice
from walletdesk.tickets.tests.factories import MessageFactory, TicketFactory

pytestmark = pytest.mark.browser

HALF = "abandon amount liar amount expire adjust"


def test_agent_redacts_a_message_by_keyboard_and_removes_a_file_on_a_phone(
    live_server: LiveServer,
    new_context: Callable[..., BrowserContext],
    lang: Lang,
    customer: User,
    agent: User,
    attachment_folder: Path,
) -> None:
    ticket = TicketFactory(requester=customer, subject=lang.t("提现未到账", "Withdrawal missing"))
    half = MessageFactory(ticket=ticket, body=f"{lang.t('前半部分', 'first half')}: {HALF}")
    (attachment_folder / "attachments").mkdir(parents=True)
    (attachment_folder / "attachments" / "photo.png").write_bytes(b"\x89PNG fake")
    photo = Attachment.objects.create(
        ticket=ticket,
        uploader=customer,
        kind=Attachment.Kind.PNG,
        display_name="backup.png",
        storage_key="attachments/photo.png",
        size=9,
        sha256="0" * 64,
    )
    page = new_context(lang=lang, viewport=PHONE).new_page()
    sign_in(page, live_server.url, agent)
    page.goto(f"{live_server.url}/console/tickets/{ticket.reference}/")

    # The confirmation step: nothing is sent until the disclosure is opened and confirmed.
    redact = page.locator(f"#redact-{half.pk}")
    confirm = redact.get_by_role("button", name=lang.t("确认清除", "Confirm redaction"))
    expect(confirm).to_be_hidden()
    redact.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(confirm).to_be_visible()
    redact.locator("input[value=masked]").focus()
    page.keyboard.press("ArrowDown")
    expect(redact.locator("input[value=removed]")).to_be_checked()
    page.keyboard.press("Tab")
    expect(confirm).to_be_focused()
    shoot(page, lang, "console-redact-confirm")
    page.keyboard.press("Enter")

    expect(page.locator(".flash li").first).to_be_visible()
    half.refresh_from_db()
    assert half.redaction == Redaction.REMOVED
    assert half.body == removed_notice()
    expect(page.locator(".thread")).not_to_contain_text(HALF)
    expect(page.locator(".thread .redaction-note")).to_have_count(1)

    remove = page.locator(f"#remove-{photo.pk}")
    remove.locator("summary").click()
    remove.get_by_role("button", name=lang.t("确认：删除文件", "Confirm: delete the file")).click()

    expect(page.locator(".attachment-removed")).to_contain_text(
        lang.t("文件已删除", "File removed")
    )
    photo.refresh_from_db()
    assert photo.is_removed
    assert not (attachment_folder / "attachments" / "photo.png").exists()
    assert ticket.events.filter(kind=TicketEvent.Kind.REDACTED).count() == 2
    # Nothing on the page scrolls sideways at phone width.
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1]
    assert js_errors(page) == []

"""An agent's reply and internal note with a file, walked through each outcome: it goes through;
the message is missing; a recovery phrase is pasted; the file is too large. After each the page
says what happened where it happened, keeps what the agent typed and stores nothing half. In
Chinese on a phone and in English on a desktop; Chromium through Playwright, JavaScript on."""

from collections.abc import Callable

import pytest
from mnemonic import Mnemonic
from playwright.sync_api import BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.attachments.models import Attachment, AttachmentLimits
from walletdesk.attachments.tests import corpus
from walletdesk.chain.secret_guard import PLACEHOLDERS
from walletdesk.testing.browser import DESKTOP, EN, PHONE, ZH, Lang, js_errors, shoot, sign_in
from walletdesk.tickets.models import Message, Status
from walletdesk.tickets.tests.factories import TicketFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "zh-hans": {
        "text": "已收到截图，正在向交易所核实这笔提现。",
        "required": "该字段是必填项",
        "too_large": "选择较小的文件",
    },
    "en": {
        "text": "Got the screenshot; checking this withdrawal with the exchange. Thanks",
        "required": "This field is required",
        "too_large": "choose a smaller file",
    },
}
KINDS = ["reply", "note"]


@pytest.fixture(params=[ZH, EN], ids=["zh-hans-phone", "en-desktop"])
def lang(request: pytest.FixtureRequest) -> Lang:
    return request.param


@pytest.fixture
def screen(new_context: Callable[..., BrowserContext], lang: Lang) -> Page:
    """Chinese on a phone, English on a desktop."""
    return new_context(lang=lang, viewport=PHONE if lang is ZH else DESKTOP).new_page()


def _open(page: Page, url: str, agent, customer, kind: str) -> None:
    ticket = TicketFactory(requester=customer, status=Status.OPEN, assignee=agent)
    sign_in(page, url, agent)
    page.goto(f"{url}/console/tickets/{ticket.reference}/")
    if kind == "note":
        page.locator("#reply input[name=internal]").check()


def _box(page: Page):
    return page.locator("#reply textarea")


def _attach(page: Page, size: tuple[int, int] = (390, 800)) -> None:
    page.locator("#id_reply_attachments").set_input_files(
        [{"name": "exchange.png", "mimeType": "image/png", "buffer": corpus.png(*size)}]
    )


def _send(page: Page) -> None:
    page.locator("#reply button[type=submit]").click()


def _stored(agent, kind: str) -> int:
    return Message.objects.filter(author=agent, is_internal=kind == "note").count()


@pytest.mark.parametrize("kind", KINDS)
def test_sent_with_a_file_it_shows_in_the_thread_with_its_file(
    live_server: LiveServer, screen: Page, agent, customer, lang: Lang, kind, attachment_folder
):
    _open(screen, live_server.url, agent, customer, kind)
    _box(screen).fill(WORDS[lang.code]["text"])
    _attach(screen)
    expect(screen.locator(".upload-item")).to_have_count(1)

    _send(screen)

    expect(screen.locator(".thread")).to_contain_text(WORDS[lang.code]["text"], timeout=10_000)
    expect(screen.get_by_text("exchange.png").first).to_be_visible()
    shoot(screen, lang, f"every-form-console-{kind}-sent")
    assert _stored(agent, kind) == 1
    assert Attachment.objects.filter(uploader=agent).count() == 1
    assert js_errors(screen) == [], js_errors(screen)


@pytest.mark.parametrize("kind", KINDS)
def test_a_missing_message_is_marked_and_the_file_stays_chosen(
    live_server: LiveServer, screen: Page, agent, customer, lang: Lang, kind, attachment_folder
):
    _open(screen, live_server.url, agent, customer, kind)
    _attach(screen)

    _send(screen)

    box = screen.locator("#reply .field:has(textarea)")
    expect(box).to_contain_text(WORDS[lang.code]["required"], timeout=10_000)
    expect(screen.locator(".upload-item")).to_have_count(1)
    expect(screen.locator("#reply [data-upload-status]")).to_be_hidden()
    shoot(screen, lang, f"every-form-console-{kind}-missing")
    assert _stored(agent, kind) == 0
    assert not Attachment.objects.filter(uploader=agent).exists()


@pytest.mark.parametrize("kind", KINDS)
def test_a_pasted_recovery_phrase_is_refused_and_nothing_is_stored(
    live_server: LiveServer, screen: Page, agent, customer, lang: Lang, kind, attachment_folder
):
    text = WORDS[lang.code]["text"]
    phrase = Mnemonic("english").generate(128)
    _open(screen, live_server.url, agent, customer, kind)
    _box(screen).fill(f"{text}\n{phrase}")
    _attach(screen)

    _send(screen)

    expect(screen.locator("#reply div.form-error")).to_be_visible(timeout=10_000)
    kept = _box(screen).input_value()
    assert text in kept
    # The guard's placeholder is ours ("hidden" in it is also a wordlist word).
    rest = kept.replace(text, "")
    for placeholder in PLACEHOLDERS.values():
        rest = rest.replace(placeholder, "")
    leftover = rest.split()
    assert not any(word in leftover for word in set(phrase.split()) - {"a", "an"}), (kept, phrase)
    expect(screen.locator(".upload-item")).to_have_count(1)
    shoot(screen, lang, f"every-form-console-{kind}-secret")
    assert _stored(agent, kind) == 0
    assert not Attachment.objects.filter(uploader=agent).exists()


@pytest.mark.parametrize("kind", KINDS)
def test_a_file_too_large_is_refused_at_the_picker_and_a_smaller_one_goes_through(
    live_server: LiveServer, screen: Page, agent, customer, lang: Lang, kind, attachment_folder
):
    words = WORDS[lang.code]
    AttachmentLimits.objects.update_or_create(pk=1, defaults={"max_file_bytes": 1024})
    _open(screen, live_server.url, agent, customer, kind)
    _box(screen).fill(words["text"])

    _attach(screen)

    status = screen.locator("#reply [data-upload-status]")
    expect(status).to_contain_text(words["too_large"])
    expect(_box(screen)).to_have_value(words["text"])
    shoot(screen, lang, f"every-form-console-{kind}-too-large")
    _attach(screen, size=(64, 48))
    expect(status).to_be_hidden()
    _send(screen)
    expect(screen.locator(".thread")).to_contain_text(words["text"], timeout=10_000)
    assert _stored(agent, kind) == 1
    assert Attachment.objects.filter(uploader=agent).count() == 1

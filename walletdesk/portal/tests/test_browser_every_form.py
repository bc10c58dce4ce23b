"""Every form a wallet user sends with a file (a new ticket, a reply, a resubmission), walked
through each outcome with a screenshot chosen: it goes through; a required field is missing; a
recovery phrase is typed; the file is too large. After each the page says what happened where
it happened, keeps what the user typed and stores nothing half. In Chinese on a phone and in
English on a desktop; Chromium through Playwright, JavaScript on. Screenshots of each state."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from mnemonic import Mnemonic
from playwright.sync_api import BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.accounts.models import User
from walletdesk.attachments.models import Attachment, AttachmentLimits
from walletdesk.attachments.tests import corpus
from walletdesk.chain.secret_guard import PLACEHOLDERS
from walletdesk.testing.browser import DESKTOP, EN, PHONE, ZH, Lang, js_errors, shoot, sign_in
from walletdesk.tickets import services
from walletdesk.tickets.models import Message, Status, Ticket
from walletdesk.tickets.tests.factories import TicketFactory, reason

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "zh-hans": {
        "text": "从交易所提现 50 USDT 一小时了还没到账，截图见附件。",
        "required": "该字段是必填项",
        "secret": "切勿透露您的助记词或私钥",
        "too_large": "选择较小的文件",
    },
    "en": {
        "text": "Withdrew 50 USDT from the exchange an hour ago, screenshot attached.",
        "required": "This field is required",
        "secret": "Never share your recovery phrase or private key",
        "too_large": "choose a smaller file",
    },
}


@pytest.fixture(params=[ZH, EN], ids=["zh-hans-phone", "en-desktop"])
def lang(request: pytest.FixtureRequest) -> Lang:
    return request.param


@pytest.fixture
def screen(new_context: Callable[..., BrowserContext], lang: Lang) -> Page:
    """Chinese on a phone, English on a desktop."""
    return new_context(lang=lang, viewport=PHONE if lang is ZH else DESKTOP).new_page()


@dataclass(frozen=True)
class Form:
    """Where a form is, its text box, its file picker, and what counts as sent."""

    name: str
    text: str  # the box the text goes in
    required: str  # a required box left empty for the field-error case
    files: str
    # The form's page for this user, with what it needs written before the browser signs in
    # (the test's writes never race the live server's).
    prepare: Callable[[User], str]
    sent: Callable[[Page], None]
    stored: Callable[[User], int]


def _new(user: User) -> str:
    return "/tickets/new/other/"


def _reply(user: User) -> str:
    ticket = TicketFactory(requester=user, status=Status.WAITING_ON_CUSTOMER)
    return f"/tickets/{ticket.reference}/"


def _resubmission(user: User) -> str:
    original = TicketFactory(requester=user, subject="提现失败 / Withdrawal failed")
    services.ticket_reject(
        ticket=original,
        agent=_agent(),
        reason=reason("incomplete_information"),
        message="请补充截图 / Please add a screenshot",
    )
    return f"/tickets/{original.reference}/resubmit/"


def _open(page: Page, url: str, user: User, form: "Form") -> None:
    path = form.prepare(user)
    sign_in(page, url, user)
    page.goto(f"{url}{path}")
    if form.name == "new-ticket":
        page.locator("#id_subject").fill("USDT")


def _agent() -> User:
    from walletdesk.accounts.tests.factories import AgentFactory

    agent: User = AgentFactory.create()
    return agent


def _submitted(page: Page) -> None:
    page.wait_for_url("**/submitted/**", timeout=10_000)


def _in_thread(page: Page) -> None:
    expect(page.locator(".thread")).to_contain_text(WORDS_SENT, timeout=10_000)


WORDS_SENT = "50 USDT"

FORMS = [
    Form(
        "new-ticket",
        "#id_description",
        "#id_subject",
        "#id_attachments",
        _new,
        _submitted,
        lambda user: Ticket.objects.filter(requester=user).count(),
    ),
    Form(
        "reply",
        "#id_body",
        "#id_body",
        "#id_reply_attachments",
        _reply,
        _in_thread,
        lambda user: Message.objects.filter(author=user).count(),
    ),
    Form(
        "resubmission",
        "#id_description",
        "#id_subject",
        "#id_attachments",
        _resubmission,
        _submitted,
        lambda user: Ticket.objects.filter(requester=user, resubmission_of__isnull=False).count(),
    ),
]


def _attach(page: Page, form: Form, size: tuple[int, int] = (390, 800)) -> None:
    page.locator(form.files).set_input_files(
        [{"name": "exchange.png", "mimeType": "image/png", "buffer": corpus.png(*size)}]
    )


def _send(page: Page, form: Form) -> None:
    page.locator(form.text).locator("xpath=ancestor::form").locator(
        "button[type=submit]"
    ).last.click()


@pytest.mark.parametrize("form", FORMS, ids=[f.name for f in FORMS])
def test_sent_with_a_file_it_goes_through_and_the_file_with_it(
    live_server: LiveServer, screen: Page, customer, lang: Lang, form: Form, attachment_folder
):
    _open(screen, live_server.url, customer, form)
    screen.locator(form.text).fill(WORDS[lang.code]["text"])
    _attach(screen, form)
    expect(screen.locator(".upload-item")).to_have_count(1)

    _send(screen, form)

    form.sent(screen)
    shoot(screen, lang, f"every-form-{form.name}-sent")
    assert form.stored(customer) == 1
    assert Attachment.objects.filter(uploader=customer).count() == 1
    assert js_errors(screen) == [], js_errors(screen)


@pytest.mark.parametrize("form", FORMS, ids=[f.name for f in FORMS])
def test_a_missing_required_field_is_marked_where_it_is_and_nothing_is_lost(
    live_server: LiveServer, screen: Page, customer, lang: Lang, form: Form, attachment_folder
):
    words = WORDS[lang.code]
    _open(screen, live_server.url, customer, form)
    if form.required != form.text:
        screen.locator(form.text).fill(words["text"])
    screen.locator(form.required).fill("")
    _attach(screen, form)
    before = form.stored(customer)

    _send(screen, form)

    box = screen.locator(f".field:has({form.required})")
    expect(box.locator(".errorlist")).to_contain_text(words["required"], timeout=10_000)
    expect(screen.locator(form.required)).to_have_attribute("aria-invalid", "true")
    if form.required != form.text:
        expect(screen.locator(form.text)).to_have_value(words["text"])
    expect(screen.locator(".upload-item")).to_have_count(1)
    expect(screen.locator(".upload-field [data-upload-status]")).to_be_hidden()
    shoot(screen, lang, f"every-form-{form.name}-missing-field")
    assert form.stored(customer) == before
    assert not Attachment.objects.filter(uploader=customer).exists()


@pytest.mark.parametrize("form", FORMS, ids=[f.name for f in FORMS])
def test_a_recovery_phrase_is_refused_and_taken_out_of_the_box_it_was_typed_in(
    live_server: LiveServer, screen: Page, customer, lang: Lang, form: Form, attachment_folder
):
    words = WORDS[lang.code]
    phrase = Mnemonic("english").generate(128)
    _open(screen, live_server.url, customer, form)
    screen.locator(form.text).fill(f"{words['text']}\n{phrase}")
    _attach(screen, form)
    before = form.stored(customer)

    _send(screen, form)

    # The refusal's own warning (the form page names secrets in its guidance too).
    warning = screen.locator("section.secret-warning")
    expect(warning).to_contain_text(words["secret"], timeout=10_000)
    kept = screen.locator(form.text).input_value()
    assert words["text"] in kept
    # What the guard put in the phrase's place is ours, not the user's: "hidden" in it is
    # also a wordlist word, which a random phrase sometimes holds.
    rest = kept.replace(words["text"], "")
    for placeholder in PLACEHOLDERS.values():
        rest = rest.replace(placeholder, "")
    leftover = rest.split()
    assert not any(word in leftover for word in set(phrase.split()) - {"a", "an"}), (kept, phrase)
    expect(screen.locator(".upload-item")).to_have_count(1)
    shoot(screen, lang, f"every-form-{form.name}-secret")
    assert form.stored(customer) == before
    assert not Attachment.objects.filter(uploader=customer).exists()


@pytest.mark.parametrize("form", FORMS, ids=[f.name for f in FORMS])
def test_a_file_too_large_is_refused_at_the_picker_and_a_smaller_one_goes_through(
    live_server: LiveServer, screen: Page, customer, lang: Lang, form: Form, attachment_folder
):
    words = WORDS[lang.code]
    AttachmentLimits.objects.update_or_create(pk=1, defaults={"max_file_bytes": 1024})
    _open(screen, live_server.url, customer, form)
    screen.locator(form.text).fill(words["text"])

    _attach(screen, form)

    status = screen.locator(".upload-field [data-upload-status]")
    expect(status).to_be_visible()
    expect(status).to_contain_text(words["too_large"])
    expect(screen.locator(form.text)).to_have_value(words["text"])
    shoot(screen, lang, f"every-form-{form.name}-too-large")

    _attach(screen, form, size=(64, 48))
    expect(status).to_be_hidden()
    _send(screen, form)
    form.sent(screen)
    assert form.stored(customer) == 1
    assert Attachment.objects.filter(uploader=customer).count() == 1

"""With a screenshot attached, a refused ticket form behaves as one without: the fields at
fault are marked where they are, a recovery phrase is taken out of the box it was typed in,
the file stays chosen and its picker is not blamed; fixed, the same form goes through.
Chromium through Playwright, JavaScript on, on a phone, in both languages."""

import pytest
from mnemonic import Mnemonic
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.attachments.models import Attachment
from walletdesk.attachments.tests import corpus
from walletdesk.chain.secret_guard import PLACEHOLDERS
from walletdesk.testing.browser import EN, ZH, Lang, js_errors, shoot, sign_in
from walletdesk.tickets.models import Ticket

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXTS = {
    "zh-hans": {
        "description": "从交易所提现 50 USDT 一小时了还没到账，截图见附件。",
        "required": "该字段是必填项",
        "secret": "切勿透露您的助记词或私钥",
    },
    "en": {
        "description": "Withdrew 50 USDT from the exchange an hour ago, screenshot attached.",
        "required": "This field is required",
        "secret": "Never share your recovery phrase or private key",
    },
}


@pytest.fixture(params=[ZH, EN], ids=["zh-hans", "en"])
def lang(request: pytest.FixtureRequest) -> Lang:
    return request.param


def _attach(phone: Page) -> None:
    phone.locator("#id_attachments").set_input_files(
        [{"name": "exchange.png", "mimeType": "image/png", "buffer": corpus.png(390, 800)}]
    )
    expect(phone.locator(".upload-item")).to_have_count(1)


def _send(phone: Page) -> None:
    phone.locator("form.stacked button[type=submit]").click()


def _upload_not_blamed(phone: Page) -> None:
    upload = phone.locator(".upload-field")
    expect(upload.locator("[data-upload-status]")).to_be_hidden()
    expect(upload).not_to_have_class("field upload-field has-error")
    expect(phone.locator(".upload-item")).to_have_count(1)


def test_a_missing_field_is_marked_with_a_file_attached(
    live_server: LiveServer, phone: Page, customer, lang: Lang, attachment_folder
):
    texts = TEXTS[lang.code]
    sign_in(phone, live_server.url, customer)
    phone.goto(f"{live_server.url}/tickets/new/other/")
    phone.locator("#id_description").fill(texts["description"])
    _attach(phone)

    _send(phone)

    subject_box = phone.locator(".field:has(#id_subject)")
    expect(subject_box).to_have_class("field has-error", timeout=10_000)
    expect(subject_box.locator(".errorlist")).to_contain_text(texts["required"])
    expect(phone.locator("#id_subject")).to_have_attribute("aria-invalid", "true")
    expect(phone.locator("#id_description")).to_have_value(texts["description"])
    _upload_not_blamed(phone)
    shoot(phone, lang, "form-with-file-missing-field")
    assert not Ticket.objects.exists()

    phone.locator("#id_subject").fill("USDT")
    _send(phone)
    phone.wait_for_url("**/submitted/")
    ticket = Ticket.objects.get(requester=customer)
    assert Attachment.objects.filter(ticket=ticket).count() == 1
    assert js_errors(phone) == [e for e in js_errors(phone) if "status of 400" in e]


def test_a_phrase_typed_with_a_file_attached_is_taken_out_of_the_box(
    live_server: LiveServer, phone: Page, customer, lang: Lang, attachment_folder
):
    texts = TEXTS[lang.code]
    phrase = Mnemonic("english").generate(128)
    sign_in(phone, live_server.url, customer)
    phone.goto(f"{live_server.url}/tickets/new/other/")
    phone.locator("#id_subject").fill("USDT")
    phone.locator("#id_description").fill(f"{texts['description']}\n{phrase}")
    _attach(phone)

    _send(phone)

    expect(phone.locator("section.secret-warning")).to_contain_text(texts["secret"], timeout=10_000)
    description = phone.locator("#id_description")
    expect(description).not_to_have_value(f"{texts['description']}\n{phrase}")
    kept = description.input_value()
    assert texts["description"] in kept
    # Only what is left beyond the user's own sentence and the guard's placeholder can be the
    # phrase's: "exchange" and "hour" in the sentence are wordlist words a phrase may hold too.
    rest = kept.replace(texts["description"], "")
    for placeholder in PLACEHOLDERS.values():
        rest = rest.replace(placeholder, "")
    leftover = rest.split()
    assert not any(word in leftover for word in set(phrase.split()) - {"a", "an"}), (kept, phrase)
    expect(phone.locator(".field:has(#id_description)")).to_have_class("field has-error")
    _upload_not_blamed(phone)
    shoot(phone, lang, "form-with-file-secret-taken-out")
    assert not Ticket.objects.exists()

    _send(phone)
    phone.wait_for_url("**/submitted/")
    ticket = Ticket.objects.get(requester=customer)
    assert phrase not in ticket.description
    assert Attachment.objects.filter(ticket=ticket).count() == 1

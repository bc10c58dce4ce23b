"""The security-incident lane as people use it: a wallet user on a phone reads what to do now,
files a stolen-funds ticket with and without a screenshot, is refused a wrong address and a
fragment of a recovery phrase (which only the lane's full-strength guard catches) without
losing what they typed; the security team's agent finds it urgent with its evidence checklist,
and another team's agent gets 404. Chromium through Playwright, JavaScript on, both languages."""

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.accounts.models import User
from walletdesk.accounts.tests.factories import AgentFactory
from walletdesk.attachments.models import Attachment
from walletdesk.attachments.tests import corpus
from walletdesk.testing.browser import DESKTOP, Lang, js_errors, shoot, sign_in
from walletdesk.tickets.models import Category, Priority, Ticket

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TRON = "TJRabPrwbZy45sbavfcjinPJC18kjpRTv8"
CONTACT = "claim-airdrop.example"
# Six list words: the standard guard lets them through, the lane does not.
FRAGMENT = "abandon amount liar expire adjust cage"


def _texts(lang: Lang) -> dict[str, str]:
    return {
        "subject": lang.t("点了空投链接后 USDT 被转走", "USDT gone after an airdrop link"),
        "description": lang.t(
            "我在 Telegram 群里点了领取空投的链接并签名，几分钟后 USDT 被全部转走。",
            "I opened an airdrop link from a Telegram group and signed; minutes later my USDT "
            "was gone.",
        ),
        "never": lang.t("我们绝不会索要您的助记词", "We will never ask for your recovery phrase"),
        "revoke": lang.t("撤销您不认识的代币授权", "Revoke token approvals you do not recognise"),
        "secret": lang.t(
            "切勿透露您的助记词或私钥", "Never share your recovery phrase or private key"
        ),
    }


def _open_form(phone: Page, base: str) -> None:
    phone.goto(f"{base}/tickets/new/compromised/")


def _fill(phone: Page, texts: dict[str, str], *, address: str = TRON) -> None:
    phone.locator("#id_subject").fill(texts["subject"])
    phone.locator("#id_description").fill(texts["description"])
    phone.locator("#id_network").select_option("tron")
    phone.locator("#id_address").fill(address)
    phone.locator("#id_phishing_contact").fill(CONTACT)


def _send(phone: Page) -> None:
    phone.locator("form.stacked button[type=submit]").click()


@pytest.mark.parametrize("with_file", [False, True], ids=["no-file", "with-file"])
def test_a_customer_files_a_lane_ticket(
    live_server: LiveServer, phone: Page, customer: User, lang: Lang, attachment_folder, with_file
) -> None:
    texts = _texts(lang)
    sign_in(phone, live_server.url, customer)
    _open_form(phone, live_server.url)

    lane_note = phone.locator("[data-security-lane]")
    expect(lane_note).to_contain_text(texts["never"])
    expect(lane_note).to_contain_text(texts["revoke"])
    _fill(phone, texts)
    if with_file:
        phone.locator("#id_attachments").set_input_files(
            [{"name": "transfer.png", "mimeType": "image/png", "buffer": corpus.png(390, 800)}]
        )
        expect(phone.locator(".upload-item")).to_have_count(1)
    shoot(phone, lang, f"security-lane-form-{'file' if with_file else 'plain'}")
    _send(phone)

    phone.wait_for_url("**/submitted/")
    ticket = Ticket.objects.get(requester=customer)
    expect(phone.locator("main")).to_contain_text(ticket.reference)
    assert ticket.priority == Priority.URGENT
    assert ticket.team_id == Category.objects.get(slug="compromised").team_id
    assert (ticket.address, ticket.phishing_contact) == (TRON, CONTACT)
    assert Attachment.objects.filter(ticket=ticket).count() == (1 if with_file else 0)
    phone.goto(f"{live_server.url}/tickets/{ticket.reference}/")
    expect(phone.locator("main")).to_contain_text(CONTACT)
    assert js_errors(phone) == []


def test_a_wrong_address_is_refused_and_nothing_typed_is_lost(
    live_server: LiveServer, phone: Page, customer: User, lang: Lang
) -> None:
    texts = _texts(lang)
    sign_in(phone, live_server.url, customer)
    _open_form(phone, live_server.url)
    _fill(phone, texts, address="0x1234notanaddress")

    _send(phone)

    address_box = phone.locator(".field:has(#id_address)")
    expect(address_box).to_have_class("field has-error", timeout=10_000)
    expect(phone.locator("#id_description")).to_have_value(texts["description"])
    expect(phone.locator("#id_phishing_contact")).to_have_value(CONTACT)
    expect(phone.locator("[data-security-lane]")).to_be_visible()
    shoot(phone, lang, "security-lane-bad-address")
    assert not Ticket.objects.exists()

    phone.locator("#id_address").fill(TRON)
    _send(phone)
    phone.wait_for_url("**/submitted/")
    assert Ticket.objects.filter(requester=customer).count() == 1


def test_a_fragment_of_a_recovery_phrase_is_refused_in_the_lane(
    live_server: LiveServer, phone: Page, customer: User, lang: Lang
) -> None:
    texts = _texts(lang)
    sign_in(phone, live_server.url, customer)
    _open_form(phone, live_server.url)
    _fill(phone, texts)
    typed = f"{texts['description']}\n{FRAGMENT}"
    phone.locator("#id_description").fill(typed)

    _send(phone)

    expect(phone.locator("section.secret-warning")).to_contain_text(texts["secret"], timeout=10_000)
    kept = phone.locator("#id_description").input_value()
    assert texts["description"] in kept
    assert not any(word in kept.split() for word in FRAGMENT.split())
    expect(phone.locator("#id_phishing_contact")).to_have_value(CONTACT)
    shoot(phone, lang, "security-lane-secret-refused")
    assert not Ticket.objects.exists()

    _send(phone)
    phone.wait_for_url("**/submitted/")
    ticket = Ticket.objects.get(requester=customer)
    assert FRAGMENT not in ticket.description


def test_the_security_team_works_it_and_another_team_gets_404(
    live_server: LiveServer,
    new_context: Callable[..., BrowserContext],
    phone: Page,
    customer: User,
    lang: Lang,
) -> None:
    texts = _texts(lang)
    lane = Category.objects.get(slug="compromised")
    security_agent = AgentFactory(
        email=f"security-{lang.code}@walletdesk.example", language=lang.code, teams=[lane.team]
    )
    other_agent = AgentFactory(email=f"general-{lang.code}@walletdesk.example", language=lang.code)
    sign_in(phone, live_server.url, customer)
    _open_form(phone, live_server.url)
    _fill(phone, texts)
    _send(phone)
    phone.wait_for_url("**/submitted/")
    ticket = Ticket.objects.get(requester=customer)

    desk = new_context(lang=lang, viewport=DESKTOP).new_page()
    sign_in(desk, live_server.url, security_agent)
    desk.goto(f"{live_server.url}/console/tickets/{ticket.reference}/")
    checklist = desk.locator("[data-evidence]")
    expect(checklist.locator("li.given[data-item=address]")).to_be_visible()
    expect(checklist.locator("li.given[data-item=phishing_contact]")).to_be_visible()
    expect(checklist.locator("li.missing[data-item=tx_hash]")).to_be_visible()
    request = desk.locator("#id_request_info_body")
    expect(request).to_be_visible()
    assert lang.t("交易哈希", "Transaction hash") in request.input_value()
    shoot(desk, lang, "security-lane-agent-checklist")
    desk.locator("form[action$='/request-info/'] button[type=submit]").click()
    desk.wait_for_load_state()
    ticket.refresh_from_db()
    assert ticket.status == "waiting_on_customer"

    other = new_context(lang=lang, viewport=DESKTOP).new_page()
    sign_in(other, live_server.url, other_agent)
    response = other.goto(f"{live_server.url}/console/tickets/{ticket.reference}/")
    assert response is not None
    assert response.status == 404
    assert texts["subject"] not in other.content()

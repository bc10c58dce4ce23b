"""A secret split across the fields of one submission, or across two replies of one ticket, is
caught on every door: refused on web and API (the fields involved named, nothing stored), stored
masked from e-mail, which cannot ask back."""

from email.message import EmailMessage
from email.utils import make_msgid

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from walletdesk.accounts.models import User
from walletdesk.api.tests.helpers import token_client
from walletdesk.guard.models import SecretCatch
from walletdesk.inbound.services import inbound_message_accept
from walletdesk.inbound.tests.mail import authenticated
from walletdesk.notifications.addresses import ticket_reply_address
from walletdesk.tickets.models import Message, Ticket
from walletdesk.tickets.services import ticket_reply_add, ticket_reply_check
from walletdesk.tickets.tests.factories import TicketFactory

pytestmark = pytest.mark.django_db

PHRASE = "abandon amount liar amount expire adjust cage candy arch gather drum buyer"
WORDS = PHRASE.split()
FIRST, SECOND = " ".join(WORDS[:6]), " ".join(WORDS[6:])
HIDDEN = "[已隐藏的助记词 / hidden recovery phrase]"
EVM_ADDRESS = "0x52908400098527886E0F7030069857D2E4169EE7"

BASE = {
    "category": "deposit",
    "subject": "充值没有到账",
    "description": "从交易所提到钱包，交易所显示已完成。",
    "network": "ethereum",
    "asset": "USDT",
    "amount": "100",
}
# Where the phrase goes: each case a split or a whole phrase in a field a form validates.
CASES = {
    "subject+description": ({"subject": FIRST, "description": SECOND}, ["subject", "description"]),
    # Read in the form's order: the network and asset between them are left empty here.
    "description+memo": (
        {"description": FIRST, "network": "", "asset": "", "memo": SECOND},
        ["description", "memo"],
    ),
    "asset+memo": ({"asset": FIRST, "memo": SECOND}, ["asset", "memo"]),
    "memo": ({"memo": PHRASE}, ["memo"]),
    "address": ({"address": PHRASE}, ["address"]),
    "amount": ({"amount": PHRASE}, ["amount"]),
}


def _leaks(text: str, *parts: str) -> bool:
    return any(part in text for part in parts)


@pytest.mark.parametrize("case", CASES)
def test_the_web_form_refuses_a_phrase_across_fields_and_marks_them(alice, case) -> None:
    values, fields = CASES[case]
    client = Client()
    client.force_login(alice)

    response = client.post(reverse("portal:create", args=["deposit"]), {**BASE, **values})

    page = response.content.decode()
    assert response.status_code == 400
    assert "secret-warning" in page
    assert not _leaks(page, FIRST, SECOND)
    assert not Ticket.objects.exists()
    assert SecretCatch.objects.get().fields == fields
    # Each field involved is marked (in the user's language); the rest of what was typed stays.
    assert page.count("这里有助记词或私钥，我们已将其删除。") == len(fields)
    for name in fields:
        # Marked, and never brought back by a language switch (data-keep-typed="no").
        marked = '<div class="field has-error" data-keep-typed="no">'
        assert f'{marked}\n  <label for="id_{name}">' in page
    assert 'value="100"' in page or case == "amount"


def test_the_web_form_shows_every_part_masked_and_keeps_the_other_fields(alice) -> None:
    client = Client()
    client.force_login(alice)
    values = {**BASE, "subject": f"求助 {FIRST}", "description": f"{SECOND}\n余额没变。"}

    page = client.post(reverse("portal:create", args=["deposit"]), values).content.decode()

    assert f'value="求助 {HIDDEN}"' in page
    assert f"{HIDDEN}\n余额没变。" in page
    assert 'value="100"' in page
    assert page.count('class="field has-error"') == 2


@pytest.mark.parametrize("case", CASES)
def test_the_api_refuses_a_phrase_across_fields_naming_them(alice, case) -> None:
    values, fields = CASES[case]

    response = token_client(alice).post("/api/v1/tickets", {**BASE, **values}, format="json")

    assert response.status_code == 422
    assert response.json()["code"] == "secret_detected"
    assert response.json()["fields"] == fields
    assert not _leaks(response.content.decode(), FIRST, SECOND)
    assert not Ticket.objects.exists()
    assert SecretCatch.objects.get().channel == "api"


def test_the_api_reads_a_field_the_category_does_not_ask_for(alice) -> None:
    # "other" asks no wallet fields: the memo is left out of the ticket, yet it was sent.
    values = {"category": "other", "subject": "问题", "description": FIRST, "memo": SECOND}

    response = token_client(alice).post("/api/v1/tickets", values, format="json")

    assert response.status_code == 422
    assert response.json()["fields"] == ["description", "memo"]


def _mail(user: User, *, to: str, subject: str, body: str) -> bytes:
    mail = EmailMessage()
    mail["From"] = user.email
    mail["To"] = to
    mail["Subject"] = subject
    mail["Message-ID"] = make_msgid(domain="mail.example.com")
    mail.set_content(body)
    # As our receiving server hands it on: the sender's domain passed DMARC.
    return authenticated(mail.as_bytes())


def test_an_email_split_between_subject_and_body_is_stored_masked_in_both(alice) -> None:
    inbound_message_accept(
        _mail(alice, to=settings.SUPPORT_ADDRESS, subject=FIRST, body=f"{SECOND}\n请帮忙。")
    )

    ticket = Ticket.objects.get()
    assert ticket.subject == HIDDEN
    assert ticket.description == f"{HIDDEN}\n请帮忙。"
    catch = SecretCatch.objects.get()
    assert (catch.channel, catch.fields, catch.was_masked) == (
        "email",
        ["subject", "description"],
        True,
    )


def _reply(door: str, user: User, ticket: Ticket, body: str, subject: str = ""):
    if door == "web":
        client = Client()
        client.force_login(user)
        return client.post(reverse("portal:reply", args=[ticket.reference]), {"body": body})
    if door == "api":
        return token_client(user).post(
            f"/api/v1/tickets/{ticket.reference}/replies", {"body": body}, format="json"
        )
    raw = _mail(
        user, to=ticket_reply_address(ticket), subject=subject or f"Re: {ticket.subject}", body=body
    )
    return inbound_message_accept(raw)


@pytest.mark.parametrize("door", ["web", "api"])
def test_the_second_half_of_a_phrase_sent_in_two_replies_is_refused(alice, door) -> None:
    ticket = TicketFactory(requester=alice, description="提现一直显示处理中。")
    ticket_reply_add(ticket=ticket, author=alice, body=f"前半部分：{FIRST}")

    response = _reply(door, alice, ticket, f"{SECOND}\n后半部分。")

    assert response.status_code in (400, 422)
    assert not _leaks(response.content.decode(), SECOND)
    assert Message.objects.count() == 1
    catch = SecretCatch.objects.get()
    assert (catch.fields, catch.ticket_id, catch.channel) == (["body"], ticket.pk, door)


def test_the_web_reply_box_comes_back_with_the_second_half_masked(alice) -> None:
    ticket = TicketFactory(requester=alice, description=f"说明 {FIRST}")

    page = _reply("web", alice, ticket, f"{SECOND}\n后半部分。").content.decode()

    assert f"{HIDDEN}\n后半部分。" in page


def test_the_second_half_by_email_is_stored_masked(alice) -> None:
    ticket = TicketFactory(requester=alice, description="提现一直显示处理中。")
    ticket_reply_add(ticket=ticket, author=alice, body=f"前半部分：{FIRST}")

    _reply("email", alice, ticket, f"{SECOND}\n后半部分。")

    stored = Message.objects.order_by("created_at").last()
    assert stored.body == f"{HIDDEN}\n后半部分。"
    assert SecretCatch.objects.get().was_masked


def test_an_email_reply_split_between_subject_and_body_masks_the_body(alice) -> None:
    ticket = TicketFactory(requester=alice, description="提现一直显示处理中。")

    _reply("email", alice, ticket, f"{SECOND}\n谢谢。", subject=f"Re: [{ticket.reference}] {FIRST}")

    assert Message.objects.get().body == f"{HIDDEN}\n谢谢。"
    assert SecretCatch.objects.get().fields == ["subject", "body"]


def test_a_phrase_that_ends_the_description_is_continued_in_the_first_reply(alice) -> None:
    ticket = TicketFactory(requester=alice, description=f"我抄下来的是 {FIRST}")

    response = _reply("api", alice, ticket, SECOND)

    assert response.status_code == 422


def test_agents_text_is_not_read_with_the_customers(alice, carol) -> None:
    ticket = TicketFactory(requester=alice, description="提现一直显示处理中。")
    ticket_reply_add(ticket=ticket, author=carol, body=f"示例 {FIRST}")

    response = _reply("api", alice, ticket, SECOND)

    assert response.status_code == 201
    assert not SecretCatch.objects.exists()


def test_a_customer_reply_reads_the_thread_in_one_query_an_agent_reply_in_none(
    alice, carol
) -> None:
    ticket = TicketFactory(requester=alice, description="提现一直显示处理中。")
    for n in range(5):
        ticket_reply_add(ticket=ticket, author=alice, body=f"第 {n} 条")

    with CaptureQueriesContext(connection) as customer:
        ticket_reply_check(ticket=ticket, author=alice, body="还没到账")
    with CaptureQueriesContext(connection) as agent:
        ticket_reply_check(ticket=ticket, author=carol, body="我们正在查")

    assert len(customer.captured_queries) == 1
    assert len(agent.captured_queries) == 0

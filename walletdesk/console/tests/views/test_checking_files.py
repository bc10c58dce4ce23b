"""A long PDF still being checked for wallet secrets shows on the ticket page as "checking",
by name, with no link to it, in English and Chinese; a refused one shows in the history."""

import pytest
from django.urls import reverse

from walletdesk.accounts.models import User
from walletdesk.attachments import services
from walletdesk.attachments.models import Attachment
from walletdesk.attachments.tests.test_background_check import _reply_with, long_pdf
from walletdesk.console.tests.views.helpers import detail_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def checking(alice_ticket, attachment_folder, monkeypatch) -> Attachment:
    monkeypatch.setattr(services, "attachment_checks_queue", lambda ids: None)
    from django.test import Client

    customer = Client()
    customer.force_login(alice_ticket.requester)
    _reply_with(customer, alice_ticket, long_pdf(41))
    return Attachment.objects.get()


def test_the_agent_sees_checking_and_no_link(agent_client, alice_ticket, checking):
    html = agent_client.get(detail_url(alice_ticket)).content.decode()

    assert "statement.pdf" in html
    assert "Checking for recovery phrases" in html
    assert reverse("attachments:download", args=[checking.pk]) not in html


def test_the_agent_sees_it_in_chinese(agent_client, agent, alice_ticket, checking):
    agent.language = User.Language.ZH_HANS
    agent.save(update_fields=["language"])

    html = agent_client.get(detail_url(alice_ticket), HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert "正在检查是否含助记词" in html.content.decode()


def test_the_customer_sees_checking_too(client, alice_ticket, checking):
    client.force_login(alice_ticket.requester)

    html = client.get(reverse("portal:detail", args=[alice_ticket.reference])).content.decode()

    assert "正在检查是否含助记词" in html
    assert reverse("attachments:download", args=[checking.pk]) not in html


def test_a_clean_check_turns_it_into_a_link(agent_client, alice_ticket, checking):
    services.attachment_check(attachment_id=checking.pk)

    html = agent_client.get(detail_url(alice_ticket)).content.decode()

    assert "Checking for recovery phrases" not in html
    assert reverse("attachments:download", args=[checking.pk]) in html


def test_a_refusal_reads_as_such_in_the_history(agent_client, alice_ticket, monkeypatch):
    from django.test import Client

    monkeypatch.setattr(services, "attachment_checks_queue", lambda ids: None)
    customer = Client()
    customer.force_login(alice_ticket.requester)
    _reply_with(customer, alice_ticket, long_pdf(41, secret_on=5))
    services.attachment_check(attachment_id=Attachment.objects.get().pk)

    html = agent_client.get(detail_url(alice_ticket)).content.decode()

    assert "File refused" in html
    assert "the customer&#x27;s file → shows a recovery phrase or private key" in html
    assert "statement.pdf" in html

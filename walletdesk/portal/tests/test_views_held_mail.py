"""A new ticket mailed in the user's name that no mail server vouched for waits on the site:
listed on their tickets page, announced at sign-in, confirmed or discarded by them alone."""

import pytest
from django.core import mail as outbox
from django.urls import reverse

from walletdesk.inbound.models import HeldMail
from walletdesk.inbound.services import inbound_message_accept
from walletdesk.inbound.tests.mail import eml
from walletdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(alice) -> HeldMail:
    inbound_message_accept(eml("17_new_ticket_utf8.eml", signed=False))
    return HeldMail.objects.get()


def _url(held):
    return reverse("portal:held", args=[held.pk])


def test_the_tickets_page_lists_mail_waiting_for_confirmation(client, alice, held):
    client.force_login(alice)

    page = client.get(reverse("portal:list")).content.decode()

    assert "等待您确认的邮件" in page
    assert f'href="{_url(held)}"' in page
    assert "充值没有到账 (TRC20)" in page


def test_nothing_is_listed_without_held_mail(client, alice):
    client.force_login(alice)

    assert "等待您确认的邮件" not in client.get(reverse("portal:list")).content.decode()


def test_signing_in_announces_held_mail(client, alice, held):
    response = client.post(
        reverse("accounts:login"),
        {"email": "alice@example.com", "password": "correct horse battery"},
        follow=True,
    )

    page = response.content.decode()
    assert "有 1 封以您的名义发来的邮件在等待您确认" in page
    assert f'<a href="{reverse("portal:list")}">' in page


def test_the_held_page_shows_what_arrived_and_asks(client, alice, held):
    client.force_login(alice)

    response = client.get(_url(held))

    page = response.content.decode()
    assert response.status_code == 200
    assert "确认您通过邮件提交的工单" in page
    assert "昨天从交易所充值 50 USDT（TRC20）" in page
    assert "是我发的：创建工单" in page
    assert "不是我发的：丢弃" in page


def test_confirming_opens_the_ticket(client, alice, held):
    client.force_login(alice)

    response = client.post(_url(held), {"decision": "confirm"})

    ticket = Ticket.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:submitted", args=[ticket.reference])
    assert ticket.requester == alice
    assert ticket.subject == "充值没有到账 (TRC20)"
    held.refresh_from_db()
    assert held.state == HeldMail.State.CONFIRMED
    # Decided: gone from the tickets page, and its page is no more.
    assert "等待您确认的邮件" not in client.get(reverse("portal:list")).content.decode()
    assert client.get(_url(held)).status_code == 404


def test_declining_discards_it(client, alice, held):
    client.force_login(alice)

    response = client.post(_url(held), {"decision": "decline"}, follow=True)

    assert "邮件已丢弃，没有创建工单。" in response.content.decode()
    assert not Ticket.objects.exists()
    held.refresh_from_db()
    assert held.state == HeldMail.State.DECLINED


def test_no_decision_is_a_clear_error(client, alice, held):
    client.force_login(alice)

    response = client.post(_url(held), {"decision": "maybe"})

    assert response.status_code == 400
    assert "请选择创建工单还是丢弃这封邮件。" in response.content.decode()
    assert not Ticket.objects.exists()


def test_someone_elses_held_mail_is_not_found(client, bob, held):
    client.force_login(bob)

    assert client.get(_url(held)).status_code == 404
    assert client.post(_url(held), {"decision": "confirm"}).status_code == 404
    assert not Ticket.objects.exists()


def test_a_refused_submission_keeps_the_mail_held_and_says_why(client, alice, held, settings):
    from walletdesk.tickets.errors import TicketError

    client.force_login(alice)
    alice.email_verified_at = None
    alice.save(update_fields=["email_verified_at"])

    response = client.post(_url(held), {"decision": "confirm"})

    assert response.status_code == 400
    assert str(TicketError(TicketError.Code.UNVERIFIED_EMAIL).message) in response.content.decode()
    held.refresh_from_db()
    assert held.state == HeldMail.State.PENDING
    assert not Ticket.objects.exists()


def test_the_confirmation_mail_went_to_the_account(held):
    assert [m.to for m in outbox.outbox] == [["alice@example.com"]]


def test_a_mail_held_after_a_visit_shows_on_the_next_one(
    client, alice, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    assert "等待您确认的邮件" not in client.get(reverse("portal:list")).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        inbound_message_accept(eml("17_new_ticket_utf8.eml", signed=False))

    assert "等待您确认的邮件" in client.get(reverse("portal:list")).content.decode()

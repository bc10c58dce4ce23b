"""A From: header is a claim: staff replies and new tickets need proof of who sent them.

Each test here would have passed a forged mail before: a "From: agent" mail became a staff
reply, a "From: customer" mail opened a ticket in that customer's account.
"""

import logging

import pytest
from django.core import mail as outbox

from walletdesk.inbound.errors import HeldMailError
from walletdesk.inbound.models import HeldMail, InboundMessage
from walletdesk.inbound.services import (
    MAX_PENDING_HELD,
    held_ticket_confirm,
    held_ticket_decline,
    inbound_message_accept,
)
from walletdesk.inbound.tests.mail import authenticated, eml
from walletdesk.notifications.addresses import agent_reply_address, ticket_reply_address
from walletdesk.tickets.models import Message, Ticket, TicketEvent

State = InboundMessage.State
pytestmark = pytest.mark.django_db


# --- staff: never by a bare From: ----------------------------------------------------------


def test_forged_agent_from_is_held_not_posted_with_a_staff_badge(alice_ticket, carol, caplog):
    raw = eml("21_agent_reply.eml", signed=False, REPLY_ADDRESS=ticket_reply_address(alice_ticket))

    with caplog.at_level(logging.WARNING, logger="walletdesk.inbound.services"):
        log = inbound_message_accept(raw)

    assert log.state == State.HELD
    assert log.reason == "staff_unauthenticated"
    assert not alice_ticket.messages.exists()
    assert not Message.objects.filter(author_role=Message.AuthorRole.AGENT).exists()
    assert not alice_ticket.events.filter(kind=TicketEvent.Kind.AGENT_REPLIED).exists()
    held = HeldMail.objects.get()
    assert (held.kind, held.state, held.user, held.ticket) == (
        HeldMail.Kind.STAFF_REPLY,
        HeldMail.State.REFUSED,
        carol,
        alice_ticket,
    )
    assert held.raw == b""  # nothing of a forged staff mail's text is kept
    assert "staff From: and no authentication held" in caplog.text
    assert outbox.outbox == []


@pytest.mark.parametrize(
    "results",
    [
        "dmarc=fail header.from={domain}",
        "spf=pass smtp.mailfrom=carol@{domain}",  # SPF alone is not enough for staff
        "dkim=pass header.d=attacker.example",
    ],
)
def test_staff_reply_with_weak_or_failed_authentication_is_held(alice_ticket, carol, results):
    raw = eml("21_agent_reply.eml", signed=False, REPLY_ADDRESS=ticket_reply_address(alice_ticket))

    log = inbound_message_accept(authenticated(raw, results))

    assert log.state == State.HELD
    assert not alice_ticket.messages.exists()


def test_staff_pass_under_a_foreign_authserv_id_is_held(alice_ticket, carol):
    raw = eml("21_agent_reply.eml", signed=False, REPLY_ADDRESS=ticket_reply_address(alice_ticket))
    raw = authenticated(raw, authserv_id="mx.attacker.example")

    assert inbound_message_accept(raw).state == State.HELD
    assert not alice_ticket.messages.exists()


def test_authenticated_agent_reply_still_works(alice_ticket, carol):
    raw = eml(
        "21_agent_reply.eml",
        signed=False,
        REPLY_ADDRESS=ticket_reply_address(alice_ticket),
    )
    raw = authenticated(raw, "dkim=pass header.d={domain} header.s=s1")

    log = inbound_message_accept(raw)

    assert log.state == State.REPLY_ADDED
    message = alice_ticket.messages.get()
    assert (message.author, message.author_role) == (carol, Message.AuthorRole.AGENT)
    assert not HeldMail.objects.exists()


def test_agent_reply_to_their_own_reply_address_needs_no_dmarc(alice_ticket, carol):
    address = agent_reply_address(alice_ticket, carol)
    raw = eml("21_agent_reply.eml", signed=False, REPLY_ADDRESS=address)

    log = inbound_message_accept(raw)

    assert log.state == State.REPLY_ADDED
    assert alice_ticket.messages.get().author == carol


def test_another_agents_reply_address_does_not_vouch(alice_ticket, carol, erin):
    # erin's own address, with carol in the From:
    raw = eml(
        "21_agent_reply.eml", signed=False, REPLY_ADDRESS=agent_reply_address(alice_ticket, erin)
    )

    assert inbound_message_accept(raw).state == State.HELD
    assert not alice_ticket.messages.exists()


def test_a_new_reply_key_revokes_the_addresses_sent_before(alice_ticket, carol):
    address = agent_reply_address(alice_ticket, carol)
    carol.mail_reply_key = "replaced"
    carol.save(update_fields=["mail_reply_key"])

    raw = eml("21_agent_reply.eml", signed=False, REPLY_ADDRESS=address)

    assert inbound_message_accept(raw).state == State.HELD


def test_an_agent_tag_for_another_ticket_does_not_vouch(alice_ticket, carol, bob):
    from walletdesk.tickets.tests.factories import TicketFactory

    other = TicketFactory(requester=bob)
    own = agent_reply_address(other, carol)
    tag = own.split("@")[0].rsplit(".", 1)[1]
    forged = ticket_reply_address(alice_ticket).replace("@", f".{tag}@")

    raw = eml("21_agent_reply.eml", signed=False, REPLY_ADDRESS=forged)

    assert inbound_message_accept(raw).state == State.HELD
    assert not alice_ticket.messages.exists()


def test_forged_agent_mail_to_the_support_address_opens_nothing(carol):
    raw = eml("17_new_ticket_utf8.eml", signed=False).replace(
        b"Alice <alice@example.com>", b"Carol <carol@walletdesk.example>"
    )

    log = inbound_message_accept(raw)

    assert log.state == State.HELD
    assert not Ticket.objects.exists()


# --- customers: a new ticket from an unproven sender waits for its account holder ------------


def test_forged_customer_new_ticket_is_held_and_the_account_asked(alice):
    log = inbound_message_accept(eml("17_new_ticket_utf8.eml", signed=False))

    assert log.state == State.HELD
    assert log.reason == "unconfirmed"
    assert not Ticket.objects.exists()
    held = HeldMail.objects.get()
    assert (held.kind, held.state, held.user) == (
        HeldMail.Kind.NEW_TICKET,
        HeldMail.State.PENDING,
        alice,
    )
    assert held.subject == "充值没有到账 (TRC20)"
    (notice,) = outbox.outbox
    assert notice.to == ["alice@example.com"]
    assert f"/tickets/held/{held.pk}/" in notice.body
    assert "确认" in notice.subject
    # The mail's own words are not repeated in ours: they may be a phisher's.
    assert "USDT" not in notice.body


def test_confirming_a_held_mail_opens_the_ticket_through_the_submission_path(alice):
    inbound_message_accept(eml("17_new_ticket_utf8.eml", signed=False))
    held = HeldMail.objects.get()

    outcome = held_ticket_confirm(held=held, user=alice)

    ticket = Ticket.objects.get()
    assert outcome.ticket == ticket
    assert ticket.requester == alice
    assert ticket.subject == "充值没有到账 (TRC20)"
    assert "充值 50 USDT（TRC20）" in ticket.description
    assert ticket.category.slug == "other"
    assert ticket.events.filter(kind=TicketEvent.Kind.CREATED).exists()
    held.refresh_from_db()
    assert (held.state, held.ticket, bytes(held.raw)) == (HeldMail.State.CONFIRMED, ticket, b"")
    log = InboundMessage.objects.get()
    assert (log.state, log.ticket) == (State.TICKET_OPENED, ticket)


def test_declining_a_held_mail_discards_it(alice):
    inbound_message_accept(eml("17_new_ticket_utf8.eml", signed=False))
    held = HeldMail.objects.get()

    held_ticket_decline(held=held, user=alice)

    assert not Ticket.objects.exists()
    held.refresh_from_db()
    assert (held.state, bytes(held.raw)) == (HeldMail.State.DECLINED, b"")
    with pytest.raises(HeldMailError):
        held_ticket_confirm(held=held, user=alice)
    assert not Ticket.objects.exists()


def test_a_held_mail_is_confirmed_once_and_only_by_its_account(alice, bob):
    inbound_message_accept(eml("17_new_ticket_utf8.eml", signed=False))
    held = HeldMail.objects.get()

    with pytest.raises(HeldMailError):
        held_ticket_confirm(held=held, user=bob)
    held_ticket_confirm(held=held, user=alice)
    with pytest.raises(HeldMailError):
        held_ticket_confirm(held=held, user=alice)

    assert Ticket.objects.count() == 1


def test_mail_after_too_many_held_is_refused_silently(alice):
    raw = eml("17_new_ticket_utf8.eml", signed=False)
    for n in range(MAX_PENDING_HELD + 1):
        inbound_message_accept(raw.replace(b"fixture-17@", f"fixture-17-{n}@".encode()))

    assert HeldMail.objects.count() == MAX_PENDING_HELD
    last = InboundMessage.objects.order_by("-created_at").first()
    assert (last.state, last.reason) == (State.REFUSED, "too_many_held")


@pytest.mark.parametrize(
    "results",
    [
        "dmarc=pass header.from={domain}",
        "dkim=pass header.d={domain}",
        "spf=pass smtp.mailfrom=alice@{domain}",
    ],
)
def test_authenticated_customer_mail_opens_a_ticket_directly(alice, results):
    raw = authenticated(eml("17_new_ticket_utf8.eml", signed=False), results)

    log = inbound_message_accept(raw)

    assert log.state == State.TICKET_OPENED
    assert log.ticket.requester == alice
    assert not HeldMail.objects.exists()
    created = log.ticket.events.get(kind=TicketEvent.Kind.CREATED)
    assert created.from_value == "email"


def test_unauthenticated_unverified_sender_is_told_to_verify_not_held(db):
    from walletdesk.accounts.tests.factories import UserFactory

    UserFactory(email="newbie@example.com", email_verified_at=None)

    log = inbound_message_accept(eml("23_unverified_sender.eml", signed=False))

    assert log.reason == "unverified"
    assert not HeldMail.objects.exists()


# --- customer replies: the signed reply address is possession of our mail ------------------


def test_requester_reply_to_the_signed_address_needs_no_authentication(alice_ticket):
    raw = eml("02_reply_gbk_qp.eml", signed=False, REPLY_ADDRESS=ticket_reply_address(alice_ticket))

    log = inbound_message_accept(raw)

    assert log.state == State.REPLY_ADDED
    assert alice_ticket.messages.get().author_role == Message.AuthorRole.CUSTOMER


def test_another_customer_on_the_signed_address_cannot_post(alice_ticket, bob):
    raw = eml(
        "20_wrong_sender_reply_address.eml",
        signed=False,
        REPLY_ADDRESS=ticket_reply_address(alice_ticket),
    )

    log = inbound_message_accept(raw)

    assert log.state == State.REFUSED
    assert not alice_ticket.messages.exists()


def test_unauthenticated_reply_threaded_only_by_an_inbound_message_id_is_refused(alice):
    first = inbound_message_accept(eml("17_new_ticket_utf8.eml"))
    raw = eml(
        "06_reply_outlook_en_thread.eml",
        signed=False,
        OUR_MESSAGE_ID="<fixture-17@mail.example.com>",
    ).replace(b"Bob <bob@example.com>", b"alice@example.com", 1)

    log = inbound_message_accept(raw)

    assert (log.state, log.reason) == (State.REFUSED, "unauthenticated")
    assert not first.ticket.messages.exists()


def test_held_mail_nobody_confirmed_expires_and_its_text_is_dropped(alice):
    import time_machine
    from django.utils import timezone

    from walletdesk.inbound.services import HOLD_FOR
    from walletdesk.inbound.tasks import held_mail_expire_task

    inbound_message_accept(eml("17_new_ticket_utf8.eml", signed=False))
    held = HeldMail.objects.get()

    assert held_mail_expire_task() == 0
    with time_machine.travel(timezone.now() + HOLD_FOR + HOLD_FOR / 100, tick=False):
        assert held_mail_expire_task() == 1
        with pytest.raises(HeldMailError):
            held_ticket_confirm(held=held, user=alice)

    held.refresh_from_db()
    assert (held.state, bytes(held.raw)) == (HeldMail.State.DECLINED, b"")
    assert not Ticket.objects.exists()


def test_an_unauthenticated_new_mail_holding_a_phrase_is_not_kept(alice):
    from walletdesk.guard.models import SecretCatch

    raw = eml(
        "09_reply_secret_phrase.eml", signed=False, REPLY_ADDRESS="support@walletdesk.localhost"
    )

    log = inbound_message_accept(raw)

    assert (log.state, log.reason) == (State.REFUSED, "secret_not_held")
    assert not HeldMail.objects.exists()
    assert not Ticket.objects.exists()
    catch = SecretCatch.objects.get()
    assert (catch.channel, catch.user) == (SecretCatch.Channel.EMAIL, alice)
    (notice,) = outbox.outbox
    assert notice.to == ["alice@example.com"]
    assert "abandon" not in notice.body
    assert "其中含有助记词或私钥，因此我们没有保留这封邮件。" in notice.body

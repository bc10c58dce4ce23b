"""The same submission through each door — the portal form, the REST API, an e-mail — gives
the same outcome: the stored ticket or message, its files, its events, its notifications and
the secret guard's record. Only what the channel must decide differs: e-mail cannot ask back,
so a secret is stored masked there instead of refused."""

from email.message import EmailMessage
from email.utils import make_msgid

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from walletdesk.accounts.models import User
from walletdesk.accounts.tests.factories import UserFactory
from walletdesk.api.tests.helpers import token_client
from walletdesk.attachments.tests import corpus
from walletdesk.guard.models import SecretCatch
from walletdesk.inbound.services import inbound_message_accept
from walletdesk.inbound.tests.mail import authenticated
from walletdesk.notifications.addresses import ticket_reply_address
from walletdesk.notifications.models import Notification
from walletdesk.tickets.models import Message, Ticket, TicketEvent
from walletdesk.tickets.services import ticket_assign
from walletdesk.tickets.tests.factories import TicketFactory

pytestmark = pytest.mark.django_db

SUBJECT = "转账后余额没有变化"
DESCRIPTION = "昨天下午转出 50 USDT，钱包余额一直没有变化，请帮忙查一下。"
PHRASE = "abandon amount liar amount expire adjust cage candy arch gather drum buyer"
DOORS = ("web", "api", "email")


def _png() -> SimpleUploadedFile:
    return SimpleUploadedFile("转账截图.png", corpus.png(), content_type="image/png")


def _mail(user: User, *, to: str, subject: str, body: str, with_file: bool) -> bytes:
    mail = EmailMessage()
    mail["From"] = user.email
    mail["To"] = to
    mail["Subject"] = subject
    mail["Message-ID"] = make_msgid(domain="mail.example.com")
    mail.set_content(body)
    if with_file:
        mail.add_attachment(corpus.png(), maintype="image", subtype="png", filename="转账截图.png")
    # As our receiving server hands it on: the sender's domain passed DMARC.
    return authenticated(mail.as_bytes())


def open_ticket(door: str, user: User, *, description: str = DESCRIPTION) -> None:
    if door == "web":
        client = Client()
        client.force_login(user)
        client.post(
            reverse("portal:create", args=["other"]),
            {"subject": SUBJECT, "description": description, "attachments": [_png()]},
        )
    elif door == "api":
        token_client(user).post(
            "/api/v1/tickets",
            {
                "category": "other",
                "subject": SUBJECT,
                "description": description,
                "attachments": [_png()],
            },
            format="multipart",
        )
    else:
        raw = _mail(
            user, to=settings.SUPPORT_ADDRESS, subject=SUBJECT, body=description, with_file=True
        )
        inbound_message_accept(raw)


def reply(door: str, user: User, ticket: Ticket, body: str) -> None:
    if door == "web":
        client = Client()
        client.force_login(user)
        client.post(
            reverse("portal:reply", args=[ticket.reference]),
            {"body": body, "attachments": [_png()]},
        )
    elif door == "api":
        token_client(user).post(
            f"/api/v1/tickets/{ticket.reference}/replies",
            {"body": body, "attachments": [_png()]},
            format="multipart",
        )
    else:
        raw = _mail(
            user,
            to=ticket_reply_address(ticket),
            subject=f"Re: {ticket.subject}",
            body=body,
            with_file=True,
        )
        inbound_message_accept(raw)


def _door_named(event: TicketEvent, user: User) -> str:
    """A "created" event's channel, read as "the door this person used" (people are named
    after their door), so the outcomes compare equal only when each names its own door."""
    if event.kind == TicketEvent.Kind.CREATED and event.from_value == user.email.split("@")[0]:
        return "<the door it came through>"
    return event.from_value


def ticket_outcome(user: User) -> dict:
    """Everything a new ticket left behind, without the ids that differ between people."""
    ticket = Ticket.objects.get(requester=user)
    return {
        "ticket": (
            ticket.category.slug,
            ticket.subject,
            ticket.description,
            ticket.status,
            ticket.priority,
            ticket.intake_score,
            ticket.intake_flags,
        ),
        "files": sorted(
            (a.kind, a.display_name, a.message_id, a.is_internal, a.scan_state)
            for a in ticket.attachments.all()
        ),
        # The one difference a door makes: the "created" event names it (for the reports).
        "events": [
            (e.kind, e.actor_id == user.pk, _door_named(e, user), e.to_value)
            for e in ticket.events.order_by("id")
        ],
        "notifications": sorted(
            (n.kind, n.channel, n.recipient_id == user.pk) for n in Notification.objects.all()
        ),
    }


@pytest.fixture
def people() -> dict[str, User]:
    """One verified customer per door, each writing in Chinese."""
    return {door: UserFactory(email=f"{door}@example.com") for door in DOORS}


def test_a_new_ticket_is_the_same_whichever_door_it_came_through(people):
    outcomes = {}
    for door, user in people.items():
        open_ticket(door, user)
        outcomes[door] = ticket_outcome(user)
        Notification.objects.all().delete()

    assert outcomes["web"]["files"] == [("png", "转账截图.png", None, False, "not_scanned")]
    assert outcomes["api"] == outcomes["web"]
    assert outcomes["email"] == outcomes["web"]


def test_a_reply_is_the_same_whichever_door_it_came_through(people, carol):
    outcomes = {}
    for door, user in people.items():
        ticket = TicketFactory(requester=user, subject=SUBJECT)
        ticket_assign(ticket=ticket, assignee=carol, actor=carol)
        Notification.objects.all().delete()

        reply(door, user, ticket, "交易哈希在截图里。")

        message = Message.objects.get(ticket=ticket)
        outcomes[door] = {
            "message": (message.body, message.author_role, message.is_internal),
            "files": sorted(
                (a.kind, a.display_name, a.message_id == message.pk, a.is_internal)
                for a in ticket.attachments.all()
            ),
            "events": [
                (e.kind, e.actor_id == user.pk)
                for e in ticket.events.order_by("id")
                if e.kind != "assigned"
            ],
            "notifications": sorted(
                (n.kind, n.channel, n.recipient_id == carol.pk) for n in Notification.objects.all()
            ),
        }

    assert outcomes["web"]["notifications"], "the assigned agent hears of the reply"
    assert outcomes["api"] == outcomes["web"]
    assert outcomes["email"] == outcomes["web"]


def test_a_secret_is_caught_the_same_way_and_recorded_on_its_own_channel(people):
    for door, user in people.items():
        open_ticket(door, user, description=f"我的助记词是 {PHRASE}，请帮我找回资产。")

    catches = {
        c.channel: (c.fields, c.kinds, c.was_masked, c.user_id) for c in SecretCatch.objects.all()
    }
    assert catches == {
        "web": (["description"], ["recovery_phrase"], False, people["web"].pk),
        "api": (["description"], ["recovery_phrase"], False, people["api"].pk),
        "email": (["description"], ["recovery_phrase"], True, people["email"].pk),
    }
    # Web and API refuse and keep nothing; e-mail, which cannot ask back, stores it masked.
    assert list(Ticket.objects.values_list("requester__email", flat=True)) == [
        people["email"].email
    ]
    assert "abandon" not in Ticket.objects.get().description

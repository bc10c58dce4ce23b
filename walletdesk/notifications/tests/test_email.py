"""The e-mail channel: every kind of notification is built by core.mail, in its recipient's
language, with the headers that thread it and let people unsubscribe."""

import pytest

from walletdesk.accounts.tests.factories import AgentFactory, UserFactory
from walletdesk.notifications.addresses import reply_token_parse
from walletdesk.notifications.channels.email import email_build
from walletdesk.notifications.models import FORUM_KINDS, Channel, Kind, Notification
from walletdesk.testing.mail import assert_mail_in, mail_parts
from walletdesk.tickets.models import Message, Status, TicketEvent
from walletdesk.tickets.tests.factories import TicketFactory, reason

pytestmark = pytest.mark.django_db

# Kinds that go to the agent working the ticket; the others go to its requester.
FOR_AGENTS = {Kind.ASSIGNED, Kind.CUSTOMER_REPLIED}
WORDS = {
    "zh-hans": {"name": "小王", "subject": "提现一直显示处理中", "body": "请提供交易哈希"},
    "en": {"name": "Sam", "subject": "Withdrawal still pending", "body": "Please send the hash"},
}


def _notification(kind: str, language: str) -> Notification:
    words = WORDS[language]
    requester = UserFactory(display_name=words["name"], language=language)
    agent = AgentFactory(display_name=words["name"], language=language)
    rejected = kind == Kind.REJECTED
    ticket = TicketFactory(
        requester=requester,
        subject=words["subject"],
        status=Status.REJECTED if rejected else Status.OPEN,
        rejection_reason=reason() if rejected else None,
    )
    Message.objects.create(
        ticket=ticket, author=agent, author_role=Message.AuthorRole.AGENT, body=words["body"]
    )
    Message.objects.create(
        ticket=ticket,
        author=requester,
        author_role=Message.AuthorRole.CUSTOMER,
        body=words["body"],
    )
    event = TicketEvent.objects.create(
        ticket=ticket,
        actor=agent,
        kind=TicketEvent.Kind.AGENT_REPLIED,
        reason=words["body"] if rejected else "",
    )
    notification: Notification = Notification.objects.create(
        recipient=agent if kind in FOR_AGENTS else requester,
        kind=kind,
        channel=Channel.EMAIL,
        ticket=ticket,
        event=event,
    )
    return notification


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("kind", sorted(set(Kind.values) - FORUM_KINDS))
def test_every_ticket_kind_is_built_in_the_recipients_language(kind, language):
    notification = _notification(kind, language)

    message = email_build(notification)

    assert_mail_in(message, language)
    reference = notification.ticket.reference
    assert message.subject.startswith(f"[{reference}] ")
    assert message.to == [notification.recipient.email]
    parts = mail_parts(message)
    for part in ("text", "html"):
        assert WORDS[language]["name"] in parts[part]
        assert f"/tickets/{reference}/" in parts[part]
        assert "/notifications/unsubscribe/" in parts[part]
    if kind in {Kind.AGENT_REPLIED, Kind.INFO_REQUESTED, Kind.RESOLVED, Kind.CUSTOMER_REPLIED}:
        assert WORDS[language]["body"] in parts["text"]
    if kind == Kind.REJECTED:
        rejection = notification.ticket.rejection_reason
        title = rejection.title_zh if language == "zh-hans" else rejection.title_en
        assert title in parts["text"]
        assert title in parts["html"]


def test_the_mail_is_threaded_and_answerable():
    notification = _notification(Kind.AGENT_REPLIED, "en")

    message = email_build(notification)

    headers = message.extra_headers
    assert headers["Message-ID"] == f"<n-{notification.pk}@walletdesk.localhost>"
    thread = f"<ticket-{notification.ticket_id}@walletdesk.localhost>"
    assert headers["In-Reply-To"] == headers["References"] == thread
    assert headers["Auto-Submitted"] == "auto-generated"
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert headers["X-WalletDesk-Ticket"] == notification.ticket.reference
    assert reply_token_parse(message.reply_to[0]) == notification.ticket.reference

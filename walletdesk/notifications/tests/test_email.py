"""The e-mail channel: every kind of notification is built by core.mail, in its recipient's
language, with the headers that thread it and let people unsubscribe."""

import pytest
from django.conf import settings
from django.urls import reverse

from walletdesk.accounts.tests.factories import AgentFactory, UserFactory
from walletdesk.community import services as community
from walletdesk.community.tests.factories import PostFactory, TopicFactory
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
# A forum mail names the topic and links to the post; the post's text stays on the site.
FORUM_WORDS = {
    "zh-hans": {
        "title": "USDT 提现两小时未到账",
        "post": "换成 TRC20 网络就到账了",
        "reply_here": "请在社区中回复，不要直接回复本邮件。",
    },
    "en": {
        "title": "USDT withdrawal pending for two hours",
        "post": "Switch to the TRC20 network and it arrives",
        "reply_here": "Reply on the forum, not to this e-mail.",
    },
}


def _forum_notification(kind: str, language: str) -> Notification:
    """The e-mail row the forum itself writes for ``kind`` (through its services), with the
    post it is about; its recipient writes in ``language``."""
    words = FORUM_WORDS[language]
    recipient = UserFactory(display_name=WORDS[language]["name"], language=language)
    other = UserFactory(display_name="Lee", language=language)
    asks = kind in (Kind.FORUM_ANSWER, Kind.FORUM_TOPIC_REPLY)
    asker, answerer = (recipient, other) if asks else (other, recipient)
    topic = TopicFactory(author=asker, title=words["title"])
    if kind == Kind.FORUM_ANSWER:
        community.post_add(topic=topic, author=answerer, body=words["post"])
    elif kind == Kind.FORUM_REPLY:
        answer = PostFactory(topic=topic, author=answerer, body=words["post"])
        community.post_add(topic=topic, author=asker, body=words["post"], parent=answer)
    elif kind == Kind.FORUM_TOPIC_REPLY:
        # The answerer replies under their own answer in the recipient's question.
        answer = PostFactory(topic=topic, author=answerer, body=words["post"])
        community.post_add(topic=topic, author=answerer, body=words["post"], parent=answer)
    else:
        answer = PostFactory(topic=topic, author=answerer, body=words["post"])
        community.answer_accept(topic=topic, post=answer, actor=asker)
    notification: Notification = Notification.objects.get(
        recipient=recipient, kind=kind, channel=Channel.EMAIL
    )
    return notification


def _notification(kind: str, language: str) -> Notification:
    if kind in FORUM_KINDS:
        return _forum_notification(kind, language)
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


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("kind", sorted(FORUM_KINDS))
def test_every_forum_kind_is_built_in_the_recipients_language(kind, language):
    notification = _forum_notification(kind, language)
    words = FORUM_WORDS[language]

    message = email_build(notification)

    assert_mail_in(message, language)
    assert message.to == [notification.recipient.email]
    parts = mail_parts(message)
    assert words["title"] in parts["subject"]
    post_url = f"{settings.SITE_URL}{notification.link}"
    assert notification.link.startswith(
        reverse("community:portal-topic", args=[_topic(notification)])
    )
    assert "#post-" in notification.link
    for part in ("text", "html"):
        assert WORDS[language]["name"] in parts[part]
        assert words["title"] in parts[part]
        assert post_url in parts[part]
        assert words["reply_here"] in parts[part]
        assert f"{settings.SITE_URL}/notifications/unsubscribe/" in parts[part]
        assert "/tickets/" not in parts[part]
    for part in parts.values():
        assert words["post"] not in part


def _topic(notification: Notification) -> str:
    return notification.thread.removeprefix("topic-")


def test_a_forum_mail_threads_per_topic_and_has_no_reply_address():
    notification = _forum_notification(Kind.FORUM_ANSWER, "en")
    second = _forum_notification(Kind.FORUM_ACCEPTED, "en")

    message = email_build(notification)

    headers = message.extra_headers
    assert headers["Message-ID"] == f"<n-{notification.pk}@walletdesk.localhost>"
    thread = f"<topic-{_topic(notification)}@walletdesk.localhost>"
    assert notification.link.startswith(f"/community/t/{_topic(notification)}/")
    assert headers["In-Reply-To"] == headers["References"] == thread
    assert email_build(second).extra_headers["References"] != thread  # another topic
    assert headers["Auto-Submitted"] == "auto-generated"
    assert headers["List-Unsubscribe"].startswith(
        f"<{settings.SITE_URL}/notifications/unsubscribe/"
    )
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.reply_to == []
    assert "X-WalletDesk-Ticket" not in headers
    assert "Reply-To" not in message.message()


def test_a_forum_mail_never_links_off_the_site():
    notification = _forum_notification(Kind.FORUM_REPLY, "en")
    notification.link = "//evil.example/login"

    parts = mail_parts(email_build(notification))

    for part in ("text", "html"):
        assert "evil.example" not in parts[part]
        assert f"{settings.SITE_URL}/notifications/" in parts[part]

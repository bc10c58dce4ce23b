"""Notifications about no ticket (the forum's): written by notification_forum_create, shown
in the same list and bell as a ticket's, opened to their page; in the app and by mail."""

import json

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from walletdesk.accounts.tests.factories import UserFactory
from walletdesk.community import services as community
from walletdesk.community.models import Post, Visibility
from walletdesk.community.tests.factories import PostFactory, TopicFactory
from walletdesk.notifications import services
from walletdesk.notifications.channels.email import NotAboutATicketError, email_build
from walletdesk.notifications.channels.webhook import webhook_payload
from walletdesk.notifications.delivery import Outcome, notification_deliver
from walletdesk.notifications.models import (
    Channel,
    Kind,
    Notification,
    NotificationPreference,
    State,
)
from walletdesk.notifications.tests.factories import forum_notification, inapp_notification

ANSWER = "换成 TRC20 网络就到账了"


def _topic_link(topic) -> str:
    return reverse("community:portal-topic", args=[topic.pk])


def _create(recipient, *, actor=None, source="forum-post:1", kind=Kind.FORUM_ANSWER):
    return services.notification_forum_create(
        recipient=recipient, kind=kind, actor=actor, link="/community/", source=source
    )


def test_bob_cannot_see_alices_ticket(client, bob, alice_ticket):
    client.force_login(bob)

    response = client.get(reverse("portal:detail", args=[alice_ticket.reference]))

    assert response.status_code == 404


# --- the service ---------------------------------------------------------------------------


def test_a_forum_notification_is_written_once_per_recipient_kind_source_and_channel(alice, bob):
    first = _create(alice, actor=bob)
    again = _create(alice, actor=bob)
    other_post = _create(alice, actor=bob, source="forum-post:2")

    assert [n.channel for n in first] == [Channel.INAPP, Channel.EMAIL]
    assert [n.channel for n in other_post] == [Channel.INAPP, Channel.EMAIL]
    assert again == []
    assert Notification.objects.filter(recipient=alice).count() == 4
    inapp, email = first
    assert inapp.state == State.SENT
    assert inapp.sent_at is not None
    assert email.state == State.PENDING
    assert email.sent_at is None
    for row in first:
        assert row.ticket_id is None
        assert row.event_id is None


def test_a_channel_not_yet_told_is_told_without_repeating_the_other(alice, bob):
    # Told in the app before mail existed: the mail still goes, the app is not told twice.
    forum_notification(recipient=alice, source="forum-post:1")

    written = _create(alice, actor=bob)

    assert [n.channel for n in written] == [Channel.EMAIL]
    assert Notification.objects.filter(recipient=alice, channel=Channel.INAPP).count() == 1


def test_nobody_is_told_of_their_own_action_nor_an_inactive_account(alice):
    gone = UserFactory(is_active=False)

    assert _create(alice, actor=alice) == []
    assert _create(gone, actor=alice) == []
    assert not Notification.objects.exists()


def test_a_ticket_kind_is_refused(alice):
    with pytest.raises(ValueError, match="agent_replied"):
        _create(alice, kind=Kind.AGENT_REPLIED)


# --- the list, the bell, opening ------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "words"),
    [("zh-hans", ["有人回答了您的问题", "社区"]), ("en", ["Someone answered your question"])],
)
def test_the_list_shows_a_forum_notification_in_the_users_language(client, alice, language, words):
    alice.language = language
    alice.save(update_fields=["language"])
    note = forum_notification(recipient=alice, link=_topic_link(TopicFactory(author=alice)))
    client.force_login(alice)

    response = client.get(reverse("notifications:list"))

    assert response.status_code == 200
    assert [n.pk for n in response.context["items"]] == [note.pk]
    page = response.content.decode()
    for word in words:
        assert word in page
    assert reverse("notifications:open", args=[note.pk]) in page
    assert "data-bell-count" in page


def test_the_english_list_calls_it_community(client, alice):
    alice.language = "en"
    alice.save(update_fields=["language"])
    forum_notification(recipient=alice)
    client.force_login(alice)

    page = client.get(reverse("notifications:list")).content.decode()

    assert "Someone answered your question · Community" in page


def test_opening_a_forum_notification_marks_it_read_and_goes_to_the_topic(client, alice):
    topic = TopicFactory(author=alice)
    note = forum_notification(recipient=alice, link=_topic_link(topic) + "#post-x")
    client.force_login(alice)

    response = client.post(reverse("notifications:open", args=[note.pk]))

    assert response.status_code == 302
    assert response["Location"] == _topic_link(topic) + "#post-x"
    note.refresh_from_db()
    assert note.read_at is not None
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("link", ["", "https://evil.example/", "//evil.example/x", "javascript:x"])
def test_a_link_off_the_site_is_never_followed(client, alice, link):
    note = forum_notification(recipient=alice, link=link)
    client.force_login(alice)

    response = client.post(reverse("notifications:open", args=[note.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("notifications:list")


def test_bob_cannot_open_alices_forum_notification(client, alice, bob):
    note = forum_notification(recipient=alice)
    client.force_login(bob)

    response = client.post(reverse("notifications:open", args=[note.pk]))

    assert response.status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_an_agent_sees_their_forum_notifications_beside_their_tickets(client, carol):
    carol.language = "en"
    carol.save(update_fields=["language"])
    note = forum_notification(recipient=carol, kind=Kind.FORUM_ACCEPTED)
    client.force_login(carol)

    response = client.get(reverse("notifications:list"))

    assert [n.pk for n in response.context["items"]] == [note.pk]
    assert "Your answer was accepted" in response.content.decode()


@pytest.mark.parametrize("size", [2, 30])
def test_list_query_budget_holds_with_forum_rows(client, alice, size, django_assert_num_queries):
    for index in range(size):
        if index % 2:
            forum_notification(recipient=alice)
        else:
            inapp_notification(recipient=alice)
    client.force_login(alice)

    # session, user, the list (tickets joined where there are any), the bell's COUNT, the
    # footer's contact channels
    with django_assert_num_queries(5):
        response = client.get(reverse("notifications:list"))

    assert len(response.context["items"]) == size


def test_mark_all_read_clears_forum_rows_too(client, alice):
    forum_notification(recipient=alice)
    client.force_login(alice)

    client.post(reverse("notifications:read-all"))

    assert not Notification.objects.filter(recipient=alice).unread_inapp().exists()


# --- preferences ------------------------------------------------------------------------------


def test_preferences_offer_the_forum_kinds_in_the_app_and_by_mail_not_by_push(client, alice):
    client.force_login(alice)

    response = client.get(reverse("notifications:preferences"))

    names = {name for _, cells in response.context["rows"] for _, name, _ in cells}
    for kind in ("forum_answer", "forum_accepted", "forum_reply", "forum_topic_reply"):
        assert f"{kind}:inapp" in names
        assert f"{kind}:email" in names
        assert f"{kind}:webhook" not in names
    page = response.content.decode()
    assert 'name="forum_answer:email" checked' in page  # on until turned off
    assert 'name="agent_replied:webhook"' in page


def test_the_preferences_page_saves_the_forum_mail_switch(client, alice, bob):
    client.force_login(alice)
    page = client.get(reverse("notifications:preferences"))
    ticked = {name: "on" for _, cells in page.context["rows"] for _, name, on in cells if on}
    del ticked["forum_answer:email"]

    response = client.post(reverse("notifications:preferences"), ticked)

    assert response.status_code == 302
    off = NotificationPreference.objects.filter(user=alice, enabled=False)
    assert set(off.values_list("kind", "channel")) == {("forum_answer", "email")}
    shown = client.get(reverse("notifications:preferences")).content.decode()
    assert 'name="forum_answer:email" checked' not in shown
    assert 'name="forum_answer:inapp" checked' in shown
    assert [n.channel for n in _create(alice, actor=bob)] == [Channel.INAPP]
    written = _create(alice, actor=bob, kind=Kind.FORUM_ACCEPTED)
    assert [n.channel for n in written] == [Channel.INAPP, Channel.EMAIL]


def test_turning_the_forum_kind_off_in_the_app_is_honoured(client, alice, bob):
    client.force_login(alice)
    ticked = {"agent_replied:inapp": "on", "forum_accepted:inapp": "on"}

    client.post(reverse("notifications:preferences"), ticked)

    assert _create(alice, actor=bob, kind=Kind.FORUM_ANSWER) == []
    written = _create(alice, actor=bob, kind=Kind.FORUM_ACCEPTED)
    assert [n.channel for n in written] == [Channel.INAPP]


# --- channels that speak of tickets -----------------------------------------------------------


def test_the_push_payload_of_a_ticketless_row_names_no_ticket(alice):
    note = forum_notification(recipient=alice)

    payload = json.loads(webhook_payload(note))

    assert payload["ticket"] is None
    assert payload["kind"] == Kind.FORUM_ANSWER


def test_mail_for_a_ticket_kind_without_a_ticket_is_refused_and_delivery_records_it(alice):
    note = forum_notification(recipient=alice, kind=Kind.AGENT_REPLIED)
    Notification.objects.filter(pk=note.pk).update(channel=Channel.EMAIL, state=State.PENDING)
    note.refresh_from_db()

    with pytest.raises(NotAboutATicketError):
        email_build(note)
    outcome = notification_deliver(note.pk)

    assert outcome in (Outcome.RETRY, Outcome.FAILED)
    note.refresh_from_db()
    assert "NotAboutATicketError" in note.last_error


# --- by mail, as the forum writes them (community.services) -----------------------------------


def _mails(user, kind=Kind.FORUM_ANSWER):
    return list(Notification.objects.filter(recipient=user, kind=kind, channel=Channel.EMAIL))


def test_an_answer_tells_the_asker_in_the_app_and_by_mail_queued_on_commit(
    alice, bob, django_capture_on_commit_callbacks, monkeypatch
):
    queued = []
    monkeypatch.setattr(
        "walletdesk.notifications.services.notifications_queue", lambda ids: queued.extend(ids)
    )
    topic = TopicFactory(author=alice, title="提现一直处理中")

    with django_capture_on_commit_callbacks(execute=True):
        written = community.post_add(topic=topic, author=bob, body=ANSWER)
        assert queued == []

    rows = Notification.objects.filter(recipient=alice, kind=Kind.FORUM_ANSWER)
    assert sorted(rows.values_list("channel", flat=True)) == [Channel.EMAIL, Channel.INAPP]
    (email,) = _mails(alice)
    assert email.state == State.PENDING
    assert email.link.endswith(f"#post-{written.post.pk}")
    assert email.source == f"forum-post:{written.post.pk}"
    assert email.title == "提现一直处理中"
    assert email.thread == f"topic-{topic.pk}"
    assert queued == [email.pk]
    assert rows.get(channel=Channel.INAPP).title == ""  # the app's row holds nobody's text
    assert not Notification.objects.filter(recipient=bob).exists()


def test_no_mail_for_an_asker_who_turned_forum_answer_mail_off(alice, bob):
    NotificationPreference.objects.create(
        user=alice, kind=Kind.FORUM_ANSWER, channel=Channel.EMAIL, enabled=False
    )

    community.post_add(topic=TopicFactory(author=alice), author=bob, body=ANSWER)

    assert not _mails(alice)
    assert Notification.objects.get(recipient=alice).channel == Channel.INAPP


def test_no_mail_for_ones_own_answer(alice):
    community.post_add(topic=TopicFactory(author=alice), author=alice, body=ANSWER)

    assert not Notification.objects.exists()


def test_published_held_and_published_again_is_told_once_per_channel(alice, bob, carol):
    topic = TopicFactory(author=alice)
    written = community.post_add(topic=topic, author=bob, body=ANSWER)
    Post.objects.filter(pk=written.post.pk).update(visibility=Visibility.HELD)
    held = Post.objects.get(pk=written.post.pk)

    community.visibility_set(actor=carol, topic=topic, post=held, visible=True)

    rows = Notification.objects.filter(recipient=alice, kind=Kind.FORUM_ANSWER)
    assert sorted(rows.values_list("channel", flat=True)) == [Channel.EMAIL, Channel.INAPP]


def test_a_reply_and_an_accept_are_mailed_to_the_answers_author(alice, bob):
    answer = PostFactory(topic=TopicFactory(author=alice), author=bob)

    community.post_add(topic=answer.topic, author=alice, body="谢谢，已到账", parent=answer)
    community.answer_accept(topic=answer.topic, post=answer, actor=alice)

    assert len(_mails(bob, Kind.FORUM_REPLY)) == 1
    assert len(_mails(bob, Kind.FORUM_ACCEPTED)) == 1
    assert not _mails(alice, Kind.FORUM_REPLY)


def test_a_forum_mail_is_delivered_like_a_ticket_mail(alice, bob):
    topic = TopicFactory(author=alice, title="提现一直处理中")
    written = community.post_add(topic=topic, author=bob, body=ANSWER)
    (row,) = _mails(alice)

    outcome = notification_deliver(row.pk)

    assert outcome == Outcome.SENT
    assert notification_deliver(row.pk) == Outcome.SKIPPED
    (sent,) = mail.outbox
    assert sent.to == ["alice@example.com"]
    assert sent.subject == "[社区] 有人回答了您的问题：提现一直处理中"
    link = reverse("community:portal-topic", args=[topic.pk]) + f"#post-{written.post.pk}"
    assert f"{settings.SITE_URL}{link}" in sent.body
    assert ANSWER not in sent.body
    assert ANSWER not in sent.alternatives[0][0]
    assert "请在社区中回复，不要直接回复本邮件。" in sent.body
    assert sent.reply_to == []
    assert sent.extra_headers["Message-ID"] == f"<n-{row.pk}@walletdesk.localhost>"
    assert sent.extra_headers["References"] == f"<topic-{topic.pk}@walletdesk.localhost>"
    row.refresh_from_db()
    assert row.state == State.SENT
    assert row.attempts == 1
    assert row.title == ""  # someone's text is not kept once the mail has gone


@pytest.mark.parametrize("final", [False, True])
def test_a_forum_mail_keeps_its_title_for_a_retry_and_not_once_given_up(alice, bob, final):
    community.post_add(
        topic=TopicFactory(author=alice, title="提现一直处理中"), author=bob, body=ANSWER
    )
    (row,) = _mails(alice)
    claimed_at = services.notification_claim(notification_id=row.pk)
    assert claimed_at is not None

    services.notification_mark_failed(
        notification_id=row.pk, claimed_at=claimed_at, error="smtp down", final=final
    )

    row.refresh_from_db()
    assert row.state == (State.FAILED if final else State.PENDING)
    assert row.title == ("" if final else "提现一直处理中")


def test_the_one_click_unsubscribe_of_a_forum_mail_turns_that_kinds_mail_off(client, alice, bob):
    community.post_add(topic=TopicFactory(author=alice), author=bob, body=ANSWER)
    (row,) = _mails(alice)
    header = email_build(row).extra_headers["List-Unsubscribe"]
    url = header.strip("<>").removeprefix(settings.SITE_URL)

    response = client.post(url, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    off = NotificationPreference.objects.filter(user=alice, enabled=False)
    assert list(off.values_list("kind", "channel")) == [("forum_answer", "email")]
    written = _create(alice, actor=bob, source="forum-post:another")
    assert [n.channel for n in written] == [Channel.INAPP]
    accepted = _create(alice, actor=bob, kind=Kind.FORUM_ACCEPTED, source="forum-post:another")
    assert [n.channel for n in accepted] == [Channel.INAPP, Channel.EMAIL]

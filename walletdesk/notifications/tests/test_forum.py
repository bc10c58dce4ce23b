"""Notifications about no ticket (the forum's): written by notification_forum_create, shown
in the same list and bell as a ticket's, opened to their page; in the app alone."""

import json

import pytest
from django.urls import reverse

from walletdesk.accounts.tests.factories import UserFactory
from walletdesk.community.tests.factories import TopicFactory
from walletdesk.notifications import services
from walletdesk.notifications.channels.email import NotAboutATicketError, email_build
from walletdesk.notifications.channels.webhook import webhook_payload
from walletdesk.notifications.delivery import Outcome, notification_deliver
from walletdesk.notifications.models import Channel, Kind, Notification, State
from walletdesk.notifications.tests.factories import forum_notification, inapp_notification


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


def test_a_forum_notification_is_written_once_per_recipient_kind_and_source(alice, bob):
    first = _create(alice, actor=bob)
    again = _create(alice, actor=bob)
    other_post = _create(alice, actor=bob, source="forum-post:2")

    assert first is not None
    assert other_post is not None
    assert again is None
    assert Notification.objects.filter(recipient=alice).count() == 2
    assert first.channel == Channel.INAPP
    assert first.state == State.SENT
    assert first.sent_at is not None
    assert first.ticket_id is None
    assert first.event_id is None


def test_nobody_is_told_of_their_own_action_nor_an_inactive_account(alice):
    gone = UserFactory(is_active=False)

    assert _create(alice, actor=alice) is None
    assert _create(gone, actor=alice) is None
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


def test_preferences_offer_the_forum_kinds_in_the_app_alone(client, alice):
    client.force_login(alice)

    response = client.get(reverse("notifications:preferences"))

    names = {name for _, cells in response.context["rows"] for _, name, _ in cells}
    assert "forum_answer:inapp" in names
    assert "forum_accepted:inapp" in names
    assert "forum_reply:inapp" in names
    assert not {"forum_answer:email", "forum_answer:webhook"} & names


def test_turning_the_forum_kind_off_in_the_app_is_honoured(client, alice, bob):
    client.force_login(alice)
    ticked = {"agent_replied:inapp": "on", "forum_accepted:inapp": "on"}

    client.post(reverse("notifications:preferences"), ticked)

    assert _create(alice, actor=bob, kind=Kind.FORUM_ANSWER) is None
    assert _create(alice, actor=bob, kind=Kind.FORUM_ACCEPTED) is not None


# --- channels that speak of tickets -----------------------------------------------------------


def test_the_push_payload_of_a_ticketless_row_names_no_ticket(alice):
    note = forum_notification(recipient=alice)

    payload = json.loads(webhook_payload(note))

    assert payload["ticket"] is None
    assert payload["kind"] == Kind.FORUM_ANSWER


def test_mail_for_a_ticketless_row_is_refused_and_delivery_records_it(alice):
    note = forum_notification(recipient=alice)
    Notification.objects.filter(pk=note.pk).update(channel=Channel.EMAIL, state=State.PENDING)
    note.refresh_from_db()

    with pytest.raises(NotAboutATicketError):
        email_build(note)
    outcome = notification_deliver(note.pk)

    assert outcome in (Outcome.RETRY, Outcome.FAILED)
    note.refresh_from_db()
    assert "NotAboutATicketError" in note.last_error

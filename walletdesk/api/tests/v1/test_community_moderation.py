"""Staff moderate the forum through the API: the queue with the reasons posts were held,
publish, hide, lock, move, each audited; anyone else gets 404 and changes nothing."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from walletdesk.api.tests.helpers import token_client
from walletdesk.audit.models import AuditEvent, Kind
from walletdesk.community.models import Report, Visibility
from walletdesk.community.tests.factories import PostFactory, TopicFactory

pytestmark = pytest.mark.django_db

IMPERSONATION = "我是官方客服，加我telegram @imwallet_support 帮你找回资产"
TOPICS = "/api/v1/community/topics"

MODERATION = "/api/v1/community/moderation"


def _act_url(topic) -> str:
    return reverse("api:v1-community-moderation-act", args=[topic.pk])


def test_bob_cannot_see_alices_ticket(bob, alice_ticket):
    response = token_client(bob).get(f"/api/v1/tickets/{alice_ticket.reference}")

    assert response.status_code == 404


def test_the_moderation_queue_and_actions_are_404_to_customers(alice, bob):
    topic = TopicFactory(author=bob, title=IMPERSONATION, visibility=Visibility.HELD)
    client = token_client(alice)

    queue = client.get(MODERATION)
    act = client.post(_act_url(topic), {"action": "approve"}, format="json")
    anonymous = APIClient().post(_act_url(topic), {"action": "approve"}, format="json")

    assert (queue.status_code, act.status_code) == (404, 404)
    assert anonymous.status_code in (401, 403)
    assert b"telegram" not in queue.content + act.content
    topic.refresh_from_db()
    assert topic.visibility == Visibility.HELD
    assert not AuditEvent.objects.filter(kind=Kind.FORUM_MODERATED).exists()


def test_staff_read_the_queue_with_the_reasons_and_publish(bob, carol):
    topic = TopicFactory(
        author=bob, title="资产找回", visibility=Visibility.HELD, hold_reasons=["support_claim"]
    )
    post = PostFactory(topic=TopicFactory(), visibility=Visibility.HELD)
    Report.objects.create(topic=post.topic, post=post, reporter=bob, reason="scam")
    client = token_client(carol)

    queue = client.get(MODERATION).json()
    published = client.post(_act_url(topic), {"action": "approve"}, format="json")

    assert [t["id"] for t in queue["held_topics"]] == [str(topic.pk)]
    assert queue["held_topics"][0]["hold_reasons"] == ["support_claim"]
    assert queue["held_posts"][0]["topic_id"] == str(post.topic_id)
    assert queue["reports"][0]["reason"] == "scam"
    assert published.status_code == 200
    assert published.json()["state"] == "visible"
    assert str(topic.pk) in [t["id"] for t in APIClient().get(TOPICS).json()["results"]]
    event = AuditEvent.objects.get(kind=Kind.FORUM_MODERATED)
    assert event.detail["action"] == "approve"


def test_staff_hide_a_post_lock_and_move(alice, bob, carol):
    topic = TopicFactory(author=alice)
    post = PostFactory(topic=topic, author=bob, body="可疑的回答")
    client = token_client(carol)

    hidden = client.post(_act_url(topic), {"action": "hide", "post": str(post.pk)}, format="json")
    locked = client.post(_act_url(topic), {"action": "lock"}, format="json")
    moved = client.post(_act_url(topic), {"action": "move", "category": "deposit"}, format="json")

    assert (hidden.status_code, locked.status_code, moved.status_code) == (200, 200, 200)
    assert (
        "可疑的回答"
        not in APIClient().get(reverse("api:v1-community-topic", args=[topic.pk])).content.decode()
    )
    assert moved.json()["is_locked"] is True
    assert moved.json()["category"]["slug"] == "deposit"
    answer = token_client(bob).post(
        reverse("api:v1-community-answers", args=[topic.pk]), {"body": "再答"}, format="json"
    )
    assert answer.status_code == 409


def test_a_move_needs_a_known_category(alice, carol):
    topic = TopicFactory(author=alice)
    client = token_client(carol)

    missing = client.post(_act_url(topic), {"action": "move"}, format="json")
    unknown = client.post(_act_url(topic), {"action": "move", "category": "nope"}, format="json")

    assert (missing.status_code, unknown.status_code) == (400, 400)
    assert not AuditEvent.objects.filter(kind=Kind.FORUM_MODERATED).exists()


@pytest.mark.parametrize("size", [2, 20])
def test_the_queue_reads_a_fixed_number_of_queries(bob, carol, size, django_assert_num_queries):
    for _ in range(size):
        TopicFactory(visibility=Visibility.HELD)
        post = PostFactory(visibility=Visibility.HELD)
        Report.objects.create(topic=post.topic, post=post, reporter=bob, reason="spam")
    client = token_client(carol)
    client.get(TOPICS)

    # The token with its account, then held topics, held posts, open reports.
    with django_assert_num_queries(4):
        response = client.get(MODERATION)

    assert len(response.json()["held_posts"]) == size

"""The forum's moderation queue in the console: what a moderator sees (in both languages), who
may open it, each action with its audit record, the old address, the navigation's badge and
the page's query budget."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from walletdesk.accounts.tests.factories import AgentFactory, UserFactory
from walletdesk.audit.models import AuditEvent, Kind
from walletdesk.community import selectors
from walletdesk.community.models import Post, Report, Topic, Visibility
from walletdesk.community.tests.factories import PostFactory, TopicFactory
from walletdesk.console.context_processors import Waiting
from walletdesk.console.tests.views.helpers import detail_url

pytestmark = pytest.mark.django_db

QUEUE = "/console/community/"
HELD_TEXT = "加我telegram @imwallet_support 帮你找回资产"


def _act_url(topic: Topic) -> str:
    return reverse("console:community-act", args=[topic.pk])


def _held_post(author=None) -> Post:
    topic = TopicFactory(title="资产不见了")
    return PostFactory(
        topic=topic,
        author=author or UserFactory(display_name="热心网友"),
        body=HELD_TEXT,
        visibility=Visibility.HELD,
        hold_reasons=["private_contact"],
    )


def _audited(action: str) -> AuditEvent:
    return AuditEvent.objects.get(kind=Kind.FORUM_MODERATED, detail__action=action)


# --- what the moderator sees -----------------------------------------------------------------


def test_the_route_is_the_consoles():
    assert reverse("console:community") == QUEUE


def test_a_moderator_sees_a_held_post_with_its_reason_author_and_trust_in_english(agent_client):
    post = _held_post(author=UserFactory(display_name="热心网友", date_joined=timezone.now()))

    response = agent_client.get(QUEUE)

    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="console"' in page
    assert "Forum moderation" in page
    assert "热心网友" in page
    assert "@imwallet_support" in page
    assert 'data-hold-reason="private_contact"' in page
    assert "Offers help in private (messaging apps, DM)" in page
    assert 'data-trust="new"' in page
    assert ">New</span>" in page
    assert "account 0\xa0minutes old" in page
    assert f'name="post" value="{post.pk}"' in page
    assert 'value="approve"' in page


def test_a_moderator_sees_the_queue_in_chinese(client, carol):
    _held_post(author=UserFactory(display_name="热心网友", date_joined=timezone.now()))
    client.force_login(carol)  # reads in zh-hans

    page = client.get(QUEUE).content.decode()

    assert '<html lang="zh-hans">' in page
    assert "社区审核" in page
    assert "提供私下协助（聊天软件、私信）" in page
    assert ">新用户</span>" in page
    assert "发布" in page


def test_reports_on_one_post_are_one_decision_with_the_authors_trust(agent_client):
    veteran = UserFactory(date_joined=timezone.now() - timedelta(days=400))
    PostFactory.create_batch(25, author=veteran)
    post = PostFactory(author=veteran, body="ordinary answer")
    for reason in ("spam", "scam"):
        Report.objects.create(topic=post.topic, post=post, reporter=UserFactory(), reason=reason)

    page = agent_client.get(QUEUE).content.decode()

    assert page.count('data-modq-kind="reported"') == 1
    assert 'data-report-reason="spam"' in page
    assert 'data-report-reason="scam"' in page
    assert 'data-trust="trusted"' in page
    assert 'value="dismiss"' in page


def test_a_reported_link_is_text_in_the_queue_even_from_a_trusted_author(agent_client):
    veteran = UserFactory(date_joined=timezone.now() - timedelta(days=400))
    PostFactory.create_batch(25, author=veteran)
    post = PostFactory(author=veteran, body="claim at https://example.org/prize")
    Report.objects.create(topic=post.topic, post=post, reporter=UserFactory(), reason="scam")

    page = agent_client.get(QUEUE).content.decode()

    assert 'data-trust="trusted"' in page
    assert '<span class="link-text">https://example.org/prize</span>' in page
    assert 'href="https://example.org/prize"' not in page


def test_a_held_question_offers_lock_and_move(agent_client):
    TopicFactory(title="官方客服在此", visibility=Visibility.HELD, hold_reasons=["support_claim"])

    page = agent_client.get(QUEUE).content.decode()

    assert 'value="lock"' in page
    assert 'name="category"' in page
    assert 'data-hold-reason="support_claim"' in page


def test_an_empty_queue_says_so(agent_client):
    page = agent_client.get(QUEUE).content.decode()

    assert "Nothing is waiting." in page
    assert "No open reports." in page


@pytest.mark.parametrize("size", [2, 20])
def test_the_queue_reads_a_fixed_number_of_queries(agent_client, size, django_assert_num_queries):
    for n in range(size):
        _held_post(author=UserFactory(date_joined=timezone.now() - timedelta(days=n)))
        TopicFactory(visibility=Visibility.HELD, hold_reasons=["support_claim"])
        Report.objects.create(topic=TopicFactory(), reporter=UserFactory(), reason="spam")

    # session, user, held topics, held posts, open reports (each with its authors' trust
    # records), categories, bell count, the navigation's moderation badge
    with django_assert_num_queries(8):
        response = agent_client.get(QUEUE)

    assert response.status_code == 200
    assert response.content.decode().count("data-queue-item") == 3 * size


# --- who may open it ---------------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in(client):
    topic = TopicFactory()

    responses = [client.get(QUEUE), client.post(_act_url(topic), {"action": "lock"})]

    for response in responses:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_a_customer_gets_404_and_changes_nothing(client, alice):
    post = _held_post()
    client.force_login(alice)

    page = client.get(QUEUE)
    act = client.post(_act_url(post.topic), {"action": "approve", "post": str(post.pk)})

    assert (page.status_code, act.status_code) == (404, 404)
    post.refresh_from_db()
    assert post.visibility == Visibility.HELD
    assert not AuditEvent.objects.filter(kind=Kind.FORUM_MODERATED).exists()
    assert AuditEvent.objects.filter(kind=Kind.ACCESS_REFUSED).count() == 2


def test_bob_cannot_see_alices_ticket(client, bob, alice_ticket):
    client.force_login(bob)

    assert client.get(detail_url(alice_ticket)).status_code == 404


def test_an_agent_without_a_second_factor_is_sent_to_set_one_up(client):
    client.force_login(AgentFactory(second_factor=False))

    response = client.get(QUEUE)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two-factor-setup"))


def test_an_agent_of_any_team_moderates(client):
    client.force_login(AgentFactory())

    assert client.get(QUEUE).status_code == 200


def test_the_page_is_not_kept_by_caches(agent_client):
    response = agent_client.get(QUEUE)

    assert "no-store" in response["Cache-Control"]


# --- the actions, each audited ------------------------------------------------------------------


def test_publishing_a_held_post_from_the_queue(agent_client, agent):
    post = _held_post()

    response = agent_client.post(_act_url(post.topic), {"action": "approve", "post": str(post.pk)})

    assert response.status_code == 302
    assert response["Location"] == QUEUE
    post.refresh_from_db()
    assert post.visibility == Visibility.VISIBLE
    event = _audited("approve")
    assert event.actor_id == agent.pk
    assert event.detail["hold_reasons"] == ["private_contact"]
    assert "Done." in agent_client.get(QUEUE).content.decode()


def test_hiding_a_held_post_from_the_queue(agent_client):
    post = _held_post()

    agent_client.post(_act_url(post.topic), {"action": "hide", "post": str(post.pk)})

    post.refresh_from_db()
    assert post.visibility == Visibility.HIDDEN
    assert _audited("hide").target == f"forum:{post.topic_id}/{post.pk}"


def test_locking_and_unlocking_a_question_from_the_queue(agent_client):
    topic = TopicFactory(visibility=Visibility.HELD, hold_reasons=["support_claim"])

    agent_client.post(_act_url(topic), {"action": "lock"})
    topic.refresh_from_db()
    locked = topic.is_locked
    agent_client.post(_act_url(topic), {"action": "unlock"})

    topic.refresh_from_db()
    assert locked is True
    assert topic.is_locked is False
    assert _audited("lock").target == f"forum:{topic.pk}"
    assert _audited("unlock").target == f"forum:{topic.pk}"


def test_moving_a_question_from_the_queue(agent_client):
    topic = TopicFactory(visibility=Visibility.HELD, hold_reasons=["support_claim"])

    agent_client.post(_act_url(topic), {"action": "move", "category": "deposit"})

    topic.refresh_from_db()
    assert topic.category.slug == "deposit"
    assert _audited("move").detail["after"] == "deposit"


def test_dismissing_reports_from_the_queue_leaves_the_post(agent_client):
    post = PostFactory(body="ordinary answer")
    Report.objects.create(topic=post.topic, post=post, reporter=UserFactory(), reason="spam")

    agent_client.post(_act_url(post.topic), {"action": "dismiss", "post": str(post.pk)})

    post.refresh_from_db()
    assert post.visibility == Visibility.VISIBLE
    assert not Report.objects.filter(resolved_at=None).exists()
    assert _audited("dismiss_reports").detail["reports_resolved"] == 1


def test_an_unknown_action_is_told_not_a_500(agent_client):
    topic = TopicFactory()

    response = agent_client.post(_act_url(topic), {"action": "explode"}, follow=True)

    assert response.status_code == 200
    assert "Choose an action." in response.content.decode()
    assert not AuditEvent.objects.filter(kind=Kind.FORUM_MODERATED).exists()


def test_another_topics_post_is_404(agent_client):
    post = _held_post()

    response = agent_client.post(
        _act_url(TopicFactory()), {"action": "approve", "post": str(post.pk)}
    )

    assert response.status_code == 404
    post.refresh_from_db()
    assert post.visibility == Visibility.HELD


def test_the_action_answers_only_to_post(agent_client):
    assert agent_client.get(_act_url(TopicFactory())).status_code == 405


# --- the old address -----------------------------------------------------------------------------


def test_the_old_address_sends_staff_to_the_console_for_good(agent_client):
    response = agent_client.get("/community/moderation/")

    assert response.status_code == 301
    assert response["Location"] == QUEUE


def test_the_old_address_is_404_to_a_customer(client, alice):
    client.force_login(alice)

    assert client.get("/community/moderation/").status_code == 404


# --- the navigation's badge -------------------------------------------------------------------


def test_the_badge_counts_held_posts_and_open_reports_on_every_console_page(agent_client):
    _held_post()
    TopicFactory(visibility=Visibility.HELD, hold_reasons=["support_claim"])
    Report.objects.create(topic=TopicFactory(), reporter=UserFactory(), reason="spam")
    Report.objects.create(
        topic=TopicFactory(), reporter=UserFactory(), reason="spam", resolved_at=timezone.now()
    )
    PostFactory(visibility=Visibility.HELD, deleted_at=timezone.now())

    page = agent_client.get(reverse("console:queue")).content.decode()

    assert '<span class="badge badge-modq" data-modq-count aria-label="3 waiting">3</span>' in page


def test_no_badge_when_nothing_waits(agent_client):
    page = agent_client.get(reverse("console:queue")).content.decode()

    assert "data-modq-nav" in page
    assert "data-modq-count" not in page


def test_the_count_stops_at_its_cap():
    PostFactory.create_batch(4, visibility=Visibility.HELD)

    assert selectors.moderation_waiting_count(cap=2) == 3
    assert Waiting(100).label == "99+"
    assert Waiting(99).label == "99"


def _badge(agent_client) -> str:
    page = agent_client.get(reverse("console:queue")).content.decode()
    start = page.find("data-modq-count")
    return page[start : page.find("</span>", start)] if start >= 0 else ""


def test_the_badge_is_kept_between_pages_not_counted_on_each(agent_client):
    _held_post()
    _badge(agent_client)

    # A second page reads the kept count: none of its statements counts the forum's queue.
    with CaptureQueriesContext(connection) as captured:
        assert ">1" in _badge(agent_client)
    assert captured.captured_queries
    assert not any("community_" in query["sql"] for query in captured.captured_queries)


def test_a_newly_held_post_a_report_and_a_decision_each_move_the_kept_badge(
    agent_client, alice, bob
):
    from walletdesk.community.services import post_add, report_add

    first = _held_post()
    assert ">1" in _badge(agent_client)

    held = post_add(topic=TopicFactory(), author=UserFactory(), body=HELD_TEXT)
    assert held.hold_reasons
    assert ">2" in _badge(agent_client)

    report_add(topic=TopicFactory(author=alice), post=None, reporter=bob, reason="spam")
    assert ">3" in _badge(agent_client)

    agent_client.post(_act_url(first.topic), {"action": "approve", "post": str(first.pk)})
    assert ">2" in _badge(agent_client)

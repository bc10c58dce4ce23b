"""Authors' trust levels (community/trust.py): each boundary of the rule, the record read from
the forum, links followed for members and above, and the impersonation guard trust never
lifts."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from walletdesk.accounts.tests.factories import AgentFactory, UserFactory
from walletdesk.community import selectors, services
from walletdesk.community.models import Post, Topic, Visibility
from walletdesk.community.tests.factories import PostFactory, TopicFactory
from walletdesk.community.trust import (
    AuthorRecord,
    TrustLevel,
    author_record_get,
    author_trust,
    trust_level,
)

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def _joined(days: float):
    return UserFactory(date_joined=NOW - timedelta(days=days))


def _level(user, *, published=3, accepted=0, has_hidden=False):
    record = AuthorRecord(published=published, accepted=accepted, has_hidden=has_hidden)
    return trust_level(user=user, record=record, now=NOW)


# --- the rule, at each boundary ------------------------------------------------------------


def test_an_account_is_new_until_the_day_it_becomes_a_member():
    almost = UserFactory(date_joined=NOW - timedelta(days=7) + timedelta(seconds=1))

    assert _level(almost) == TrustLevel.NEW
    assert _level(_joined(7)) == TrustLevel.MEMBER


def test_an_old_account_is_new_until_it_has_enough_published_posts():
    veteran = _joined(365)

    assert _level(veteran, published=2) == TrustLevel.NEW
    assert _level(veteran, published=3) == TrustLevel.MEMBER


def test_a_member_is_trusted_from_the_twentieth_published_post():
    veteran = _joined(365)

    assert _level(veteran, published=19) == TrustLevel.MEMBER
    assert _level(veteran, published=20) == TrustLevel.TRUSTED


def test_one_accepted_answer_makes_a_member_trusted():
    veteran = _joined(365)

    assert _level(veteran, accepted=0) == TrustLevel.MEMBER
    assert _level(veteran, accepted=1) == TrustLevel.TRUSTED


def test_an_accepted_answer_does_not_skip_the_new_stage():
    assert _level(_joined(2), published=30, accepted=5) == TrustLevel.NEW


def test_anything_hidden_by_a_moderator_keeps_an_author_a_member():
    veteran = _joined(365)

    assert _level(veteran, published=50, accepted=3, has_hidden=True) == TrustLevel.MEMBER


def test_staff_are_trusted_from_the_first_day():
    agent = AgentFactory(date_joined=NOW)

    assert _level(agent, published=0) == TrustLevel.TRUSTED


@override_settings(
    COMMUNITY_TRUST_MEMBER_AFTER_DAYS=30,
    COMMUNITY_TRUST_MEMBER_POSTS=1,
    COMMUNITY_TRUST_TRUSTED_POSTS=5,
    COMMUNITY_TRUST_TRUSTED_ACCEPTED=2,
)
def test_the_thresholds_are_settings():
    assert _level(_joined(29), published=10) == TrustLevel.NEW
    assert _level(_joined(30), published=1) == TrustLevel.MEMBER
    assert _level(_joined(30), published=5) == TrustLevel.TRUSTED
    assert _level(_joined(30), accepted=1) == TrustLevel.MEMBER
    assert _level(_joined(30), accepted=2) == TrustLevel.TRUSTED


# --- the record, read from the forum -------------------------------------------------------


def test_the_record_counts_published_texts_and_accepted_answers_only():
    author = _joined(365)
    topic = TopicFactory(author=author)
    TopicFactory(author=author, visibility=Visibility.HELD)
    TopicFactory(author=author, deleted_at=NOW)
    answer = PostFactory(author=author)
    PostFactory(author=author, visibility=Visibility.HELD)
    PostFactory(author=author, deleted_at=NOW)
    PostFactory(author=author, topic=topic)
    Topic.objects.filter(pk=answer.topic_id).update(accepted_answer=answer)

    record = author_record_get(user=author)

    assert record == AuthorRecord(published=3, accepted=1, has_hidden=False)


def test_a_hidden_post_stays_on_the_record_after_its_author_deletes_it():
    author = _joined(365)
    PostFactory(author=author, visibility=Visibility.HIDDEN, deleted_at=NOW)

    assert author_record_get(user=author).has_hidden is True


def test_the_pages_read_the_same_level_as_a_single_lookup():
    member = _joined(365)
    PostFactory.create_batch(3, author=member)
    trusted = _joined(365)
    PostFactory.create_batch(20, author=trusted)
    topic = TopicFactory(author=_joined(1))
    for author in (member, trusted):
        PostFactory(topic=topic, author=author)

    thread = selectors.thread_for_viewer(topic=topic, viewer=None)
    loaded = selectors.topic_get_for_viewer(topic_id=topic.pk, viewer=None)

    levels = {post.author_id: author_trust(post) for post in thread.answers}
    assert levels == {member.pk: TrustLevel.MEMBER, trusted.pk: TrustLevel.TRUSTED}
    assert author_trust(loaded) == TrustLevel.NEW
    for post in Post.objects.filter(topic=topic):
        assert author_trust(post) == levels[post.author_id]


def test_a_level_read_with_the_page_costs_no_query(django_assert_num_queries):
    topic = TopicFactory(author=_joined(365))
    PostFactory.create_batch(5, topic=topic)
    thread = selectors.thread_for_viewer(topic=topic, viewer=None)

    with django_assert_num_queries(0):
        levels = [author_trust(post) for post in thread.answers]

    assert levels == [TrustLevel.NEW] * 5


# --- what the level changes, and what it does not ------------------------------------------


def _trusted_author():
    author = UserFactory(display_name="老司机", date_joined=NOW - timedelta(days=365))
    answer = PostFactory(author=author)
    Topic.objects.filter(pk=answer.topic_id).update(accepted_answer=answer)
    PostFactory.create_batch(2, author=author)
    assert author_record_get(user=author).accepted == 1
    return author


def test_a_trusted_authors_link_is_followed_and_a_new_authors_is_text(client):
    trusted = _trusted_author()
    newcomer = _joined(1)
    topic = TopicFactory(author=trusted, body="guide: https://example.org/guide")
    PostFactory(topic=topic, author=newcomer, body="mine: https://example.net/mine")

    page = client.get(reverse("community:portal-topic", args=[topic.pk])).content.decode()

    assert '<a href="https://example.org/guide" rel="nofollow ugc' in page
    assert '<span class="link-text">https://example.net/mine</span>' in page
    assert 'href="https://example.net' not in page


def test_an_old_account_without_published_posts_links_as_text(client):
    silent = _joined(365)
    topic = TopicFactory(author=silent, body="https://example.org/first")

    page = client.get(reverse("community:portal-topic", args=[topic.pk])).content.decode()

    assert '<span class="link-text">https://example.org/first</span>' in page


def test_a_trusted_authors_private_support_offer_is_still_held():
    trusted = _trusted_author()
    topic = TopicFactory(author=_joined(30))

    written = services.post_add(
        topic=topic, author=trusted, body="DM me on telegram, I will sort it out", ip="10.0.0.9"
    )

    post = Post.objects.get(pk=written.post.pk)
    assert post.visibility == Visibility.HELD
    assert "private_contact" in post.hold_reasons


def test_a_trusted_authors_validation_site_is_still_held():
    trusted = _trusted_author()
    topic = TopicFactory(author=_joined(30))

    written = services.post_add(
        topic=topic,
        author=trusted,
        body="Validate your wallet at https://wallet-validation.example.com",
        ip="10.0.0.9",
    )

    assert written.held
    assert "suspicious_link" in written.hold_reasons


def test_a_trusted_authors_ordinary_link_is_published():
    trusted = _trusted_author()
    topic = TopicFactory(author=_joined(30))

    written = services.post_add(
        topic=topic,
        author=trusted,
        body="See https://tronscan.org/#/transaction/abc",
        ip="10.0.0.9",
    )

    assert not written.held
    assert services.links_clickable(Post.objects.get(pk=written.post.pk))


def test_a_topic_page_with_many_authors_keeps_its_query_budget(
    client, bob, django_assert_max_num_queries
):
    topic = TopicFactory(author=_trusted_author())
    for n in range(15):
        author = _joined(30 + n)
        PostFactory.create_batch(n % 4, author=author)
        answer = PostFactory(topic=topic, author=author, body=f"https://example.org/{n}")
        PostFactory(topic=topic, parent=answer, author=_joined(n))
    client.force_login(bob)

    with django_assert_max_num_queries(8):
        response = client.get(reverse("community:portal-topic", args=[topic.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    # Each author's own record decides: published answers n % 4 + 1 >= 3 make a member.
    for n in range(15):
        followed = f'<a href="https://example.org/{n}"' in page
        assert followed == (n % 4 + 1 >= 3), n

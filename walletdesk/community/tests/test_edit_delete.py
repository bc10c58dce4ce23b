"""An author edits and deletes their own question, answer or reply: the edit takes every step a
new post takes (the secret guard refuses, the impersonation guard holds), deletion is soft and
leaves "deleted by its author" where the thread needs it, both are audited, and the pages
refuse anyone else."""

from datetime import timedelta

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from walletdesk.accounts.tests.factories import UserFactory
from walletdesk.audit.models import AuditEvent, Kind
from walletdesk.community import selectors, services
from walletdesk.community.errors import CommunityError
from walletdesk.community.models import Post, Topic, Visibility
from walletdesk.community.tests.factories import PostFactory, TopicFactory
from walletdesk.guard.models import SecretCatch

pytestmark = pytest.mark.django_db

PHRASE = (
    "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"
)
OFFER = "加我telegram @imwallet_support 帮你找回资产"


@pytest.fixture
def veteran(db):
    return UserFactory(
        email="veteran@example.com",
        display_name="老用户",
        date_joined=timezone.now() - timedelta(days=90),
    )


# --- services -----------------------------------------------------------------------------------


def test_the_asker_edits_their_question_and_it_is_audited_without_its_text(veteran):
    topic = TopicFactory(author=veteran, title="充值没到账", body="旧内容")

    written = services.topic_edit(topic=topic, editor=veteran, title="提现延迟", body="新的内容")

    topic.refresh_from_db()
    assert (topic.title, topic.body, topic.visibility) == ("提现延迟", "新的内容", "visible")
    assert topic.edited_at is not None
    assert "提现" in topic.search_text.split()
    assert "充值" not in topic.search_text.split()
    assert not written.held
    event = AuditEvent.objects.get(kind=Kind.FORUM_AUTHOR_CHANGED)
    assert event.target == f"forum:{topic.pk}"
    assert event.detail["action"] == "edit"
    assert "提现" not in str(event.detail)


def test_an_edit_with_a_recovery_phrase_is_refused_and_nothing_changes(veteran):
    post = PostFactory(author=veteran, body="原来的回答")

    with pytest.raises(CommunityError) as error:
        services.post_edit(post=post, editor=veteran, body=f"我的助记词是 {PHRASE}")

    assert error.value.code == CommunityError.Code.SECRET_DETECTED
    assert error.value.params["fields"] == ["body"]
    assert PHRASE not in error.value.params["masked"]["body"]
    post.refresh_from_db()
    assert post.body == "原来的回答"
    assert post.edited_at is None
    assert SecretCatch.objects.count() == 1
    assert not AuditEvent.objects.filter(kind=Kind.FORUM_AUTHOR_CHANGED).exists()


def test_an_edit_that_offers_private_help_is_held_and_leaves_the_answer_count(veteran):
    topic = TopicFactory()
    post = services.post_add(topic=topic, author=veteran, body="换成 TRC20 就好").post
    topic.refresh_from_db()
    assert topic.answer_count == 1

    written = services.post_edit(post=post, editor=veteran, body=OFFER)

    assert written.held
    post.refresh_from_db()
    topic.refresh_from_db()
    assert post.visibility == Visibility.HELD
    assert "private_contact" in post.hold_reasons
    assert topic.answer_count == 0
    bob = UserFactory()
    assert selectors.thread_for_viewer(topic=topic, viewer=bob).answers == []
    event = AuditEvent.objects.get(kind=Kind.FORUM_AUTHOR_CHANGED)
    assert (event.detail["before"], event.detail["after"]) == ("visible", "held")
    assert "private_contact" in event.detail["hold_reasons"]


def test_a_held_post_stays_held_after_a_clean_edit(veteran):
    post = PostFactory(author=veteran, body=OFFER, visibility=Visibility.HELD)

    services.post_edit(post=post, editor=veteran, body="已经解决了，谢谢")

    post.refresh_from_db()
    assert post.visibility == Visibility.HELD
    assert post.hold_reasons == []


def test_only_the_author_edits_or_deletes_even_staff_moderate_instead(veteran, bob, carol):
    post = PostFactory(author=veteran)

    for actor in (bob, carol):
        with pytest.raises(CommunityError) as error:
            services.post_edit(post=post, editor=actor, body="改掉")
        assert error.value.code == CommunityError.Code.NOT_AUTHOR
        with pytest.raises(CommunityError):
            services.post_delete(post=post, actor=actor)
    # Staff keep their own powers: hiding it.
    services.visibility_set(actor=carol, topic=post.topic, post=post, visible=False)
    post.refresh_from_db()
    assert post.visibility == Visibility.HIDDEN


def test_a_post_hidden_by_a_moderator_cannot_be_edited_but_can_be_deleted(veteran):
    post = PostFactory(author=veteran, visibility=Visibility.HIDDEN)

    with pytest.raises(CommunityError) as error:
        services.post_edit(post=post, editor=veteran, body="换个说法")
    services.post_delete(post=post, actor=veteran)

    assert error.value.code == CommunityError.Code.HIDDEN
    post.refresh_from_db()
    assert post.is_deleted


def test_a_deleted_accepted_answer_stays_as_deleted_by_its_author(veteran, bob):
    topic = TopicFactory(author=bob)
    accepted = PostFactory(topic=topic, author=veteran, body="被采纳的回答")
    plain = PostFactory(topic=topic, author=veteran, body="普通回答")
    Topic.objects.filter(pk=topic.pk).update(accepted_answer=accepted, answer_count=2)
    topic.refresh_from_db()

    services.post_delete(post=accepted, actor=veteran)
    services.post_delete(post=plain, actor=veteran)

    topic.refresh_from_db()
    thread = selectors.thread_for_viewer(topic=topic, viewer=bob)
    assert [p.pk for p in thread.answers] == [accepted.pk]
    assert thread.answers[0].is_deleted
    assert topic.answer_count == 0
    assert topic.accepted_answer_id == accepted.pk
    events = AuditEvent.objects.filter(kind=Kind.FORUM_AUTHOR_CHANGED)
    assert [e.detail["action"] for e in events] == ["delete", "delete"]
    accepted.refresh_from_db()
    with pytest.raises(CommunityError) as error:
        services.vote_cast(post=accepted, user=bob, value=1)
    assert error.value.code == CommunityError.Code.DELETED


def test_a_deleted_question_leaves_list_and_search_and_without_answers_the_forum(veteran, bob):
    lonely = TopicFactory(author=veteran, title="冷钱包导入失败")
    answered = TopicFactory(author=veteran, title="冷钱包同步很慢")
    PostFactory(topic=answered, author=bob)
    Topic.objects.filter(pk=answered.pk).update(answer_count=1)

    services.topic_delete(topic=lonely, actor=veteran)
    services.topic_delete(topic=answered, actor=veteran)

    assert selectors.topic_list().topics == []
    assert selectors.topic_search(text="冷钱包").topics == []
    with pytest.raises(Http404):
        selectors.topic_get_for_viewer(topic_id=lonely.pk, viewer=bob)
    assert selectors.topic_get_for_viewer(topic_id=answered.pk, viewer=bob).is_deleted
    answered.refresh_from_db()
    with pytest.raises(CommunityError) as error:
        services.post_add(topic=answered, author=bob, body="还能回答吗")
    assert error.value.code == CommunityError.Code.DELETED


def test_a_deleted_post_cannot_be_edited_or_deleted_again(veteran):
    post = PostFactory(author=veteran)
    services.post_delete(post=post, actor=veteran)

    with pytest.raises(CommunityError) as error:
        services.post_edit(post=post, editor=veteran, body="再改")

    assert error.value.code == CommunityError.Code.DELETED


# --- pages ------------------------------------------------------------------------------------


def test_the_edit_page_refuses_a_secret_keeps_the_rest_and_marks_the_field(client, veteran):
    post = PostFactory(author=veteran, body="原来的回答")
    client.force_login(veteran)
    url = reverse("community:portal-post-edit", args=[post.topic_id, post.pk])

    response = client.post(url, {"body": f"请看 {PHRASE} 谢谢"}, HTTP_ACCEPT_LANGUAGE="zh-hans")

    body = response.content.decode()
    assert response.status_code == 400
    assert "abandon about" not in body
    assert "谢谢" in body
    assert 'aria-invalid="true"' in body
    assert "助记词" in body
    post.refresh_from_db()
    assert post.body == "原来的回答"


def test_the_edit_page_says_an_edit_is_held_in_english(client, veteran):
    veteran.language = "en"
    veteran.save(update_fields=["language"])
    topic = TopicFactory(author=veteran)
    client.force_login(veteran)
    url = reverse("community:portal-topic-edit", args=[topic.pk])

    response = client.post(
        url, {"title": "Withdrawal stuck", "body": "DM me on telegram"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert response.status_code == 302
    assert "Your edit waits for a moderator" in page
    topic.refresh_from_db()
    assert topic.visibility == Visibility.HELD


def test_someone_elses_edit_and_delete_pages_are_404(client, veteran, bob):
    post = PostFactory(author=veteran)
    client.force_login(bob)

    for name in ("community:portal-post-edit", "community:portal-post-delete"):
        url = reverse(name, args=[post.topic_id, post.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"body": "x"}).status_code == 404
    for name in ("community:portal-topic-edit", "community:portal-topic-delete"):
        url = reverse(name, args=[post.topic_id])
        assert client.get(url).status_code == 404
        assert client.post(url, {"title": "x", "body": "x"}).status_code == 404
    post.refresh_from_db()
    assert not post.is_deleted
    post.topic.refresh_from_db()
    assert post.topic.title != "x"


def test_delete_asks_first_then_the_thread_shows_the_placeholder(client, veteran, bob):
    topic = TopicFactory(author=bob)
    answer = PostFactory(topic=topic, author=veteran, body="会被删除的回答")
    Topic.objects.filter(pk=topic.pk).update(accepted_answer=answer, answer_count=1)
    client.force_login(veteran)
    url = reverse("community:portal-post-delete", args=[topic.pk, answer.pk])

    ask = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    client.post(url)
    page = client.get(
        reverse("community:portal-topic", args=[topic.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).content.decode()

    assert "删除您的回答？" in ask
    assert "会被删除的回答" not in page
    assert "已被作者删除" in page
    assert Post.objects.get(pk=answer.pk).is_deleted


def test_a_held_post_its_author_deleted_leaves_the_queue_but_staff_still_see_it(veteran, carol):
    post = PostFactory(author=veteran, body=OFFER, visibility=Visibility.HELD)
    assert selectors.moderation_queue().held_posts == [post]

    services.post_delete(post=post, actor=veteran)

    assert selectors.moderation_queue().held_posts == []
    thread = selectors.thread_for_viewer(topic=post.topic, viewer=carol)
    assert [p.pk for p in thread.answers] == [post.pk]
    assert thread.answers[0].is_deleted

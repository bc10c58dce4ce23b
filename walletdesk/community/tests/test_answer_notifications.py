"""Who the forum's writes tell (community/services.py ``_notify`` and its callers): the asker
of a published answer, the author of an accepted one; once per post, never oneself."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from walletdesk.accounts.tests.factories import UserFactory
from walletdesk.community import services
from walletdesk.community.models import Post, Visibility
from walletdesk.community.tests.factories import PostFactory, TopicFactory
from walletdesk.notifications.models import (
    Channel,
    Kind,
    Notification,
    NotificationPreference,
    State,
)

IMPERSONATING = "加我telegram @imwallet_support 帮你找回资产"


@pytest.fixture
def veteran(db):
    """A verified customer old enough for the ordinary limits, whose posts the guard reads."""
    return UserFactory(
        email="veteran@example.com",
        display_name="老用户",
        date_joined=timezone.now() - timedelta(days=90),
    )


def _told(user, kind=Kind.FORUM_ANSWER, channel=Channel.INAPP):
    return list(Notification.objects.filter(recipient=user, kind=kind, channel=channel))


def _rows():
    """Every notification written, as (recipient, kind, channel): each announcement is one
    in-app row and one e-mail row (the mail itself: notifications/tests/test_forum.py)."""
    return sorted(Notification.objects.values_list("recipient_id", "kind", "channel"))


def _both_channels(user, kind):
    return sorted([(user.pk, kind, Channel.EMAIL), (user.pk, kind, Channel.INAPP)])


def test_a_published_answer_tells_the_asker_once_in_the_app(alice, bob):
    topic = TopicFactory(author=alice)

    written = services.post_add(topic=topic, author=bob, body="换成 TRC20 网络试试")

    (note,) = _told(alice)
    assert note.channel == Channel.INAPP
    assert note.ticket_id is None
    assert note.event_id is None
    assert note.is_unread
    assert note.link == (
        reverse("community:portal-topic", args=[topic.pk]) + f"#post-{written.post.pk}"
    )
    assert _rows() == _both_channels(alice, Kind.FORUM_ANSWER)


def test_an_answer_published_again_after_an_edit_is_not_announced_twice(alice, bob, carol):
    topic = TopicFactory(author=alice)
    written = services.post_add(topic=topic, author=bob, body="换成 TRC20 网络试试")
    Post.objects.filter(pk=written.post.pk).update(visibility=Visibility.HELD)
    held = Post.objects.get(pk=written.post.pk)

    services.visibility_set(actor=carol, topic=topic, post=held, visible=True)

    assert len(_told(alice)) == 1


def test_a_held_answer_tells_nobody_until_a_moderator_publishes_it(alice, veteran, carol):
    topic = TopicFactory(author=alice)

    written = services.post_add(topic=topic, author=veteran, body=IMPERSONATING)

    assert written.held
    assert not Notification.objects.exists()

    services.visibility_set(actor=carol, topic=topic, post=written.post, visible=True)

    (note,) = _told(alice)
    assert f"#post-{written.post.pk}" in note.link
    assert _rows() == _both_channels(alice, Kind.FORUM_ANSWER)


def test_a_hidden_answer_tells_nobody(alice, veteran, carol):
    topic = TopicFactory(author=alice)
    written = services.post_add(topic=topic, author=veteran, body=IMPERSONATING)

    services.visibility_set(actor=carol, topic=topic, post=written.post, visible=False)

    assert Post.objects.get().visibility == Visibility.HIDDEN
    assert not Notification.objects.exists()


def test_answering_ones_own_question_tells_nobody(alice):
    topic = TopicFactory(author=alice)

    services.post_add(topic=topic, author=alice, body="自己解决了：换成 TRC20 网络")

    assert not Notification.objects.exists()


def test_a_reply_under_an_answer_is_not_announced_as_an_answer(alice, bob):
    answer = PostFactory(topic=TopicFactory(author=alice), author=bob)

    written = services.post_add(topic=answer.topic, author=bob, body="补充一下", parent=answer)

    assert not _told(alice, Kind.FORUM_ANSWER)
    # The asker hears of it as a reply in their question; the answerer wrote it.
    (note,) = _told(alice, Kind.FORUM_TOPIC_REPLY)
    assert note.link.endswith(f"#post-{written.post.pk}")
    assert _rows() == _both_channels(alice, Kind.FORUM_TOPIC_REPLY)


def test_a_reply_under_someone_elses_answer_tells_the_answerer_and_the_asker_once_each(
    alice, bob, veteran
):
    answer = PostFactory(topic=TopicFactory(author=alice), author=bob)

    services.post_add(topic=answer.topic, author=veteran, body="我也遇到过，等确认", parent=answer)

    assert _rows() == sorted(
        _both_channels(bob, Kind.FORUM_REPLY) + _both_channels(alice, Kind.FORUM_TOPIC_REPLY)
    )


def test_an_asker_who_answered_their_own_question_hears_of_a_reply_under_it_once(alice, bob):
    answer = PostFactory(topic=TopicFactory(author=alice), author=alice)

    services.post_add(topic=answer.topic, author=bob, body="这个方法有用", parent=answer)

    assert _rows() == _both_channels(alice, Kind.FORUM_REPLY)


def test_a_held_reply_published_under_an_answer_hidden_since_tells_nobody(
    alice, bob, veteran, carol
):
    answer = PostFactory(topic=TopicFactory(author=alice), author=bob)
    written = services.post_add(
        topic=answer.topic, author=veteran, body=IMPERSONATING, parent=answer
    )
    services.visibility_set(actor=carol, topic=answer.topic, post=answer, visible=False)

    reply = Post.objects.get(pk=written.post.pk)
    services.visibility_set(actor=carol, topic=answer.topic, post=reply, visible=True)

    assert not Notification.objects.exists()


def test_an_asker_who_turned_replies_in_their_question_off_hears_only_of_answers(
    alice, bob, veteran
):
    for channel in (Channel.INAPP, Channel.EMAIL):
        NotificationPreference.objects.create(
            user=alice, kind=Kind.FORUM_TOPIC_REPLY, channel=channel, enabled=False
        )
    topic = TopicFactory(author=alice)
    answer = services.post_add(topic=topic, author=bob, body="换成 TRC20 网络试试").post

    services.post_add(topic=topic, author=veteran, body="我也遇到过，等确认", parent=answer)

    assert _rows() == sorted(
        _both_channels(alice, Kind.FORUM_ANSWER) + _both_channels(bob, Kind.FORUM_REPLY)
    )


def test_a_reply_tells_the_answers_author_once(alice, bob):
    answer = PostFactory(topic=TopicFactory(author=alice), author=bob)

    written = services.post_add(
        topic=answer.topic, author=alice, body="谢谢，已到账", parent=answer
    )

    (note,) = _told(bob, Kind.FORUM_REPLY)
    assert note.link.endswith(f"#post-{written.post.pk}")
    assert not _told(alice, Kind.FORUM_ANSWER)
    assert _rows() == _both_channels(bob, Kind.FORUM_REPLY)


def test_a_held_reply_tells_the_answers_author_when_published(alice, bob, veteran, carol):
    answer = PostFactory(topic=TopicFactory(author=alice), author=bob)
    written = services.post_add(
        topic=answer.topic, author=veteran, body=IMPERSONATING, parent=answer
    )
    assert written.held
    assert not Notification.objects.exists()

    reply = Post.objects.get(pk=written.post.pk)  # as the moderation page loads it
    services.visibility_set(actor=carol, topic=answer.topic, post=reply, visible=True)

    assert len(_told(bob, Kind.FORUM_REPLY)) == 1
    assert len(_told(alice, Kind.FORUM_TOPIC_REPLY)) == 1
    assert _rows() == sorted(
        _both_channels(bob, Kind.FORUM_REPLY) + _both_channels(alice, Kind.FORUM_TOPIC_REPLY)
    )


def test_an_asker_who_turned_the_kind_off_is_not_told(alice, bob):
    for channel in (Channel.INAPP, Channel.EMAIL):
        NotificationPreference.objects.create(
            user=alice, kind=Kind.FORUM_ANSWER, channel=channel, enabled=False
        )

    services.post_add(topic=TopicFactory(author=alice), author=bob, body="换成 TRC20 网络试试")

    assert not Notification.objects.exists()


def test_accepting_an_answer_tells_its_author_once(alice, bob):
    answer = PostFactory(topic=TopicFactory(author=alice), author=bob)
    other = PostFactory(topic=answer.topic, author=UserFactory())

    services.answer_accept(topic=answer.topic, post=answer, actor=alice)
    services.answer_accept(topic=answer.topic, post=other, actor=alice)
    services.answer_accept(topic=answer.topic, post=answer, actor=alice)

    (note,) = _told(bob, Kind.FORUM_ACCEPTED)
    assert note.link.endswith(f"#post-{answer.pk}")
    assert note.ticket_id is None
    assert not _told(alice, Kind.FORUM_ACCEPTED)
    assert len(_told(other.author, Kind.FORUM_ACCEPTED)) == 1


def test_accepting_ones_own_answer_tells_nobody(alice):
    own = PostFactory(topic=TopicFactory(author=alice), author=alice)

    services.answer_accept(topic=own.topic, post=own, actor=alice)

    assert not Notification.objects.exists()


def test_staff_accepting_tells_the_answerer(alice, bob, carol):
    answer = PostFactory(topic=TopicFactory(author=alice), author=bob)

    services.answer_accept(topic=answer.topic, post=answer, actor=carol)

    assert len(_told(bob, Kind.FORUM_ACCEPTED)) == 1


def _pending_mail(user, kind=Kind.FORUM_ANSWER):
    return list(
        Notification.objects.filter(
            recipient=user, kind=kind, channel=Channel.EMAIL, state=State.PENDING
        )
    )


def test_a_question_hidden_before_its_mail_went_is_not_mailed_about(alice, bob, carol):
    topic = TopicFactory(author=alice, title="提现卡住：我的地址和金额")
    services.post_add(topic=topic, author=bob, body="换成 TRC20 网络试试")
    assert len(_pending_mail(alice)) == 1

    services.visibility_set(actor=carol, topic=topic, post=None, visible=False)

    # The mail would have named the hidden question; the in-app row holds no text and stays.
    assert _pending_mail(alice) == []
    assert len(_told(alice)) == 1


def test_an_answer_hidden_before_its_mail_went_takes_its_replies_mails_with_it(
    alice, bob, carol, veteran
):
    topic = TopicFactory(author=alice)
    answer = services.post_add(topic=topic, author=bob, body="换成 TRC20 网络试试").post
    services.post_add(topic=topic, author=alice, body="试了，还是没到", parent=answer)
    other = services.post_add(topic=topic, author=veteran, body="等区块确认就好").post
    assert len(_pending_mail(bob, Kind.FORUM_REPLY)) == 1

    services.visibility_set(actor=carol, topic=topic, post=answer, visible=False)

    assert _pending_mail(bob, Kind.FORUM_REPLY) == []
    (left,) = _pending_mail(alice)
    assert left.source == f"forum-post:{other.pk}"


def test_an_answer_hidden_before_the_askers_mail_went_takes_the_reply_mail_with_it(
    alice, bob, carol, veteran
):
    topic = TopicFactory(author=alice)
    answer = services.post_add(topic=topic, author=bob, body="换成 TRC20 网络试试").post
    services.post_add(topic=topic, author=veteran, body="我也遇到过，等确认", parent=answer)
    assert len(_pending_mail(alice, Kind.FORUM_TOPIC_REPLY)) == 1

    services.visibility_set(actor=carol, topic=topic, post=answer, visible=False)

    assert _pending_mail(alice, Kind.FORUM_TOPIC_REPLY) == []
    assert len(_told(alice, Kind.FORUM_TOPIC_REPLY)) == 1  # the in-app row holds no text


def test_an_answer_published_again_is_mailed_about_then(alice, bob, carol):
    topic = TopicFactory(author=alice)
    answer = services.post_add(topic=topic, author=bob, body="换成 TRC20 网络试试").post
    services.visibility_set(actor=carol, topic=topic, post=answer, visible=False)
    assert _pending_mail(alice) == []

    services.visibility_set(
        actor=carol, topic=topic, post=Post.objects.get(pk=answer.pk), visible=True
    )

    assert len(_pending_mail(alice)) == 1
    assert len(_told(alice)) == 1


def test_a_mail_already_sent_is_left_as_it_is(alice, bob, carol):
    topic = TopicFactory(author=alice)
    services.post_add(topic=topic, author=bob, body="换成 TRC20 网络试试")
    Notification.objects.filter(channel=Channel.EMAIL).update(state=State.SENT)

    services.visibility_set(actor=carol, topic=topic, post=None, visible=False)

    assert Notification.objects.filter(channel=Channel.EMAIL, state=State.SENT).count() == 1


def test_deleting_a_question_or_an_answer_takes_back_their_mails(alice, bob):
    topic = TopicFactory(author=alice)
    answer = services.post_add(topic=topic, author=bob, body="换成 TRC20 网络试试").post
    services.post_add(topic=topic, author=alice, body="试了，还是没到", parent=answer)
    assert len(_pending_mail(alice)) == 1
    assert len(_pending_mail(bob, Kind.FORUM_REPLY)) == 1

    services.post_delete(post=answer, actor=bob)

    assert _pending_mail(alice) == []
    # The reply stays in the thread under "deleted by its author": its mail still goes.
    assert len(_pending_mail(bob, Kind.FORUM_REPLY)) == 1

    services.topic_delete(topic=topic, actor=alice)

    assert _pending_mail(bob, Kind.FORUM_REPLY) == []

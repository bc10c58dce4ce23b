"""The forum's writes: who may post, the secret guard, the impersonation hold, limits,
accepting, voting, reporting, moderation with its audit trail, FAQ drafts and tickets."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from walletdesk.accounts.errors import AccountError
from walletdesk.accounts.tests.factories import UserFactory
from walletdesk.audit.models import AuditEvent, Kind
from walletdesk.community import services
from walletdesk.community.errors import CommunityError
from walletdesk.community.models import Post, Report, Topic, Visibility, Vote
from walletdesk.community.tests.factories import PostFactory, TopicFactory
from walletdesk.guard.models import Channel, SecretCatch
from walletdesk.kb.models import Article
from walletdesk.tickets.models import Category
from walletdesk.tickets.tests.factories import TicketFactory

PHRASE = (
    "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"
)


@pytest.fixture
def veteran(db):
    """A verified customer whose account is old enough for the ordinary limits."""
    return UserFactory(
        email="veteran@example.com",
        display_name="老用户",
        date_joined=timezone.now() - timedelta(days=90),
    )


def _ask(user, **changes):
    values = {"category": None, "title": "提现一直处理中", "body": "两个小时了还没到账"}
    values.update(changes)
    return services.topic_ask(author=user, ip="10.0.0.1", **values)


def test_a_verified_user_asks_a_question_that_is_published(alice):
    written = _ask(alice, category=Category.objects.get(slug="withdrawal"))

    topic = Topic.objects.get()
    assert written.topic == topic
    assert topic.visibility == Visibility.VISIBLE
    assert topic.hold_reasons == []
    assert "提现" in topic.search_text.split()


def test_an_unverified_user_may_not_post(db):
    stranger = UserFactory(email_verified_at=None)

    with pytest.raises(CommunityError) as error:
        _ask(stranger)

    assert error.value.code == CommunityError.Code.UNVERIFIED
    assert not Topic.objects.exists()


def test_a_recovery_phrase_is_refused_and_nothing_is_stored(alice):
    with pytest.raises(CommunityError) as error:
        _ask(alice, body=f"我的助记词是 {PHRASE} 帮我看看")

    assert error.value.code == CommunityError.Code.SECRET_DETECTED
    assert error.value.params["fields"] == ["body"]
    assert "abandon about" not in error.value.params["masked"]["body"]
    assert not Topic.objects.exists()
    assert SecretCatch.objects.get().fields == ["body"]


def test_the_catch_names_the_door_the_text_came_through(alice):
    with pytest.raises(CommunityError):
        _ask(alice, body=f"助记词 {PHRASE}", channel=Channel.API)

    assert SecretCatch.objects.get().channel == Channel.API
    assert not Topic.objects.exists()


def test_a_reply_with_a_phrase_is_refused_too(alice, bob):
    topic = TopicFactory(author=alice)

    with pytest.raises(CommunityError):
        services.post_add(topic=topic, author=bob, body=PHRASE)

    assert not Post.objects.exists()


def test_an_impersonating_reply_is_held_with_its_reason(alice, veteran):
    topic = TopicFactory(author=alice)

    written = services.post_add(
        topic=topic, author=veteran, body="加我telegram @imwallet_support 帮你找回资产"
    )

    post = Post.objects.get()
    assert written.held
    assert post.visibility == Visibility.HELD
    assert "private_contact" in post.hold_reasons
    topic.refresh_from_db()
    assert topic.answer_count == 0


def test_a_link_to_the_wallet_makers_site_is_held_until_the_site_is_named_official(alice, veteran):
    topic = TopicFactory(author=alice)
    body = (
        "我朋友平时用Discord，不知道官方有没有Discord服务器，有的话在官网 imwallet.com 上能找到吗"
    )

    unnamed = services.post_add(topic=topic, author=veteran, body=body)
    with override_settings(COMMUNITY_OFFICIAL_DOMAINS=["imwallet.com"]):
        named = services.post_add(topic=topic, author=veteran, body=body + " 谢谢")

    assert unnamed.held
    assert not named.held


def test_staff_are_never_held(alice, carol):
    topic = TopicFactory(author=alice)

    written = services.post_add(topic=topic, author=carol, body="请私信我你的工单号，我来跟进")

    assert not written.held
    topic.refresh_from_db()
    assert topic.answer_count == 1


@pytest.mark.parametrize("name", ["IM钱包官方客服", "Ｓｕｐｐｏｒｔ", "Аdmin", "客 服"])
def test_a_staff_like_name_is_refused_for_a_customer(alice, name):
    with pytest.raises(AccountError) as error:
        services.forum_name_set(user=alice, display_name=name)

    assert error.value.code == AccountError.Code.DISPLAY_NAME_RESERVED
    alice.refresh_from_db()
    assert alice.display_name == "Alice"


def test_staff_may_use_an_official_name(carol):
    services.forum_name_set(user=carol, display_name="IM钱包官方客服")

    carol.refresh_from_db()
    assert carol.display_name == "IM钱包官方客服"


def test_a_name_kept_from_before_the_rule_may_not_post(db):
    old = UserFactory(display_name="官方客服小王")

    with pytest.raises(CommunityError) as error:
        _ask(old)

    assert error.value.code == CommunityError.Code.NAME_RESERVED


def test_a_new_account_meets_its_tighter_limit(alice):
    for number in range(5):
        _ask(alice, title=f"问题 {number}")

    with pytest.raises(CommunityError) as error:
        _ask(alice, title="第六个问题")

    assert error.value.code == CommunityError.Code.TOO_MANY_POSTS
    assert Topic.objects.count() == 5


@override_settings(RATE_LIMITS_STORE="database")
def test_limits_are_counted_in_the_shared_store(veteran):
    for number in range(30):
        _ask(veteran, title=f"问题 {number}")

    with pytest.raises(CommunityError):
        _ask(veteran, title="one too many")

    assert Topic.objects.count() == 30


def test_a_locked_topic_takes_no_answers(alice, bob):
    topic = TopicFactory(author=alice, is_locked=True)

    with pytest.raises(CommunityError) as error:
        services.post_add(topic=topic, author=bob, body="试试换网络")

    assert error.value.code == CommunityError.Code.LOCKED


def test_a_reply_goes_under_an_answer(alice, bob):
    answer = PostFactory(topic=TopicFactory(author=alice), author=bob)

    written = services.post_add(
        topic=answer.topic, author=alice, body="谢谢，已到账", parent=answer
    )

    assert written.post.parent == answer
    answer.topic.refresh_from_db()
    assert answer.topic.answer_count == 0  # replies are not answers


def test_the_asker_accepts_an_answer(alice, bob):
    answer = PostFactory(topic=TopicFactory(author=alice), author=bob)

    services.answer_accept(topic=answer.topic, post=answer, actor=alice)

    assert Topic.objects.get().accepted_answer == answer


def test_someone_else_may_not_accept(alice, bob):
    answer = PostFactory(topic=TopicFactory(author=alice), author=bob)

    with pytest.raises(CommunityError) as error:
        services.answer_accept(topic=answer.topic, post=answer, actor=bob)

    assert error.value.code == CommunityError.Code.NOT_ALLOWED


def test_a_held_answer_cannot_be_accepted(alice, bob):
    answer = PostFactory(topic=TopicFactory(author=alice), author=bob, visibility=Visibility.HELD)

    with pytest.raises(CommunityError):
        services.answer_accept(topic=answer.topic, post=answer, actor=alice)


def test_votes_count_once_and_toggle(alice, bob):
    answer = PostFactory(topic=TopicFactory(author=alice), author=bob)

    services.vote_cast(post=answer, user=alice, value=1)
    assert Post.objects.get().score == 1
    services.vote_cast(post=answer, user=alice, value=-1)
    assert Post.objects.get().score == -1
    services.vote_cast(post=answer, user=alice, value=-1)

    assert Post.objects.get().score == 0
    assert not Vote.objects.exists()


def test_one_may_not_vote_for_oneself(bob):
    answer = PostFactory(author=bob)

    with pytest.raises(CommunityError) as error:
        services.vote_cast(post=answer, user=bob, value=1)

    assert error.value.code == CommunityError.Code.OWN_POST


def test_a_report_reaches_the_queue_once(alice, bob):
    answer = PostFactory(topic=TopicFactory(author=alice), author=bob)

    services.report_add(topic=answer.topic, post=answer, reporter=alice, reason="scam")
    services.report_add(topic=answer.topic, post=answer, reporter=alice, reason="spam")

    assert Report.objects.get().reason == "scam"


def test_approving_a_held_post_publishes_it_and_is_audited(alice, bob, carol):
    topic = TopicFactory(author=alice)
    held = PostFactory(
        topic=topic, author=bob, visibility=Visibility.HELD, hold_reasons=["private_contact"]
    )

    services.visibility_set(actor=carol, topic=topic, post=held, visible=True)

    held.refresh_from_db()
    topic.refresh_from_db()
    assert held.visibility == Visibility.VISIBLE
    assert topic.answer_count == 1
    event = AuditEvent.objects.get(kind=Kind.FORUM_MODERATED)
    assert event.actor_id == carol.pk
    assert event.detail["action"] == "approve"
    assert event.detail["hold_reasons"] == ["private_contact"]


def test_hiding_resolves_reports_and_is_audited(alice, bob, carol):
    answer = PostFactory(topic=TopicFactory(author=alice), author=bob)
    services.report_add(topic=answer.topic, post=answer, reporter=alice, reason="scam")

    services.visibility_set(actor=carol, topic=answer.topic, post=answer, visible=False)

    assert Post.objects.get().visibility == Visibility.HIDDEN
    assert Report.objects.get().resolved_at is not None
    assert AuditEvent.objects.get(kind=Kind.FORUM_MODERATED).detail["reports_resolved"] == 1


def test_lock_and_move_are_staff_only_and_audited(alice, carol):
    topic = TopicFactory(author=alice)
    deposit = Category.objects.get(slug="deposit")

    with pytest.raises(CommunityError):
        services.topic_lock_set(actor=alice, topic=topic, locked=True)
    services.topic_lock_set(actor=carol, topic=topic, locked=True)
    services.topic_move(actor=carol, topic=topic, category=deposit)

    topic.refresh_from_db()
    assert topic.is_locked
    assert topic.category == deposit
    actions = list(
        AuditEvent.objects.filter(kind=Kind.FORUM_MODERATED)
        .order_by("id")
        .values_list("detail__action", flat=True)
    )
    assert actions == ["lock", "move"]


def test_an_answered_question_becomes_a_draft_article_linked_both_ways(alice, bob, carol):
    topic = TopicFactory(author=alice, title="TRC20 充值多久到账")
    answer = PostFactory(topic=topic, author=bob, body="一般 1 到 3 分钟。")
    services.answer_accept(topic=topic, post=answer, actor=alice)

    article = services.topic_promote(topic=topic, actor=carol, source_url="/community/t/x/")

    assert article.status == Article.Status.DRAFT
    assert article.title_zh == "TRC20 充值多久到账"
    assert article.category.slug == "other"
    assert "/community/t/x/" in article.body_zh
    assert Topic.objects.get().article == article
    with pytest.raises(CommunityError) as error:
        services.topic_promote(topic=topic, actor=carol)
    assert error.value.code == CommunityError.Code.ALREADY_PROMOTED


def test_promotion_needs_an_accepted_answer_and_staff(alice, carol):
    topic = TopicFactory(author=alice)

    with pytest.raises(CommunityError) as error:
        services.topic_promote(topic=topic, actor=carol)
    assert error.value.code == CommunityError.Code.NO_ACCEPTED_ANSWER
    with pytest.raises(CommunityError):
        services.topic_promote(topic=topic, actor=alice)


def test_a_ticket_opened_from_a_question_is_linked_to_it(alice):
    topic = TopicFactory(author=alice)
    ticket = TicketFactory(requester=alice)

    services.topic_ticket_link(topic=topic, ticket=ticket, actor=alice)

    assert Topic.objects.get().ticket == ticket
    with pytest.raises(CommunityError) as error:
        services.topic_ticket_link(topic=topic, ticket=TicketFactory(requester=alice), actor=alice)
    assert error.value.code == CommunityError.Code.ALREADY_CONVERTED


def test_only_the_asker_links_a_ticket_to_a_question(alice, bob):
    topic = TopicFactory(author=alice)

    with pytest.raises(CommunityError):
        services.topic_ticket_link(topic=topic, ticket=TicketFactory(requester=bob), actor=bob)

    assert Topic.objects.get().ticket is None


def test_moderation_apply_goes_through_the_audited_service(carol):
    topic = TopicFactory()

    services.moderation_apply(actor=carol, topic=topic, post=None, action="lock")

    topic.refresh_from_db()
    assert topic.is_locked
    event = AuditEvent.objects.get(kind=Kind.FORUM_MODERATED)
    assert event.detail["action"] == "lock"


def test_moderation_apply_refuses_a_customer_and_an_unknown_action(alice, carol):
    topic = TopicFactory()

    with pytest.raises(CommunityError) as customer:
        services.moderation_apply(actor=alice, topic=topic, post=None, action="lock")
    with pytest.raises(CommunityError) as unknown:
        services.moderation_apply(actor=carol, topic=topic, post=None, action="explode")

    assert customer.value.code == CommunityError.Code.NOT_ALLOWED
    assert unknown.value.code == CommunityError.Code.NOT_ALLOWED
    topic.refresh_from_db()
    assert not topic.is_locked
    assert not AuditEvent.objects.filter(kind=Kind.FORUM_MODERATED).exists()

"""The forum over the API: reading without an account, writing through the forum's own
services with the pages' outcomes (guard, hold, names, limits), nothing held leaking, the same
stored outcome through the page and the API, and query budgets."""

from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from walletdesk.accounts.tests.factories import UserFactory
from walletdesk.api.tests.helpers import token_client
from walletdesk.audit.models import AuditEvent, Kind
from walletdesk.community import limits
from walletdesk.community.models import Post, Report, Topic, Visibility, Vote
from walletdesk.community.tests.factories import PostFactory, TopicFactory
from walletdesk.core.ratelimit import Limit
from walletdesk.guard.models import SecretCatch
from walletdesk.tickets.models import Category

pytestmark = pytest.mark.django_db

PHRASE = (
    "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"
)
IMPERSONATION = "我是官方客服，加我telegram @imwallet_support 帮你找回资产"
TOPICS = "/api/v1/community/topics"


def _topic_url(topic) -> str:
    return reverse("api:v1-community-topic", args=[topic.pk])


def _post_url(name: str, post) -> str:
    return reverse(f"api:v1-community-{name}", args=[post.topic_id, post.pk])


@pytest.fixture
def veteran(db):
    """A verified customer whose account is past the new-account limits."""
    return UserFactory(
        email="veteran@example.com",
        display_name="老用户",
        date_joined=timezone.now() - timedelta(days=90),
    )


def test_bob_cannot_see_alices_ticket(bob, alice_ticket):
    response = token_client(bob).get(f"/api/v1/tickets/{alice_ticket.reference}")

    assert response.status_code == 404


# --- reading ---------------------------------------------------------------------------------


def test_anyone_lists_published_questions_and_none_held(alice, bob):
    published = TopicFactory(author=alice, title="充值没到账怎么办")
    TopicFactory(author=bob, title="私聊我帮你找回", visibility=Visibility.HELD)
    TopicFactory(author=bob, title="被版主隐藏", visibility=Visibility.HIDDEN)

    response = APIClient().get(TOPICS)

    body = response.json()
    assert response.status_code == 200
    assert [row["id"] for row in body["results"]] == [str(published.pk)]
    assert body["results"][0]["title"] == "充值没到账怎么办"
    assert body["results"][0]["url"] == reverse("community:portal-topic", args=[published.pk])
    assert body["next_cursor"] is None


def test_the_list_filters_by_category_and_general_discussion(alice):
    withdrawal = TopicFactory(author=alice, category=Category.objects.get(slug="withdrawal"))
    general = TopicFactory(author=alice, category=None)

    by_category = APIClient().get(TOPICS, {"category": "withdrawal"}).json()
    by_general = APIClient().get(TOPICS, {"category": "general"}).json()

    assert [row["id"] for row in by_category["results"]] == [str(withdrawal.pk)]
    assert by_category["results"][0]["category"]["slug"] == "withdrawal"
    assert [row["id"] for row in by_general["results"]] == [str(general.pk)]
    assert by_general["results"][0]["category"] is None


def test_an_unknown_category_is_a_400_naming_the_field():
    response = APIClient().get(TOPICS, {"category": "no-such-thing"})

    assert response.status_code == 400
    assert response.json()["errors"]["category"][0]["code"] == "unknown_category"


def test_the_next_page_continues_after_the_cursor():
    topics = TopicFactory.create_batch(25)

    first = APIClient().get(TOPICS).json()
    second = APIClient().get(TOPICS, {"cursor": first["next_cursor"]}).json()

    seen = [row["id"] for row in first["results"] + second["results"]]
    assert len(first["results"]) == 20
    assert sorted(seen) == sorted(str(t.pk) for t in topics)
    assert second["next_cursor"] is None


def test_a_cursor_that_does_not_parse_starts_over():
    TopicFactory.create_batch(3)

    response = APIClient().get(TOPICS, {"cursor": "not a cursor"})

    assert response.status_code == 200
    assert len(response.json()["results"]) == 3


def test_search_finds_published_questions_only(alice, bob):
    found = TopicFactory(author=alice, title="提现一直处理中怎么办")
    TopicFactory(author=bob, title="提现处理中 私聊我", visibility=Visibility.HELD)

    response = APIClient().get(reverse("api:v1-community-search"), {"q": "提现"})

    body = response.json()
    assert response.status_code == 200
    assert body["query"] == "提现"
    assert [row["id"] for row in body["results"]] == [str(found.pk)]


def test_an_empty_search_finds_nothing():
    TopicFactory()

    response = APIClient().get(reverse("api:v1-community-search"), {"q": "  "})

    assert response.status_code == 200
    assert response.json()["results"] == []


def test_a_topic_reads_with_the_accepted_answer_first_and_staff_verified(alice, bob, carol):
    topic = TopicFactory(author=alice)
    plain = PostFactory(topic=topic, author=bob, body="试试换网络", score=5)
    staff = PostFactory(topic=topic, author=carol, body="请提交工单，我们来查")
    reply = PostFactory(topic=topic, author=alice, parent=plain, body="谢谢")
    Topic.objects.filter(pk=topic.pk).update(accepted_answer=staff)

    response = APIClient().get(_topic_url(topic))

    body = response.json()
    assert response.status_code == 200
    assert body["topic"]["accepted_answer_id"] == str(staff.pk)
    first, second = body["answers"]
    assert (first["id"], first["accepted"], first["verified"]) == (str(staff.pk), True, True)
    assert (second["id"], second["accepted"], second["verified"]) == (str(plain.pk), False, False)
    assert [r["id"] for r in second["replies"]] == [str(reply.pk)]
    assert second["replies"][0]["parent_id"] == str(plain.pk)
    assert first["my_vote"] == 0


def test_held_and_hidden_posts_never_reach_anyone_else(alice, bob, carol):
    topic = TopicFactory(author=alice)
    held = PostFactory(
        topic=topic,
        author=bob,
        body=IMPERSONATION,
        visibility=Visibility.HELD,
        hold_reasons=["private_contact"],
    )
    PostFactory(topic=topic, author=bob, body="隐藏的回答", visibility=Visibility.HIDDEN)
    url = _topic_url(topic)

    anonymous = APIClient().get(url)
    asker = token_client(alice).get(url)
    writer = token_client(bob).get(url).json()
    staff = token_client(carol).get(url).json()

    for response in (anonymous, asker):
        assert response.status_code == 200
        assert response.json()["answers"] == []
        assert "telegram" not in response.content.decode()
        assert "隐藏的回答" not in response.content.decode()
    # The writer sees their own, marked, without the reasons; staff see why it was held.
    states = {row["id"]: row for row in writer["answers"]}
    assert states[str(held.pk)]["state"] == "held"
    assert states[str(held.pk)]["hold_reasons"] == []
    staff_states = {row["id"]: row for row in staff["answers"]}
    assert staff_states[str(held.pk)]["hold_reasons"] == ["private_contact"]
    assert len(staff_states) == 2


def test_a_held_question_is_404_to_anyone_but_its_writer_and_staff(alice, bob, carol):
    topic = TopicFactory(author=bob, title=IMPERSONATION, visibility=Visibility.HELD)
    url = _topic_url(topic)

    assert APIClient().get(url).status_code == 404
    assert token_client(alice).get(url).status_code == 404
    assert token_client(bob).get(url).json()["topic"]["state"] == "held"
    assert token_client(carol).get(url).status_code == 200
    assert b"telegram" not in APIClient().get(url).content


def test_a_deleted_question_keeps_its_answers_but_not_its_words(alice, bob):
    topic = TopicFactory(author=alice, title="删掉的问题", deleted_at=timezone.now())
    PostFactory(topic=topic, author=bob)
    Topic.objects.filter(pk=topic.pk).update(answer_count=1)

    response = APIClient().get(_topic_url(topic))

    body = response.json()
    assert body["topic"]["deleted"] is True
    assert (body["topic"]["title"], body["topic"]["body"]) == ("", "")
    assert len(body["answers"]) == 1
    assert "删掉的问题" not in response.content.decode()


def test_a_new_accounts_links_are_not_clickable(alice, veteran):
    # The veteran's published posts make them a member (community/trust.py).
    PostFactory.create_batch(2, author=veteran)
    topic = TopicFactory(author=veteran)
    PostFactory(topic=topic, author=alice, body="see https://example.org")

    body = APIClient().get(_topic_url(topic)).json()

    assert body["topic"]["links_clickable"] is True
    assert body["answers"][0]["links_clickable"] is False


def test_a_published_warning_that_cites_a_phishing_site_never_links_it(veteran):
    PostFactory.create_batch(2, author=veteran)
    topic = TopicFactory(author=veteran, body="看 https://etherscan.io/tx/0xabc")
    PostFactory(topic=topic, author=veteran, body="网址是 imwallet-sync.xyz，根本不是官网，别信")

    body = APIClient().get(_topic_url(topic)).json()

    assert body["topic"]["links_clickable"] is True
    assert body["answers"][0]["links_clickable"] is False


@pytest.mark.parametrize("size", [2, 30])
def test_the_list_reads_a_fixed_number_of_queries(size, django_assert_num_queries):
    for _ in range(size):
        PostFactory(topic=TopicFactory())
    client = APIClient()
    client.get(TOPICS)  # warm the category catalogue

    # The page of topics with their authors and categories joined.
    with django_assert_num_queries(1):
        response = client.get(TOPICS, {"category": "general"})

    assert response.status_code == 200


@pytest.mark.parametrize("size", [2, 20])
def test_a_topic_reads_a_fixed_number_of_queries(bob, size, django_assert_num_queries):
    topic = TopicFactory()
    for _ in range(size):
        answer = PostFactory(topic=topic)
        PostFactory(topic=topic, parent=answer)
    client = token_client(bob)
    client.get(TOPICS)

    # The token with its account, the topic, its posts, the reader's votes.
    with django_assert_num_queries(4):
        response = client.get(_topic_url(topic))

    assert response.status_code == 200
    assert len(response.json()["answers"]) == size


# --- writing ---------------------------------------------------------------------------------


def test_a_question_is_asked_and_published(alice):
    response = token_client(alice).post(
        TOPICS,
        {"category": "withdrawal", "title": "提现卡住了", "body": "两个小时没到账"},
        format="json",
    )

    body = response.json()
    topic = Topic.objects.get()
    assert response.status_code == 201
    assert body["state"] == "visible"
    assert body["notice"] == ""
    assert body["topic"]["id"] == str(topic.pk)
    assert (topic.author, topic.category.slug, topic.title) == (alice, "withdrawal", "提现卡住了")
    assert topic.visibility == Visibility.VISIBLE


def test_a_retried_question_with_the_same_key_is_asked_once(alice):
    client = token_client(alice, HTTP_IDEMPOTENCY_KEY="ask-7731")
    data = {"category": "general", "title": "提现卡住了", "body": "两个小时没到账"}

    first = client.post(TOPICS, data, format="json")
    again = client.post(TOPICS, data, format="json")

    assert (first.status_code, again.status_code) == (201, 201)
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert Topic.objects.count() == 1


def test_a_refused_secret_under_a_key_is_still_recorded(alice):
    client = token_client(alice, HTTP_IDEMPOTENCY_KEY="ask-7732")

    response = client.post(
        TOPICS, {"category": "general", "title": "钱包", "body": PHRASE}, format="json"
    )

    assert response.status_code == 422
    assert not Topic.objects.exists()
    assert SecretCatch.objects.count() == 1


def test_writing_needs_an_account():
    response = APIClient().post(
        TOPICS, {"category": "general", "title": "t", "body": "b"}, format="json"
    )

    assert response.status_code in (401, 403)
    assert not Topic.objects.exists()


def test_a_secret_is_refused_with_nothing_stored_and_the_text_masked(alice):
    response = token_client(alice).post(
        TOPICS,
        {"category": "general", "title": "帮我看看钱包", "body": f"助记词 {PHRASE}"},
        format="json",
    )

    body = response.json()
    assert response.status_code == 422
    assert body["code"] == "secret_detected"
    assert body["fields"] == ["body"]
    assert "abandon about" not in body["masked"]["body"]
    assert body["message"].startswith("未发布：你填写的内容包含助记词或私钥。")
    assert not Topic.objects.exists()
    catch = SecretCatch.objects.get()
    assert catch.fields == ["body"]
    assert catch.channel == "api"


def test_a_refusal_reads_in_english_for_an_english_account(bob):
    response = token_client(bob).post(
        TOPICS, {"category": "general", "title": "Wallet", "body": PHRASE}, format="json"
    )

    assert response.status_code == 422
    assert "recovery phrase" in response.json()["message"]


def test_an_impersonating_question_is_held_and_shown_to_nobody_else(veteran, bob):
    response = token_client(veteran).post(
        TOPICS, {"category": "general", "title": "资产找回", "body": IMPERSONATION}, format="json"
    )

    body = response.json()
    topic = Topic.objects.get()
    assert response.status_code == 202
    assert body["state"] == "held"
    assert body["notice"] == "你的问题需要审核后其他人才能看到。"
    assert topic.visibility == Visibility.HELD
    assert "private_contact" in topic.hold_reasons
    assert APIClient().get(TOPICS).json()["results"] == []
    assert token_client(bob).get(_topic_url(topic)).status_code == 404


def test_a_staff_like_display_name_may_not_post(db):
    impostor = UserFactory(display_name="官方客服小王")

    response = token_client(impostor).post(
        TOPICS, {"category": "general", "title": "t", "body": "b"}, format="json"
    )

    assert response.status_code == 403
    assert response.json()["code"] == "name_reserved"
    assert not Topic.objects.exists()


def test_an_unverified_account_may_not_post(db):
    stranger = UserFactory(email_verified_at=None)

    response = token_client(stranger).post(
        TOPICS, {"category": "general", "title": "t", "body": "b"}, format="json"
    )

    assert response.status_code == 403
    assert response.json()["code"] == "unverified"
    assert not Topic.objects.exists()


def test_a_new_account_meets_its_tighter_limit_with_retry_after(alice):
    client = token_client(alice)
    for number in range(5):
        client.post(TOPICS, {"title": f"问题 {number}", "body": "内容"}, format="json")

    response = client.post(TOPICS, {"title": "第六个", "body": "内容"}, format="json")

    assert response.status_code == 429
    assert response.json()["code"] == "rate_limited"
    assert int(response["Retry-After"]) > 0
    assert Topic.objects.count() == 5


@override_settings(RATE_LIMITS_STORE="database")
def test_the_address_limit_is_shared_by_accounts_in_the_shared_store(veteran, bob, monkeypatch):
    monkeypatch.setattr(limits, "POSTS_PER_IP", Limit("community.post.ip", count=2, window_for=60))
    topic = TopicFactory()
    url = reverse("api:v1-community-answers", args=[topic.pk])

    first = token_client(veteran).post(url, {"body": "一"}, format="json")
    second = token_client(bob).post(url, {"body": "二"}, format="json")
    third = token_client(veteran).post(url, {"body": "三"}, format="json")

    assert (first.status_code, second.status_code, third.status_code) == (201, 201, 429)
    assert Post.objects.count() == 2


def test_an_answer_and_a_reply_are_posted(alice, bob):
    topic = TopicFactory(author=alice)

    answer = token_client(bob).post(
        reverse("api:v1-community-answers", args=[topic.pk]), {"body": "换网络试试"}, format="json"
    )
    answer_id = answer.json()["post"]["id"]
    reply = token_client(alice).post(
        reverse("api:v1-community-replies", args=[topic.pk, answer_id]),
        {"body": "好的"},
        format="json",
    )

    assert (answer.status_code, reply.status_code) == (201, 201)
    assert reply.json()["post"]["parent_id"] == answer_id
    topic.refresh_from_db()
    assert topic.answer_count == 1
    assert Post.objects.get(parent_id=answer_id).body == "好的"


def test_a_reply_to_a_reply_is_refused(alice, bob):
    answer = PostFactory(topic=TopicFactory(author=alice))
    reply = PostFactory(topic=answer.topic, parent=answer)

    response = token_client(bob).post(
        reverse("api:v1-community-replies", args=[answer.topic_id, reply.pk]),
        {"body": "再回复"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["code"] == "not_an_answer"
    assert Post.objects.count() == 2


def test_an_impersonating_answer_is_held(alice, veteran):
    topic = TopicFactory(author=alice)

    response = token_client(veteran).post(
        reverse("api:v1-community-answers", args=[topic.pk]), {"body": IMPERSONATION}, format="json"
    )

    assert response.status_code == 202
    assert response.json()["state"] == "held"
    assert Post.objects.get().visibility == Visibility.HELD
    assert APIClient().get(_topic_url(topic)).json()["answers"] == []


def test_a_locked_topic_takes_no_answers(alice, bob):
    topic = TopicFactory(author=alice, is_locked=True)

    response = token_client(bob).post(
        reverse("api:v1-community-answers", args=[topic.pk]), {"body": "试试"}, format="json"
    )

    assert response.status_code == 409
    assert response.json()["code"] == "locked"
    assert not Post.objects.exists()


def test_votes_count_once_and_toggle(alice, bob):
    post = PostFactory(topic=TopicFactory(author=bob), author=alice)
    client = token_client(bob)

    up = client.post(_post_url("post-vote", post), {"value": "up"}, format="json")
    again = client.post(_post_url("post-vote", post), {"value": "up"}, format="json")

    assert up.json() == {"score": 1, "my_vote": 1}
    assert again.json() == {"score": 0, "my_vote": 0}
    assert not Vote.objects.exists()


def test_one_may_not_vote_for_oneself(alice):
    post = PostFactory(author=alice)

    response = token_client(alice).post(
        _post_url("post-vote", post), {"value": "up"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "own_post"
    assert not Vote.objects.exists()


def test_the_asker_and_staff_accept_and_nobody_else(alice, bob, carol):
    topic = TopicFactory(author=alice)
    answer = PostFactory(topic=topic, author=carol)
    other = PostFactory(topic=topic, author=UserFactory())

    refused = token_client(bob).post(_post_url("post-accept", answer))
    by_asker = token_client(alice).post(_post_url("post-accept", answer))
    by_staff = token_client(carol).post(_post_url("post-accept", other))

    assert refused.status_code == 403
    assert refused.json()["code"] == "not_allowed"
    assert by_asker.json() == {"accepted_answer_id": str(answer.pk)}
    assert by_staff.status_code == 200
    topic.refresh_from_db()
    assert topic.accepted_answer == other


def test_a_report_reaches_the_moderators_once(alice, bob):
    topic = TopicFactory(author=alice)
    post = PostFactory(topic=topic, author=alice)
    url = reverse("api:v1-community-reports", args=[topic.pk])
    client = token_client(bob)

    first = client.post(url, {"reason": "scam", "post": str(post.pk)}, format="json")
    again = client.post(url, {"reason": "scam", "post": str(post.pk)}, format="json")

    assert (first.status_code, again.status_code) == (201, 201)
    assert first.json()["message"] == "Thank you: a moderator will look at it."
    report = Report.objects.get()
    assert (report.post, report.reporter, report.reason) == (post, bob, "scam")


def test_one_may_not_report_oneself(alice):
    topic = TopicFactory(author=alice)

    response = token_client(alice).post(
        reverse("api:v1-community-reports", args=[topic.pk]), {"reason": "spam"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "own_post"
    assert not Report.objects.exists()


def test_the_author_edits_and_deletes_their_answer(alice, bob):
    post = PostFactory(topic=TopicFactory(author=alice), author=bob, body="旧的")
    client = token_client(bob)

    edited = client.put(_post_url("post", post), {"body": "新的"}, format="json")
    deleted = client.delete(_post_url("post", post))

    assert edited.status_code == 200
    assert edited.json()["post"]["body"] == "新的"
    assert deleted.status_code == 204
    post.refresh_from_db()
    assert post.body == "新的"
    assert post.is_deleted
    actions = AuditEvent.objects.filter(kind=Kind.FORUM_AUTHOR_CHANGED).values_list(
        "detail__action", flat=True
    )
    assert sorted(actions) == ["delete", "edit"]


def test_an_edit_that_impersonates_is_held(alice, veteran):
    post = PostFactory(topic=TopicFactory(author=alice), author=veteran)

    response = token_client(veteran).put(
        _post_url("post", post), {"body": IMPERSONATION}, format="json"
    )

    assert response.status_code == 202
    assert response.json()["state"] == "held"
    post.refresh_from_db()
    assert post.visibility == Visibility.HELD


def test_someone_elses_post_is_not_there_to_edit_or_delete(alice, bob, carol):
    post = PostFactory(topic=TopicFactory(author=alice), author=alice, body="原文")

    for person in (bob, carol):
        client = token_client(person)
        assert client.put(_post_url("post", post), {"body": "改"}, format="json").status_code == 404
        assert client.delete(_post_url("post", post)).status_code == 404

    post.refresh_from_db()
    assert (post.body, post.deleted_at) == ("原文", None)


def test_the_asker_edits_their_question_but_not_with_a_secret(alice):
    topic = TopicFactory(author=alice, title="旧标题", body="旧内容")
    client = token_client(alice)

    refused = client.put(_topic_url(topic), {"title": "新标题", "body": PHRASE}, format="json")
    edited = client.put(_topic_url(topic), {"title": "新标题", "body": "新内容"}, format="json")

    assert refused.status_code == 422
    assert edited.status_code == 200
    topic.refresh_from_db()
    assert (topic.title, topic.body) == ("新标题", "新内容")


def test_the_asker_deletes_their_question_and_nobody_else_may(alice, bob):
    topic = TopicFactory(author=alice)

    refused = token_client(bob).delete(_topic_url(topic))
    deleted = token_client(alice).delete(_topic_url(topic))

    assert (refused.status_code, deleted.status_code) == (404, 204)
    topic.refresh_from_db()
    assert topic.is_deleted
    assert APIClient().get(_topic_url(topic)).status_code == 404


# --- the page and the API store the same outcome ----------------------------------------------


def _ask_through(door: str, user, title: str, body: str) -> int:
    data = {"category": "withdrawal", "title": title, "body": body}
    if door == "web":
        client = Client()
        client.force_login(user)
        return client.post(reverse("community:portal-ask"), data).status_code
    return token_client(user).post(TOPICS, data, format="json").status_code


def _answer_through(door: str, user, topic, body: str) -> int:
    if door == "web":
        client = Client()
        client.force_login(user)
        url = reverse("community:portal-topic-answer", args=[topic.pk])
        return client.post(url, {"body": body}).status_code
    url = reverse("api:v1-community-answers", args=[topic.pk])
    return token_client(user).post(url, {"body": body}, format="json").status_code


def _outcome(user) -> dict:
    """What a person's writing left behind, without the ids and times that differ."""
    return {
        "topics": sorted(
            Topic.objects.filter(author=user).values_list(
                "category__slug", "title", "body", "visibility", "hold_reasons", "answer_count"
            )
        ),
        "posts": sorted(
            Post.objects.filter(author=user).values_list("body", "visibility", "hold_reasons")
        ),
        "catches": sorted(SecretCatch.objects.filter(user=user).values_list("fields", flat=True)),
    }


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("提现卡住了", "两个小时没到账"),  # published
        ("资产找回", IMPERSONATION),  # held
        ("帮我看看钱包", f"助记词 {PHRASE}"),  # refused
    ],
    ids=["published", "held", "secret"],
)
def test_a_question_through_the_page_and_the_api_is_stored_alike(title, body):
    people = {
        door: UserFactory(date_joined=timezone.now() - timedelta(days=90))
        for door in ("web", "api")
    }
    answered = {}
    topic = TopicFactory()

    for door, person in people.items():
        _ask_through(door, person, title, body)
        answered[door] = _answer_through(door, person, topic, body)

    assert _outcome(people["web"]) == _outcome(people["api"])
    assert Topic.objects.filter(author__in=people.values()).count() == (0 if PHRASE in body else 2)
    channels = set(SecretCatch.objects.values_list("channel", flat=True))
    assert channels == ({"web", "api"} if PHRASE in body else set())

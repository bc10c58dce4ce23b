"""A forum question's two ways out, through the API as on the pages: staff make a draft FAQ
article of a question with an accepted answer; the asker continues their own question as a
ticket, with the private details going to the ticket only."""

import pytest
from django.urls import reverse

from walletdesk.api.tests.helpers import token_client
from walletdesk.community import services
from walletdesk.community.models import Topic
from walletdesk.community.tests.factories import PostFactory, TopicFactory
from walletdesk.kb.models import Article
from walletdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db

TICKETS = "/api/v1/tickets"
ADDRESS = "TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7"


def _promote_url(topic) -> str:
    return reverse("api:v1-community-topic-promote", args=[topic.pk])


def _answered(asker, answerer) -> Topic:
    topic = TopicFactory(author=asker, title="TRC20 充值多久到账")
    answer = PostFactory(topic=topic, author=answerer, body="一般 1 到 3 分钟。")
    services.answer_accept(topic=topic, post=answer, actor=asker)
    return topic


def test_staff_make_a_draft_article_of_an_answered_question_linked_both_ways(alice, bob, carol):
    topic = _answered(alice, bob)

    response = token_client(carol).post(_promote_url(topic))

    assert response.status_code == 201
    body = response.json()
    article = Article.objects.get(pk=body["article"]["id"])
    assert body["article"] == {
        "id": str(article.pk),
        "slug": article.slug,
        "status": "draft",
        "title_zh": "TRC20 充值多久到账",
        "title_en": "TRC20 充值多久到账",
    }
    assert body["edit_url"].endswith(reverse("admin:kb_article_change", args=[article.pk]))
    assert body["message"]
    assert Topic.objects.get(pk=topic.pk).article == article
    # The draft ends with a link back to the question, as the page's draft does.
    assert reverse("community:portal-topic", args=[topic.pk]) in article.body_zh


def test_a_second_promotion_and_one_without_an_accepted_answer_are_conflicts(alice, bob, carol):
    answered = _answered(alice, bob)
    unanswered = TopicFactory(author=alice)
    client = token_client(carol)
    client.post(_promote_url(answered))
    articles = Article.objects.count()

    again = client.post(_promote_url(answered))
    without = client.post(_promote_url(unanswered))

    assert (again.status_code, again.json()["code"]) == (409, "already_promoted")
    assert (without.status_code, without.json()["code"]) == (409, "no_accepted_answer")
    assert Article.objects.count() == articles


def test_promotion_is_404_to_everyone_but_staff(alice, bob):
    topic = _answered(alice, bob)
    articles = Article.objects.count()

    asker = token_client(alice).post(_promote_url(topic))

    assert asker.status_code == 404
    assert Article.objects.count() == articles
    assert Topic.objects.get(pk=topic.pk).article is None


def test_the_asker_continues_their_question_as_a_ticket(alice):
    topic = TopicFactory(author=alice, title="充值没到账", body="昨天转的 USDT 还没到。")

    response = token_client(alice).post(
        TICKETS,
        {
            "category": "deposit",
            "subject": topic.title,
            "description": topic.body,
            "network": "tron",
            "asset": "USDT",
            "address": ADDRESS,
            "from_topic": str(topic.pk),
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    ticket = Ticket.objects.get(requester=alice)
    assert Topic.objects.get(pk=topic.pk).ticket == ticket
    # The private details went to the ticket, and the public question did not change.
    assert ticket.address == ADDRESS
    assert ADDRESS not in Topic.objects.get(pk=topic.pk).body


@pytest.mark.parametrize("whose", ["someone else's", "already a ticket", "not a question"])
def test_a_ticket_cannot_continue_a_question_that_is_not_the_callers_to_continue(alice, bob, whose):
    if whose == "someone else's":
        topic_id = str(TopicFactory(author=bob).pk)
    elif whose == "already a ticket":
        topic = TopicFactory(author=alice)
        first = token_client(alice).post(
            TICKETS,
            {"category": "other", "subject": "a", "description": "b", "from_topic": str(topic.pk)},
            format="json",
        )
        assert first.status_code == 201
        topic_id = str(topic.pk)
    else:
        topic_id = "00000000-0000-0000-0000-000000000001"
    tickets_before = Ticket.objects.count()

    response = token_client(alice).post(
        TICKETS,
        {"category": "other", "subject": "s", "description": "d", "from_topic": topic_id},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["errors"]["from_topic"][0]["code"] == "unknown_topic"
    # Refused before anything was stored.
    assert Ticket.objects.count() == tickets_before


def test_the_refusal_is_told_in_the_callers_language(alice, bob):
    topic = TopicFactory(author=bob)

    response = token_client(alice).post(
        TICKETS,
        {"category": "other", "subject": "s", "description": "d", "from_topic": str(topic.pk)},
        format="json",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )

    assert response.json()["errors"]["from_topic"][0]["message"] == (
        "请选择您自己提出、尚未转为工单的问题。"
    )

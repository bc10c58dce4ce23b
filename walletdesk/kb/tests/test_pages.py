"""Help Center pages: search, topics, articles, votes, the contact page."""

import pytest
from django.urls import reverse

from walletdesk.kb.models import Article, ArticleVote, SearchQuery
from walletdesk.kb.selectors import article_search
from walletdesk.kb.services import article_save
from walletdesk.kb.tests.factories import ArticleFactory
from walletdesk.tickets.models import Category

pytestmark = pytest.mark.django_db


def test_bob_cannot_see_alices_ticket(client, bob, alice_ticket):
    client.force_login(bob)

    response = client.get(reverse("portal:detail", args=[alice_ticket.reference]))

    assert response.status_code == 404


def test_search_in_chinese_finds_the_answer_with_highlighted_snippet(client):
    response = client.get(reverse("kb:portal-search"), {"q": "我的币提不出来"})

    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("kb:portal-article", args=["withdrawal-stuck"]) in html
    assert "<mark>" in html
    assert SearchQuery.objects.get().result_count > 0


def test_search_in_english_with_a_typo(client):
    response = client.get(
        reverse("kb:portal-search"), {"q": "withdrawl stuck"}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert reverse("kb:portal-article", args=["withdrawal-stuck"]) in response.content.decode()


def test_snippets_escape_article_text(client):
    article = ArticleFactory(body_en="Zebracorn <b>bold</b> & <script>x</script>")

    html = client.get(
        reverse("kb:portal-search"), {"q": "zebracorn"}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()

    assert reverse("kb:portal-article", args=[article.slug]) in html
    assert "<script>x</script>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_search_that_finds_nothing_offers_a_prefilled_ticket(client):
    response = client.get(reverse("kb:portal-search"), {"q": "量子纠缠 xylophone"})

    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("portal:create", args=["withdrawal"]) + "?q=" in html
    miss = SearchQuery.objects.get()
    assert miss.result_count == 0
    assert miss.query == "量子纠缠 xylophone"


def test_too_long_search_is_a_400_that_keeps_the_text(client):
    text = "提现" * 150

    response = client.get(reverse("kb:portal-search"), {"q": text})

    assert response.status_code == 400
    assert not SearchQuery.objects.exists()


def test_drafts_are_neither_found_nor_shown(client):
    draft = ArticleFactory(status=Article.Status.DRAFT, body_en="Quokkaword only here.")

    search_html = client.get(reverse("kb:portal-search"), {"q": "quokkaword"}).content.decode()
    response = client.get(reverse("kb:portal-article", args=[draft.slug]))

    assert draft.slug not in search_html
    assert response.status_code == 404


def test_publishing_makes_an_article_searchable_at_once(client):
    article = ArticleFactory(status=Article.Status.DRAFT, body_en="Wombatcoin bridge.")

    article_save(article=article, status=Article.Status.PUBLISHED)
    html = client.get(reverse("kb:portal-search"), {"q": "wombatcoin"}).content.decode()

    assert reverse("kb:portal-article", args=[article.slug]) in html


def test_article_page_counts_a_view_and_shows_related(client):
    response = client.get(reverse("kb:portal-article", args=["deposit-not-arrived"]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "充值未到账怎么办" in html
    assert reverse("kb:portal-article", args=["transaction-hash"]) in html
    assert Article.objects.get(slug="deposit-not-arrived").view_count == 1


def test_article_in_english(client):
    html = client.get(
        reverse("kb:portal-article", args=["deposit-not-arrived"]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()

    assert "My deposit has not arrived" in html


def test_vote_with_a_reason_is_recorded(client, alice):
    client.force_login(alice)

    url = reverse("kb:portal-article-vote", args=["reply-times"])
    response = client.post(url, {"helpful": "no", "reason": "没有说节假日"})

    assert response.status_code == 302
    vote = ArticleVote.objects.get()
    assert vote.helpful is False
    assert vote.reason == "没有说节假日"
    assert vote.user == alice
    assert Article.objects.get(slug="reply-times").unhelpful_count == 1


def test_a_bad_vote_is_a_400_that_keeps_the_reason(client):
    url = reverse("kb:portal-article-vote", args=["reply-times"])

    response = client.post(url, {"helpful": "maybe", "reason": "my words"})

    assert response.status_code == 400
    assert "my words" in response.content.decode()
    assert not ArticleVote.objects.exists()


def test_topic_page_lists_its_articles(client):
    html = client.get(reverse("kb:portal-topic", args=["withdrawal"])).content.decode()

    assert reverse("kb:portal-article", args=["withdrawal-stuck"]) in html
    assert reverse("kb:portal-article", args=["deposit-not-arrived"]) not in html


def test_contact_page_lists_channels_in_both_languages(client):
    zh = client.get(reverse("kb:portal-contact-channels")).content.decode()
    en = client.get(
        reverse("kb:portal-contact-channels"), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()

    assert "客服热线" in zh
    assert "每天 9:00–21:00" in zh
    assert "Hotline" in en
    assert "Community forum" in en


@pytest.fixture
def quiet_topic() -> Category:
    return Category.objects.create(slug="quiet", name_zh="安静", name_en="Quiet", position=99)


@pytest.mark.parametrize("size", [2, 30])
def test_topic_page_query_budget(client, quiet_topic, size, django_assert_num_queries):
    ArticleFactory.create_batch(size, category=quiet_topic)

    # Session-less visitor: category, its articles, contact channels.
    with django_assert_num_queries(3):
        response = client.get(reverse("kb:portal-topic", args=["quiet"]))

    assert response.content.decode().count('href="/help/articles/test-article-') == size


@pytest.mark.parametrize("size", [2, 30])
def test_search_page_query_budget(client, size, django_assert_num_queries):
    ArticleFactory.create_batch(size, body_en="Platypusnet guide.")
    client.get(reverse("kb:portal-search"), {"q": "warm"})  # fills the vocabulary cache

    # Rank, load the articles, log the search, contact channels.
    with django_assert_num_queries(4):
        response = client.get(reverse("kb:portal-search"), {"q": "platypusnet"})

    # The page shows the best 20.
    assert response.content.decode().count('class="kb-snippet"') == min(size, 20)


def test_a_question_whose_phrase_no_article_holds_still_finds_the_words_that_are_there():
    # "没到账" is read as the phrase "未到账" and the word "到账"; no article holds the phrase,
    # and in a Help Center of one article no word is rare. The phrase alone once chose the
    # candidates, and nothing was found.
    Article.objects.update(status=Article.Status.DRAFT)
    only = ArticleFactory(
        title_zh="提现一直处理中怎么办？",
        title_en="My withdrawal is stuck pending",
        body_zh="提现卡住通常是因为网络拥堵，拥堵结束后会自动到账。",
    )

    found = article_search(text="提现一直没到账")

    assert [hit.article.pk for hit in found.hits] == [only.pk]

import pytest
from django.urls import reverse

from walletdesk.kb.models import Article, Deflection, SearchQuery

pytestmark = pytest.mark.django_db


def test_bob_cannot_see_alices_ticket(client, bob, alice_ticket):
    client.force_login(bob)

    response = client.get(reverse("portal:detail", args=[alice_ticket.reference]))

    assert response.status_code == 404


def test_search_returns_the_best_three_with_snippets(client):
    response = client.get(reverse("api:v1-help-articles"), {"q": "充值没到账", "limit": 3})

    body = response.json()
    assert response.status_code == 200
    assert body["results"][0]["slug"] == "deposit-not-arrived"
    assert len(body["results"]) <= 3
    assert "<mark>" in body["results"][0]["snippet_html"]
    assert body["results"][0]["url"] == "/help/articles/deposit-not-arrived/"
    assert SearchQuery.objects.get().source == SearchQuery.Source.API


def test_live_suggestions_are_not_logged(client):
    client.get(reverse("api:v1-help-articles"), {"q": "提现", "log": "false"})

    assert not SearchQuery.objects.exists()


def test_bad_limit_is_a_400_with_field_errors(client):
    response = client.get(reverse("api:v1-help-articles"), {"q": "提现", "limit": "999"})

    assert response.status_code == 400
    assert "limit" in response.json()["errors"]


def test_deflection_is_recorded_and_counted(client, alice):
    client.force_login(alice)

    url = reverse("api:v1-help-deflections", args=["withdrawal-stuck"])
    response = client.post(
        url, {"category": "withdrawal", "query": "提现卡住了"}, content_type="application/json"
    )

    assert response.status_code == 201
    assert response.json()["next"] == "/help/articles/withdrawal-stuck/?solved=1"
    deflection = Deflection.objects.get()
    assert deflection.user == alice
    assert deflection.query == "提现卡住了"
    assert Article.objects.get(slug="withdrawal-stuck").deflection_count == 1


def test_deflection_on_a_draft_is_a_404(client):
    Article.objects.filter(slug="withdrawal-stuck").update(status=Article.Status.DRAFT)

    url = reverse("api:v1-help-deflections", args=["withdrawal-stuck"])
    response = client.post(url, {}, content_type="application/json")

    assert response.status_code == 404
    assert not Deflection.objects.exists()


@pytest.mark.parametrize("size", [2, 30])
def test_search_query_budget(client, size, django_assert_num_queries):
    from walletdesk.kb.tests.factories import ArticleFactory

    ArticleFactory.create_batch(size, body_en="Numbatchain guide.")
    client.get(reverse("api:v1-help-articles"), {"q": "warm", "log": "false"})

    # Rank, then load the articles (vocabulary cached; suggestions are not logged).
    with django_assert_num_queries(2):
        response = client.get(
            reverse("api:v1-help-articles"), {"q": "numbatchain", "limit": 20, "log": "false"}
        )

    assert len(response.json()["results"]) == min(size, 20)


def test_article_in_chinese_by_default_and_view_counted(client):
    article = Article.objects.get(slug="withdrawal-stuck")

    response = client.get(reverse("api:v1-help-article", args=["withdrawal-stuck"]))

    body = response.json()
    assert response.status_code == 200
    assert body["language"] == "zh-hans"
    assert body["title"] == article.title_zh
    assert body["category"]["slug"] == article.category.slug
    assert body["url"] == "/help/articles/withdrawal-stuck/"
    assert body["body_html"].startswith("<")
    assert Article.objects.get(pk=article.pk).view_count == article.view_count + 1


def test_article_follows_accept_language(client):
    article = Article.objects.get(slug="withdrawal-stuck")

    response = client.get(
        reverse("api:v1-help-article", args=["withdrawal-stuck"]), HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.json()["language"] == "en"
    assert response.json()["title"] == article.title_en


def test_article_follows_the_token_users_language_over_the_header(bob):
    from walletdesk.api.tests.helpers import token_client

    article = Article.objects.get(slug="withdrawal-stuck")
    client = token_client(bob, HTTP_ACCEPT_LANGUAGE="zh-hans")  # bob reads English

    response = client.get(reverse("api:v1-help-article", args=["withdrawal-stuck"]))

    assert response.json()["title"] == article.title_en


def test_article_body_is_sanitised(client):
    from walletdesk.kb.tests.factories import ArticleFactory

    ArticleFactory(
        slug="unsafe",
        body_zh="正文<script>alert(1)</script> [付款](bitcoin:1BoatSLRHtKNngkdXEeobR76b53LETtpyT)"
        " <img src=x onerror=alert(1)> [官网](https://example.com)",
    )

    response = client.get(reverse("api:v1-help-article", args=["unsafe"]))

    html = response.json()["body_html"]
    assert response.status_code == 200
    assert "<script" not in html
    assert "alert(1)" not in html
    assert "bitcoin:" not in html
    assert "onerror" not in html
    assert 'href="https://example.com"' in html


def test_draft_and_unknown_articles_are_404(client):
    Article.objects.filter(slug="withdrawal-stuck").update(status=Article.Status.DRAFT)

    draft = client.get(reverse("api:v1-help-article", args=["withdrawal-stuck"]))
    unknown = client.get(reverse("api:v1-help-article", args=["no-such-article"]))

    assert draft.status_code == 404
    assert draft.json()["code"] == "not_found"
    assert unknown.status_code == 404
    assert Article.objects.get(slug="withdrawal-stuck").view_count == 0


def test_article_lists_only_published_related_articles(client):
    from walletdesk.kb.tests.factories import ArticleFactory

    main = ArticleFactory(slug="main")
    shown = ArticleFactory(slug="shown")
    hidden = ArticleFactory(slug="hidden", status=Article.Status.DRAFT)
    main.related.add(shown, hidden)

    response = client.get(reverse("api:v1-help-article", args=["main"]))

    assert [r["slug"] for r in response.json()["related"]] == ["shown"]


def test_schema_describes_the_article_endpoint(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert "get" in response.json()["paths"]["/api/v1/help/articles/{slug}"]

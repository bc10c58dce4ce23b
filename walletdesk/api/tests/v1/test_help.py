import pytest
from django.urls import reverse

from walletdesk.kb.models import Article, Deflection, SearchQuery

pytestmark = pytest.mark.django_db


def test_bob_cannot_see_alices_ticket(client, bob, alice_ticket):
    client.force_login(bob)

    response = client.get(reverse("tickets:portal-detail", args=[alice_ticket.reference]))

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

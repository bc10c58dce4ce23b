"""The Help Center over the REST API: article search (the wallet app, and the ticket form's
suggestions), one article, and deflections ("this solved my problem").

Anyone may search; both endpoints are rate-limited per client address (and per account when
signed in) so that the search cannot be scraped in bulk.
"""

from typing import Any

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from walletdesk.api.base import ApiView
from walletdesk.core import ratelimit
from walletdesk.kb.models import Article, SearchQuery
from walletdesk.kb.rendering import markdown_to_html
from walletdesk.kb.selectors import SearchHit, article_get_published, article_search
from walletdesk.kb.services import article_view_record, deflection_record, search_query_record
from walletdesk.tickets.models import Category

# Suggestions are fetched while typing (debounced): about one a second at most per person.
SEARCH_LIMIT = ratelimit.Limit("help-search-ip", count=120, window_for=60)
DEFLECTION_LIMIT = ratelimit.Limit("help-deflection-ip", count=20, window_for=60)


def _limited(request: Request, limit: ratelimit.Limit) -> Response | None:
    key = str(request.user.pk) if request.user.is_authenticated else ratelimit.client_ip(request)
    verdict = ratelimit.hit(limit, key)
    if verdict.allowed:
        return None
    return Response(
        {"code": "rate_limited", "message": _("Too many requests. Please wait a moment.")},
        status=status.HTTP_429_TOO_MANY_REQUESTS,
        headers={"Retry-After": str(verdict.retry_after)},
    )


class ArticleSearchApi(APIView):
    """GET /api/v1/help/articles?q=: the best matching published articles, with snippets."""

    permission_classes = [AllowAny]

    class Input(serializers.Serializer[Any]):
        q = serializers.CharField(max_length=200, allow_blank=True, trim_whitespace=True)
        limit = serializers.IntegerField(min_value=1, max_value=20, default=10)
        category = serializers.SlugField(max_length=32, required=False)
        # The ticket form's live suggestions are partial sentences: not worth logging.
        log = serializers.BooleanField(default=True)

    class Output(serializers.Serializer[Any]):
        slug = serializers.CharField(source="article.slug")
        title = serializers.CharField(source="article.title")
        title_html = serializers.CharField(source="title")
        snippet_html = serializers.CharField(source="snippet")
        category = serializers.CharField(source="article.category.slug")
        url = serializers.SerializerMethodField()

        def get_url(self, hit: SearchHit) -> str:
            return reverse("kb:portal-article", args=[hit.article.slug])

    def get(self, request: Request) -> Response:
        refused = _limited(request, SEARCH_LIMIT)
        if refused is not None:
            return refused
        serializer = self.Input(data=request.query_params)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        category = None
        if data.get("category"):
            category = Category.objects.filter(slug=data["category"], is_active=True).first()
        result = article_search(text=data["q"], limit=data["limit"], category=category)
        if data["log"] and data["q"]:
            search_query_record(
                text=data["q"],
                result_count=len(result.hits),
                source=SearchQuery.Source.API,
                language=translation.get_language() or "",
            )
        return Response({"query": data["q"], "results": self.Output(result.hits, many=True).data})


class ArticleRefSerializer(serializers.Serializer[Any]):
    slug = serializers.CharField()
    title = serializers.CharField()


class ArticleCategorySerializer(serializers.Serializer[Any]):
    slug = serializers.CharField()
    name = serializers.CharField()


class ArticleSerializer(serializers.Serializer[Any]):
    """One article in the caller's language (the other one where it has no text in it)."""

    slug = serializers.CharField()
    language = serializers.SerializerMethodField()
    title = serializers.CharField()
    body_html = serializers.SerializerMethodField(
        help_text="Sanitised HTML: a few text tags, and http, https and mailto links only."
    )
    category = ArticleCategorySerializer()
    published_at = serializers.DateTimeField(allow_null=True)
    url = serializers.SerializerMethodField()
    related = ArticleRefSerializer(many=True, source="related_published")

    def get_language(self, article: Article) -> str:
        return translation.get_language() or ""

    def get_body_html(self, article: Article) -> str:
        return str(markdown_to_html(article.body))

    def get_url(self, article: Article) -> str:
        return reverse("kb:portal-article", args=[article.slug])


class ArticleDetailApi(ApiView):
    """GET /api/v1/help/articles/<slug>: one published article; a draft or unknown slug is 404.

    An ApiView, so a device token's account language applies; otherwise Accept-Language.
    """

    permission_classes = [AllowAny]

    @extend_schema(operation_id="help_articles_get", responses=ArticleSerializer)
    def get(self, request: Request, slug: str) -> Response:
        article = article_get_published(slug=slug)
        article_view_record(article=article)
        return Response(ArticleSerializer(article).data)


class DeflectionCreateApi(APIView):
    """POST /api/v1/help/articles/<slug>/deflections: an offered article solved the problem."""

    permission_classes = [AllowAny]

    class Input(serializers.Serializer[Any]):
        category = serializers.CharField(max_length=32, required=False, allow_blank=True)
        query = serializers.CharField(max_length=2000, required=False, allow_blank=True)

    def post(self, request: Request, slug: str) -> Response:
        refused = _limited(request, DEFLECTION_LIMIT)
        if refused is not None:
            return refused
        article = article_get_published(slug=slug)
        serializer = self.Input(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = request.user if request.user.is_authenticated else None
        deflection_record(
            article=article,
            user=user,
            category_slug=serializer.validated_data.get("category", ""),
            query=serializer.validated_data.get("query", ""),
        )
        url = reverse("kb:portal-article", args=[article.slug]) + "?solved=1"
        return Response({"recorded": True, "next": url}, status=status.HTTP_201_CREATED)

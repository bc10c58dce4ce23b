"""Writes of the Help Center: articles, votes, deflections, the search log."""

from typing import TypedDict, Unpack

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from walletdesk.accounts.models import User
from walletdesk.kb import search
from walletdesk.kb.errors import ArticleError
from walletdesk.kb.models import Article, ArticleVote, Deflection, SearchQuery
from walletdesk.kb.selectors import VOCABULARY_CACHE_KEY
from walletdesk.tickets.models import Category


class ArticleChanges(TypedDict, total=False):
    """The fields an author edits; the index text and counters are the services' own."""

    slug: str
    category: Category
    status: str
    title_zh: str
    title_en: str
    body_zh: str
    body_en: str
    position: int


def _index_text(article: Article) -> None:
    article.search_title = search.document(f"{article.title_zh} {article.title_en}")
    article.search_body = search.document(f"{article.body_zh}\n{article.body_en}")


def _after_change() -> None:
    # The vocabulary (typo correction, term weights) must include the new words at once.
    transaction.on_commit(lambda: cache.delete(VOCABULARY_CACHE_KEY))


@transaction.atomic
def article_save(*, article: Article, **changes: Unpack[ArticleChanges]) -> Article:
    """Create or edit an article (draft or published) and refresh its index text.

    The full-text index follows the pre-segmented columns: on SQLite triggers copy them into
    the FTS5 table, on PostgreSQL the tsvector is a generated column. Raises
    ArticleError(ARTICLE_INCOMPLETE) when a published article would lack a language.
    """
    for name, value in changes.items():
        setattr(article, name, value)
    if article.is_published:
        _check_complete(article)
        if article.published_at is None:
            article.published_at = timezone.now()
    _index_text(article)
    article.save()
    _after_change()
    return article


def _check_complete(article: Article) -> None:
    texts = (article.title_zh, article.title_en, article.body_zh, article.body_en)
    if not all(text.strip() for text in texts):
        raise ArticleError(ArticleError.Code.ARTICLE_INCOMPLETE)


@transaction.atomic
def article_publish(*, article: Article) -> Article:
    """Publish an article: it becomes visible and searchable at once, "last updated" is now.

    Raises ArticleError(ARTICLE_INCOMPLETE) unless both languages have a title and a body.
    """
    _check_complete(article)
    article.status = Article.Status.PUBLISHED
    article.published_at = timezone.now()
    _index_text(article)
    article.save()
    _after_change()
    return article


@transaction.atomic
def article_unpublish(*, article: Article) -> Article:
    """Take an article back to draft: it leaves the pages and the search index."""
    article.status = Article.Status.DRAFT
    article.save(update_fields=["status", "updated_at"])
    _after_change()
    return article


def article_view_record(*, article: Article) -> None:
    """Count one view; a single UPDATE, so concurrent readers never lose a count."""
    Article.objects.filter(pk=article.pk).update(view_count=F("view_count") + 1)


@transaction.atomic
def article_vote_add(
    *, article: Article, helpful: bool, reason: str = "", user: User | None = None
) -> ArticleVote:
    """Record a "was this helpful?" answer and bump the article's counter.

    Raises ArticleError(ARTICLE_NOT_PUBLISHED) for a draft, REASON_TOO_LONG past 500 chars.
    """
    if not article.is_published:
        raise ArticleError(ArticleError.Code.ARTICLE_NOT_PUBLISHED)
    reason = reason.strip()
    if len(reason) > 500:
        raise ArticleError(ArticleError.Code.REASON_TOO_LONG)
    vote = ArticleVote.objects.create(article=article, helpful=helpful, reason=reason, user=user)
    counter = "helpful_count" if helpful else "unhelpful_count"
    Article.objects.filter(pk=article.pk).update(**{counter: F(counter) + 1})
    return vote


@transaction.atomic
def deflection_record(
    *, article: Article, user: User | None = None, category_slug: str = "", query: str = ""
) -> Deflection:
    """Record that an article offered on the ticket form solved the problem: no ticket.

    Raises ArticleError(ARTICLE_NOT_PUBLISHED) for a draft. Only the first 200 characters
    of what was typed are kept (the subject, never the whole description).
    """
    if not article.is_published:
        raise ArticleError(ArticleError.Code.ARTICLE_NOT_PUBLISHED)
    deflection = Deflection.objects.create(
        article=article, user=user, category_slug=category_slug[:32], query=query.strip()[:200]
    )
    Article.objects.filter(pk=article.pk).update(deflection_count=F("deflection_count") + 1)
    return deflection


def search_query_record(
    *, text: str, result_count: int, source: SearchQuery.Source, language: str = ""
) -> SearchQuery | None:
    """Log a search so admins see what users look for, and what found nothing.

    Blank searches are not logged. No user is stored: a search says nothing about who asked.
    """
    text = text.strip()[:200]
    if not text:
        return None
    return SearchQuery.objects.create(
        query=text, result_count=result_count, source=source, language=language[:8]
    )

"""Reads of the Help Center: articles, contact channels, and search.

Search is the one place that knows the two full-text engines: ``_ranked_ids`` picks the SQL
for the connection's vendor; everything before it (parsing, typo correction) and after it
(loading rows, snippets) is shared.
"""

import math
from dataclasses import dataclass
from uuid import UUID, uuid4

from django.core.cache import cache
from django.db import connection
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.safestring import SafeString, mark_safe

from walletdesk.core.i18n import is_chinese
from walletdesk.kb import search
from walletdesk.kb.models import Article, ContactChannel
from walletdesk.tickets.models import Category

VOCABULARY_CACHE_KEY = "kb:search-vocabulary:v1"
# A backstop only: article services drop the cached vocabulary whenever an article changes.
VOCABULARY_CACHE_FOR = 600
MAX_RESULTS = 50
# Title words weigh more than body words (FTS5 column weights / tsvector labels A and B).
TITLE_WEIGHT = 4.0
BODY_WEIGHT = 1.0
# PostgreSQL: words in more than this share of articles do not select candidates on their own.
RARE_SHARE = 0.2
# PostgreSQL: at most this many articles per candidate tier are ranked (see below).
CANDIDATES = 200
TIER_SQL = (
    "(SELECT id FROM kb_article WHERE {scope} AND {vector} @@ to_tsquery('simple', %s) LIMIT %s)"
)
RANK_SQL = (
    "SELECT a.id, ts_rank('{{0.1, 0.2, 0.4, 1.0}}', a.search_vector, to_tsquery('simple', %s))"
    " + {bonus} AS score FROM ({candidates}) c JOIN kb_article a ON a.id = c.id"
    " ORDER BY score DESC, a.slug LIMIT %s"
)
# The values the search SQL binds: terms, weights, limits and a category id.
SqlParam = str | int | float | UUID


def contact_channel_list() -> list[ContactChannel]:
    """Active contact channels in display order (footer, Help Center, contact page)."""
    return list(ContactChannel.objects.filter(is_active=True))


def _published() -> QuerySet[Article]:
    return Article.objects.filter(status=Article.Status.PUBLISHED).select_related("category")


def article_list_published(*, category: Category | None = None) -> list[Article]:
    """Published articles, optionally of one category, with their category: one query."""
    articles = _published()
    if category is not None:
        articles = articles.filter(category=category)
    return list(articles.order_by("category__position", "position", "slug"))


def article_get_published(*, slug: str) -> Article:
    """A published article with its published related articles (two queries).

    Raises Http404 for an unknown slug or a draft: drafts are only seen in the admin preview.
    """
    related = Prefetch("related", queryset=_published(), to_attr="related_published")
    try:
        return _published().prefetch_related(related).get(slug=slug)
    except Article.DoesNotExist as exc:
        raise Http404 from exc


# The vocabulary is large (a term per distinct word): unpickling it from the cache on every
# search would cost more than the search. Each process keeps its copy for the generation that
# the (shared) cache names; a change of any article starts a new generation.
_local_vocabulary: dict[str, tuple[str, dict[str, int]]] = {}


def search_vocabulary() -> dict[str, int]:
    """Every index term with the number of published articles that contain it.

    Built from the pre-segmented columns: it feeds typo correction and term weights. One
    query when this process has not built it for the current generation, none otherwise.
    """
    generation = cache.get(VOCABULARY_CACHE_KEY)
    if generation is None:
        generation = uuid4().hex
        cache.set(VOCABULARY_CACHE_KEY, generation, VOCABULARY_CACHE_FOR)
    local = _local_vocabulary.get("current")
    if local is not None and local[0] == generation:
        return local[1]
    rows = Article.objects.filter(status=Article.Status.PUBLISHED).values_list(
        "search_title", "search_body"
    )
    vocabulary = search.vocabulary_of(f"{title} {body}" for title, body in rows.iterator())
    _local_vocabulary["current"] = (generation, vocabulary)
    return vocabulary


@dataclass(frozen=True)
class SearchHit:
    article: Article
    title: SafeString
    snippet: SafeString


@dataclass(frozen=True)
class SearchResult:
    query: search.Query
    hits: list[SearchHit]

    @property
    def is_empty(self) -> bool:
        return not self.hits


def _sqlite_ranked_ids(query: search.Query, limit: int, category_id: UUID | None) -> list[str]:
    # FTS5 query syntax: each term quoted (terms are letters, digits and Han only), OR-ed so
    # a colloquial question still finds the article that shares its key words; bm25 ranks
    # by rarity and frequency (lower is better).
    match = " OR ".join(f'"{term}"' for term in query.terms)
    sql = (
        "SELECT a.id FROM kb_article_fts f JOIN kb_article a ON a.rowid = f.rowid "
        "WHERE kb_article_fts MATCH %s AND a.status = 'published'"
    )
    params: list[SqlParam] = [match]
    if category_id is not None:
        sql += " AND a.category_id = %s"
        params.append(category_id.hex)
    sql += " ORDER BY bm25(kb_article_fts, %s, %s), a.slug LIMIT %s"
    params += [TITLE_WEIGHT, BODY_WEIGHT, limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def _postgresql_ranked_ids(
    query: search.Query, limit: int, category_id: UUID | None, vocabulary: dict[str, int]
) -> list[str]:
    # ts_rank has no notion of how rare a term is, so the query weighs each term by its
    # inverse document frequency from the vocabulary (the idea behind FTS5's bm25): the
    # rarest term of the question carries the most. Labels: A = title, B = body.
    documents = max(vocabulary.get(search.DOCUMENTS_KEY, 1), 1)
    ranked = sorted(query.terms, key=lambda term: vocabulary.get(term, 0))
    weights = [math.log(1 + documents / (1 + vocabulary.get(term, 0))) for term in ranked]
    # A word in a fifth of all articles or more (提现 in a Help Center) still counts in the
    # score but does not select candidates on its own, when the question has rarer words.
    # A term no article holds (a phrase the question was read as: 没到账 -> 未到账) selects
    # nothing. Were it the only rare one, the question would find nothing at all; the tier
    # falls back to the terms that are there.
    present = [t for t in ranked if vocabulary.get(t, 0) > 0]
    rare = [t for t in present if vocabulary[t] <= documents * RARE_SHARE] or present or ranked
    # Ranking reads every candidate's row, and a question made of common words matches most
    # of the Help Center. So candidates come in tiers of at most CANDIDATES articles each,
    # taken as the database finds them (GIN indexes, no ranking): the articles with every word
    # of the question in the title, then anywhere, then those with any of its rarer words.
    # While the last tier has no more than CANDIDATES articles (a specific question), every
    # match is ranked, exactly as before; past that, the strongest matches are ranked.
    scope = "status = 'published'"
    scope_params: list[SqlParam] = []
    if category_id is not None:
        scope += " AND category_id = %s"
        scope_params.append(category_id)
    tiers = [
        ("to_tsvector('simple', search_title)", " & ".join(ranked)),
        ("search_vector", " & ".join(ranked)),
        ("search_vector", " | ".join(rare)),
    ]
    candidates = " UNION ".join(TIER_SQL.format(scope=scope, vector=vector) for vector, _ in tiers)
    candidate_params: list[SqlParam] = []
    for _, tsquery in tiers:
        candidate_params += [*scope_params, tsquery, CANDIDATES]
    # One ts_rank per term would read each vector once per term; instead rank once and add
    # the IDF of each matched term (a containment test on the vector already in the row).
    bonus = " + ".join(
        "CASE WHEN a.search_vector @@ to_tsquery('simple', %s) THEN %s ELSE 0 END" for _ in ranked
    )
    bonus_params: list[SqlParam] = []
    for term, weight in zip(ranked, weights, strict=True):
        bonus_params += [term, weight]
    # Only fixed fragments are formatted into the SQL; every value is a parameter.
    sql = RANK_SQL.format(bonus=bonus, candidates=candidates)
    params: list[SqlParam] = [" | ".join(ranked), *bonus_params, *candidate_params, limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [str(row[0]) for row in cursor.fetchall()]


def _ranked_ids(
    query: search.Query, limit: int, category_id: UUID | None, vocabulary: dict[str, int]
) -> list[str]:
    """The only vendor switch of the search: ids of matching published articles, best first."""
    if connection.vendor == "postgresql":
        return _postgresql_ranked_ids(query, limit, category_id, vocabulary)
    return _sqlite_ranked_ids(query, limit, category_id)


def article_search(*, text: str, limit: int = 10, category: Category | None = None) -> SearchResult:
    """Published articles matching what a user typed, best first, with highlighted snippets.

    Chinese is segmented, synonyms and typos are folded onto index terms (kb/search.py), the
    database's full-text engine ranks. Two queries with a warm vocabulary cache (rank, load),
    none for an empty query. Snippets are in the active language, escaped, matches in <mark>.
    """
    vocabulary = search_vocabulary()
    query = search.parse(text, vocabulary)
    if query.is_empty:
        return SearchResult(query=query, hits=[])
    limit = max(1, min(limit, MAX_RESULTS))
    ids = _ranked_ids(query, limit, category.pk if category else None, vocabulary)
    if not ids:
        return SearchResult(query=query, hits=[])
    # By primary key only: the ids are published already, and a status condition here lets
    # SQLite's planner pick the status index and scan every published row.
    loaded = Article.objects.select_related("category").filter(pk__in=ids)
    by_id = {str(a.pk): a for a in loaded}
    chinese = is_chinese()
    hits = []
    for article_id in ids:
        article = by_id.get(str(UUID(str(article_id))))
        if article is None:
            continue
        body = article.body_zh if chinese and article.body_zh else article.body_en
        title = article.title_zh if chinese and article.title_zh else article.title_en
        hits.append(
            SearchHit(
                article=article,
                title=mark_safe(search.snippet(title, query, width=200)),  # noqa: S308 - escaped
                snippet=mark_safe(search.snippet(body, query)),  # noqa: S308 - escaped
            )
        )
    return SearchResult(query=query, hits=hits)

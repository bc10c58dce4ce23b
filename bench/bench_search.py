"""Time Help Center search over 10,000 published articles, on SQLite and on PostgreSQL.

Run: .venv/bin/python bench/bench_search.py [--articles N] [--runs N] [--vendor sqlite|postgresql]
Without --vendor, runs both, each in its own process: SQLite in a temporary file, PostgreSQL in
the scratch database walletdesk_searchbench on 127.0.0.1 (dropped and created again).

Times ``article_search`` end to end, as the page and the API call it: parse (jieba, synonyms,
typo correction against the cached vocabulary), rank in the database, load the rows, build the
highlighted snippets. The query set is the search-quality set (87 realistic questions) plus
their first words; every query runs ``runs`` times after one warm-up pass.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_URL = "postgres://postgres@127.0.0.1:5432/walletdesk_searchbench"


def _setup(database_url: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _seed(count: int) -> int:
    """Fill the table with ``count`` published articles made from the demo ones: same topics,
    varied titles and bodies, each with its own index text (as the services write it)."""
    from walletdesk.kb import search
    from walletdesk.kb.models import Article

    rng = random.Random(7)  # the same data set on both engines
    demo = list(Article.objects.filter(status=Article.Status.PUBLISHED))
    networks = ["TRC20", "ERC20", "BEP20", "Polygon", "Solana", "Arbitrum", "比特币", "波场"]
    assets = ["USDT", "USDC", "ETH", "TRX", "BNB", "BTC", "SOL", "DAI"]
    sentences = [s for a in demo for s in (a.body_zh + "\n" + a.body_en).split("\n") if s]
    segmented: dict[str, str] = {}

    def seg(text: str) -> str:
        if text not in segmented:
            segmented[text] = search.document(text)
        return segmented[text]

    batch: list[Article] = []
    existing = Article.objects.count()
    for n in range(count - existing):
        base = demo[n % len(demo)]
        extra = rng.sample(sentences, 3)
        network, asset = rng.choice(networks), rng.choice(assets)
        title_zh = f"{base.title_zh}（{asset} {network}）"
        title_en = f"{base.title_en} ({asset} on {network})"
        body_zh = base.body_zh + "\n\n" + extra[0]
        body_en = base.body_en + "\n\n" + extra[1] + "\n" + extra[2]
        batch.append(
            Article(
                slug=f"bench-{n}",
                category_id=base.category_id,
                status=Article.Status.PUBLISHED,
                title_zh=title_zh,
                title_en=title_en,
                body_zh=body_zh,
                body_en=body_en,
                search_title=seg(f"{asset} {network}") + " " + base.search_title,
                search_body=" ".join([base.search_body, *(seg(s) for s in extra)]),
            )
        )
        if len(batch) == 1000:
            Article.objects.bulk_create(batch)
            batch = []
    Article.objects.bulk_create(batch)
    return Article.objects.filter(status=Article.Status.PUBLISHED).count()


def run(vendor: str, articles: int, runs: int) -> None:
    if vendor == "postgresql":
        import psycopg

        with psycopg.connect(
            "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True
        ) as conn:
            conn.execute("DROP DATABASE IF EXISTS walletdesk_searchbench")
            conn.execute("CREATE DATABASE walletdesk_searchbench")
        _setup(PG_URL)
    else:
        folder = tempfile.mkdtemp(prefix="searchbench-")
        _setup(f"sqlite:///{folder}/bench.sqlite3")
    from django.db import connection

    from walletdesk.kb.selectors import article_search
    from walletdesk.kb.tests.test_search_quality import QUERIES

    started = time.perf_counter()
    total = _seed(articles)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE kb_article")
    seeded_for = time.perf_counter() - started
    queries = [q for q, _ in QUERIES] + [q.split()[0] for q, _ in QUERIES if " " in q]
    for text in queries:  # warm-up: jieba's dictionary, the vocabulary cache, the page cache
        article_search(text=text, limit=10)
    timings: list[float] = []
    for _ in range(runs):
        for text in queries:
            t0 = time.perf_counter()
            article_search(text=text, limit=10)
            timings.append((time.perf_counter() - t0) * 1000)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(
        f"{connection.vendor}: {total} published articles (seeded in {seeded_for:.0f} s), "
        f"{len(timings)} searches: p50 {statistics.median(timings):.2f} ms, "
        f"p95 {p95:.2f} ms, max {timings[-1]:.2f} ms, "
        f"top-3 hit rate at this size {_hit_rate(QUERIES):.3f}"
    )


def _hit_rate(queries: list[tuple[str, str]]) -> float:
    """The search-quality top-3 hit rate over the seeded set: a result counts for the demo
    article it was made from, so a speed-up that ranks worse at scale shows here."""
    from walletdesk.kb.models import Article
    from walletdesk.kb.selectors import article_search

    demo = list(
        Article.objects.filter(status=Article.Status.PUBLISHED)
        .exclude(slug__startswith="bench-")
        .values_list("slug", flat=True)
    )

    def origin(slug: str) -> str:
        # _seed made bench-<n> from the n-th demo article, cycling, in the same order.
        return demo[int(slug[6:]) % len(demo)] if slug.startswith("bench-") else slug

    hits = 0
    for text, expected in queries:
        found = [origin(hit.article.slug) for hit in article_search(text=text, limit=3).hits]
        hits += expected in found
    return hits / len(queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--vendor", choices=["sqlite", "postgresql"])
    args = parser.parse_args()
    if args.vendor:
        run(args.vendor, args.articles, args.runs)
        return
    for vendor in ("sqlite", "postgresql"):
        subprocess.run(  # noqa: S603 - our own script, fixed arguments
            [
                sys.executable,
                __file__,
                "--vendor",
                vendor,
                "--articles",
                str(args.articles),
                "--runs",
                str(args.runs),
            ],
            check=True,
        )


if __name__ == "__main__":
    main()

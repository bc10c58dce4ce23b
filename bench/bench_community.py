"""Time the community forum's topic list and search pages with 100,000 posts on PostgreSQL.

Run: .venv/bin/python bench/bench_community.py [--topics N] [--answers-per-topic N] [--runs N]

Seeds the scratch database walletdesk_community_bench on 127.0.0.1 (dropped and created again):
``topics`` questions (one in fifty held, the rest published) in the six categories and general
discussion, each with ``answers-per-topic`` answers (25,000 × 4 = 100,000 posts by default),
written with set-based INSERTs over pools of realistic Chinese and English questions, each with
its pre-segmented search text as the services write it. Then requests the pages end to end
through Django's test client (routing, middleware, the selector, the template): the list (first
page, a category, a later page by its cursor) and search (20 questions in both languages), and
the reads that carry each author's trust record (20 questions' pages, the API's list and
search), each ``runs`` times after a warm-up pass, and prints p50/p95/max with the load average.
"""

import argparse
import itertools
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
DB_NAME = "walletdesk_community_bench"

ASSETS = ["USDT", "USDC", "ETH", "TRX", "BNB", "BTC", "SOL", "DAI"]
NETWORKS = ["TRC20", "ERC20", "BEP20", "Polygon", "Solana", "Arbitrum", "波场", "以太坊"]
ISSUES = [
    "提现一直处理中",
    "充值没到账",
    "转错网络了能找回吗",
    "矿工费太高",
    "代币不显示",
    "授权后余额被转走",
    "备注忘记填写",
    "withdrawal stuck for hours",
    "deposit not showing",
    "sent on the wrong network",
    "gas fee too high",
    "token balance disappeared",
]
BODIES = [
    "已经等了三个小时，区块浏览器显示成功，但钱包余额没有变化。",
    "交易所说已经发出，交易哈希也有，可是钱包里看不到这笔充值。",
    "换了网络重新提现，还是显示处理中，需要提交工单吗？",
    "I checked the explorer and the transfer is confirmed, but the app still shows pending.",
    "The exchange says it was sent on BEP20 but I chose ERC20 in the wallet.",
    "Is there a minimum amount for this network? My small deposit never arrived.",
    "更新到最新版本后，NFT 和部分代币都不显示了。",
    "After revoking the approval the balance is still zero, what else can I do?",
]
QUERIES = [
    "提现处理中",
    "充值没到账",
    "转错网络",
    "矿工费",
    "代币不显示",
    "授权",
    "备注",
    "USDT TRC20 提现",
    "ETH gas",
    "波场 充值",
    "withdrawal stuck",
    "deposit not showing",
    "wrong network",
    "gas fee",
    "token disappeared",
    "explorer confirmed pending",
    "minimum deposit",
    "revoke approval",
    "NFT 不显示",
    "BEP20 ERC20",
]


def _database_url() -> str:
    return f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"


def _recreate_database() -> None:
    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}"')
        connection.execute(f'CREATE DATABASE "{DB_NAME}"')


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = _database_url()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _seed(topics: int, answers: int) -> None:
    from django.db import connection

    from walletdesk.accounts.models import User
    from walletdesk.kb import search
    from walletdesk.tickets.models import Category

    users = User.objects.bulk_create(
        User(email=f"bench{n}@example.com", display_name=f"用户{n}", password="!")  # noqa: S106
        for n in range(300)
    )
    user_ids = [str(u.pk) for u in users]
    category_ids: list[str | None] = [str(c.pk) for c in Category.objects.all()] + [None]
    titles = [
        f"{asset} {network} {issue}"
        for asset, network, issue in itertools.product(ASSETS, NETWORKS, ISSUES)
    ]
    title_terms = [search.document(title) for title in titles]
    body_terms = [search.document(body) for body in BODIES]
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO community_topic (id, created_at, updated_at, category_id, author_id, "
            "title, body, visibility, hold_reasons, is_locked, answer_count, last_activity_at, "
            "search_text) "
            "SELECT gen_random_uuid(), now() - make_interval(mins => i), now(), "
            "(%s::uuid[])[1 + i %% %s], (%s::uuid[])[1 + i %% %s], "
            "(%s::text[])[1 + i %% %s] || ' #' || i, (%s::text[])[1 + (i * 7) %% %s], "
            "CASE WHEN i %% 50 = 0 THEN 'held' ELSE 'visible' END, '[]'::jsonb, false, %s, "
            "now() - make_interval(mins => i), "
            "(%s::text[])[1 + i %% %s] || ' ' || (%s::text[])[1 + (i * 7) %% %s] "
            "FROM generate_series(1, %s) AS i",
            [
                category_ids,
                len(category_ids),
                user_ids,
                len(user_ids),
                titles,
                len(titles),
                BODIES,
                len(BODIES),
                answers,
                title_terms,
                len(titles),
                body_terms,
                len(BODIES),
                topics,
            ],
        )
        cursor.execute(
            "INSERT INTO community_post (id, created_at, updated_at, topic_id, author_id, body, "
            "visibility, hold_reasons, score) "
            "SELECT gen_random_uuid(), t.created_at + make_interval(mins => k), now(), t.id, "
            "(%s::uuid[])[1 + (t.n + k) %% %s], (%s::text[])[1 + (t.n + k) %% %s], "
            "'visible', '[]'::jsonb, 0 "
            "FROM (SELECT id, created_at, row_number() OVER () AS n FROM community_topic) AS t "
            "CROSS JOIN generate_series(1, %s) AS k",
            [user_ids, len(user_ids), BODIES, len(BODIES), answers],
        )
        # As autovacuum keeps a forum that has run for a while: statistics, and the visibility
        # map that lets an index answer a count without reading the rows.
        cursor.execute("VACUUM ANALYZE community_topic")
        cursor.execute("VACUUM ANALYZE community_post")
        cursor.execute("SELECT count(*) FROM community_post")
        posts = cursor.fetchone()[0]
    print(f"seeded {topics} topics, {posts} posts in {time.perf_counter() - started:.1f} s")


def _time(paths: list[str], runs: int) -> list[float]:
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    for path in paths:  # warm-up: jieba, templates, caches, the database's pages
        assert client.get(path).status_code == 200, path
    timings = []
    for _ in range(runs):
        for path in paths:
            started = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, path
    return timings


def _report(name: str, timings: list[float]) -> None:
    ordered = sorted(timings)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    print(
        f"{name:<12} n={len(ordered):<5} p50 {statistics.median(ordered):6.1f} ms  "
        f"p95 {p95:6.1f} ms  max {ordered[-1]:6.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--topics", type=int, default=25_000)
    parser.add_argument("--answers-per-topic", type=int, default=4)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()

    _recreate_database()
    _setup()
    _seed(args.topics, args.answers_per_topic)

    from urllib.parse import quote

    from walletdesk.community.selectors import topic_list

    cursor = topic_list().next_cursor
    deep = topic_list(cursor=cursor).next_cursor
    lists = [
        "/community/",
        "/community/?category=withdrawal",
        "/community/?category=general",
        f"/community/?cursor={quote(cursor)}",
        f"/community/?cursor={quote(deep)}",
    ]
    searches = [f"/community/search/?q={quote(q)}" for q in QUERIES]
    # The reads that carry each author's trust record (community/trust.py): a question's page
    # (the asker and every answer's author), the API's list and search (each summary's author).
    from walletdesk.community.models import Topic, Visibility

    threads = [
        f"/community/t/{pk}/"
        for pk in Topic.objects.filter(visibility=Visibility.VISIBLE)
        .order_by("-last_activity_at")
        .values_list("pk", flat=True)[:: max(1, args.topics // 20)][:20]
    ]
    api = [
        "/api/v1/community/topics",
        "/api/v1/community/topics?category=withdrawal",
        f"/api/v1/community/topics?cursor={quote(cursor)}",
        *(f"/api/v1/community/search?q={quote(q)}" for q in QUERIES[:5]),
    ]
    from walletdesk.community.selectors import topic_search

    found = [len(topic_search(text=q).topics) for q in QUERIES]
    print(f"search results per question: min {min(found)}, mean {statistics.mean(found):.1f}")
    print(f"load average before: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    _report("topic list", _time(lists, args.runs * 4))
    _report("search", _time(searches, args.runs))
    _report("question", _time(threads, args.runs))
    _report("api (trust)", _time(api, args.runs * 2))
    print(f"load average after:  {' '.join(f'{v:.2f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()

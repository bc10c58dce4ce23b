"""Fill a database with a realistic ticket history for the benchmarks.

    DATABASE_URL=postgres://... .venv/bin/python bench/seed_tickets.py --tickets 1000000

The shape follows a live desk: about 8% of tickets are still being worked (new, open,
waiting on the customer) and mostly recent; the rest are resolved, closed or rejected and
spread over two years. A few thousand requesters, a handful of agents, the six categories
of the data migration, 1-3 messages and 1-8 events per ticket (its history, an event for
each agent reply and for its rating, as the reports count them).

On PostgreSQL rows go in through COPY on Django's own connection, in batches, so a
million tickets with their messages and events take minutes, not hours. Other databases
(SQLite for the test suite) take the same rows through executemany. Generation is
deterministic for a given --seed; references come from a counter through a bijection onto
the reference alphabet, so they never collide with each other and are not guessable in
order. Re-running appends: the counter continues after the rows already there.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.models import Field, Model

ROOT = Path(__file__).resolve().parent.parent

CUSTOMER_EMAIL = "bench-customer-{:05d}@example.test"
AGENT_EMAIL = "bench-agent-{:02d}@walletdesk.example"

# Share of all tickets per final status; the first three are the live queue (~8%).
STATUS_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("new", 0.03),
    ("open", 0.03),
    ("waiting_on_customer", 0.02),
    ("resolved", 0.55),
    ("closed", 0.30),
    ("rejected", 0.07),
)
ACTIVE = frozenset({"new", "open", "waiting_on_customer"})
PRIORITY_WEIGHTS: tuple[tuple[int, float], ...] = ((1, 0.2), (2, 0.6), (3, 0.15), (4, 0.05))
# Deposits and withdrawals dominate a wallet desk; the order matches the data migration's slugs.
CATEGORY_WEIGHTS: dict[str, float] = {
    "deposit": 0.32,
    "withdrawal": 0.26,
    "transfer": 0.18,
    "assets": 0.10,
    "account": 0.09,
    "other": 0.05,
}
NETWORKS = (
    ("TRON", "USDT", "T"),
    ("Ethereum", "ETH", "0x"),
    ("Ethereum", "USDC", "0x"),
    ("BNB Smart Chain", "USDT", "0x"),
    ("Bitcoin", "BTC", "bc1q"),
    ("Polygon", "USDC", "0x"),
    ("Solana", "SOL", ""),
)
SUBJECTS_ZH = (
    "充值未到账",
    "{asset} 充值一直没有显示",
    "提现一直显示处理中",
    "提现失败但余额已扣除",
    "转账选错了网络",
    "转账到错误地址怎么办",
    "资产余额显示为 0",
    "代币不显示",
    "无法登录账户",
    "更换手机后如何恢复",
    "手续费太高",
    "{network} 网络转账很慢",
    "其他问题咨询",
)
SUBJECTS_EN = (
    "Deposit not received",
    "{asset} deposit missing",
    "Withdrawal stuck in processing",
    "Withdrawal failed but balance deducted",
    "Sent on the wrong network",
    "Transfer to the wrong address",
    "Balance shows zero",
    "Token not showing",
    "Cannot sign in",
    "New phone, how do I restore",
    "Fees are too high",
    "Slow transfer on {network}",
)
DESCRIPTIONS_ZH = (
    "我在 {network} 网络上操作了 {asset}，交易所显示已完成，但钱包里一直看不到。"
    "已经等了好几个小时，请帮忙查一下。",
    "昨天晚上发起的操作到现在还没有完成，{asset} 金额不小，麻烦尽快处理。\n谢谢！",
    "区块浏览器上能看到交易，但是钱包里没有更新，已经重启过应用。",
)
DESCRIPTIONS_EN = (
    "I used the {network} network for {asset}. The exchange says it completed but my wallet "
    "shows nothing after several hours. Please check.",
    "Started last night and still not done. The {asset} amount is large, please hurry.\nThanks!",
    "The explorer shows the transaction but the wallet has not updated; I restarted the app.",
)
CUSTOMER_REPLIES = (
    "补充一下：交易哈希已经填在上面了。",
    "请问现在有进展吗？",
    "Any update on this?",
    "附上截图，请查收。",
)
AGENT_REPLIES = (
    "您好，我们已经收到您的工单，正在核实链上记录。",
    "请提供交易哈希和收款地址，方便我们查询。",
    "Hello, we are checking the transaction on the explorer and will update you soon.",
    "该笔交易已确认到账，请刷新钱包查看。",
)
BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
NOTES = ("链上已确认，等待节点同步。", "Escalated to the chain team.", "用户第二次来询问。")


# --- references -----------------------------------------------------------------------------


# An odd prime that is not 3 or 5 is coprime with 30**6, so counter -> counter * K mod 30**6
# is a bijection: every counter gets its own reference, and neighbours look unrelated.
_SCRAMBLE = 2_654_435_761
_OFFSET = 123_456_789


def reference_for(counter: int) -> str:
    """The reference of the n-th seeded ticket: unique for every counter below 30**6."""
    from walletdesk.tickets.references import ALPHABET, LENGTH, PREFIX

    base = len(ALPHABET)
    space = base**LENGTH
    if not 0 <= counter < space:
        raise ValueError(f"counter {counter} outside the reference space")
    value = (counter * _SCRAMBLE + _OFFSET) % space
    chars = []
    for _ in range(LENGTH):
        value, digit = divmod(value, base)
        chars.append(ALPHABET[digit])
    return PREFIX + "".join(reversed(chars))


# --- the plan of one run --------------------------------------------------------------------


@dataclass
class Cast:
    """Who and what the generated tickets point at, loaded or created before the batches."""

    requester_ids: list[uuid.UUID]
    agent_ids: list[uuid.UUID]
    category_ids: list[uuid.UUID]
    category_weights: list[float]
    # Each category's team: a ticket is routed to it, as a submission would be.
    category_team_ids: list[uuid.UUID | None]
    reply_days: list[int]
    reason_ids: list[uuid.UUID]
    existing_references: set[str] = field(default_factory=set)


@dataclass
class Batch:
    tickets: list[tuple[Any, ...]] = field(default_factory=list)
    messages: list[tuple[Any, ...]] = field(default_factory=list)
    events: list[tuple[Any, ...]] = field(default_factory=list)


TICKET_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "reference",
    "requester",
    "category",
    "subject",
    "description",
    "network",
    "asset",
    "tx_hash",
    "address",
    "memo",
    "amount",
    "occurred_at",
    "status",
    "priority",
    "assignee",
    "first_response_due_at",
    "first_responded_at",
    "resolved_at",
    "closed_at",
    "rejection_reason",
    "rejection_message",
    "resubmission_of",
    "last_customer_message_at",
    "last_agent_reply_at",
    "customer_seen_at",
    "rating",
    "rating_comment",
    "rated_at",
    "team",
)
MESSAGE_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "ticket",
    "author",
    "author_role",
    "is_internal",
    "body",
)
# TicketEvent.id is an identity column: the database numbers the rows.
EVENT_COLUMNS = ("ticket", "actor", "kind", "from_value", "to_value", "reason", "created_at")


class Generator:
    """Builds ticket, message and event rows from one seeded random stream."""

    def __init__(self, cast: Cast, *, seed: int, now: datetime) -> None:
        self.cast = cast
        self.rng = random.Random(seed)
        self.now = now
        self.span_seconds = int(timedelta(days=730).total_seconds())
        self.statuses = [s for s, _ in STATUS_WEIGHTS]
        self.status_weights = [w for _, w in STATUS_WEIGHTS]
        self.priorities = [p for p, _ in PRIORITY_WEIGHTS]
        self.priority_weights = [w for _, w in PRIORITY_WEIGHTS]

    def _uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def _address(self, prefix: str) -> str:
        if prefix == "0x":
            return f"0x{self.rng.getrandbits(160):040x}"
        if prefix == "T":
            return "T" + "".join(self.rng.choices(BASE58, k=33))
        return prefix + f"{self.rng.getrandbits(160):040x}"

    def ticket(self, counter: int, reference: str, batch: Batch) -> None:
        """Append one ticket with its messages and events to ``batch``."""
        rng = self.rng
        status = rng.choices(self.statuses, self.status_weights)[0]
        if status in ACTIVE:
            # The live queue is mostly young: a week or two, with a tail of stuck tickets.
            age = timedelta(seconds=min(rng.expovariate(1 / (10 * 86400)), 120 * 86400))
        else:
            age = timedelta(seconds=rng.randrange(3600, self.span_seconds))
        created_at = self.now - age
        category_index = rng.choices(
            range(len(self.cast.category_ids)), self.cast.category_weights
        )[0]
        network, asset, address_prefix = rng.choice(NETWORKS)
        english = rng.random() < 0.25
        subjects = SUBJECTS_EN if english else SUBJECTS_ZH
        descriptions = DESCRIPTIONS_EN if english else DESCRIPTIONS_ZH
        subject = rng.choice(subjects).format(network=network, asset=asset)
        description = rng.choice(descriptions).format(network=network, asset=asset)
        has_chain = rng.random() < 0.7
        tx_hash = f"0x{rng.getrandbits(256):064x}" if has_chain and rng.random() < 0.7 else ""
        address = self._address(address_prefix) if has_chain and rng.random() < 0.6 else ""
        amount = Decimal(rng.randrange(1, 5_000_000)) / Decimal(100) if has_chain else None
        occurred_at = created_at - timedelta(minutes=rng.randrange(5, 2880)) if has_chain else None
        requester = rng.choice(self.cast.requester_ids)
        priority = rng.choices(self.priorities, self.priority_weights)[0]
        agent = rng.choice(self.cast.agent_ids)
        assignee = None if status == "new" and rng.random() < 0.8 else agent
        due = created_at + timedelta(days=self.cast.reply_days[category_index])
        responded = status != "new"
        first_responded_at = (
            created_at + timedelta(minutes=rng.randrange(10, 4320)) if responded else None
        )
        last_at = (first_responded_at or created_at) + timedelta(minutes=rng.randrange(1, 1440))
        last_at = min(last_at, self.now)
        resolved_at = last_at if status in ("resolved", "closed") else None
        closed_at = min(last_at + timedelta(days=7), self.now) if status == "closed" else None
        rejected = status == "rejected"
        rating = (
            rng.randint(1, 5) if status in ("resolved", "closed") and rng.random() < 0.3 else None
        )
        ticket_id = self._uuid()
        batch.tickets.append(
            (
                ticket_id,
                created_at,
                closed_at or last_at,
                reference,
                requester,
                self.cast.category_ids[category_index],
                subject,
                description,
                network if has_chain else "",
                asset if has_chain else "",
                tx_hash,
                address,
                "",
                amount,
                occurred_at,
                status,
                priority,
                assignee,
                due,
                first_responded_at,
                resolved_at,
                closed_at,
                rng.choice(self.cast.reason_ids) if rejected else None,
                "信息不完整，请补充交易哈希后重新提交。" if rejected else "",
                None,
                created_at,
                first_responded_at,
                first_responded_at,
                rating,
                "",
                last_at if rating else None,
                self.cast.category_team_ids[category_index],
            )
        )
        self._thread(batch, ticket_id, requester, assignee or agent, created_at, last_at, responded)
        self._history(batch, ticket_id, requester, assignee, status, created_at, last_at)
        if rating:
            batch.events.append((ticket_id, requester, "rated", "", str(rating), "", last_at))

    def _thread(
        self,
        batch: Batch,
        ticket_id: uuid.UUID,
        requester: uuid.UUID,
        agent: uuid.UUID,
        start: datetime,
        end: datetime,
        responded: bool,
    ) -> None:
        rng = self.rng
        count = rng.randint(1, 3)
        step = (end - start) / (count + 1)
        for i in range(count):
            at = start + step * (i + 1)
            if not responded or i % 2 == 1:
                role, author, internal, body = (
                    "customer",
                    requester,
                    False,
                    rng.choice(CUSTOMER_REPLIES),
                )
            elif rng.random() < 0.15:
                role, author, internal, body = "agent", agent, True, rng.choice(NOTES)
            else:
                role, author, internal, body = "agent", agent, False, rng.choice(AGENT_REPLIES)
            batch.messages.append((self._uuid(), at, at, ticket_id, author, role, internal, body))
            if role == "agent" and not internal:
                batch.events.append((ticket_id, author, "agent_replied", "", "", "", at))

    def _history(
        self,
        batch: Batch,
        ticket_id: uuid.UUID,
        requester: uuid.UUID,
        assignee: uuid.UUID | None,
        status: str,
        start: datetime,
        end: datetime,
    ) -> None:
        # The channel it came through, as a live desk sees them: mostly the app's web pages.
        channel = self.rng.choices(("web", "api", "email"), weights=(70, 20, 10))[0]
        events = [(ticket_id, requester, "created", channel, "new", "", start)]
        middle = start + (end - start) / 2
        if assignee is not None:
            events.append((ticket_id, assignee, "assigned", "", str(assignee), "", middle))
        if status != "new":
            events.append((ticket_id, assignee, "status_changed", "new", "open", "", middle))
        if status not in ("new", "open"):
            # As the services write them: every change of status is a "status_changed" event,
            # and a rejection has its own event beside it.
            events.append((ticket_id, assignee, "status_changed", "open", status, "", end))
            if status == "rejected":
                events.append((ticket_id, assignee, "rejected", "", "", "", end))
        batch.events.extend(events)


# --- writing --------------------------------------------------------------------------------


def _columns(model: type[Model], names: Sequence[str]) -> list[str]:
    return [model._meta.get_field(name).column for name in names]


class Writer:
    """COPY on PostgreSQL, executemany elsewhere; same rows either way."""

    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        from walletdesk.tickets.models import Message, Ticket, TicketEvent

        self.connection = connection
        self.copy = connection.vendor == "postgresql"
        self.targets = {
            "tickets": (Ticket, TICKET_COLUMNS),
            "messages": (Message, MESSAGE_COLUMNS),
            "events": (TicketEvent, EVENT_COLUMNS),
        }

    def _others(self, model: type[Model], names: Sequence[str]) -> list[Field[Any, Any]]:
        """Fields the generator does not know (added by later migrations): their defaults.

        The schema grows while the benchmarks stay; a new NOT NULL column with a Python-side
        default must not break the seeder, and its default is what the app would store.
        """
        numbered = ("AutoField", "BigAutoField", "SmallAutoField")  # the database numbers these
        return [
            f
            for f in model._meta.concrete_fields
            if f.name not in names and f.get_internal_type() not in numbered
        ]

    def write(self, kind: str, rows: list[tuple[Any, ...]]) -> None:
        model, names = self.targets[kind]
        others = self._others(model, names)
        fields = [model._meta.get_field(n) for n in names] + others
        table = self.connection.ops.quote_name(model._meta.db_table)
        quoted = ", ".join(self.connection.ops.quote_name(f.column) for f in fields)
        tail = tuple(f.get_default() for f in others)
        with self.connection.cursor() as cursor:
            if self.copy:
                # Defaults go through the field once (a JSON default becomes Jsonb, not an array).
                prepared_tail = tuple(
                    f.get_db_prep_save(v, connection=self.connection)
                    for f, v in zip(others, tail, strict=True)
                )
                # The raw psycopg cursor: Django's wrapper has no copy().
                raw = cursor.cursor
                with raw.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row + prepared_tail)
            else:
                prepared = [
                    [
                        f.get_db_prep_save(v, connection=self.connection)
                        for f, v in zip(fields, row + tail, strict=True)
                    ]
                    for row in rows
                ]
                marks = ", ".join(["%s"] * len(fields))
                cursor.executemany(
                    f"INSERT INTO {table} ({quoted}) VALUES ({marks})",  # noqa: S608
                    prepared,
                )


# --- the run --------------------------------------------------------------------------------


def _users(prefix: str, pattern: str, count: int, role: str, now: datetime) -> list[uuid.UUID]:
    """The bench's people, created once and reused by later runs (unusable passwords)."""
    from django.contrib.auth.hashers import make_password

    from walletdesk.accounts.models import User

    emails = [pattern.format(i) for i in range(count)]
    existing = dict(User.objects.filter(email__startswith=prefix).values_list("email", "id"))
    unusable = make_password(None)
    missing = [
        User(
            email=email,
            display_name=email.split("@", 1)[0],
            role=role,
            password=unusable,
            email_verified_at=now,
            language="en" if i % 4 == 0 else "zh-hans",
        )
        for i, email in enumerate(emails)
        if email not in existing
    ]
    User.objects.bulk_create(missing, batch_size=2000)
    ids = dict(User.objects.filter(email__in=emails).values_list("email", "id"))
    return [ids[e] for e in emails]


def cast_load(*, requesters: int, agents: int, now: datetime) -> Cast:
    """Create or load the people, categories and reasons the tickets point at."""
    from walletdesk.tickets.models import Category, RejectionReason, TeamMembership, Ticket

    categories = list(Category.objects.order_by("position", "slug"))
    reasons = list(RejectionReason.objects.values_list("id", flat=True))
    if not categories or not reasons:
        raise SystemExit("No categories or rejection reasons: run `manage.py migrate` first.")
    agent_ids = _users("bench-agent-", AGENT_EMAIL, agents, "agent", now)
    # The bench's agents work every category's team, so each sees the whole queue.
    for team_id in {c.team_id for c in categories if c.team_id is not None}:
        for agent_id in agent_ids:
            TeamMembership.objects.get_or_create(user_id=agent_id, team_id=team_id)
    return Cast(
        requester_ids=_users("bench-customer-", CUSTOMER_EMAIL, requesters, "customer", now),
        agent_ids=agent_ids,
        category_ids=[c.id for c in categories],
        category_weights=[CATEGORY_WEIGHTS.get(c.slug, 0.05) for c in categories],
        category_team_ids=[c.team_id for c in categories],
        reply_days=[c.reply_days for c in categories],
        reason_ids=reasons,
        existing_references=set(Ticket.objects.values_list("reference", flat=True)),
    )


def _counters(start: int, existing: set[str]) -> Iterator[tuple[int, str]]:
    counter = start
    while True:
        reference = reference_for(counter)
        if reference not in existing:  # a ticket the app opened with a random reference
            yield counter, reference
        counter += 1


@dataclass
class Totals:
    tickets: int = 0
    messages: int = 0
    events: int = 0

    @property
    def rows(self) -> int:
        return self.tickets + self.messages + self.events


def seed(
    *,
    tickets: int,
    requesters: int | None = None,
    agents: int = 8,
    batch_size: int = 20_000,
    seed_value: int = 20240601,
    now: datetime | None = None,
    progress: bool = False,
) -> Totals:
    """Insert ``tickets`` tickets with their messages and events; returns the row counts.

    Runs each batch in its own transaction so a long run can be watched and interrupted
    without losing what is done. Runs ANALYZE at the end so the planner sees the new sizes.
    """
    from django.db import connection, transaction

    from walletdesk.tickets.models import Ticket

    now = now or datetime.now(UTC)
    requesters = requesters or max(10, min(3000, tickets // 300))
    cast = cast_load(requesters=requesters, agents=agents, now=now)
    start = Ticket.objects.count()
    generator = Generator(cast, seed=seed_value + start, now=now)
    writer = Writer(connection)

    totals = Totals()
    counters = _counters(start, cast.existing_references)
    began = time.perf_counter()
    while totals.tickets < tickets:
        batch = Batch()
        for _ in range(min(batch_size, tickets - totals.tickets)):
            counter, reference = next(counters)
            generator.ticket(counter, reference, batch)
        with transaction.atomic():
            if writer.copy:
                with connection.cursor() as cursor:
                    # This batch only: a crash loses at most the last batch, never corrupts.
                    cursor.execute("SET LOCAL synchronous_commit TO off")
            writer.write("tickets", batch.tickets)
            writer.write("messages", batch.messages)
            writer.write("events", batch.events)
        totals.tickets += len(batch.tickets)
        totals.messages += len(batch.messages)
        totals.events += len(batch.events)
        if progress:
            elapsed = time.perf_counter() - began
            print(
                f"{totals.tickets:>10,} tickets  {totals.rows:>11,} rows  "
                f"{totals.rows / elapsed:>9,.0f} rows/s",
                flush=True,
            )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return totals


def _setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--tickets", type=int, required=True)
    parser.add_argument("--requesters", type=int, default=None, help="default: tickets/300")
    parser.add_argument("--agents", type=int, default=8)
    parser.add_argument("--batch", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=20240601)
    args = parser.parse_args(list(argv) if argv is not None else None)

    _setup_django()
    from django.db import connection

    began = time.perf_counter()
    totals = seed(
        tickets=args.tickets,
        requesters=args.requesters,
        agents=args.agents,
        batch_size=args.batch,
        seed_value=args.seed,
        progress=True,
    )
    elapsed = time.perf_counter() - began
    print(
        f"{connection.vendor}: {totals.tickets:,} tickets, {totals.messages:,} messages, "
        f"{totals.events:,} events in {elapsed:,.1f} s "
        f"({totals.rows / elapsed:,.0f} rows/s, {totals.tickets / elapsed:,.0f} tickets/s)"
    )


if __name__ == "__main__":
    main()

"""Answers at hand for an agent's ticket: the Help Center articles that match it and the
resolved tickets like it, each ready to go into the reply in the requester's language.

Articles come from the portal's own search (``selectors.article_search``). Similar tickets are
read in bounded, index-ordered slices (the category's latest finished tickets, then the latest
of each finished status elsewhere), scoped by the console's visibility rule, and ranked here by
the search terms they share with the ticket (``search.terms``, so Chinese is segmented the same
way as in the Help Center). Nothing here writes.
"""

import math
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from django.conf import settings
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import SafeString

from walletdesk.accounts.models import User
from walletdesk.kb import search
from walletdesk.kb.models import Article
from walletdesk.kb.selectors import article_search
from walletdesk.tickets.models import Message, Redaction, Status, Ticket
from walletdesk.tickets.selectors import ticket_visibility

ARTICLES = 3
SIMILAR = 3
FINISHED = (Status.RESOLVED, Status.CLOSED)
# The candidates: the category's latest finished tickets within the horizon (its
# category/age index, newest first, stopping at the limit), and the latest of each finished
# status in other categories (the status/age index). Ranking segments each candidate's text,
# about half a millisecond apiece, so these bound the work whatever the desk's size.
SAME_CATEGORY_CANDIDATES = 100
OTHER_CATEGORY_CANDIDATES = 30
HORIZON = timedelta(days=365)
# What of a ticket is compared: its subject and the start of its description, where users say
# what happened; the rest is mostly hashes, amounts and thanks.
TICKET_TEXT = 1000
CANDIDATE_TEXT = 200
# Shared words decide; the same category and the same network tip a tie and near-ties.
SAME_CATEGORY_BONUS = 1.0
SAME_NETWORK_BONUS = 0.5
# More than one shared word, unless the ticket itself has only one: a lone "提现" matches
# every withdrawal.
MIN_SHARED = 2
# A few more than shown are ranked for their replies: a ticket may have none left to quote.
REPLY_LOOKUPS = SIMILAR * 2
ARTICLE_EXCERPT = 240
# The shared words shown with a similar ticket, rarest first: enough to say why it is there.
SHOWN_WORDS = 6
_SENTENCE_END = re.compile(r"[。！？!?.](?=\s|$)|[。！？]")


def quote(text: str) -> str:
    """``text`` as a quote in the reply box, which sends plain text: each line after "> "."""
    lines = text.strip().splitlines() or [""]
    return "\n".join(f"> {line}".rstrip() for line in lines)


def _excerpt(markdown: str, width: int = ARTICLE_EXCERPT) -> str:
    """The start of an article as plain text, ending at a sentence's end where there is one."""
    plain = search.plain_text(markdown)
    if len(plain) <= width:
        return plain
    cut = plain[:width]
    ends = [m.end() for m in _SENTENCE_END.finditer(cut)]
    if ends and ends[-1] >= width // 3:
        return cut[: ends[-1]].strip()
    return cut.rstrip() + "…"


@dataclass(frozen=True)
class ArticleAnswer:
    """A Help Center article, in the requester's language."""

    article: Article
    title: str
    url: str  # absolute: it goes into a message the requester reads anywhere
    excerpt: str
    snippet: SafeString  # escaped, the matched words in <mark>

    @property
    def link_text(self) -> str:
        return f"{self.title} {self.url}"

    @property
    def quote_text(self) -> str:
        return f"{quote(self.excerpt)}\n{self.url}"


@dataclass(frozen=True)
class TicketAnswer:
    """A finished ticket like this one, with the last public reply an agent wrote on it."""

    reference: str
    subject: str
    status: str
    network: str
    finished_at: datetime
    same_category: bool
    shared: tuple[str, ...]
    reply: str

    @property
    def quote_text(self) -> str:
        return quote(self.reply)


@dataclass(frozen=True)
class Answers:
    articles: list[ArticleAnswer]
    tickets: list[TicketAnswer]
    language: str  # the requester's: what the inserted text is written in

    @property
    def is_empty(self) -> bool:
        return not self.articles and not self.tickets


def _ticket_text(subject: str, description: str) -> str:
    return f"{subject}\n{description}"


def _articles(ticket: Ticket, language: str) -> list[ArticleAnswer]:
    # Snippets and titles in the requester's language: the agent sees what would be sent.
    with translation.override(language):
        result = article_search(
            text=_ticket_text(ticket.subject, ticket.description), limit=ARTICLES
        )
    chinese = language.lower().startswith("zh")
    answers = []
    for hit in result.hits:
        article = hit.article
        if chinese:
            title, body = article.title_zh or article.title_en, article.body_zh or article.body_en
        else:
            title, body = article.title_en or article.title_zh, article.body_en or article.body_zh
        path = reverse("kb:portal-article", args=[article.slug])
        answers.append(
            ArticleAnswer(
                article=article,
                title=title,
                url=f"{settings.SITE_URL.rstrip('/')}{path}",
                excerpt=_excerpt(body),
                snippet=hit.snippet,
            )
        )
    return answers


@dataclass(frozen=True)
class _Candidate:
    pk: UUID
    reference: str
    subject: str
    status: str
    network: str
    created_at: datetime
    resolved_at: datetime | None
    closed_at: datetime | None
    same_category: bool
    terms: frozenset[str]


def _candidates(ticket: Ticket, user: User) -> list[_Candidate]:
    """Finished tickets ``user`` may see, other than ``ticket``, with an agent's public reply:
    one query per slice, each an index range read newest first and cut at its limit."""
    scope = Q(ticket_visibility(user), last_agent_reply_at__isnull=False) & ~Q(pk=ticket.pk)
    slices = [
        (
            Q(
                category_id=ticket.category_id,
                status__in=FINISHED,
                created_at__gte=timezone.now() - HORIZON,
            ),
            SAME_CATEGORY_CANDIDATES,
        ),
        *(
            (Q(status=status) & ~Q(category_id=ticket.category_id), OTHER_CATEGORY_CANDIDATES)
            for status in FINISHED
        ),
    ]
    found: dict[UUID, _Candidate] = {}
    for where, limit in slices:
        rows = (
            Ticket.objects.filter(scope, where)
            .annotate(head=Substr("description", 1, CANDIDATE_TEXT))
            .order_by("-created_at", "-id")
            .values_list(
                "pk",
                "reference",
                "subject",
                "head",
                "status",
                "network",
                "category_id",
                "created_at",
                "resolved_at",
                "closed_at",
            )[:limit]
        )
        for pk, ref, subject, head, status, network, category_id, created, resolved, closed in rows:
            found.setdefault(
                pk,
                _Candidate(
                    pk=pk,
                    reference=ref,
                    subject=subject,
                    status=status,
                    network=network,
                    created_at=created,
                    resolved_at=resolved,
                    closed_at=closed,
                    same_category=category_id == ticket.category_id,
                    terms=frozenset(search.terms(_ticket_text(subject, head))),
                ),
            )
    return list(found.values())


def _ranked(ticket: Ticket, candidates: list[_Candidate]) -> list[tuple[_Candidate, list[str]]]:
    """Candidates sharing enough words with ``ticket``, best first, with the words shared.

    Each shared word counts by how rare it is among the candidates (a word every one of them
    has tells them apart by nothing); the same category and network add a little."""
    wanted = set(search.terms(_ticket_text(ticket.subject, ticket.description[:TICKET_TEXT])))
    if not wanted or not candidates:
        return []
    counts: dict[str, int] = {}
    for candidate in candidates:
        for term in candidate.terms & wanted:
            counts[term] = counts.get(term, 0) + 1
    total = len(candidates)
    enough = min(MIN_SHARED, len(wanted))
    scored = []
    for candidate in candidates:
        shared = sorted(candidate.terms & wanted, key=lambda t: (counts[t], t))
        if len(shared) < enough:
            continue
        score = sum(math.log(1 + total / counts[term]) for term in shared)
        if candidate.same_category:
            score += SAME_CATEGORY_BONUS
        if ticket.network and candidate.network == ticket.network:
            score += SAME_NETWORK_BONUS
        scored.append((score, candidate.created_at, candidate, shared))
    scored.sort(key=lambda row: (row[0], row[1]), reverse=True)
    return [(candidate, shared) for _, _, candidate, shared in scored]


def _last_public_replies(ids: list[UUID]) -> dict[UUID, str]:
    """The last public agent reply of each ticket, as stored (a masked secret stays masked; a
    reply whose text was removed is skipped). One query, each reply found on the thread index."""
    if not ids:
        return {}
    last = (
        Message.objects.filter(
            ticket_id=OuterRef("pk"), author_role=Message.AuthorRole.AGENT, is_internal=False
        )
        .exclude(redaction=Redaction.REMOVED)
        .order_by("-created_at", "-id")
        .values("body")[:1]
    )
    rows = (
        Ticket.objects.filter(pk__in=ids).annotate(reply=Subquery(last)).values_list("pk", "reply")
    )
    return {pk: reply for pk, reply in rows if reply}


def _similar(ticket: Ticket, user: User) -> list[TicketAnswer]:
    ranked = _ranked(ticket, _candidates(ticket, user))[:REPLY_LOOKUPS]
    replies = _last_public_replies([candidate.pk for candidate, _ in ranked])
    answers = []
    for candidate, shared in ranked:
        reply = replies.get(candidate.pk)
        if reply is None:
            continue
        answers.append(
            TicketAnswer(
                reference=candidate.reference,
                subject=candidate.subject,
                status=candidate.status,
                network=candidate.network,
                finished_at=candidate.closed_at or candidate.resolved_at or candidate.created_at,
                same_category=candidate.same_category,
                shared=tuple(shared[:SHOWN_WORDS]),
                reply=reply,
            )
        )
        if len(answers) == SIMILAR:
            break
    return answers


def answers_for_ticket(*, ticket: Ticket, user: User) -> Answers:
    """Up to ARTICLES published articles matching ``ticket`` and up to SIMILAR finished
    (resolved or closed) tickets like it, for ``user``'s reply.

    ``ticket`` comes from ``ticket_get_for_agent`` (so ``user`` may see it, and its requester
    is loaded). Offered tickets are only those ``user`` may see too (``ticket_visibility``),
    never ``ticket`` itself; each carries its last public agent reply, never an internal note.
    Article titles, excerpts and links are in the requester's language. A fixed number of
    queries whatever the desk's size: the article search's (two, plus the vocabulary once per
    process and generation), three candidate slices and one for the replies.
    """
    language = ticket.requester.language
    return Answers(
        articles=_articles(ticket, language),
        tickets=_similar(ticket, user),
        language=language,
    )

"""GET /api/v1/agent/tickets/{reference}/answers: the console's "answers at hand" for an agent
client, the same selector (kb/answers.py) with the texts ready to insert into a reply."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from walletdesk.accounts.tests.factories import AgentFactory, UserFactory
from walletdesk.api.tests.helpers import token_client
from walletdesk.kb.models import Article
from walletdesk.kb.tests.factories import ArticleFactory
from walletdesk.tickets.models import Message, Status, Ticket
from walletdesk.tickets.tests.factories import MessageFactory, TicketFactory

pytestmark = pytest.mark.django_db

SUBJECT = "USDT 提现一直卡住没到账"
DESCRIPTION = "波场网络提现 USDT，交易哈希已经有了，还是没到账。"


def _url(ticket: Ticket) -> str:
    return f"/api/v1/agent/tickets/{ticket.reference}/answers"


def _finished(reply: str, *, note: str = "") -> Ticket:
    ticket: Ticket = TicketFactory(
        subject=SUBJECT,
        description=DESCRIPTION,
        status=Status.RESOLVED,
        resolved_at=timezone.now() - timedelta(hours=1),
        last_agent_reply_at=timezone.now() - timedelta(hours=1),
    )
    MessageFactory(
        ticket=ticket, author=AgentFactory(), author_role=Message.AuthorRole.AGENT, body=reply
    )
    if note:
        MessageFactory(
            ticket=ticket,
            author=AgentFactory(),
            author_role=Message.AuthorRole.AGENT,
            body=note,
            is_internal=True,
        )
    return ticket


def test_an_agent_client_gets_articles_and_similar_tickets_ready_to_insert(
    carol: Any, alice_ticket: Ticket
) -> None:
    Ticket.objects.filter(pk=alice_ticket.pk).update(subject=SUBJECT, description=DESCRIPTION)
    Article.objects.update(status=Article.Status.DRAFT)
    ArticleFactory(
        slug="withdrawal-stuck-api",
        title_zh="提现卡住没到账怎么办",
        title_en="Withdrawal stuck",
        body_zh="网络拥堵时提现会延迟，请用交易哈希查询。",
    )
    similar = _finished("拥堵已结束，已到账。", note="内部：这位用户上次也问过")

    answer = token_client(carol).get(_url(alice_ticket))

    assert answer.status_code == 200
    body = answer.json()
    # Alice reads Chinese: what goes into the reply is in Chinese.
    assert body["language"] == "zh-hans"
    assert [a["slug"] for a in body["articles"]] == ["withdrawal-stuck-api"]
    article = body["articles"][0]
    assert article["title"] == "提现卡住没到账怎么办"
    assert article["url"].endswith("/help/articles/withdrawal-stuck-api/")
    assert article["link_text"] == f"提现卡住没到账怎么办 {article['url']}"
    assert article["quote_text"].startswith("> 网络拥堵时提现会延迟")
    assert [t["reference"] for t in body["tickets"]] == [similar.reference]
    offered = body["tickets"][0]
    assert offered["quote_text"] == "> 拥堵已结束，已到账。"
    assert "内部" not in answer.content.decode()


def test_another_customer_and_an_agent_without_the_ticket_get_404(alice_ticket: Ticket) -> None:
    outsider = AgentFactory(teams=[])
    customer = UserFactory()

    assert token_client(customer).get(_url(alice_ticket)).status_code in (403, 404)
    assert token_client(outsider).get(_url(alice_ticket)).status_code == 404

"""The ticket page's "answers at hand" panel: its fragment route, who may fetch it, what it
offers, and a query count that does not grow with the desk."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from walletdesk.accounts.tests.factories import AgentFactory
from walletdesk.console.tests.views.helpers import detail_url
from walletdesk.kb.tests.factories import ArticleFactory
from walletdesk.tickets.models import Message, Status, Ticket
from walletdesk.tickets.tests.factories import MessageFactory, TeamFactory, TicketFactory

pytestmark = pytest.mark.django_db

SUBJECT = "USDT 提现一直卡住没到账"
DESCRIPTION = "波场网络提现 USDT，交易哈希已经有了，还是没到账。"


def answers_url(ticket: Ticket) -> str:
    return reverse("console:answers", args=[ticket.reference])


def _finished(reply: str, **fields) -> Ticket:
    ticket = TicketFactory(
        subject=SUBJECT,
        description=DESCRIPTION,
        status=Status.RESOLVED,
        resolved_at=timezone.now() - timedelta(hours=1),
        last_agent_reply_at=timezone.now() - timedelta(hours=1),
        **fields,
    )
    MessageFactory(
        ticket=ticket, author=AgentFactory(), author_role=Message.AuthorRole.AGENT, body=reply
    )
    return ticket


@pytest.fixture
def ticket(alice) -> Ticket:
    ticket: Ticket = TicketFactory(
        requester=alice, subject=SUBJECT, description=DESCRIPTION, status=Status.OPEN
    )
    return ticket


def test_the_agent_gets_articles_and_similar_tickets_with_insert_buttons(
    agent_client, ticket
) -> None:
    ArticleFactory(
        slug="withdrawal-stuck-test",
        title_zh="提现卡住没到账怎么办",
        title_en="Withdrawal stuck",
        body_zh="网络拥堵时提现会延迟，请用交易哈希查询。",
    )
    similar = _finished("拥堵已结束，已到账 5521。")

    response = agent_client.get(answers_url(ticket))

    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="answers-body"')
    assert "<html" not in html  # a fragment, not a page
    # Alice reads Chinese: the article and its link go to her in Chinese; the agent's
    # buttons speak the agent's language (English here).
    assert "提现卡住没到账怎么办" in html
    assert "/help/articles/withdrawal-stuck-test/" in html
    assert similar.reference in html
    assert 'data-insert="&gt; 拥堵已结束，已到账 5521。"' in html
    assert html.count('<button type="button"') >= 3
    assert "Insert link" in html
    assert "Insert quote" in html


def test_nothing_found_says_so(agent_client, alice) -> None:
    ticket = TicketFactory(requester=alice, subject="zzqx", description="qqzx")

    response = agent_client.get(answers_url(ticket))

    assert response.status_code == 200
    assert "No Help Center article or finished ticket matches this ticket." in (
        response.content.decode()
    )


def test_bob_cannot_see_alices_answers(client, bob, ticket) -> None:
    client.force_login(bob)

    response = client.get(answers_url(ticket))

    assert response.status_code == 404


def test_the_requester_cannot_fetch_them_either(client, alice, ticket) -> None:
    client.force_login(alice)

    response = client.get(answers_url(ticket))

    assert response.status_code == 404


def test_an_agent_of_another_team_gets_404(client, ticket) -> None:
    client.force_login(AgentFactory(teams=[TeamFactory()]))

    response = client.get(answers_url(ticket))

    assert response.status_code == 404


def test_the_ticket_page_does_not_search_until_asked(agent_client, ticket) -> None:
    _finished("拥堵已结束，已到账 7734。")

    page = agent_client.get(detail_url(ticket)).content.decode()
    asked = agent_client.get(detail_url(ticket) + "?answers=1").content.decode()

    # The page carries the closed panel and the fragment's address, not its content.
    assert f'data-answers-url="{answers_url(ticket)}"' in page
    assert "7734" not in page
    # Without JavaScript, "?answers=1" brings the page back with the panel open and filled.
    assert "7734" in asked
    assert 'data-answers-loaded="1" open' in asked


@pytest.mark.parametrize("finished", [2, 30])
def test_the_fragment_query_count_does_not_grow(
    agent_client, ticket, django_assert_num_queries, finished
) -> None:
    ArticleFactory(title_zh="提现卡住没到账", title_en="Withdrawal stuck")
    for n in range(finished):
        _finished(f"第 {n} 条回复")
    for _ in range(3):
        _finished("别组的回复", team=TeamFactory())

    # session, user, the ticket (joined), the search vocabulary (once per generation; the
    # cache starts empty in every test), the article ranking and the articles, the three
    # candidate slices, and the candidates' last public replies
    with django_assert_num_queries(10):
        response = agent_client.get(answers_url(ticket))

    assert response.status_code == 200
    html = response.content.decode()
    offered = html.count('data-insert-as="quote" aria-describedby="answer-ticket-')
    assert offered == min(finished, 3)
    assert "别组的回复" not in html

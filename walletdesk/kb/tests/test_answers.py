"""Answers at hand (kb/answers.py): the articles that match an agent's ticket, in the
requester's language, and the finished tickets like it with their last public reply."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from walletdesk.accounts.models import User
from walletdesk.accounts.tests.factories import AdminFactory, AgentFactory, UserFactory
from walletdesk.kb.answers import answers_for_ticket, quote
from walletdesk.kb.models import Article
from walletdesk.kb.tests.factories import ArticleFactory
from walletdesk.tickets.models import Message, Redaction, Status, Ticket
from walletdesk.tickets.tests.factories import MessageFactory, TeamFactory, TicketFactory, category

pytestmark = pytest.mark.django_db

WITHDRAWAL_SUBJECT = "USDT 提现一直卡住没到账"
WITHDRAWAL_TEXT = "我在波场 TRC20 网络提现 USDT，交易哈希已经有了，钱包地址也核对过，还是没到账。"


@pytest.fixture
def agent() -> User:
    agent: User = AgentFactory()
    return agent


@pytest.fixture
def pending_article() -> Article:
    # The seeded articles are set aside: which of them outranks this one is the portal search's
    # business (kb/tests), and SQLite and PostgreSQL rank a long query differently.
    Article.objects.update(status=Article.Status.DRAFT)
    article: Article = ArticleFactory(
        slug="withdrawal-pending",
        category=category("withdrawal"),
        title_zh="提现一直处理中怎么办？",
        title_en="My withdrawal is stuck pending",
        body_zh="提现卡住通常是因为网络拥堵。请先在区块浏览器用交易哈希查询状态。拥堵结束后会自动到账。",
        body_en="A withdrawal is usually stuck because the network is congested. Look the "
        "transaction hash up on the explorer first. It arrives once the congestion clears.",
    )
    return article


def _ticket(requester: User | None = None, **fields) -> Ticket:
    fields.setdefault("subject", WITHDRAWAL_SUBJECT)
    fields.setdefault("description", WITHDRAWAL_TEXT)
    fields.setdefault("status", Status.OPEN)
    fields.setdefault("network", "tron")
    return TicketFactory(requester=requester or UserFactory(), **fields)


def _finished(reply: str = "", *, minutes_ago: int = 60, **fields) -> Ticket:
    """A resolved ticket answered publicly by an agent with ``reply``."""
    fields.setdefault("status", Status.RESOLVED)
    ticket = _ticket(
        resolved_at=timezone.now() - timedelta(minutes=minutes_ago),
        last_agent_reply_at=timezone.now() - timedelta(minutes=minutes_ago),
        **fields,
    )
    if reply:
        _message(ticket, reply, minutes_ago=minutes_ago)
    return ticket


def _message(
    ticket: Ticket,
    body: str,
    *,
    minutes_ago: int,
    role: str = Message.AuthorRole.AGENT,
    internal: bool = False,
) -> Message:
    author = ticket.requester if role == Message.AuthorRole.CUSTOMER else AgentFactory()
    message = MessageFactory(
        ticket=ticket, author=author, author_role=role, is_internal=internal, body=body
    )
    Message.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes_ago)
    )
    return message


def _references(ticket: Ticket, agent: User) -> list[str]:
    return [t.reference for t in answers_for_ticket(ticket=ticket, user=agent).tickets]


# --- articles --------------------------------------------------------------------------------


def test_a_chinese_ticket_gets_the_matching_article_in_chinese(agent, pending_article) -> None:
    ArticleFactory(title_zh="如何备份助记词", title_en="Back up your phrase", body_zh="备份。")
    ArticleFactory(
        slug="withdrawal-draft",
        status=Article.Status.DRAFT,
        title_zh="提现卡住（草稿）",
        title_en="Withdrawal stuck (draft)",
    )
    ticket = _ticket(UserFactory(language=User.Language.ZH_HANS))

    answers = answers_for_ticket(ticket=ticket, user=agent)

    slugs = [a.article.slug for a in answers.articles]
    assert "withdrawal-pending" in slugs
    assert "withdrawal-draft" not in slugs
    assert len(slugs) <= 3
    found = answers.articles[slugs.index("withdrawal-pending")]
    assert found.title == "提现一直处理中怎么办？"
    assert found.url == f"{settings.SITE_URL}/help/articles/withdrawal-pending/"
    assert found.link_text == f"提现一直处理中怎么办？ {found.url}"
    assert found.quote_text.startswith("> 提现卡住通常是因为网络拥堵。")
    assert found.quote_text.endswith(f"\n{found.url}")
    assert "<mark>" in found.snippet
    assert answers.language == "zh-hans"


def test_an_english_ticket_gets_the_same_article_in_english(agent, pending_article) -> None:
    ticket = _ticket(
        UserFactory(language=User.Language.EN),
        subject="Withdrawal stuck",
        description="My USDT withdrawal has been pending for hours and never arrived.",
    )

    answers = answers_for_ticket(ticket=ticket, user=agent)

    slugs = [a.article.slug for a in answers.articles]
    assert "withdrawal-pending" in slugs
    found = answers.articles[slugs.index("withdrawal-pending")]
    assert found.title == "My withdrawal is stuck pending"
    assert found.link_text == f"My withdrawal is stuck pending {found.url}"
    assert found.quote_text.startswith("> A withdrawal is usually stuck")
    assert answers.language == "en"


def test_at_most_three_articles(agent) -> None:
    for n in range(5):
        ArticleFactory(title_zh=f"提现卡住 第{n}篇", title_en=f"Withdrawal stuck {n}")

    answers = answers_for_ticket(ticket=_ticket(), user=agent)

    assert len(answers.articles) == 3


# --- similar tickets -------------------------------------------------------------------------


def test_similar_tickets_are_ranked_by_shared_words_then_category_and_network(agent) -> None:
    ticket = _ticket()
    close = _finished(
        "波场拥堵，已到账。", subject="USDT 提现卡住没到账", description="波场网络，有交易哈希。"
    )
    other_category = _finished(
        "充值会自动到账。",
        subject="USDT 提现卡住没到账",
        description="波场网络，有交易哈希。",
        category=category("deposit"),
        network="ethereum",
    )
    fewer_words = _finished("请提供交易哈希。", subject="提现卡住", description="请帮忙。")
    unrelated = _finished(
        "已帮您重置二次验证。", subject="谷歌验证码丢失", description="换了手机。"
    )

    answers = answers_for_ticket(ticket=ticket, user=agent)

    assert [t.reference for t in answers.tickets] == [
        close.reference,
        other_category.reference,
        fewer_words.reference,
    ]
    assert unrelated.reference not in _references(ticket, agent)
    first = answers.tickets[0]
    assert first.same_category
    assert first.reply == "波场拥堵，已到账。"
    assert first.quote_text == "> 波场拥堵，已到账。"
    assert 2 <= len(first.shared) <= 6  # the rarest shared words, which say why it is offered
    assert not answers.tickets[1].same_category


def test_the_quote_is_the_last_public_agent_reply_never_a_note(agent) -> None:
    ticket = _ticket()
    answered = _finished("第一条公开回复", minutes_ago=90)
    _message(answered, "最后一条公开回复：拥堵已结束。", minutes_ago=60)
    _message(answered, "内部备注：用户很着急 4471", minutes_ago=30, internal=True)
    _message(answered, "谢谢，已收到", minutes_ago=20, role=Message.AuthorRole.CUSTOMER)
    only_notes = _finished()
    _message(only_notes, "内部备注：别回复 8812", minutes_ago=10, internal=True)

    answers = answers_for_ticket(ticket=ticket, user=agent)

    assert [t.reference for t in answers.tickets] == [answered.reference]
    assert answers.tickets[0].reply == "最后一条公开回复：拥堵已结束。"


def test_a_reply_whose_text_was_removed_is_not_quoted(agent) -> None:
    ticket = _ticket()
    answered = _finished("较早的回复：请稍候。", minutes_ago=90)
    removed = _message(answered, "被移除的回复", minutes_ago=30)
    Message.objects.filter(pk=removed.pk).update(
        body="（此内容含有钱包密钥，已被移除）", redaction=Redaction.REMOVED
    )

    answers = answers_for_ticket(ticket=ticket, user=agent)

    assert [t.reply for t in answers.tickets] == ["较早的回复：请稍候。"]


def test_tickets_the_agent_cannot_see_are_never_offered() -> None:
    own_team = TeamFactory()
    agent = AgentFactory(teams=[own_team])
    ticket = _ticket(team=own_team)
    mine = _finished("本组的回复", team=own_team)
    _finished("别组的回复 9931", team=TeamFactory())
    _finished("安全组的回复 9932", category=category("compromised"))
    admin = AdminFactory()

    answers = answers_for_ticket(ticket=ticket, user=agent)
    as_admin = answers_for_ticket(ticket=ticket, user=admin)

    assert [t.reference for t in answers.tickets] == [mine.reference]
    # An administrator sees every team but the security lane they are not in.
    assert "安全组的回复 9932" not in [t.reply for t in as_admin.tickets]
    assert len(as_admin.tickets) == 2


def test_the_ticket_itself_is_never_offered(agent) -> None:
    ticket = _finished("本工单自己的回复")
    other = _finished("另一张工单的回复")

    assert _references(ticket, agent) == [other.reference]


@pytest.mark.parametrize(
    "status", [Status.NEW, Status.OPEN, Status.WAITING_ON_CUSTOMER, Status.REJECTED]
)
def test_unfinished_and_rejected_tickets_are_not_offered(agent, status) -> None:
    ticket = _ticket()
    extra = {"rejection_reason_id": None}
    if status == Status.REJECTED:
        from walletdesk.tickets.tests.factories import reason

        extra = {"rejection_reason": reason()}
    _finished("尚未完结的回复", status=status, **extra)
    closed = _finished("已关闭工单的回复", status=Status.CLOSED, closed_at=timezone.now())

    assert _references(ticket, agent) == [closed.reference]


def test_a_ticket_sharing_one_word_only_is_not_similar(agent) -> None:
    ticket = _ticket()
    _finished("请检查地址。", subject="提现", description="请帮忙看看")

    assert _references(ticket, agent) == []


def test_quote_marks_every_line() -> None:
    assert quote("第一行\n\n第二行\n") == "> 第一行\n>\n> 第二行"

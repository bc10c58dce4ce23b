"""What the ticket service tests share: a draft, tickets in a given status, the history."""

from decimal import Decimal

from walletdesk.accounts.models import User
from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.models import Status, Ticket, TicketEvent
from walletdesk.tickets.services import TicketDraft, ticket_reject
from walletdesk.tickets.tests.factories import TicketFactory, category, reason

Kind = TicketEvent.Kind
Code = TicketError.Code


def history(ticket: Ticket) -> list[tuple[str, User | None, str, str, str]]:
    """The ticket's events as (kind, actor, from, to, reason), oldest first."""
    return [
        (e.kind, e.actor, e.from_value, e.to_value, e.reason)
        for e in TicketEvent.objects.filter(ticket=ticket).select_related("actor")
    ]


def kinds(ticket: Ticket) -> list[str]:
    return [event[0] for event in history(ticket)]


def draft(**overrides: object) -> TicketDraft:
    values: dict[str, object] = {
        "category": category("withdrawal"),
        "subject": "  提现一直显示处理中  ",
        "description": "我从钱包提现 100 USDT 三个小时了还是处理中。",
        "network": "tron",
        "asset": "USDT",
        "amount": Decimal("100"),
        "tx_hash": " 0xabc ",
    }
    values.update(overrides)
    return TicketDraft(**values)  # type: ignore[arg-type]


def ticket_in(status: Status, requester: User, **extra: object) -> Ticket:
    if status == Status.REJECTED:
        extra.setdefault("rejection_reason", reason("incomplete_information"))
        extra.setdefault("rejection_message", "请补充交易哈希。")
    return TicketFactory(requester=requester, status=status, **extra)


def rejected_by(agent: User, ticket: Ticket, code: str = "incomplete_information") -> Ticket:
    return ticket_reject(ticket=ticket, agent=agent, reason=reason(code), message="请补充信息。")

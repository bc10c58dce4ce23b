"""Every ticket service: the row it leaves behind and the events it records."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import translation

from walletdesk.accounts.models import User
from walletdesk.accounts.tests.factories import UserFactory
from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.models import (
    AppendOnlyError,
    Category,
    Message,
    Priority,
    Status,
    Ticket,
    TicketEvent,
    WalletField,
)
from walletdesk.tickets.services import (
    TicketDraft,
    ticket_assign,
    ticket_category_change,
    ticket_close,
    ticket_mark_seen,
    ticket_open,
    ticket_priority_change,
    ticket_rate,
    ticket_reject,
    ticket_reopen,
    ticket_reply_add,
    ticket_request_info,
    ticket_resolve,
    ticket_start,
)
from walletdesk.tickets.tests.factories import TicketFactory, category, reason

Kind = TicketEvent.Kind
Code = TicketError.Code
SHANGHAI = ZoneInfo("Asia/Shanghai")


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


# --- ticket_open ------------------------------------------------------------------------------


def test_open_stores_ticket_and_records_created(alice: User) -> None:
    ticket = ticket_open(requester=alice, draft=draft())

    ticket.refresh_from_db()
    assert ticket.requester == alice
    assert ticket.status == Status.NEW
    assert ticket.priority == Priority.NORMAL
    assert ticket.subject == "提现一直显示处理中"  # trimmed
    assert ticket.tx_hash == "0xabc"
    assert ticket.amount == Decimal("100")
    assert ticket.reference.startswith("WD-")
    assert len(ticket.reference) == 9
    assert ticket.last_customer_message_at is not None
    assert ticket.is_unread_for_customer is False
    assert history(ticket) == [(Kind.CREATED, alice, "", Status.NEW, "")]


def test_open_refuses_unverified_user(db: None) -> None:
    unverified = UserFactory(email_verified_at=None)

    with pytest.raises(TicketError) as caught:
        ticket_open(requester=unverified, draft=draft())

    assert caught.value.code == Code.UNVERIFIED_EMAIL
    assert not Ticket.objects.exists()


def test_open_refuses_inactive_category(alice: User) -> None:
    Category.objects.filter(slug="withdrawal").update(is_active=False)

    with pytest.raises(TicketError) as caught:
        ticket_open(requester=alice, draft=draft(category=category("withdrawal")))

    assert caught.value.code == Code.CATEGORY_INACTIVE
    assert not Ticket.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"amount": None}, WalletField.AMOUNT),
        ({"network": "   "}, WalletField.NETWORK),
        ({"asset": ""}, WalletField.ASSET),
    ],
)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_open_refuses_missing_required_field(
    alice: User, overrides: dict[str, object], field: WalletField, language: str
) -> None:
    with pytest.raises(TicketError) as caught:
        ticket_open(requester=alice, draft=draft(**overrides))

    assert caught.value.code == Code.MISSING_FIELD
    with translation.override(language):
        assert str(field.label) in caught.value.message  # names the field in the user's language
    assert not Ticket.objects.exists()
    assert not TicketEvent.objects.exists()


def test_open_without_fields_the_category_does_not_require(alice: User) -> None:
    account = category("account")

    ticket = ticket_open(
        requester=alice, draft=draft(category=account, network="", asset="", amount=None)
    )

    assert Ticket.objects.get(pk=ticket.pk).category == account


def test_open_draws_a_new_reference_on_collision(
    alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken = TicketFactory(reference="WD-AAAAAA")
    drawn = iter(["WD-AAAAAA", "WD-AAAAAA", "WD-BBBBBB"])
    monkeypatch.setattr("walletdesk.tickets.services.reference_generate", lambda: next(drawn))

    ticket = ticket_open(requester=alice, draft=draft())

    assert ticket.reference == "WD-BBBBBB"
    assert Ticket.objects.filter(reference=taken.reference).count() == 1
    assert kinds(ticket) == [Kind.CREATED]


# --- due dates --------------------------------------------------------------------------------


@time_machine.travel(dt.datetime(2025, 6, 6, 10, 0, tzinfo=SHANGHAI), tick=False)  # a Friday
def test_first_response_due_skips_the_weekend(alice: User) -> None:
    ticket = ticket_open(requester=alice, draft=draft())  # withdrawal: 2 business days

    due = Ticket.objects.get(pk=ticket.pk).first_response_due_at.astimezone(SHANGHAI)
    assert due == dt.datetime(2025, 6, 10, 10, 0, tzinfo=SHANGHAI)  # Tuesday
    assert due.weekday() == 1


@time_machine.travel(dt.datetime(2025, 6, 6, 10, 0, tzinfo=SHANGHAI), tick=False)
def test_first_response_due_one_business_day_from_friday_is_monday(alice: User) -> None:
    ticket = ticket_open(requester=alice, draft=draft(category=category("account")))

    due = Ticket.objects.get(pk=ticket.pk).first_response_due_at.astimezone(SHANGHAI)
    assert due == dt.datetime(2025, 6, 9, 10, 0, tzinfo=SHANGHAI)


@time_machine.travel(dt.datetime(2025, 6, 6, 10, 0, tzinfo=SHANGHAI), tick=False)
def test_first_response_due_counts_days_in_the_requesters_time_zone(db: None) -> None:
    # Friday 10:00 in Shanghai is still Thursday 22:00 in New York: Thursday counts there.
    new_yorker = UserFactory(time_zone="America/New_York")
    new_york = ZoneInfo("America/New_York")

    ticket = ticket_open(requester=new_yorker, draft=draft())

    due = Ticket.objects.get(pk=ticket.pk).first_response_due_at.astimezone(new_york)
    assert due == dt.datetime(2025, 6, 9, 22, 0, tzinfo=new_york)  # Monday


@time_machine.travel(dt.datetime(2025, 6, 6, 10, 0, tzinfo=SHANGHAI), tick=False)
def test_first_response_due_falls_back_to_default_zone_for_unknown_zone(db: None) -> None:
    user = UserFactory(time_zone="Mars/Olympus_Mons")

    ticket = ticket_open(requester=user, draft=draft())

    due = Ticket.objects.get(pk=ticket.pk).first_response_due_at.astimezone(SHANGHAI)
    assert due == dt.datetime(2025, 6, 10, 10, 0, tzinfo=SHANGHAI)


# --- resubmission -----------------------------------------------------------------------------


def test_resubmit_links_to_the_rejected_original(alice: User, carol: User) -> None:
    original = rejected_by(carol, ticket_in(Status.NEW, alice))

    new = ticket_open(requester=alice, draft=draft(), resubmission_of=original)

    new.refresh_from_db()
    assert new.resubmission_of == original
    assert new.status == Status.NEW
    assert history(new) == [(Kind.CREATED, alice, "", Status.NEW, original.reference)]
    assert history(original)[-1] == (Kind.RESUBMITTED, alice, "", new.reference, "")
    original.refresh_from_db()
    assert original.status == Status.REJECTED  # the original stays as it was


def test_resubmit_only_by_the_requester(alice: User, bob: User, carol: User) -> None:
    original = rejected_by(carol, ticket_in(Status.NEW, alice))

    with pytest.raises(TicketError) as caught:
        ticket_open(requester=bob, draft=draft(), resubmission_of=original)

    assert caught.value.code == Code.NOT_REQUESTER
    assert Ticket.objects.count() == 1
    assert Kind.RESUBMITTED not in kinds(original)


def test_resubmit_refused_when_reason_does_not_allow_it(alice: User, carol: User) -> None:
    original = rejected_by(carol, ticket_in(Status.NEW, alice), code="out_of_scope")

    with pytest.raises(TicketError) as caught:
        ticket_open(requester=alice, draft=draft(), resubmission_of=original)

    assert caught.value.code == Code.NOT_RESUBMITTABLE
    assert Ticket.objects.count() == 1


@pytest.mark.parametrize("status", [Status.NEW, Status.OPEN, Status.RESOLVED, Status.CLOSED])
def test_resubmit_refused_unless_rejected(alice: User, status: Status) -> None:
    original = ticket_in(status, alice)

    with pytest.raises(TicketError) as caught:
        ticket_open(requester=alice, draft=draft(), resubmission_of=original)

    assert caught.value.code == Code.NOT_RESUBMITTABLE
    assert Ticket.objects.count() == 1


def test_resubmit_only_once(alice: User, carol: User) -> None:
    original = rejected_by(carol, ticket_in(Status.NEW, alice))
    first = ticket_open(requester=alice, draft=draft(), resubmission_of=original)

    with pytest.raises(TicketError) as caught:
        ticket_open(requester=alice, draft=draft(), resubmission_of=original)

    assert caught.value.code == Code.ALREADY_RESUBMITTED
    assert first.reference in caught.value.message
    assert Ticket.objects.count() == 2
    assert kinds(original).count(Kind.RESUBMITTED) == 1


# --- ticket_reply_add -------------------------------------------------------------------------


def test_customer_reply_on_new_ticket_keeps_status(alice: User, alice_ticket: Ticket) -> None:
    message = ticket_reply_add(ticket=alice_ticket, author=alice, body="  补充 网络是 TRC20  ")

    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.NEW
    assert message.author_role == Message.AuthorRole.CUSTOMER
    assert message.is_internal is False
    assert message.body == "补充 网络是 TRC20"
    assert alice_ticket.last_customer_message_at == alice_ticket.customer_seen_at
    assert history(alice_ticket) == [(Kind.CUSTOMER_REPLIED, alice, "", "", "")]


@pytest.mark.parametrize("status", [Status.WAITING_ON_CUSTOMER, Status.RESOLVED])
def test_customer_reply_reopens_waiting_and_resolved(alice: User, status: Status) -> None:
    ticket = ticket_in(status, alice, resolved_at=None)
    if status == Status.RESOLVED:
        Ticket.objects.filter(pk=ticket.pk).update(resolved_at=ticket.created_at)

    ticket_reply_add(ticket=ticket, author=alice, body="还是没到账")

    ticket.refresh_from_db()
    assert ticket.status == Status.OPEN
    assert ticket.resolved_at is None
    assert history(ticket) == [
        (Kind.STATUS_CHANGED, alice, status, Status.OPEN, ""),
        (Kind.CUSTOMER_REPLIED, alice, "", "", ""),
    ]
    assert ticket.messages.count() == 1


@pytest.mark.parametrize("status", [Status.CLOSED, Status.REJECTED])
def test_customer_reply_refused_on_closed_and_rejected(alice: User, status: Status) -> None:
    ticket = ticket_in(status, alice)

    with pytest.raises(TicketError) as caught:
        ticket_reply_add(ticket=ticket, author=alice, body="为什么关闭了")

    assert caught.value.code == Code.TRANSITION_NOT_ALLOWED
    ticket.refresh_from_db()
    assert ticket.status == status
    assert not ticket.messages.exists()
    assert history(ticket) == []


def test_other_customer_cannot_reply(alice_ticket: Ticket, bob: User) -> None:
    with pytest.raises(TicketError) as caught:
        ticket_reply_add(ticket=alice_ticket, author=bob, body="hello")

    assert caught.value.code == Code.NOT_REQUESTER
    assert not alice_ticket.messages.exists()


def test_customer_cannot_write_internal_note(alice: User, alice_ticket: Ticket) -> None:
    with pytest.raises(TicketError) as caught:
        ticket_reply_add(ticket=alice_ticket, author=alice, body="secret", internal=True)

    assert caught.value.code == Code.NOT_AGENT
    assert not alice_ticket.messages.exists()
    assert history(alice_ticket) == []


@pytest.mark.parametrize("body", ["", "   ", "\n\t"])
def test_empty_reply_refused(alice: User, alice_ticket: Ticket, body: str) -> None:
    with pytest.raises(TicketError) as caught:
        ticket_reply_add(ticket=alice_ticket, author=alice, body=body)

    assert caught.value.code == Code.EMPTY_MESSAGE
    assert not alice_ticket.messages.exists()


def test_agent_first_reply_opens_new_ticket_and_marks_response(
    alice_ticket: Ticket, carol: User
) -> None:
    message = ticket_reply_add(ticket=alice_ticket, author=carol, body="您好 我们正在核查。")

    alice_ticket.refresh_from_db()
    assert message.author_role == Message.AuthorRole.AGENT
    assert message.is_internal is False
    assert alice_ticket.status == Status.OPEN
    assert alice_ticket.first_responded_at is not None
    assert alice_ticket.last_agent_reply_at == alice_ticket.first_responded_at
    assert alice_ticket.is_unread_for_customer is True
    assert history(alice_ticket) == [
        (Kind.STATUS_CHANGED, carol, Status.NEW, Status.OPEN, ""),
        (Kind.AGENT_REPLIED, carol, "", "", ""),
    ]


def test_agent_second_reply_keeps_first_response_time(alice_ticket: Ticket, carol: User) -> None:
    ticket_reply_add(ticket=alice_ticket, author=carol, body="first")
    alice_ticket.refresh_from_db()
    first = alice_ticket.first_responded_at

    ticket_reply_add(ticket=alice_ticket, author=carol, body="second")

    alice_ticket.refresh_from_db()
    assert alice_ticket.first_responded_at == first
    assert alice_ticket.last_agent_reply_at > first
    assert kinds(alice_ticket) == [Kind.STATUS_CHANGED, Kind.AGENT_REPLIED, Kind.AGENT_REPLIED]


def test_internal_note_changes_nothing_the_customer_sees(alice_ticket: Ticket, carol: User) -> None:
    message = ticket_reply_add(ticket=alice_ticket, author=carol, body="查链上", internal=True)

    alice_ticket.refresh_from_db()
    assert message.is_internal is True
    assert alice_ticket.status == Status.NEW
    assert alice_ticket.first_responded_at is None
    assert alice_ticket.last_agent_reply_at is None
    assert alice_ticket.is_unread_for_customer is False
    assert history(alice_ticket) == [(Kind.NOTE_ADDED, carol, "", "", "")]


def test_agent_may_note_on_closed_ticket_but_not_reply(alice: User, carol: User) -> None:
    ticket = ticket_in(Status.CLOSED, alice)

    ticket_reply_add(ticket=ticket, author=carol, body="duplicate of WD-XXXXXX", internal=True)
    with pytest.raises(TicketError) as caught:
        ticket_reply_add(ticket=ticket, author=carol, body="hello")

    assert caught.value.code == Code.TRANSITION_NOT_ALLOWED
    assert list(ticket.messages.values_list("is_internal", flat=True)) == [True]
    assert kinds(ticket) == [Kind.NOTE_ADDED]


# --- ticket_start / ticket_assign -------------------------------------------------------------


def test_start_opens_and_assigns_to_the_agent(alice_ticket: Ticket, carol: User) -> None:
    ticket_start(ticket=alice_ticket, agent=carol)

    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.OPEN
    assert alice_ticket.assignee == carol
    assert history(alice_ticket) == [
        (Kind.STATUS_CHANGED, carol, Status.NEW, Status.OPEN, ""),
        (Kind.ASSIGNED, carol, "", carol.email, ""),
    ]


def test_start_keeps_an_existing_assignee(alice: User, carol: User, erin: User) -> None:
    ticket = ticket_in(Status.NEW, alice, assignee=erin)

    ticket_start(ticket=ticket, agent=carol)

    ticket.refresh_from_db()
    assert ticket.assignee == erin
    assert kinds(ticket) == [Kind.STATUS_CHANGED]


def test_start_refused_on_open_ticket(alice: User, carol: User) -> None:
    ticket = ticket_in(Status.OPEN, alice)

    with pytest.raises(TicketError) as caught:
        ticket_start(ticket=ticket, agent=carol)

    assert caught.value.code == Code.TRANSITION_NOT_ALLOWED
    assert history(ticket) == []


def test_customer_cannot_start(alice: User, alice_ticket: Ticket) -> None:
    with pytest.raises(TicketError) as caught:
        ticket_start(ticket=alice_ticket, agent=alice)

    assert caught.value.code == Code.NOT_AGENT
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.NEW


def test_assign_reassign_and_unassign(alice_ticket: Ticket, carol: User, erin: User) -> None:
    ticket_assign(ticket=alice_ticket, assignee=erin, actor=carol)
    ticket_assign(ticket=alice_ticket, assignee=carol, actor=carol)
    ticket_assign(ticket=alice_ticket, assignee=None, actor=erin)

    alice_ticket.refresh_from_db()
    assert alice_ticket.assignee is None
    assert history(alice_ticket) == [
        (Kind.ASSIGNED, carol, "", erin.email, ""),
        (Kind.ASSIGNED, carol, erin.email, carol.email, ""),
        (Kind.ASSIGNED, erin, carol.email, "", ""),
    ]


def test_assign_to_same_agent_records_nothing(alice: User, carol: User) -> None:
    ticket = ticket_in(Status.OPEN, alice, assignee=carol)

    ticket_assign(ticket=ticket, assignee=carol, actor=carol)

    assert history(ticket) == []


def test_assign_to_non_agent_refused(alice_ticket: Ticket, bob: User, carol: User) -> None:
    with pytest.raises(TicketError) as caught:
        ticket_assign(ticket=alice_ticket, assignee=bob, actor=carol)

    assert caught.value.code == Code.NOT_AGENT
    alice_ticket.refresh_from_db()
    assert alice_ticket.assignee is None
    assert history(alice_ticket) == []


def test_admin_may_be_assigned(alice_ticket: Ticket, carol: User, dave: User) -> None:
    ticket_assign(ticket=alice_ticket, assignee=dave, actor=carol)

    alice_ticket.refresh_from_db()
    assert alice_ticket.assignee == dave


def test_customer_cannot_assign(alice: User, alice_ticket: Ticket, carol: User) -> None:
    with pytest.raises(TicketError) as caught:
        ticket_assign(ticket=alice_ticket, assignee=carol, actor=alice)

    assert caught.value.code == Code.NOT_AGENT
    assert history(alice_ticket) == []


def test_deactivated_agent_is_not_an_agent(alice_ticket: Ticket, carol: User) -> None:
    gone = UserFactory(role=User.Role.AGENT, is_active=False)

    with pytest.raises(TicketError) as caught:
        ticket_assign(ticket=alice_ticket, assignee=gone, actor=carol)

    assert caught.value.code == Code.NOT_AGENT


# --- ticket_request_info ----------------------------------------------------------------------


def test_request_info_waits_on_customer(alice_ticket: Ticket, carol: User) -> None:
    message = ticket_request_info(ticket=alice_ticket, agent=carol, body="请提供交易哈希。")

    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.WAITING_ON_CUSTOMER
    assert alice_ticket.assignee == carol
    assert alice_ticket.first_responded_at is not None
    assert alice_ticket.is_unread_for_customer is True
    assert message.is_internal is False
    assert message.author_role == Message.AuthorRole.AGENT
    assert history(alice_ticket) == [
        (Kind.STATUS_CHANGED, carol, Status.NEW, Status.WAITING_ON_CUSTOMER, ""),
        (Kind.ASSIGNED, carol, "", carol.email, ""),
        (Kind.INFO_REQUESTED, carol, "", "", ""),
    ]


def test_request_info_refused_when_already_waiting(alice: User, carol: User) -> None:
    ticket = ticket_in(Status.WAITING_ON_CUSTOMER, alice)

    with pytest.raises(TicketError) as caught:
        ticket_request_info(ticket=ticket, agent=carol, body="again?")

    assert caught.value.code == Code.TRANSITION_NOT_ALLOWED
    assert not ticket.messages.exists()
    assert history(ticket) == []


def test_request_info_needs_a_message(alice_ticket: Ticket, carol: User) -> None:
    with pytest.raises(TicketError) as caught:
        ticket_request_info(ticket=alice_ticket, agent=carol, body="  ")

    assert caught.value.code == Code.EMPTY_MESSAGE
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.NEW


def test_customer_cannot_request_info(alice: User, alice_ticket: Ticket) -> None:
    with pytest.raises(TicketError) as caught:
        ticket_request_info(ticket=alice_ticket, agent=alice, body="hm")

    assert caught.value.code == Code.NOT_AGENT


# --- ticket_resolve / ticket_close ------------------------------------------------------------


def test_agent_resolves_with_closing_reply(alice: User, carol: User) -> None:
    ticket = ticket_in(Status.OPEN, alice)

    ticket_resolve(ticket=ticket, actor=carol, body="已到账 请查收。")

    ticket.refresh_from_db()
    assert ticket.status == Status.RESOLVED
    assert ticket.resolved_at is not None
    assert ticket.last_agent_reply_at is not None
    assert list(ticket.messages.values_list("author_role", "body")) == [
        (Message.AuthorRole.AGENT, "已到账 请查收。")
    ]
    assert history(ticket) == [(Kind.STATUS_CHANGED, carol, Status.OPEN, Status.RESOLVED, "")]


def test_customer_resolves_own_ticket(alice: User, alice_ticket: Ticket) -> None:
    ticket_resolve(ticket=alice_ticket, actor=alice)

    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.RESOLVED
    assert not alice_ticket.messages.exists()
    assert history(alice_ticket) == [(Kind.STATUS_CHANGED, alice, Status.NEW, Status.RESOLVED, "")]


def test_other_customer_cannot_resolve(alice_ticket: Ticket, bob: User) -> None:
    with pytest.raises(TicketError) as caught:
        ticket_resolve(ticket=alice_ticket, actor=bob)

    assert caught.value.code == Code.NOT_REQUESTER
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.NEW


def test_resolve_refused_on_closed(alice: User, carol: User) -> None:
    ticket = ticket_in(Status.CLOSED, alice)

    with pytest.raises(TicketError) as caught:
        ticket_resolve(ticket=ticket, actor=carol, body="done")

    assert caught.value.code == Code.TRANSITION_NOT_ALLOWED
    assert not ticket.messages.exists()
    assert history(ticket) == []


def test_agent_closes_active_ticket(alice: User, carol: User) -> None:
    ticket = ticket_in(Status.OPEN, alice)

    ticket_close(ticket=ticket, actor=carol, reason="spam")

    ticket.refresh_from_db()
    assert ticket.status == Status.CLOSED
    assert ticket.closed_at is not None
    assert history(ticket) == [(Kind.STATUS_CHANGED, carol, Status.OPEN, Status.CLOSED, "spam")]


def test_customer_closes_resolved_ticket(alice: User) -> None:
    ticket = ticket_in(Status.RESOLVED, alice)

    ticket_close(ticket=ticket, actor=alice)

    ticket.refresh_from_db()
    assert ticket.status == Status.CLOSED
    assert history(ticket) == [(Kind.STATUS_CHANGED, alice, Status.RESOLVED, Status.CLOSED, "")]


def test_customer_cannot_close_open_ticket(alice: User) -> None:
    ticket = ticket_in(Status.OPEN, alice)

    with pytest.raises(TicketError) as caught:
        ticket_close(ticket=ticket, actor=alice)

    assert caught.value.code == Code.TRANSITION_NOT_ALLOWED
    ticket.refresh_from_db()
    assert ticket.status == Status.OPEN
    assert ticket.closed_at is None


def test_system_closes_resolved_ticket(alice: User) -> None:
    ticket = ticket_in(Status.RESOLVED, alice)

    ticket_close(ticket=ticket, actor=None, reason="auto_close")

    ticket.refresh_from_db()
    assert ticket.status == Status.CLOSED
    assert history(ticket) == [
        (Kind.STATUS_CHANGED, None, Status.RESOLVED, Status.CLOSED, "auto_close")
    ]


def test_close_refused_on_rejected(alice: User, carol: User) -> None:
    ticket = ticket_in(Status.REJECTED, alice)

    with pytest.raises(TicketError) as caught:
        ticket_close(ticket=ticket, actor=carol)

    assert caught.value.code == Code.TRANSITION_NOT_ALLOWED
    assert history(ticket) == []


# --- ticket_reject / ticket_reopen ------------------------------------------------------------


def test_reject_records_reason_and_message(alice_ticket: Ticket, carol: User) -> None:
    ticket_reject(
        ticket=alice_ticket,
        agent=carol,
        reason=reason("incomplete_information"),
        message="  请补充交易哈希。 ",
    )

    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.REJECTED
    assert alice_ticket.rejection_reason == reason("incomplete_information")
    assert alice_ticket.rejection_message == "请补充交易哈希。"
    assert alice_ticket.assignee == carol
    assert alice_ticket.can_be_resubmitted is True
    assert history(alice_ticket) == [
        (Kind.STATUS_CHANGED, carol, Status.NEW, Status.REJECTED, "incomplete_information"),
        (Kind.REJECTED, carol, "", "incomplete_information", "请补充交易哈希。"),
        (Kind.ASSIGNED, carol, "", carol.email, ""),
    ]


@pytest.mark.parametrize(("with_reason", "message"), [(False, "请补充"), (True, "  "), (True, "")])
def test_reject_requires_reason_and_message(
    alice_ticket: Ticket, carol: User, with_reason: bool, message: str
) -> None:
    chosen = reason("incomplete_information") if with_reason else None

    with pytest.raises(TicketError) as caught:
        ticket_reject(ticket=alice_ticket, agent=carol, reason=chosen, message=message)

    assert caught.value.code == Code.REASON_REQUIRED
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.NEW
    assert alice_ticket.rejection_reason is None
    assert history(alice_ticket) == []


def test_reject_refused_on_resolved(alice: User, carol: User) -> None:
    ticket = ticket_in(Status.RESOLVED, alice)

    with pytest.raises(TicketError) as caught:
        rejected_by(carol, ticket)

    assert caught.value.code == Code.TRANSITION_NOT_ALLOWED
    ticket.refresh_from_db()
    assert ticket.rejection_reason is None
    assert history(ticket) == []


def test_customer_cannot_reject(alice: User, alice_ticket: Ticket) -> None:
    with pytest.raises(TicketError) as caught:
        rejected_by(alice, alice_ticket)

    assert caught.value.code == Code.NOT_AGENT


@pytest.mark.parametrize("status", [Status.RESOLVED, Status.CLOSED])
def test_reopen_resolved_or_closed(alice: User, carol: User, status: Status) -> None:
    ticket = ticket_in(status, alice)
    Ticket.objects.filter(pk=ticket.pk).update(
        resolved_at=ticket.created_at, closed_at=ticket.created_at
    )

    ticket_reopen(ticket=ticket, agent=carol, reason="customer called")

    ticket.refresh_from_db()
    assert ticket.status == Status.OPEN
    assert ticket.resolved_at is None
    assert ticket.closed_at is None
    assert history(ticket) == [(Kind.STATUS_CHANGED, carol, status, Status.OPEN, "customer called")]


def test_reopen_rejected_clears_the_rejection(alice_ticket: Ticket, carol: User) -> None:
    rejected_by(carol, alice_ticket)

    ticket_reopen(ticket=alice_ticket, agent=carol)

    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.OPEN
    assert alice_ticket.rejection_reason is None
    assert alice_ticket.rejection_message == ""
    assert history(alice_ticket)[-1] == (
        Kind.STATUS_CHANGED,
        carol,
        Status.REJECTED,
        Status.OPEN,
        "",
    )


def test_reopen_refused_on_open(alice: User, carol: User) -> None:
    ticket = ticket_in(Status.OPEN, alice)

    with pytest.raises(TicketError) as caught:
        ticket_reopen(ticket=ticket, agent=carol)

    assert caught.value.code == Code.TRANSITION_NOT_ALLOWED
    assert history(ticket) == []


def test_customer_cannot_reopen(alice: User) -> None:
    ticket = ticket_in(Status.CLOSED, alice)

    with pytest.raises(TicketError) as caught:
        ticket_reopen(ticket=ticket, agent=alice)

    assert caught.value.code == Code.NOT_AGENT
    ticket.refresh_from_db()
    assert ticket.status == Status.CLOSED


# --- priority and category --------------------------------------------------------------------


def test_priority_change_records_from_and_to(alice_ticket: Ticket, carol: User) -> None:
    ticket_priority_change(ticket=alice_ticket, priority=Priority.URGENT, agent=carol)

    alice_ticket.refresh_from_db()
    assert alice_ticket.priority == Priority.URGENT
    assert history(alice_ticket) == [(Kind.PRIORITY_CHANGED, carol, "2", "4", "")]


def test_priority_unchanged_records_nothing(alice_ticket: Ticket, carol: User) -> None:
    ticket_priority_change(ticket=alice_ticket, priority=Priority.NORMAL, agent=carol)

    assert history(alice_ticket) == []


def test_customer_cannot_change_priority(alice: User, alice_ticket: Ticket) -> None:
    with pytest.raises(TicketError) as caught:
        ticket_priority_change(ticket=alice_ticket, priority=Priority.URGENT, agent=alice)

    assert caught.value.code == Code.NOT_AGENT
    alice_ticket.refresh_from_db()
    assert alice_ticket.priority == Priority.NORMAL


def test_category_change_records_slugs(alice_ticket: Ticket, carol: User) -> None:
    ticket_category_change(ticket=alice_ticket, category=category("deposit"), agent=carol)

    alice_ticket.refresh_from_db()
    assert alice_ticket.category.slug == "deposit"
    assert history(alice_ticket) == [(Kind.CATEGORY_CHANGED, carol, "withdrawal", "deposit", "")]


def test_category_unchanged_records_nothing(alice_ticket: Ticket, carol: User) -> None:
    ticket_category_change(ticket=alice_ticket, category=category("withdrawal"), agent=carol)

    assert history(alice_ticket) == []


def test_customer_cannot_change_category(alice: User, alice_ticket: Ticket) -> None:
    with pytest.raises(TicketError) as caught:
        ticket_category_change(ticket=alice_ticket, category=category("deposit"), agent=alice)

    assert caught.value.code == Code.NOT_AGENT
    alice_ticket.refresh_from_db()
    assert alice_ticket.category.slug == "withdrawal"


# --- ticket_rate ------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [Status.RESOLVED, Status.CLOSED])
def test_requester_rates_resolved_or_closed(alice: User, status: Status) -> None:
    ticket = ticket_in(status, alice)

    ticket_rate(ticket=ticket, customer=alice, score=5, comment=" 很快 ")

    ticket.refresh_from_db()
    assert ticket.rating == 5
    assert ticket.rating_comment == "很快"
    assert ticket.rated_at is not None
    assert ticket.can_be_rated is False
    assert history(ticket) == [(Kind.RATED, alice, "", "5", "")]


def test_rate_only_once(alice: User) -> None:
    ticket = ticket_in(Status.RESOLVED, alice)
    ticket_rate(ticket=ticket, customer=alice, score=4)

    with pytest.raises(TicketError) as caught:
        ticket_rate(ticket=ticket, customer=alice, score=1)

    assert caught.value.code == Code.NOT_RATABLE
    ticket.refresh_from_db()
    assert ticket.rating == 4
    assert kinds(ticket) == [Kind.RATED]


@pytest.mark.parametrize("score", [0, 6, -1, 100])
def test_rate_out_of_range_refused(alice: User, score: int) -> None:
    ticket = ticket_in(Status.RESOLVED, alice)

    with pytest.raises(TicketError) as caught:
        ticket_rate(ticket=ticket, customer=alice, score=score)

    assert caught.value.code == Code.INVALID_RATING
    ticket.refresh_from_db()
    assert ticket.rating is None
    assert history(ticket) == []


@pytest.mark.parametrize(
    "status", [Status.NEW, Status.OPEN, Status.WAITING_ON_CUSTOMER, Status.REJECTED]
)
def test_rate_refused_unless_resolved_or_closed(alice: User, status: Status) -> None:
    ticket = ticket_in(status, alice)

    with pytest.raises(TicketError) as caught:
        ticket_rate(ticket=ticket, customer=alice, score=5)

    assert caught.value.code == Code.NOT_RATABLE
    assert history(ticket) == []


def test_only_requester_rates(alice: User, bob: User, carol: User) -> None:
    ticket = ticket_in(Status.RESOLVED, alice)

    for other in (bob, carol):
        with pytest.raises(TicketError) as caught:
            ticket_rate(ticket=ticket, customer=other, score=5)
        assert caught.value.code == Code.NOT_REQUESTER

    ticket.refresh_from_db()
    assert ticket.rating is None


# --- unread marker ----------------------------------------------------------------------------


def test_mark_seen_clears_unread_after_agent_reply(
    alice: User, alice_ticket: Ticket, carol: User
) -> None:
    ticket_reply_add(ticket=alice_ticket, author=carol, body="请查看")
    alice_ticket.refresh_from_db()
    assert alice_ticket.is_unread_for_customer is True
    events_before = history(alice_ticket)

    ticket_mark_seen(ticket=alice_ticket, customer=alice)

    assert alice_ticket.is_unread_for_customer is False
    stored = Ticket.objects.get(pk=alice_ticket.pk)
    assert stored.is_unread_for_customer is False
    assert stored.customer_seen_at >= stored.last_agent_reply_at
    assert history(alice_ticket) == events_before  # reading is not a change


def test_mark_seen_by_someone_else_changes_nothing(
    alice_ticket: Ticket, bob: User, carol: User
) -> None:
    ticket_reply_add(ticket=alice_ticket, author=carol, body="请查看")
    alice_ticket.refresh_from_db()

    ticket_mark_seen(ticket=alice_ticket, customer=bob)
    ticket_mark_seen(ticket=alice_ticket, customer=carol)

    assert Ticket.objects.get(pk=alice_ticket.pk).is_unread_for_customer is True


def test_internal_note_does_not_make_ticket_unread(alice_ticket: Ticket, carol: User) -> None:
    ticket_reply_add(ticket=alice_ticket, author=carol, body="note", internal=True)

    assert Ticket.objects.get(pk=alice_ticket.pk).is_unread_for_customer is False


def test_customer_reply_marks_the_thread_seen(
    alice: User, alice_ticket: Ticket, carol: User
) -> None:
    ticket_reply_add(ticket=alice_ticket, author=carol, body="请提供截图")

    ticket_reply_add(ticket=alice_ticket, author=alice, body="已上传")

    assert Ticket.objects.get(pk=alice_ticket.pk).is_unread_for_customer is False


# --- the event log is append-only -------------------------------------------------------------


def test_event_cannot_be_updated(alice_ticket: Ticket, carol: User) -> None:
    ticket_start(ticket=alice_ticket, agent=carol)
    event = TicketEvent.objects.filter(ticket=alice_ticket).first()
    event.reason = "rewritten"

    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        TicketEvent.objects.filter(ticket=alice_ticket).update(reason="rewritten")

    assert not TicketEvent.objects.filter(reason="rewritten").exists()


def test_event_cannot_be_deleted(alice_ticket: Ticket, carol: User) -> None:
    ticket_start(ticket=alice_ticket, agent=carol)
    event = TicketEvent.objects.filter(ticket=alice_ticket).first()

    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        TicketEvent.objects.filter(ticket=alice_ticket).delete()
    with pytest.raises(AppendOnlyError):
        TicketEvent.objects.all().delete()

    assert TicketEvent.objects.filter(ticket=alice_ticket).count() == 2


def test_priority_outside_the_scale_is_refused(carol, alice_ticket):
    with pytest.raises(TicketError) as caught:
        ticket_priority_change(ticket=alice_ticket, priority=99, agent=carol)

    assert caught.value.code == TicketError.Code.INVALID_PRIORITY
    alice_ticket.refresh_from_db()
    assert alice_ticket.priority == 2
    assert not alice_ticket.events.filter(kind="priority_changed").exists()


def test_a_rejection_asking_for_the_recovery_phrase_is_held_back(carol, alice_ticket):
    with pytest.raises(TicketError) as caught:
        ticket_reject(
            ticket=alice_ticket,
            agent=carol,
            reason=reason("incomplete_information"),
            message="请把您的助记词发给我们，以便核实资产。",
        )

    assert caught.value.code == TicketError.Code.SECRET_REQUEST
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == "new"
    assert not alice_ticket.events.filter(kind="rejected").exists()

"""Journey 2: an agent on a desktop and a wallet user on a phone work one ticket from the
first reply to the rating, through a rejection and a resubmission, in both languages."""

import re
from collections.abc import Callable
from decimal import Decimal

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.accounts.models import User
from walletdesk.tickets import services
from walletdesk.tickets.models import Status, Ticket, TicketEvent
from walletdesk.tickets.tests.factories import category

from .conftest import DESKTOP, PHONE, Lang, expect_in_language, js_errors, shoot, sign_in

pytestmark = pytest.mark.browser

Kind = TicketEvent.Kind


def action_form(page: Page, action: str) -> Locator:
    """The console form posting to .../<action>/ (form ids are the console's business)."""
    return page.locator(f"form[action$='/{action}/']")


def expect_flash(page: Page) -> None:
    """Every successful console action comes back with a success message."""
    expect(page.locator(".flash li").first).to_be_visible()


def kinds(ticket: Ticket) -> list[str]:
    return list(ticket.events.order_by("id").values_list("kind", flat=True))


@pytest.fixture
def withdrawal(customer: User, lang: Lang) -> Ticket:
    """A withdrawal the user submitted earlier (journey 1 walks the form itself)."""
    return services.ticket_open(
        requester=customer,
        draft=services.TicketDraft(
            category=category("withdrawal"),
            subject=lang.t("提现一直显示处理中", "Withdrawal stuck at processing"),
            description=lang.t("提现 0.5 ETH 已经 6 个小时。", "0.5 ETH pending for 6 hours."),
            network="ethereum",
            asset="ETH",
            amount=Decimal("0.5"),
        ),
    )


def test_agent_and_user_work_a_ticket_from_reply_to_rating(
    live_server: LiveServer,
    new_context: Callable[..., BrowserContext],
    lang: Lang,
    customer: User,
    agent: User,
    withdrawal: Ticket,
) -> None:
    base = live_server.url
    desk = new_context(lang=lang, viewport=DESKTOP).new_page()
    # The console asks before rejecting or closing; the agent means it.
    desk.on("dialog", lambda dialog: dialog.accept())
    phone = new_context(lang=lang, viewport=PHONE).new_page()
    public_reply = lang.t("您好，我们正在查询这笔提现。", "Hello, we are looking into it.")
    note = lang.t("内部：链上未见广播", "internal: not broadcast on chain yet")
    question = lang.t("请提供交易哈希。", "Please send the transaction hash.")

    # The agent finds the ticket in the queue.
    sign_in(desk, base, agent)
    desk.goto(f"{base}/console/")
    row = desk.locator("table.queue tbody tr", has_text=withdrawal.reference)
    expect(row).to_contain_text(withdrawal.subject)
    expect(desk.locator("html")).to_have_attribute("lang", lang.code)
    shoot(desk, lang, "console-queue")
    row.get_by_role("link", name=withdrawal.reference).click()
    expect(desk.locator("h1")).to_contain_text(withdrawal.reference)
    expect_in_language(desk.locator(".ticket-header .badge").first, lang)

    # Take it, reply publicly, add an internal note, ask for more.
    action_form(desk, "start").locator("button[type=submit]").click()
    expect_flash(desk)
    reply_form = action_form(desk, "reply")
    reply_form.locator("textarea[name=body]").fill(public_reply)
    reply_form.locator("button[type=submit]").click()
    expect_flash(desk)
    reply_form.locator("textarea[name=body]").fill(note)
    reply_form.locator("input[name=internal]").check()
    reply_form.locator("button[type=submit]").click()
    expect_flash(desk)
    ask = action_form(desk, "request-info")
    ask.locator("textarea[name=body]").fill(question)
    ask.locator("button[type=submit]").click()
    expect_flash(desk)
    expect(desk.locator(".thread li.internal")).to_contain_text(note)

    withdrawal.refresh_from_db()
    assert withdrawal.status == Status.WAITING_ON_CUSTOMER
    assert withdrawal.assignee == agent
    assert withdrawal.messages.get(body=note).is_internal
    assert not withdrawal.messages.get(body=public_reply).is_internal
    assert {Kind.AGENT_REPLIED, Kind.NOTE_ADDED, Kind.INFO_REQUESTED} <= set(kinds(withdrawal))

    # The user sees the reply and the question, never the note, and that it waits on them.
    sign_in(phone, base, customer)
    phone.goto(f"{base}/tickets/")
    phone.locator(".ticket-list a", has_text=withdrawal.reference).click()
    thread = phone.locator("ol.thread")
    expect(thread).to_contain_text(public_reply)
    expect(thread).to_contain_text(question)
    expect(phone.locator("main")).not_to_contain_text(note)
    expect_in_language(phone.locator(".badge-waiting_on_customer"), lang)
    expect_in_language(phone.locator(".guidance[role=status]"), lang)
    shoot(phone, lang, "ticket-thread")
    answer = "0x" + "ab" * 32
    phone.locator("#reply textarea[name=body]").fill(answer)
    phone.locator("#reply").get_by_role("button", name=lang.t("发送回复", "Send reply")).click()
    expect(phone.locator(".flash")).to_have_text(lang.t("回复已发送。", "Your reply was sent."))
    expect(phone.locator("ol.thread")).to_contain_text(answer)
    expect(phone.locator(".badge-open")).to_be_visible()
    withdrawal.refresh_from_db()
    assert withdrawal.status == Status.OPEN
    assert set(kinds(withdrawal)[-2:]) == {Kind.CUSTOMER_REPLIED, Kind.STATUS_CHANGED}
    reopened = withdrawal.events.filter(kind=Kind.STATUS_CHANGED).latest("id")
    assert (reopened.from_value, reopened.to_value) == (Status.WAITING_ON_CUSTOMER, Status.OPEN)
    assert reopened.actor == customer

    # The agent rejects: incomplete information, with a message.
    rejection = lang.t(
        "哈希对应的是另一笔转账，请补充提现记录截图。", "That hash is another transfer."
    )
    desk.reload()
    # Rejecting is a rarely used form: drawn when its panel is opened.
    desk.locator("#action-reject summary").click()
    reject = action_form(desk, "reject")
    reason_label = lang.t("信息不完整", "Incomplete information")
    expect(reject.locator("select[name=reason] option[value=incomplete_information]")).to_have_text(
        reason_label
    )
    reject.locator("select[name=reason]").select_option("incomplete_information")
    reject.locator("textarea[name=message]").fill(rejection)
    reject.locator("button[type=submit]").click()
    expect_flash(desk)
    withdrawal.refresh_from_db()
    assert withdrawal.status == Status.REJECTED
    assert withdrawal.rejection_reason.code == "incomplete_information"
    assert withdrawal.rejection_message == rejection
    assert Kind.REJECTED in kinds(withdrawal)

    # The user sees why and what to do next, then supplements and resubmits.
    phone.reload()
    notice = phone.locator(".notice-rejected")
    expect(notice.locator("h2")).to_have_text(
        lang.t(f"此工单已被驳回：{reason_label}", f"This ticket was rejected: {reason_label}")
    )
    expect(notice).to_contain_text(rejection)
    reason = withdrawal.rejection_reason
    expect(notice).to_contain_text(lang.t("后续操作", "What to do next"))
    expect(notice).to_contain_text(lang.t(reason.next_steps_zh, reason.next_steps_en))
    shoot(phone, lang, "rejected-ticket")
    notice.get_by_role("link", name=lang.t("补充信息并重新提交", "Supplement and resubmit")).click()
    expect(phone.locator("input[name=subject]")).to_have_value(withdrawal.subject)
    expect(phone.locator("textarea[name=description]")).to_have_value(withdrawal.description)
    expect(phone.locator("select[name=network]")).to_have_value("ethereum")
    expect(phone.locator("input[name=asset]")).to_have_value("ETH")
    expect(phone.locator("input[name=amount]")).to_have_value(re.compile(r"^0\.50*$"))
    real_hash = "0x" + "cd" * 32
    phone.locator("input[name=tx_hash]").fill(real_hash)
    phone.locator("form.stacked button[type=submit]").click()
    expect(phone).to_have_url(re.compile(r"/tickets/WD-\w{6}/submitted/$"))

    resubmitted = Ticket.objects.get(resubmission_of=withdrawal)
    assert resubmitted.tx_hash == real_hash
    assert resubmitted.subject == withdrawal.subject
    assert resubmitted.status == Status.NEW
    assert Kind.RESUBMITTED in kinds(withdrawal)
    phone.goto(f"{base}/tickets/{resubmitted.reference}/")
    expect(phone.locator(f"main a[href$='/tickets/{withdrawal.reference}/']").last).to_have_text(
        withdrawal.reference
    )
    phone.goto(f"{base}/tickets/{withdrawal.reference}/")
    expect(
        phone.locator(f".notice-rejected a[href$='/tickets/{resubmitted.reference}/']")
    ).to_be_visible()

    # The agent sees the link both ways and resolves the new ticket.
    desk.goto(f"{base}/console/tickets/{resubmitted.reference}/")
    expect(desk.locator(f".ticket-header a[href$='/{withdrawal.reference}/']")).to_be_visible()
    action_form(desk, "start").locator("button[type=submit]").click()
    expect_flash(desk)
    resolve = action_form(desk, "resolve")
    resolve.locator("textarea[name=body]").fill(lang.t("已到账，请查收。", "It has arrived."))
    resolve.locator("button[type=submit]").click()
    expect_flash(desk)
    expect(desk.locator(".badge-resolved")).to_be_visible()
    shoot(desk, lang, "console-ticket")
    desk.goto(f"{base}/console/tickets/{withdrawal.reference}/")
    expect(desk.locator(f".ticket-header a[href$='/{resubmitted.reference}/']")).to_be_visible()
    resubmitted.refresh_from_db()
    assert resubmitted.status == Status.RESOLVED
    assert resubmitted.resolved_at is not None

    # The user rates the help 5.
    phone.goto(f"{base}/tickets/{resubmitted.reference}/")
    rate = phone.locator("form#rate")
    rate.locator("input[name=score][value='5']").check()
    rate.get_by_role("button", name=lang.t("提交评价", "Send rating")).click()
    expect(phone.locator(".flash")).to_have_text(
        lang.t("感谢您的评价。", "Thank you for your rating.")
    )
    expect(phone.locator("form#rate")).to_have_count(0)
    resubmitted.refresh_from_db()
    assert resubmitted.rating == 5
    assert kinds(resubmitted)[-1] == Kind.RATED
    assert js_errors(desk) == []
    assert js_errors(phone) == []

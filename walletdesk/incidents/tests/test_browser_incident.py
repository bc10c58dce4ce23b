"""A scam wave or a congested chain: a supervisor opens an incident, fifty users' tickets (in
both languages) are linked to it, and one reply to all reaches every one of them in its
requester's language, each requester notified once; a user who submits a matching ticket is
told support knows. Walked in zh-hans and en, JavaScript on, the user on a phone."""

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.accounts.models import User
from walletdesk.accounts.tests.factories import UserFactory
from walletdesk.incidents.models import Incident, IncidentLink, IncidentUpdate
from walletdesk.incidents.services import incident_update_deliver
from walletdesk.incidents.tests.factories import lead_make
from walletdesk.notifications.models import Channel, Notification
from walletdesk.testing.accessibility import expect_accessible
from walletdesk.testing.browser import DESKTOP, PHONE, Lang, js_errors, shoot, sign_in
from walletdesk.tickets.models import Message, Status, Ticket, TicketEvent
from walletdesk.tickets.tests.factories import TicketFactory, category

pytestmark = pytest.mark.browser

LINKED = 50
REPLY_ZH = "TRON 网络拥堵，您的提现正在排队，资金安全，无需重复提交。"
REPLY_EN = "The TRON network is congested: your withdrawal is queued, funds are safe."


def _fifty_linked_tickets(incident: Incident) -> list[Ticket]:
    """Half the requesters read Chinese, half English; created directly, as fast as can be."""
    tickets = []
    for n in range(LINKED):
        language = User.Language.ZH_HANS if n % 2 == 0 else User.Language.EN
        requester = UserFactory(email=f"wave{n}@example.com", language=language)
        tickets.append(
            TicketFactory(
                requester=requester,
                network="tron",
                category=category("withdrawal"),
                status=Status.NEW if n % 3 == 0 else Status.OPEN,
            )
        )
    IncidentLink.objects.bulk_create(IncidentLink(incident=incident, ticket=t) for t in tickets)
    return tickets


def test_one_reply_to_all_reaches_fifty_tickets_and_a_new_user_is_told(
    live_server: LiveServer,
    new_context: Callable[..., BrowserContext],
    lang: Lang,
    customer: User,
) -> None:
    base = live_server.url
    lead = lead_make(email=f"lead-{lang.code}@walletdesk.example")
    lead.language = lang.code
    lead.save(update_fields=["language"])
    desk = new_context(lang=lang, viewport=DESKTOP).new_page()
    sign_in(desk, base, lead)

    # The supervisor opens the incident from the console menu.
    desk.goto(f"{base}/console/")
    desk.locator("nav.site-nav").get_by_role("link", name=lang.t("事件", "Incidents")).click()
    desk.get_by_role("link", name=lang.t("开启事件", "Open an incident")).click()
    # The form must be on screen before axe reads the page: read too early, it judges the
    # page being left or a document that is not there yet.
    expect(desk.locator("input[name=title_zh]")).to_be_visible()
    expect_accessible(desk)
    desk.locator("input[name=title_zh]").fill("TRON 上的 USDT 提现延迟")
    desk.locator("input[name=title_en]").fill("USDT withdrawals on TRON delayed")
    desk.locator("textarea[name=description_zh]").fill("TRON 网络拥堵，提现会晚到，资金安全。")
    desk.locator("textarea[name=description_en]").fill(
        "The TRON network is congested: withdrawals arrive late, funds are safe."
    )
    desk.locator("select[name=network]").select_option("tron")
    desk.locator("select[name=category]").select_option(str(category("withdrawal").pk))
    desk.locator("input[name=window_hours]").fill("6")
    desk.locator("form.stacked button[type=submit]").click()
    expect(desk.locator(".flash-success")).to_be_visible()
    incident = Incident.objects.get()
    expect(desk).to_have_url(f"{base}/console/incidents/{incident.pk}/")

    # Fifty users' tickets are linked; the page lists them and counts them.
    tickets = _fifty_linked_tickets(incident)
    desk.reload()
    expect(desk.locator("#linked-title")).to_have_text(
        lang.t(f"{LINKED} 个关联工单", f"{LINKED} linked tickets")
    )
    expect(desk.locator("#linked tbody tr")).to_have_count(LINKED)

    # One reply to all, written in both languages.
    reply = desk.locator("#reply")
    reply.locator("textarea[name=body_zh]").fill(REPLY_ZH)
    reply.locator("textarea[name=body_en]").fill(REPLY_EN)
    reply.get_by_role(
        "button", name=lang.t("发送到全部关联工单", "Send to all linked tickets")
    ).click()
    expect(desk.locator(".flash-success")).to_contain_text(
        lang.t("回复全部已发送", "Reply to all sent")
    )
    expect(desk.get_by_test_id("incident-progress")).to_contain_text(
        lang.t("进行中", "In progress")
    )
    shoot(desk, lang, "incident-reply-sent")

    # The background worker delivers it in batches; a second run posts nothing twice.
    update = IncidentUpdate.objects.get()
    while incident_update_deliver(update_id=update.pk, batch_size=20):
        pass
    IncidentUpdate.objects.filter(pk=update.pk).update(finished_at=None)
    incident_update_deliver(update_id=update.pk)
    desk.reload()
    expect(desk.get_by_test_id("incident-progress")).to_contain_text(
        lang.t(f"{LINKED} 个工单中已处理 {LINKED} 个", f"{LINKED} of {LINKED} tickets done")
    )
    shoot(desk, lang, "incident-delivered")
    expect_accessible(desk)

    for ticket in tickets:
        wanted = REPLY_ZH if ticket.requester.language == User.Language.ZH_HANS else REPLY_EN
        bodies = list(Message.objects.filter(ticket=ticket).values_list("body", flat=True))
        assert bodies == [wanted]
        assert ticket.events.filter(kind=TicketEvent.Kind.AGENT_REPLIED).count() == 1
        for channel in (Channel.INAPP, Channel.EMAIL):
            told = Notification.objects.filter(
                recipient=ticket.requester, channel=channel, event__kind="agent_replied"
            )
            assert told.count() == 1, (ticket.reference, channel)
    assert js_errors(desk) == []

    # A user whose withdrawal on TRON matches submits it from their phone and is told.
    phone = new_context(lang=lang, viewport=PHONE).new_page()
    sign_in(phone, base, customer)
    phone.goto(f"{base}/tickets/new/withdrawal/")
    phone.locator("input[name=subject]").fill(lang.t("USDT 提现没到账", "USDT withdrawal missing"))
    phone.locator("textarea[name=description]").fill(
        lang.t("两小时前提现 100 USDT，还没到。", "I withdrew 100 USDT two hours ago.")
    )
    phone.locator("select[name=network]").select_option("tron")
    phone.locator("input[name=asset]").fill("USDT")
    phone.locator("input[name=address]").fill("TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE")
    phone.locator("input[name=amount]").fill("100")
    phone.locator("form.stacked button[type=submit]").click()

    expect(phone).to_have_url(re.compile(r"/tickets/WD-\w{6}/submitted/$"))
    notice = phone.get_by_test_id("incident-notice")
    expect(notice).to_contain_text(
        lang.t(
            "我们已了解此问题：TRON 上的 USDT 提现延迟",
            "We know about this: USDT withdrawals on TRON delayed",
        )
    )
    expect(notice).to_contain_text(lang.t("资金安全", "withdrawals arrive late, funds are safe"))
    shoot(phone, lang, "incident-notice")
    expect_accessible(phone)
    mine = Ticket.objects.get(requester=customer)
    assert not IncidentLink.objects.filter(ticket=mine).exists()  # suggested, never linked
    assert js_errors(phone) == []

    # The agent sees the suggestion on that ticket's page and links it.
    desk.goto(f"{base}/console/tickets/{mine.reference}/")
    suggestion = desk.get_by_test_id("incident-suggestion")
    expect(suggestion).to_contain_text(
        lang.t(
            "匹配事件 TRON 上的 USDT 提现延迟", "Matches incident USDT withdrawals on TRON delayed"
        )
    )
    suggestion.get_by_role("button", name=lang.t("关联到此事件", "Link to this incident")).click()
    expect(desk.get_by_test_id("incident-linked")).to_be_visible()
    expect_accessible(desk)
    assert IncidentLink.objects.get(ticket=mine).how == IncidentLink.How.SUGGESTED
    assert js_errors(desk) == []

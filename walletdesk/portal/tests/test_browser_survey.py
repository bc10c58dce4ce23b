"""A phone user rates a resolved ticket from the link in the resolution e-mail, without
signing in: the score the link carries is ticked, they add what made it and a word, send it,
and the same link then says the rating is recorded. A comment holding a recovery phrase is
refused and emptied. Chromium through Playwright, JavaScript on, in both languages."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.notifications.delivery import notification_deliver
from walletdesk.notifications.models import Channel, Kind, Notification
from walletdesk.testing.accessibility import expect_accessible
from walletdesk.testing.browser import Lang, js_errors, shoot
from walletdesk.tickets.models import Ticket, TicketEvent
from walletdesk.tickets.services import ticket_reply_add, ticket_resolve
from walletdesk.tickets.tests.factories import TicketFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHRASE = "abandon amount liar amount expire adjust cage candy arch gather drum buyer"


def _survey_link(live_server: LiveServer, customer, agent, score: int) -> tuple[Ticket, str]:  # type: ignore[no-untyped-def]
    ticket = TicketFactory(requester=customer, assignee=agent)
    ticket_reply_add(ticket=ticket, author=agent, body="已为您重新广播 / Broadcast again.")
    ticket_resolve(ticket=ticket, actor=agent)
    row = Notification.objects.get(recipient=customer, channel=Channel.EMAIL, kind=Kind.RESOLVED)
    notification_deliver(row.pk)
    (sent,) = [m for m in mail.outbox if ticket.reference in m.subject]
    urls = re.findall(r"(https?://\S+/survey/\S+\?score=\d)", sent.body)
    assert len(urls) == 5
    # The mail names the site it was sent from; the test's server listens elsewhere.
    path = urls[score - 1].split("/survey/", 1)[1]
    return ticket, f"{live_server.url}/survey/{path}"


def test_a_rating_from_the_mail_is_recorded_once(
    live_server: LiveServer, phone: Page, customer, agent, lang: Lang
) -> None:
    ticket, url = _survey_link(live_server, customer, agent, score=4)

    phone.goto(url)

    expect(phone.locator("h1")).to_have_text(lang.t("您对本次服务满意吗？", "How did we do?"))
    expect(phone.locator('input[name="score"][value="4"]')).to_be_checked()
    expect_accessible(phone)
    phone.get_by_label(lang.t("回复很及时", "The answer came quickly")).check()
    phone.locator("#id_comment").fill(lang.t("谢谢，很快就到账了", "Thanks, it arrived quickly"))
    shoot(phone, lang, "survey-from-mail")
    phone.get_by_role("button", name=lang.t("提交评价", "Send rating")).click()

    thanks = phone.get_by_test_id("survey-thanks")
    expect(thanks).to_contain_text(lang.t("感谢您的评价", "Thank you for your rating"))
    expect(thanks).to_contain_text(ticket.reference)
    ticket.refresh_from_db()
    assert (ticket.rating, ticket.rating_reasons) == (4, ["fast"])
    # The same link, opened again (or another score's link), changes nothing.
    phone.goto(url.replace("score=4", "score=1"))
    expect(phone.get_by_test_id("survey-thanks")).to_contain_text("4")
    ticket.refresh_from_db()
    assert ticket.rating == 4
    assert ticket.events.filter(kind=TicketEvent.Kind.RATED).count() == 1
    assert js_errors(phone) == [], js_errors(phone)


def test_sending_without_a_score_or_with_a_phrase_is_refused_and_explained(
    live_server: LiveServer, phone: Page, customer, agent, lang: Lang
) -> None:
    ticket, url = _survey_link(live_server, customer, agent, score=3)
    phone.goto(url.split("?")[0])  # no score in the link
    phone.get_by_label(lang.t("等待时间太长", "I waited too long")).check()
    phone.locator("#id_comment").fill(lang.t("太慢了", "Too slow"))

    phone.get_by_role("button", name=lang.t("提交评价", "Send rating")).click()

    expect(phone.locator("fieldset.rating")).to_have_class(re.compile("has-error"))
    expect(phone.get_by_label(lang.t("等待时间太长", "I waited too long"))).to_be_checked()
    expect(phone.locator("#id_comment")).to_have_value(lang.t("太慢了", "Too slow"))

    phone.locator('input[name="score"][value="2"]').check()
    phone.locator("#id_comment").fill(f"{lang.t('我的助记词', 'my phrase')} {PHRASE}")
    phone.get_by_role("button", name=lang.t("提交评价", "Send rating")).click()

    expect(phone.locator(".field.has-error")).to_contain_text(
        lang.t("这里有助记词或私钥，我们已将其删除。", "A recovery phrase or private key was here.")
    )
    expect(phone.locator("#id_comment")).to_have_value("")
    assert "abandon" not in phone.content()
    ticket.refresh_from_db()
    assert ticket.rating is None
    assert js_errors(phone) == [], js_errors(phone)

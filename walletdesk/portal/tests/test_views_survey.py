"""The survey page a resolution e-mail links to: no sign-in, nothing recorded by opening it,
recorded once by sending it, in the requester's language."""

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from walletdesk.notifications.delivery import notification_deliver
from walletdesk.notifications.models import Channel, Kind, Notification
from walletdesk.tickets.models import Status, Ticket, TicketEvent
from walletdesk.tickets.satisfaction import survey_token
from walletdesk.tickets.services import ticket_reply_add, ticket_resolve
from walletdesk.tickets.tests.factories import TicketFactory

pytestmark = pytest.mark.django_db
PHRASE = "abandon amount liar amount expire adjust cage candy arch gather drum buyer"


@pytest.fixture
def resolved(alice: Any, carol: Any) -> Ticket:
    ticket = TicketFactory(requester=alice, assignee=carol)
    ticket_reply_add(ticket=ticket, author=carol, body="已为您重新广播交易。")
    return ticket_resolve(ticket=ticket, actor=carol)


def _url(ticket: Ticket, score: int | None = None) -> str:
    url = f"/survey/{survey_token(ticket)}/"
    return f"{url}?score={score}" if score else url


def test_the_resolution_mail_carries_one_link_per_score(resolved: Ticket, alice: Any) -> None:
    row = Notification.objects.get(recipient=alice, channel=Channel.EMAIL, kind=Kind.RESOLVED)

    notification_deliver(row.pk)

    (sent,) = [m for m in mail.outbox if "已解决" in m.subject or resolved.reference in m.subject]
    links = re.findall(r"https?://\S+/survey/\S+\?score=(\d)", sent.body)
    assert links == ["1", "2", "3", "4", "5"]
    html = sent.alternatives[0][0]
    assert html.count("/survey/") == 5
    assert "您对本次服务满意吗" in sent.body  # alice reads Chinese


def test_opening_the_link_records_nothing_and_ticks_the_score(resolved: Ticket) -> None:
    response = Client().get(_url(resolved, 4))

    assert response.status_code == 200
    page = response.content.decode()
    assert re.search(r'<input type="radio" name="score" value="4"[^>]*checked', page)
    assert not re.search(r'<input type="radio" name="score" value="[1235]"[^>]*checked', page)
    resolved.refresh_from_db()
    assert resolved.rating is None
    assert not resolved.events.filter(kind=TicketEvent.Kind.RATED).exists()


def test_the_page_speaks_the_requesters_language(resolved: Ticket, bob: Any, carol: Any) -> None:
    chinese = Client().get(_url(resolved), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    english_ticket = TicketFactory(requester=bob, status=Status.RESOLVED)
    english = Client().get(_url(english_ticket), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()

    assert "您对本次服务满意吗" in chinese
    assert "How did we do?" in english


def test_sending_records_once_then_the_link_says_so(resolved: Ticket) -> None:
    client = Client()
    sent = client.post(
        _url(resolved), {"score": "2", "reasons": ["slow", "solved"], "comment": "等太久了"}
    )

    assert sent.status_code == 302
    resolved.refresh_from_db()
    assert (resolved.rating, resolved.rating_reasons) == (2, ["solved", "slow"])
    assert resolved.rating_comment == "等太久了"
    again = client.post(_url(resolved), {"score": "5"})
    assert again.status_code == 409
    assert "评价只记录一次" in again.content.decode()
    resolved.refresh_from_db()
    assert resolved.rating == 2
    assert resolved.events.filter(kind=TicketEvent.Kind.RATED).count() == 1


def test_no_score_is_refused_and_keeps_what_was_typed(resolved: Ticket) -> None:
    response = Client().post(_url(resolved), {"reasons": ["fast"], "comment": "回复很快"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "回复很快" in page
    assert 'value="fast"' in page
    assert "has-error" in page
    resolved.refresh_from_db()
    assert resolved.rating is None


def test_a_secret_in_the_comment_is_refused_and_removed(resolved: Ticket) -> None:
    response = Client().post(_url(resolved), {"score": "5", "comment": f"谢谢 {PHRASE}"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "我们已将其删除" in page or "removed it" in page
    assert PHRASE not in page
    assert "abandon" not in page
    assert 'value="5"' in page
    resolved.refresh_from_db()
    assert resolved.rating is None


def test_a_bad_link_says_what_to_do(resolved: Ticket) -> None:
    response = Client().get(f"/survey/{survey_token(resolved)[:-3]}xyz/")

    assert response.status_code == 404
    assert (
        "链接无效或已过期" in response.content.decode() or "not valid" in response.content.decode()
    )


def test_a_ticket_open_again_is_not_rated_through_the_link(resolved: Ticket, alice: Any) -> None:
    Ticket.objects.filter(pk=resolved.pk).update(status=Status.OPEN)

    response = Client().post(_url(resolved), {"score": "1"})

    assert response.status_code == 409
    resolved.refresh_from_db()
    assert resolved.rating is None

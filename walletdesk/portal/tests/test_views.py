"""The wallet user's pages, as a browser sees them (without JavaScript)."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from walletdesk.accounts.tests.factories import UserFactory
from walletdesk.tickets import services
from walletdesk.tickets.models import Message, Status, Ticket, TicketEvent
from walletdesk.tickets.tests.factories import MessageFactory, TicketFactory, category, reason

pytestmark = pytest.mark.django_db

WITHDRAWAL = {
    "subject": "提现一直显示处理中",
    "description": "昨晚提现 0.5 ETH，到现在还是处理中。",
    "network": "ethereum",
    "asset": "eth",
    "tx_hash": "0x" + "ab" * 32,
    "address": "0x52908400098527886E0F7030069857D2E4169EE7",
    "amount": "0.5",
    "occurred_at": "2026-11-20T21:30",
}


def test_anonymous_user_is_sent_to_sign_in_before_the_form(client):
    response = client.get(reverse("portal:create", args=["withdrawal"]))

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_contact_support_leads_to_the_ticket_form(client):
    response = client.get(reverse("portal:contact"))

    assert response.status_code == 302
    assert response["Location"] == reverse("portal:new")


def test_category_page_lists_the_six_categories_in_chinese(client):
    response = client.get(reverse("portal:new"))

    html = response.content.decode()
    for name in ("充值", "提现", "转账", "资产管理", "账户与安全", "其他"):
        assert name in html


def test_form_asks_only_the_fields_of_its_category(client, alice):
    client.force_login(alice)

    account = client.get(reverse("portal:create", args=["account"])).content.decode()
    withdrawal = client.get(reverse("portal:create", args=["withdrawal"])).content.decode()

    assert 'name="tx_hash"' not in account
    assert 'name="occurred_at"' in account
    for name in ("network", "asset", "tx_hash", "address", "amount", "occurred_at", "memo"):
        assert f'name="{name}"' in withdrawal


def test_submitting_stores_the_ticket_and_shows_the_reference(client, alice):
    client.force_login(alice)

    response = client.post(reverse("portal:create", args=["withdrawal"]), WITHDRAWAL)

    ticket = Ticket.objects.get(requester=alice)
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:submitted", args=[ticket.reference])
    assert ticket.status == Status.NEW
    assert ticket.asset == "ETH"
    assert ticket.amount == Decimal("0.5")
    assert ticket.occurred_at is not None
    assert ticket.events.filter(kind=TicketEvent.Kind.CREATED, actor=alice).count() == 1
    page = client.get(response["Location"]).content.decode()
    assert ticket.reference in page
    assert str(ticket.pk) not in page


def test_errors_keep_every_typed_value(client, alice):
    client.force_login(alice)
    data = {**WITHDRAWAL, "amount": "not-a-number", "subject": "保留我输入的标题"}

    response = client.post(reverse("portal:create", args=["withdrawal"]), data)

    html = response.content.decode()
    assert response.status_code == 400
    assert not Ticket.objects.exists()
    assert "保留我输入的标题" in html
    assert WITHDRAWAL["tx_hash"] in html
    assert WITHDRAWAL["address"] in html
    assert "昨晚提现 0.5 ETH" in html


def test_category_required_fields_are_enforced(client, alice):
    client.force_login(alice)
    data = {**WITHDRAWAL, "network": "", "amount": ""}

    response = client.post(reverse("portal:create", args=["withdrawal"]), data)

    assert response.status_code == 400
    assert not Ticket.objects.exists()


def test_unverified_user_cannot_submit_and_keeps_the_text(client):
    newcomer = UserFactory(email="new@example.com", email_verified_at=None)
    client.force_login(newcomer)

    response = client.post(reverse("portal:create", args=["withdrawal"]), WITHDRAWAL)

    assert response.status_code == 403
    assert not Ticket.objects.exists()
    assert WITHDRAWAL["subject"] in response.content.decode()


def test_ticket_creation_is_rate_limited_per_user(client, alice, settings):
    client.force_login(alice)
    url = reverse("portal:create", args=["other"])
    data = {"subject": "问题", "description": "说明"}

    statuses = [client.post(url, data).status_code for _ in range(11)]

    assert statuses[:10] == [302] * 10
    assert statuses[10] == 429
    assert Ticket.objects.filter(requester=alice).count() == 10


def test_expected_reply_date_skips_the_weekend(client, alice, time_machine):
    # Friday 2026-11-27 10:00 in Shanghai; two business days later is Tuesday.
    time_machine.move_to("2026-11-27T02:00:00Z", tick=False)
    client.force_login(alice)

    client.post(reverse("portal:create", args=["withdrawal"]), WITHDRAWAL)

    due = Ticket.objects.get().first_response_due_at.astimezone(timezone.get_default_timezone())
    assert due.date().isoformat() == "2026-12-01"


def test_my_tickets_shows_only_mine_with_an_unread_marker(client, alice, bob, carol):
    mine = TicketFactory(requester=alice, subject="我的工单")
    TicketFactory(requester=bob, subject="Bob's ticket")
    services.ticket_reply_add(ticket=mine, author=carol, body="我们在处理")
    client.force_login(alice)

    html = client.get(reverse("portal:list")).content.decode()

    assert "我的工单" in html
    assert "Bob&#x27;s ticket" not in html
    assert "Bob's ticket" not in html
    assert "unread-dot" in html


def test_my_tickets_runs_a_fixed_number_of_queries(client, alice, django_assert_num_queries):
    client.force_login(alice)
    TicketFactory.create_batch(2, requester=alice)
    url = reverse("portal:list")
    client.get(url)  # warm the session

    # ... and the bell's unread count in the header
    with django_assert_num_queries(5) as small:
        client.get(url)
    TicketFactory.create_batch(30, requester=alice)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(url)


def test_bob_cannot_see_alices_ticket(client, bob, alice_ticket):
    client.force_login(bob)

    for name in ("detail", "submitted", "resubmit"):
        assert (
            client.get(reverse(f"portal:{name}", args=[alice_ticket.reference])).status_code == 404
        )
    for name in ("reply", "resolve", "rate"):
        url = reverse(f"portal:{name}", args=[alice_ticket.reference])
        assert client.post(url, {"body": "hi", "score": 5}).status_code == 404
    assert not alice_ticket.messages.exists()


def test_detail_shows_public_thread_and_never_internal_notes(client, alice, carol, alice_ticket):
    services.ticket_reply_add(
        ticket=alice_ticket, author=carol, body="内部备注：疑似钓鱼", internal=True
    )
    services.ticket_reply_add(ticket=alice_ticket, author=carol, body="您好，正在核实")
    client.force_login(alice)

    html = client.get(reverse("portal:detail", args=[alice_ticket.reference])).content.decode()

    assert "您好，正在核实" in html
    assert "疑似钓鱼" not in html
    alice_ticket.refresh_from_db()
    assert not alice_ticket.is_unread_for_customer


def test_detail_page_runs_a_fixed_number_of_queries(
    client, alice, carol, alice_ticket, django_assert_num_queries
):
    client.force_login(alice)
    url = reverse("portal:detail", args=[alice_ticket.reference])
    client.get(url)
    MessageFactory.create_batch(2, ticket=alice_ticket)

    # session, user, ticket, thread, files, mark seen, the bell's unread count, and the
    # incident notice (one, linked or matched)
    with django_assert_num_queries(8) as small:
        client.get(url)
    MessageFactory.create_batch(30, ticket=alice_ticket)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(url)


def test_detail_page_reads_its_notifications_with_one_more_query(
    client, alice, carol, alice_ticket, django_assert_num_queries
):
    from walletdesk.notifications.models import Notification

    client.force_login(alice)
    url = reverse("portal:detail", args=[alice_ticket.reference])
    client.get(url)
    services.ticket_reply_add(ticket=alice_ticket, author=carol, body="请提供交易哈希")
    services.ticket_reply_add(ticket=alice_ticket, author=carol, body="也请附上截图")

    # session, user, ticket, files, thread, footer channels, the bell's count (which also
    # counts this ticket's unread notifications), the one UPDATE reading them, and marking the
    # thread seen (the agent's replies are new to the customer), and the incident notice
    with django_assert_num_queries(10):
        response = client.get(url)

    assert "data-bell-count" not in response.content.decode()
    assert not Notification.objects.filter(recipient=alice).unread_inapp().exists()


def test_reply_on_a_waiting_ticket_reopens_it(client, alice, carol, alice_ticket):
    services.ticket_request_info(ticket=alice_ticket, agent=carol, body="请提供交易哈希")
    client.force_login(alice)

    response = client.post(
        reverse("portal:reply", args=[alice_ticket.reference]), {"body": "哈希是 0xabc"}
    )

    assert response.status_code == 302
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.OPEN
    assert alice_ticket.messages.filter(author=alice, body="哈希是 0xabc").exists()
    assert alice_ticket.events.filter(
        kind=TicketEvent.Kind.STATUS_CHANGED, from_value="waiting_on_customer", to_value="open"
    ).exists()


def test_reply_on_a_ticket_closed_long_ago_is_refused_and_the_text_kept(
    client, alice, carol, alice_ticket, time_machine, settings
):
    services.ticket_close(ticket=alice_ticket, actor=carol)
    time_machine.move_to(timezone.now() + timezone.timedelta(days=settings.REOPEN_GRACE_DAYS + 1))
    client.force_login(alice)

    response = client.post(
        reverse("portal:reply", args=[alice_ticket.reference]), {"body": "还在吗？请回复"}
    )

    assert response.status_code == 409
    assert "还在吗？请回复" in response.content.decode()
    assert not alice_ticket.messages.exists()
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.CLOSED


def test_reply_within_the_grace_period_reopens_a_closed_ticket(client, alice, carol, alice_ticket):
    services.ticket_close(ticket=alice_ticket, actor=carol)
    client.force_login(alice)

    page = client.get(reverse("portal:detail", args=[alice_ticket.reference]))
    response = client.post(
        reverse("portal:reply", args=[alice_ticket.reference]), {"body": "问题又出现了"}
    )

    assert 'name="body"' in page.content.decode()
    assert response.status_code == 302
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.OPEN
    assert alice_ticket.closed_at is None
    assert alice_ticket.events.filter(
        kind=TicketEvent.Kind.STATUS_CHANGED, from_value="closed", to_value="open", actor=alice
    ).exists()


def test_empty_reply_is_a_form_error(client, alice, alice_ticket):
    client.force_login(alice)

    response = client.post(reverse("portal:reply", args=[alice_ticket.reference]), {"body": ""})

    assert response.status_code == 400
    assert not Message.objects.exists()


def test_user_marks_resolved_then_rates_once(client, alice, alice_ticket):
    client.force_login(alice)

    client.post(reverse("portal:resolve", args=[alice_ticket.reference]))
    client.post(
        reverse("portal:rate", args=[alice_ticket.reference]),
        {"score": "4", "comment": "挺快的"},
    )
    again = client.post(reverse("portal:rate", args=[alice_ticket.reference]), {"score": "1"})

    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.RESOLVED
    assert alice_ticket.rating == 4
    assert alice_ticket.rating_comment == "挺快的"
    assert again.status_code == 400
    assert alice_ticket.events.filter(kind=TicketEvent.Kind.RATED).count() == 1


def test_rating_out_of_range_is_refused(client, alice, alice_ticket):
    client.force_login(alice)
    client.post(reverse("portal:resolve", args=[alice_ticket.reference]))

    response = client.post(reverse("portal:rate", args=[alice_ticket.reference]), {"score": "9"})

    assert response.status_code == 400
    alice_ticket.refresh_from_db()
    assert alice_ticket.rating is None


def test_rejected_ticket_shows_reason_and_resubmits_prefilled_and_linked(client, alice, carol):
    original = TicketFactory(requester=alice, subject="提现失败", tx_hash="", network="tron")
    services.ticket_reject(
        ticket=original, agent=carol, reason=reason("incomplete_information"), message="请补充哈希"
    )
    client.force_login(alice)

    detail = client.get(reverse("portal:detail", args=[original.reference])).content.decode()
    form = client.get(reverse("portal:resubmit", args=[original.reference])).content.decode()
    response = client.post(
        reverse("portal:resubmit", args=[original.reference]),
        {
            **WITHDRAWAL,
            "subject": "提现失败",
            "network": "tron",
            # Values written the TRON way: the form checks them against the chosen network.
            "tx_hash": "ab" * 32,
            "address": "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
        },
    )

    assert "信息不完整" in detail
    assert "请补充哈希" in detail
    assert reverse("portal:resubmit", args=[original.reference]) in detail
    assert 'value="提现失败"' in form
    assert response.status_code == 302
    new = Ticket.objects.exclude(pk=original.pk).get()
    assert new.resubmission_of == original
    assert original.events.filter(
        kind=TicketEvent.Kind.RESUBMITTED, to_value=new.reference
    ).exists()
    assert (
        new.reference
        in client.get(reverse("portal:detail", args=[original.reference])).content.decode()
    )


def test_a_reason_that_forbids_resubmission_offers_no_resubmit(client, alice, carol, alice_ticket):
    services.ticket_reject(
        ticket=alice_ticket, agent=carol, reason=reason("out_of_scope"), message="请联系交易所"
    )
    client.force_login(alice)

    detail = client.get(reverse("portal:detail", args=[alice_ticket.reference])).content.decode()
    response = client.post(reverse("portal:resubmit", args=[alice_ticket.reference]), WITHDRAWAL)

    assert reverse("portal:resubmit", args=[alice_ticket.reference]) not in detail
    assert response.status_code == 400
    assert Ticket.objects.count() == 1


def test_user_text_is_escaped_and_only_http_links_are_clickable(client, alice):
    ticket = TicketFactory(
        requester=alice,
        subject="<script>alert(1)</script>",
        description="<img src=x onerror=alert(1)> javascript:alert(1) https://etherscan.io/tx/0x1",
    )
    client.force_login(alice)

    html = client.get(reverse("portal:detail", args=[ticket.reference])).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html
    assert 'href="javascript:' not in html
    assert 'href="https://etherscan.io/tx/0x1"' in html


def test_pages_follow_accept_language(client, alice):
    client.force_login(alice)
    alice.language = "en"
    alice.save()

    html = client.get(reverse("portal:new")).content.decode()

    assert "Withdrawal" in html
    assert "提现" not in html


def test_unknown_category_is_404(client, alice):
    client.force_login(alice)

    assert client.get(reverse("portal:create", args=["nope"])).status_code == 404


def test_confirmation_belongs_to_the_requester_only(client, alice, bob):
    ticket = TicketFactory(requester=alice)
    client.force_login(alice)

    assert client.get(reverse("portal:submitted", args=[ticket.reference])).status_code == 200
    assert client.get(reverse("portal:detail", args=["WD-NOPE00"])).status_code == 404


def test_category_page_shows_reply_days(client):
    category("account").reply_days  # noqa: B018 - touch to be sure the data migration ran

    html = client.get(reverse("portal:new"), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Reply within 1 business day" in html
    assert "Reply within 3 business days" in html


def test_category_page_shows_reply_days_in_chinese(client):
    html = client.get(reverse("portal:new")).content.decode()

    assert "1 个工作日内回复" in html
    assert "提交工单" in html

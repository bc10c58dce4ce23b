"""The ticket page: header, wallet fields, thread, history, actions offered, query budget, and
user text shown safely (there and in the queue)."""

import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from walletdesk.accounts.tests.factories import AgentFactory
from walletdesk.attachments.models import Attachment
from walletdesk.console.tests.views.helpers import action_url, detail_url, queue_url
from walletdesk.incidents.tests.factories import incident_make, link_make
from walletdesk.siwe.models import WalletAddress
from walletdesk.sla.models import TicketDeadline
from walletdesk.tickets import services
from walletdesk.tickets.models import Message, Status, Tag, TicketEvent, TicketTag
from walletdesk.tickets.tests.factories import MessageFactory, TicketFactory, reason


def test_ticket_page_shows_header_wallet_fields_thread_and_history(agent_client, agent, alice):
    ticket = TicketFactory(
        requester=alice,
        subject="提现一直显示处理中",
        tx_hash="0x" + "cd" * 32,
        address="0x52908400098527886E0F7030069857D2E4169EE7",
        memo="123456",
        amount=Decimal("0.5"),
        occurred_at=datetime(2025, 3, 1, 6, 30, tzinfo=UTC),
        assignee=agent,
    )
    other = TicketFactory(requester=alice, subject="Another question")
    MessageFactory(ticket=ticket, body="请帮我看看")
    services.ticket_reply_add(
        ticket=ticket, author=agent, body="Checking the chain.", internal=True
    )
    agent_client.post(action_url("reveal", ticket), {"what": "email"})

    response = agent_client.get(detail_url(ticket))

    html = response.content.decode()
    assert response.status_code == 200
    assert ticket.reference in html
    assert "提现一直显示处理中" in html
    assert alice.email in html
    assert f'<span class="mono">{ticket.tx_hash}</span>' in html
    assert f'data-copy="{ticket.address}"' in html
    assert f'data-copy="{ticket.memo}"' in html
    assert "0.5 USDT" in html
    # 06:30 UTC is 14:30 in Shanghai, the agent's time zone.
    assert "2025-03-01 14:30" in html
    assert '<li class="internal">' in html
    assert "Internal note" in html
    assert "请帮我看看" in html
    assert other.reference in html
    assert "Internal note added" in html  # the history line of the NOTE_ADDED event


def test_history_names_each_event_in_the_readers_language(agent_client, agent, alice):
    # The names come from a table kept per process; each page must still say them in the
    # language of its reader, whichever language the process read them in first.
    ticket = TicketFactory(requester=alice, assignee=agent)
    services.ticket_reply_add(ticket=ticket, author=agent, body="Checking.", internal=True)

    pages = []
    for language in ("en", "zh-hans", "en"):
        agent.language = language  # the reader's saved language wins over the browser's
        agent.save(update_fields=["language"])
        pages.append((language, agent_client.get(detail_url(ticket))))

    for language, response in pages:
        history = response.content.decode().split('<ol class="history">', 1)[1]
        with translation.override(language):
            name = str(TicketEvent.Kind.NOTE_ADDED.label)
        assert f"<strong>{name}</strong>" in history
    with translation.override("zh-hans"):
        assert str(TicketEvent.Kind.NOTE_ADDED.label) != "Internal note added"


def test_ticket_page_shows_the_requesters_verified_wallet_addresses(agent_client, alice, bob):
    ticket = TicketFactory(requester=alice)
    mine = "0x52908400098527886E0F7030069857D2E4169EE7"
    others = "0x8617E340B3D01FA5F11F306F4090FD50E238070D"
    WalletAddress.objects.create(user=alice, address=mine, chain_id=1, verified_at=timezone.now())
    WalletAddress.objects.create(user=bob, address=others, chain_id=1, verified_at=timezone.now())
    agent_client.post(action_url("reveal", ticket), {"what": "wallet_addresses"})

    response = agent_client.get(detail_url(ticket))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Verified wallet addresses" in html
    assert f'<span class="mono">{mine}</span>' in html
    assert others not in html


def test_ticket_page_without_verified_addresses_shows_no_block(agent_client, alice_ticket):
    response = agent_client.get(detail_url(alice_ticket))

    assert response.status_code == 200
    assert "Verified wallet addresses" not in response.content.decode()


def test_occurred_at_follows_the_agents_time_zone(client, agent, alice):
    agent.time_zone = "Europe/London"
    agent.save(update_fields=["time_zone"])
    ticket = TicketFactory(requester=alice, occurred_at=datetime(2025, 7, 1, 6, 30, tzinfo=UTC))
    client.force_login(agent)

    response = client.get(detail_url(ticket))

    assert "2025-07-01 07:30" in response.content.decode()  # BST, UTC+1


def test_ticket_page_shows_rejection_rating_and_resubmission_links(agent_client, alice, agent):
    original = TicketFactory(requester=alice)
    services.ticket_reject(ticket=original, agent=agent, reason=reason(), message="请补充交易哈希")
    resubmitted = TicketFactory(requester=alice, resubmission_of=original)
    rated = TicketFactory(
        requester=alice, status=Status.RESOLVED, rating=4, rating_comment="Quick, thanks"
    )

    original_page = agent_client.get(detail_url(original)).content.decode()
    resubmitted_page = agent_client.get(detail_url(resubmitted)).content.decode()
    rated_page = agent_client.get(detail_url(rated)).content.decode()

    assert reason().title_en in original_page
    assert "请补充交易哈希" in original_page
    assert detail_url(resubmitted) in original_page
    assert detail_url(original) in resubmitted_page
    assert "Rated 4 out of 5" in rated_page
    assert "Quick, thanks" in rated_page


def test_ticket_page_shows_only_allowed_actions(agent_client):
    new = TicketFactory(status=Status.NEW)
    resolved = TicketFactory(status=Status.RESOLVED)

    new_page = agent_client.get(detail_url(new)).content.decode()
    resolved_page = agent_client.get(detail_url(resolved)).content.decode()

    assert action_url("start", new) in new_page
    assert action_url("reject", new) in new_page
    assert action_url("reopen", new) not in new_page
    assert action_url("reopen", resolved) in resolved_page
    assert action_url("reject", resolved) not in resolved_page
    assert action_url("request-info", resolved) not in resolved_page


def test_ticket_page_renders_in_chinese_by_default(client, carol, alice_ticket):
    client.force_login(carol)

    response = client.get(detail_url(alice_ticket))

    assert response.status_code == 200
    assert '<html lang="zh-hans">' in response.content.decode()


@pytest.mark.parametrize("rows", [2, 30])
def test_ticket_page_query_count_does_not_grow(
    agent_client, agent, alice, django_assert_num_queries, rows
):
    ticket = TicketFactory(requester=alice)
    for i in range(rows):
        MessageFactory(ticket=ticket)
        MessageFactory(
            ticket=ticket,
            author=AgentFactory(),
            author_role=Message.AuthorRole.AGENT,
            is_internal=i % 2 == 0,
        )
        TicketEvent.objects.create(
            ticket=ticket, kind=TicketEvent.Kind.NOTE_ADDED, actor=AgentFactory()
        )
        TicketFactory(requester=alice)

    # session, user, ticket (joined, with whether it has tags, targets, files, an incident to
    # show and a requester with proven wallets: it has none of them, so none is read), agents,
    # thread, others, history, the upload limits (cached afterwards; the cache starts empty in
    # every test), bell count, the networks catalogue for the network's name (two, cached
    # afterwards like the limits), the tag catalogue (cached afterwards), the forum moderation
    # badge (one capped count). The categories and rejection reasons are read only by the forms
    # drawn when opened, or for a history line that names one.
    with django_assert_num_queries(13):
        response = agent_client.get(detail_url(ticket))

    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 3])
def test_ticket_page_reads_each_side_list_it_has_once_whatever_its_length(
    agent_client, agent, alice, django_assert_num_queries, rows
):
    ticket = TicketFactory(requester=alice)
    now = timezone.now()
    incident = incident_make()
    link_make(incident, ticket)
    for i in range(rows):
        tag = Tag.objects.create(slug=f"wave-{i}", name_zh=f"潮{i}", name_en=f"Wave {i}")
        TicketTag.objects.create(ticket=ticket, tag=tag)
        TicketDeadline.objects.create(
            ticket=ticket,
            kind=list(TicketDeadline.Kind)[i],
            started_at=now,
            due_at=now + timedelta(hours=i + 1),
        )
        Attachment.objects.create(
            ticket=ticket,
            uploader=alice,
            kind="png",
            display_name=f"proof-{i}.png",
            storage_key=f"attachments/aa/proof-{i}.png",
            size=1,
            sha256="0" * 64,
        )
        WalletAddress.objects.create(user=alice, address=f"0x{i:040x}", chain_id=1, verified_at=now)

    # As above, and one more for each side list that has rows: the ticket's tags, its targets,
    # its files, its incident (with the open ones), the requester's proven wallets.
    with django_assert_num_queries(18):
        response = agent_client.get(detail_url(ticket))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Wave 0" in html.split('id="tags-title"')[1].split("</section>")[0]
    assert "proof-0.png" in html
    assert 'data-testid="incident-linked"' in html
    assert "Verified wallet addresses" in html


def test_ticket_page_reads_the_agents_notifications_with_one_more_query(
    agent_client, agent, alice, django_assert_num_queries
):
    from walletdesk.notifications.models import Notification

    ticket = TicketFactory(requester=alice)
    services.ticket_assign(ticket=ticket, assignee=agent, actor=AgentFactory())
    services.ticket_reply_add(ticket=ticket, author=alice, body="还没有到账")
    unread = Notification.objects.filter(recipient=agent).unread_inapp()
    assert unread.count() == 2

    # the budget of the page above (13) plus the one UPDATE of this ticket's notifications
    with django_assert_num_queries(14):
        response = agent_client.get(detail_url(ticket))

    assert response.status_code == 200
    assert "data-bell-count" not in response.content.decode()
    assert not unread.exists()


def test_console_escapes_user_text_and_links_only_http(agent_client, agent, alice):
    attack = '<script>alert(1)</script> <a href="javascript:alert(2)">x</a> javascript:alert(3)'
    ticket = TicketFactory(
        requester=alice,
        subject="<script>alert(1)</script>",
        description=attack + " see https://example.com/tx?id=1&x=2",
    )
    MessageFactory(ticket=ticket, body=attack)
    TicketFactory(requester=alice, subject="<script>alert(1)</script> other")

    detail = agent_client.get(detail_url(ticket)).content.decode()
    listing = agent_client.get(queue_url()).content.decode()

    for html in (detail, listing):
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert 'href="javascript:' not in html
    assert '<a href="https://example.com/tx?id=1&amp;x=2" rel="nofollow noopener noreferrer"' in (
        detail
    )


def test_bob_cannot_see_alices_ticket_page(client, bob, alice_ticket):
    client.force_login(bob)

    response = client.get(detail_url(alice_ticket))

    assert response.status_code == 404
    assert alice_ticket.subject not in response.content.decode()


def test_every_form_of_the_page_carries_one_token(agent_client, alice):
    ticket = TicketFactory(requester=alice, status=Status.OPEN)
    TicketFactory(requester=alice, status=Status.OPEN)  # a merge form on its line
    MessageFactory(ticket=ticket)  # a redaction form

    html = agent_client.get(detail_url(ticket)).content.decode()

    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert len(tokens) > 5
    assert len(set(tokens)) == 1

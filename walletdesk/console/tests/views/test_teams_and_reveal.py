"""The console under teams: only the team's tickets, the team's agents to assign, a category
change that sends a ticket away, and the requester's details masked until revealed."""

import pytest
import time_machine
from django.utils import timezone

from walletdesk.accounts.tests.factories import AgentFactory
from walletdesk.audit.models import AuditEvent
from walletdesk.audit.models import Kind as AuditKind
from walletdesk.console.tests.views.helpers import action_url, detail_url, queue_url, references_in
from walletdesk.console.views import REVEAL_FOR
from walletdesk.siwe.models import WalletAddress
from walletdesk.tickets.models import TicketEvent
from walletdesk.tickets.tests.factories import TeamFactory, TicketFactory, category

WALLET = "0x52908400098527886E0F7030069857D2E4169EE7"


@pytest.fixture
def payments():
    team = TeamFactory(slug="payments", name_zh="充值提现组", name_en="Deposits & withdrawals")
    routed = category("deposit")
    routed.team = team
    routed.save()
    return team


def _reveals(ticket):
    return list(
        ticket.events.filter(kind=TicketEvent.Kind.REVEALED).values_list("to_value", flat=True)
    )


def test_the_queue_lists_only_the_agents_teams_tickets(agent_client, alice, payments):
    mine = TicketFactory(requester=alice, category=category("withdrawal"))
    theirs = TicketFactory(requester=alice, category=category("deposit"))

    html = agent_client.get(queue_url()).content.decode()
    search = agent_client.get(queue_url(f"q={theirs.reference}")).content.decode()

    assert references_in(html) == [mine.reference]
    assert references_in(search) == []


def test_another_teams_ticket_answers_404_like_a_missing_one(agent_client, alice, payments):
    theirs = TicketFactory(requester=alice, category=category("deposit"), subject="别组的工单")

    response = agent_client.get(detail_url(theirs))

    assert response.status_code == 404
    assert "别组的工单" not in response.content.decode()


def test_the_other_tickets_panel_leaves_out_another_teams(agent_client, alice, payments):
    mine = TicketFactory(requester=alice, category=category("withdrawal"))
    theirs = TicketFactory(requester=alice, category=category("deposit"))

    html = agent_client.get(detail_url(mine)).content.decode()

    assert theirs.reference not in html


def test_the_assignee_picker_offers_only_the_tickets_team(agent_client, agent, alice, payments):
    AgentFactory(display_name="Colleague")  # in General, the ticket's team
    outsider = AgentFactory(display_name="Outsider", teams=[payments])
    ticket = TicketFactory(requester=alice)

    html = agent_client.get(detail_url(ticket)).content.decode()
    response = agent_client.post(action_url("assign", ticket), {"assignee": str(outsider.pk)})

    assert "Colleague" in html
    assert "Outsider" not in html
    assert response.status_code == 400
    ticket.refresh_from_db()
    assert ticket.assignee is None


def test_moving_a_ticket_to_another_teams_category_returns_to_the_queue(
    agent_client, agent, alice, payments
):
    ticket = TicketFactory(requester=alice, assignee=agent)

    response = agent_client.post(action_url("category", ticket), {"category": "deposit"})
    queue = agent_client.get(response["Location"])

    assert response.status_code == 302
    assert response["Location"] == queue_url()
    assert "The ticket moved to another team&#x27;s queue." in queue.content.decode()
    ticket.refresh_from_db()
    assert (ticket.team, ticket.assignee) == (payments, None)
    assert agent_client.get(detail_url(ticket)).status_code == 404


def test_the_requesters_email_and_wallets_are_masked_until_revealed(agent_client, alice):
    WalletAddress.objects.create(user=alice, address=WALLET, chain_id=1, verified_at=timezone.now())
    ticket = TicketFactory(requester=alice)

    detail = agent_client.get(detail_url(ticket)).content.decode()
    queue = agent_client.get(queue_url()).content.decode()

    for html in (detail, queue):
        assert alice.email not in html
        assert WALLET not in html
    assert "a***@example.com" in detail
    assert "a***@example.com" in queue
    assert "0x52…9EE7" in detail
    assert detail.count(f'action="{action_url("reveal", ticket)}"') == 2
    assert _reveals(ticket) == []


def test_revealing_the_email_is_recorded_and_shows_it(agent_client, agent, alice):
    WalletAddress.objects.create(user=alice, address=WALLET, chain_id=1, verified_at=timezone.now())
    ticket = TicketFactory(requester=alice)

    response = agent_client.post(action_url("reveal", ticket), {"what": "email"})
    html = agent_client.get(detail_url(ticket)).content.decode()

    assert response.status_code == 302
    assert f'data-copy="{alice.email}"' in html
    assert WALLET not in html  # only what was revealed
    assert _reveals(ticket) == ["email"]
    event = ticket.events.get(kind=TicketEvent.Kind.REVEALED)
    assert event.actor == agent
    assert "Requester details revealed" in html  # the history line
    assert "E-mail address" in html
    # And in the security audit trail: who, which ticket, what (never the value).
    audited = AuditEvent.objects.get(kind=AuditKind.REVEAL)
    assert (audited.actor_id, audited.target, audited.detail) == (
        agent.pk,
        ticket.reference,
        {"what": "email"},
    )
    assert alice.email not in str(audited.detail)


def test_revealing_the_wallets_shows_them_and_records_it(agent_client, alice):
    WalletAddress.objects.create(user=alice, address=WALLET, chain_id=1, verified_at=timezone.now())
    ticket = TicketFactory(requester=alice)

    agent_client.post(action_url("reveal", ticket), {"what": "wallet_addresses"})
    html = agent_client.get(detail_url(ticket)).content.decode()

    assert f'<span class="mono">{WALLET}</span>' in html
    assert alice.email not in html
    assert _reveals(ticket) == ["wallet_addresses"]


def test_a_reveal_lapses_and_covers_only_its_ticket(agent_client, alice):
    ticket = TicketFactory(requester=alice)
    other = TicketFactory(requester=alice)

    with time_machine.travel(timezone.now(), tick=False) as traveller:
        agent_client.post(action_url("reveal", ticket), {"what": "email"})
        other_html = agent_client.get(detail_url(other)).content.decode()
        traveller.shift(REVEAL_FOR + 1)
        later = agent_client.get(detail_url(ticket)).content.decode()

    assert alice.email not in other_html
    assert alice.email not in later
    assert "a***@example.com" in later


def test_an_unknown_reveal_records_nothing_and_says_why(agent_client, alice_ticket):
    response = agent_client.post(action_url("reveal", alice_ticket), {"what": "password"})
    page = agent_client.get(response["Location"]).content.decode()

    assert response.status_code == 302
    assert "Choose what to reveal" in page
    assert _reveals(alice_ticket) == []
    assert alice_ticket.requester.email not in page


def test_the_reveal_button_reads_in_chinese(client, carol, alice_ticket):
    client.force_login(carol)

    html = client.get(detail_url(alice_ticket), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()

    assert ">显示</button>" in html


def test_another_teams_agent_cannot_reveal(client, alice_ticket, payments):
    outsider = AgentFactory(teams=[payments])
    client.force_login(outsider)

    response = client.post(action_url("reveal", alice_ticket), {"what": "email"})

    assert response.status_code == 404
    assert alice_ticket.requester.email not in response.content.decode()
    assert _reveals(alice_ticket) == []


def test_bob_cannot_reveal_alices_details(client, bob, alice_ticket):
    client.force_login(bob)

    response = client.post(action_url("reveal", alice_ticket), {"what": "email"})

    assert response.status_code == 404
    assert _reveals(alice_ticket) == []

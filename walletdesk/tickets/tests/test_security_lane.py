"""The security-incident lane: its category and restricted team, urgent on opening, seen by the
team alone (administrators outside it included), the secret guard at full strength, and the
evidence checklist the agent works from."""

import pytest
from django.http import Http404
from django.utils import translation

from walletdesk.accounts.models import User
from walletdesk.accounts.tests.factories import AdminFactory, AgentFactory
from walletdesk.guard.models import SecretCatch
from walletdesk.tickets.drafts import TicketDraft
from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.intake import evidence_checklist, evidence_request_text
from walletdesk.tickets.models import Category, Priority, Team, Ticket
from walletdesk.tickets.selectors import (
    agent_list_for_ticket,
    can_work,
    ticket_get_for_agent,
    tickets_visible_to,
)
from walletdesk.tickets.services import ticket_open, ticket_reply_add
from walletdesk.tickets.tests.factories import TicketFactory, category, team_join

pytestmark = pytest.mark.django_db

TRON = "TJRabPrwbZy45sbavfcjinPJC18kjpRTv8"
TX = "0x" + "9f" * 32
# Six words of the English list, no checksum, no backup wording: below the standard guard's
# thresholds (10 with backup wording, 12 without), refused at full strength.
FRAGMENT = "abandon amount liar expire adjust cage"
BARE_HEX = "4a7d1ed414474e4033ac29ccb8653d9b8b1c2a3d4e5f60718293a4b5c6d7e8f9"


@pytest.fixture
def lane() -> Category:
    return category("compromised")


@pytest.fixture
def security_team(lane: Category) -> Team:
    assert lane.team is not None
    return lane.team


@pytest.fixture
def sam(security_team: Team) -> User:
    """An agent of the security team."""
    return AgentFactory(display_name="Sam", teams=[security_team])


def _draft(lane: Category, **fields: object) -> TicketDraft:
    values = {
        "subject": "USDT stolen after an airdrop link",
        "description": "I opened an airdrop link from a Telegram group and signed; "
        "minutes later my USDT was gone.",
        **fields,
    }
    return TicketDraft.from_values(category=lane, values=values)


def test_the_migration_seeds_the_lane_in_both_languages(lane: Category) -> None:
    assert lane.team is not None
    assert lane.team.slug == "security-incidents"
    assert lane.team.is_restricted
    assert lane.priority_on_open == Priority.URGENT
    assert lane.guard_strict
    assert {"tx_hash", "address", "occurred_at", "phishing_contact"} <= set(lane.fields)
    with translation.override("zh-hans"):
        assert lane.name == "被盗 / 钓鱼 / 账户被盗用"
        assert "助记词" in lane.guidance
    with translation.override("en"):
        assert lane.name.startswith("Stolen funds")
        assert "never ask for your recovery phrase" in lane.guidance


def test_a_lane_ticket_opens_urgent_in_the_security_team(alice, lane, security_team) -> None:
    ticket = ticket_open(requester=alice, draft=_draft(lane, phishing_contact="claim.example"))

    ticket.refresh_from_db()
    assert ticket.priority == Priority.URGENT
    assert ticket.team_id == security_team.pk
    assert ticket.phishing_contact == "claim.example"


def test_another_category_still_opens_normal(alice) -> None:
    draft = TicketDraft.from_values(
        category=category("other"), values={"subject": "Question", "description": "Hello"}
    )

    assert ticket_open(requester=alice, draft=draft).priority == Priority.NORMAL


def test_only_the_security_team_sees_a_lane_ticket(alice, lane, sam, carol) -> None:
    ticket = TicketFactory(requester=alice, category=lane)
    outside_admin = AdminFactory()

    assert list(tickets_visible_to(sam)) == [ticket]
    assert can_work(sam, ticket)
    for outsider in (carol, outside_admin):
        assert ticket not in tickets_visible_to(outsider)
        assert not can_work(outsider, ticket)
        with pytest.raises(Http404):
            ticket_get_for_agent(user=outsider, reference=ticket.reference)


def test_an_administrator_still_sees_every_open_team_and_the_lane_once_a_member(
    alice, lane, security_team
) -> None:
    lane_ticket = TicketFactory(requester=alice, category=lane)
    other = TicketFactory(requester=alice)
    admin = AdminFactory()
    assert set(tickets_visible_to(admin)) == {other}

    team_join(admin, security_team)
    admin = User.objects.get(pk=admin.pk)  # a new request: memos start empty

    assert set(tickets_visible_to(admin)) == {lane_ticket, other}
    assert can_work(admin, lane_ticket)


def test_a_lane_ticket_is_given_only_to_the_team(alice, lane, sam) -> None:
    ticket = TicketFactory(requester=alice, category=lane)
    AdminFactory()

    assert agent_list_for_ticket(ticket=ticket) == [sam]


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("description", f"Was it my words? {FRAGMENT} — that is what the site asked for."),
        ("description", f"The site showed this key {BARE_HEX} and then the money went."),
        ("phishing_contact", f"site.example {FRAGMENT}"),
    ],
)
def test_the_lane_refuses_what_the_standard_guard_lets_through(alice, lane, field, text) -> None:
    draft = _draft(lane, **{field: text})
    standard = TicketDraft.from_values(
        category=category("other"), values={"subject": "s", "description": text}
    )

    with pytest.raises(TicketError) as refused:
        ticket_open(requester=alice, draft=draft)

    assert refused.value.code == TicketError.Code.SECRET_DETECTED
    assert refused.value.params["fields"] == [field]
    assert not Ticket.objects.filter(category=lane).exists()
    assert SecretCatch.objects.filter(user=alice, fields=[field]).exists()
    assert ticket_open(requester=alice, draft=standard).pk  # the standard guard lets it in


def test_the_lane_accepts_hashes_where_they_belong(alice, lane) -> None:
    draft = _draft(
        lane,
        network="tron",
        tx_hash=BARE_HEX,
        address=TRON,
        description=f"The thief's transaction hash: {TX}, then the funds moved again.",
    )

    ticket = ticket_open(requester=alice, draft=draft)

    assert ticket.tx_hash == BARE_HEX


def test_a_reply_on_a_lane_ticket_is_read_at_full_strength(alice, lane) -> None:
    ticket = ticket_open(requester=alice, draft=_draft(lane))

    with pytest.raises(TicketError) as refused:
        ticket_reply_add(ticket=ticket, author=alice, body=f"the words were {FRAGMENT}")

    assert refused.value.code == TicketError.Code.SECRET_DETECTED
    assert ticket.messages.count() == 0


def test_the_checklist_marks_what_was_given_and_what_is_missing(alice, lane) -> None:
    ticket = ticket_open(
        requester=alice, draft=_draft(lane, network="tron", address=TRON, phishing_contact="x")
    )

    with translation.override("en"):
        checklist = evidence_checklist(ticket, attachments=0)

    given = {item.item: item.given for item in checklist}
    assert given == {
        "tx_hash": False,
        "address": True,
        "occurred_at": False,
        "description": True,
        "phishing_contact": True,
        "screenshot": False,
    }
    assert evidence_checklist(ticket, attachments=1)[-1].given


def test_the_request_for_missing_items_is_in_the_requesters_language(alice, lane) -> None:
    ticket = ticket_open(requester=alice, draft=_draft(lane))
    missing = [item for item in evidence_checklist(ticket, attachments=0) if not item.given]

    chinese = evidence_request_text(missing, language="zh-hans")
    english = evidence_request_text(missing, language="en")

    assert "交易哈希" in chinese
    assert "助记词" in chinese
    assert "Transaction hash" in english
    assert "recovery phrase" in english
    assert evidence_request_text([], language="en") == ""


def test_the_admin_site_keeps_lane_tickets_files_and_notifications_to_the_team(
    client, alice, lane, security_team
) -> None:
    from walletdesk.attachments.models import Attachment
    from walletdesk.notifications.tests.factories import inapp_notification

    ticket = TicketFactory(requester=alice, category=lane, subject="Drained wallet 5150")
    other = TicketFactory(requester=alice, subject="Deposit missing 6061")
    Attachment.objects.create(
        ticket=ticket,
        uploader=alice,
        kind="png",
        display_name="drained-5150.png",
        storage_key="attachments/x/drained-5150.png",
        size=3,
        sha256="0" * 64,
    )
    inapp_notification(recipient=alice, ticket=ticket)
    inapp_notification(recipient=alice, ticket=other)
    admin = AdminFactory()
    client.force_login(admin)

    tickets = client.get("/admin/tickets/ticket/").content.decode()
    files = client.get("/admin/attachments/attachment/").content.decode()
    notes = client.get("/admin/notifications/notification/").content.decode()
    opened = client.get(f"/admin/tickets/ticket/{ticket.pk}/change/")

    assert other.reference in tickets
    assert ticket.reference not in tickets
    assert "drained-5150.png" not in files
    # One row: the other ticket's notification; the lane's is hidden.
    assert notes.count('class="action-checkbox"') == 1
    assert opened.status_code == 302  # "does not exist", like a missing row
    team_join(admin, security_team)
    assert ticket.reference in client.get("/admin/tickets/ticket/").content.decode()

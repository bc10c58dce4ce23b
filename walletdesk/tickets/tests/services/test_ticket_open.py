"""ticket_open: the ticket it stores, the fields it demands, its reference."""

from decimal import Decimal

import pytest
from django.utils import translation

from walletdesk.accounts.models import User
from walletdesk.accounts.tests.factories import UserFactory
from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.models import Category, Priority, Status, Ticket, TicketEvent, WalletField
from walletdesk.tickets.services import ticket_open
from walletdesk.tickets.tests.factories import TicketFactory, category
from walletdesk.tickets.tests.services.helpers import Code, Kind, draft, history, kinds


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
    # The "created" event names the door the ticket came through (web by default).
    assert history(ticket) == [(Kind.CREATED, alice, "web", Status.NEW, "")]


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

"""Wallet-native intake on the pages: the ticket form's wallet fields, the secret guard on every
form that stores text, and the intake block agents see."""

import pytest
from django.urls import reverse

from walletdesk.guard.models import SecretCatch
from walletdesk.networks import checks
from walletdesk.networks.models import Asset, Network
from walletdesk.portal.forms import TicketForm
from walletdesk.tickets.drafts import TicketDraft
from walletdesk.tickets.intake import IntakeDraft, intake_check
from walletdesk.tickets.models import Message, Ticket
from walletdesk.tickets.tests.factories import TicketFactory, category

PHRASE = "abandon amount liar amount expire adjust cage candy arch gather drum buyer"
HEX_KEY = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"
EVM_ADDRESS = "0x52908400098527886E0F7030069857D2E4169EE7"
EVM_HASH = "0x" + "ab" * 32
PLACEHOLDER = "[已隐藏的助记词 / hidden recovery phrase]"


def _create_url(slug: str = "withdrawal") -> str:
    return reverse("portal:create", args=[slug])


def _withdrawal(**overrides: str) -> dict[str, str]:
    data = {
        "subject": "提现未到账",
        "description": "提现一直显示处理中，已经超过六个小时。",
        "network": "ethereum",
        "asset": "usdt",
        "amount": "100",
        "address": EVM_ADDRESS,
        "tx_hash": "",
        "memo": "",
        "occurred_at": "",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_network_choices_come_from_the_database_with_assets_and_memo_networks(
    alice, client
) -> None:
    client.force_login(alice)

    page = client.get(_create_url("deposit")).content.decode()

    assert 'value="tron"' in page
    assert "波场 TRON (TRC-20)" in page
    assert 'data-memo-networks="ton xrp cosmos eos"' in page
    assert 'id="intake-asset-map"' in page
    assert 'data-intake-url="/api/v1/intake/check"' in page
    assert "js/intake.js" in page
    assert "<script>" not in page  # the CSP forbids inline scripts; JSON data blocks are inert


@pytest.mark.django_db
def test_a_network_added_in_the_table_is_offered_and_its_explorer_links_read(alice, client) -> None:
    linea = Network.objects.create(
        slug="linea",
        name_zh="Linea 主网",
        name_en="Linea",
        family="evm",
        native_asset="ETH",
        explorer_tx_url="https://lineascan.build/tx/{}",
        explorer_address_url="https://lineascan.build/address/{}",
        position=95,
    )
    Asset.objects.create(network=linea, symbol="ETH")
    client.force_login(alice)

    page = client.get(_create_url()).content.decode()
    data = _withdrawal(network="linea", asset="eth", tx_hash=f"lineascan.build/tx/{EVM_HASH}")
    response = client.post(_create_url(), data, follow=True)

    assert 'value="linea"' in page
    assert "Linea 主网" in page
    assert '"linea": ["ETH"]' in page
    assert TicketForm(data, category=category("withdrawal")).asset_suggestions == ("ETH",)
    ticket = Ticket.objects.get()
    assert (ticket.network, ticket.asset, ticket.tx_hash) == ("linea", "ETH", EVM_HASH)
    assert len(list(response.context["messages"])) == 1  # the explorer-link notice


@pytest.mark.django_db
def test_explorer_link_is_replaced_by_the_hash_with_a_notice(alice, client) -> None:
    client.force_login(alice)
    data = _withdrawal(tx_hash=f"  https://etherscan.io/tx/{EVM_HASH}  ")

    response = client.post(_create_url(), data, follow=True)

    ticket = Ticket.objects.get()
    assert ticket.tx_hash == EVM_HASH
    assert ticket.asset == "USDT"
    assert ticket.intake_score == 90  # all but the description's length threshold is met
    notices = [str(m) for m in response.context["messages"]]
    assert len(notices) == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("address", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "wrong_network"),
        ("address", EVM_HASH, "hash_in_address_field"),
        ("tx_hash", EVM_ADDRESS, "address_in_hash_field"),
        ("address", EVM_ADDRESS[:-1] + "e", "bad_checksum"),
    ],
)
def test_wallet_field_problems_are_shown_at_the_field(
    alice, client, field: str, value: str, code: str
) -> None:
    client.force_login(alice)

    response = client.post(_create_url(), _withdrawal(**{field: value}))

    assert response.status_code == 400
    assert not Ticket.objects.exists()
    form = response.context["form"]
    assert form.errors[field][0]
    assert form.has_error(field, code)
    assert form["subject"].value() == "提现未到账"


@pytest.mark.django_db
def test_form_with_a_phrase_is_refused_masked_and_warned(alice, client) -> None:
    client.force_login(alice)
    data = _withdrawal(description=f"我的助记词是 {PHRASE} 请帮我看看")

    response = client.post(_create_url(), data)

    assert response.status_code == 400
    assert not Ticket.objects.exists()
    page = response.content.decode()
    assert "abandon" not in page
    assert PLACEHOLDER in page
    assert 'class="secret-warning" role="alert"' in page
    assert response.context["form"]["subject"].value() == "提现未到账"
    assert response.context["form"]["amount"].value() == "100"
    catch = SecretCatch.objects.get()
    assert (catch.user, catch.fields, catch.kinds) == (alice, ["description"], ["recovery_phrase"])


@pytest.mark.django_db
def test_reply_with_a_key_is_refused_masked_and_warned(alice, alice_ticket, client) -> None:
    client.force_login(alice)
    url = reverse("portal:reply", args=[alice_ticket.reference])

    response = client.post(url, {"body": f"私钥是 {HEX_KEY}"})

    assert response.status_code == 400
    assert not Message.objects.exists()
    page = response.content.decode()
    assert HEX_KEY not in page
    assert "[已隐藏的私钥 / hidden private key]" in page
    assert 'class="secret-warning"' in page
    assert SecretCatch.objects.get().ticket == alice_ticket


@pytest.mark.django_db
def test_profile_name_with_a_key_is_refused_masked(alice, client) -> None:
    client.force_login(alice)

    response = client.post(
        reverse("accounts:profile"),
        {"display_name": f"key {HEX_KEY[:60]}", "language": "en", "time_zone": "UTC"},
    )
    response_full = client.post(
        reverse("accounts:profile"),
        {"display_name": f"私钥{HEX_KEY}", "language": "en", "time_zone": "UTC"},
    )

    assert response.status_code == 302  # 60 hex digits are not a key
    assert response_full.status_code == 400
    assert HEX_KEY not in response_full.content.decode()
    alice.refresh_from_db()
    assert alice.display_name == f"key {HEX_KEY[:60]}"
    assert SecretCatch.objects.get().fields == ["display_name"]


@pytest.mark.django_db
def test_agent_reply_asking_for_a_phrase_is_held_back(carol, alice_ticket, client) -> None:
    client.force_login(carol)
    url = reverse("console:reply", args=[alice_ticket.reference])

    response = client.post(url, {"body": "Please send us your seed phrase to verify the wallet."})

    assert response.status_code == 400
    assert not Message.objects.exists()
    assert "seed phrase to verify" in response.content.decode()  # the agent keeps the text
    assert SecretCatch.objects.get().kinds == ["asks_for_recovery_phrase"]
    assert not alice_ticket.events.filter(kind="agent_replied").exists()


@pytest.mark.django_db
def test_console_shows_the_intake_score_and_flags(carol, alice, client) -> None:
    ticket = TicketFactory(
        requester=alice, intake_score=55, intake_flags=["address_poisoning", "memo_missing"]
    )
    client.force_login(carol)

    page = client.get(reverse("console:detail", args=[ticket.reference])).content.decode()

    assert '<progress max="100" value="55"' in page
    assert page.count('<ul class="intake-flags">') == 1
    assert "55%" in page


@pytest.mark.django_db
def test_submitted_page_warns_about_a_poisoned_address(alice, client) -> None:
    TicketFactory(requester=alice, network="ethereum", address=EVM_ADDRESS)
    client.force_login(alice)
    poisoned = "0x5290" + "0" * 32 + "9EE7"

    response = client.post(_create_url(), _withdrawal(address=poisoned), follow=True)

    ticket = Ticket.objects.exclude(address=EVM_ADDRESS).get()
    assert ticket.intake_flags == ["address_poisoning"]
    assert 'class="secret-warning" role="alert"' in response.content.decode()


@pytest.mark.django_db
def test_bob_cannot_see_alices_ticket(bob, alice_ticket, client) -> None:
    client.force_login(bob)

    detail = client.get(reverse("portal:detail", args=[alice_ticket.reference]))
    reply = client.post(reverse("portal:reply", args=[alice_ticket.reference]), {"body": PHRASE})

    assert detail.status_code == 404
    assert reply.status_code == 404
    assert not SecretCatch.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("tx_hash", "address"),
    [
        (EVM_HASH, EVM_ADDRESS),
        # Cleaned by the form (an explorer link, a lower-case address): read again as kept.
        (f"https://etherscan.io/tx/{EVM_HASH}", EVM_ADDRESS.lower()),
        ("", "0x5290" + "0" * 32 + "9EE7"),
    ],
)
def test_a_web_submission_reads_each_value_once_and_scores_as_a_fresh_check(
    alice, client, monkeypatch, tx_hash: str, address: str
) -> None:
    earlier = TicketFactory(requester=alice, network="ethereum", address=EVM_ADDRESS)
    client.force_login(alice)
    made: list[str] = []
    real_tx, real_address = checks.validate_tx_hash, checks.validate_address
    monkeypatch.setattr(
        checks, "validate_tx_hash", lambda n, text: made.append(text) or real_tx(n, text)
    )
    monkeypatch.setattr(
        checks, "validate_address", lambda n, text: made.append(text) or real_address(n, text)
    )

    response = client.post(_create_url(), _withdrawal(tx_hash=tx_hash, address=address))

    assert response.status_code == 302
    ticket = Ticket.objects.exclude(pk=earlier.pk).get()
    monkeypatch.setattr(checks, "validate_tx_hash", real_tx)
    monkeypatch.setattr(checks, "validate_address", real_address)
    fresh = intake_check(
        IntakeDraft.from_ticket_draft(TicketDraft.from_ticket(ticket)),
        user=alice,
        category=ticket.category,
        before=ticket,
        scan_secrets=False,
    )
    assert (ticket.intake_score, ticket.intake_flags) == (fresh.score, fresh.flag_codes)
    typed = [value for value in (tx_hash, address) if value]
    cleaned = [value for value in (ticket.tx_hash, ticket.address) if value]
    # The form reads what was typed; the intake check only what the form changed.
    assert made == typed + [value for value in cleaned if value not in typed]

import pytest
from django.utils import translation

from walletdesk.networks.models import Asset, Network
from walletdesk.tickets import services
from walletdesk.tickets.intake import IntakeDraft, intake_check, looks_poisoned
from walletdesk.tickets.models import TicketEvent
from walletdesk.tickets.services import TicketDraft
from walletdesk.tickets.tests.factories import TicketFactory, category

TRON_ADDRESS = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
EVM_ADDRESS = "0x52908400098527886E0F7030069857D2E4169EE7"
EVM_HASH = "0x" + "ab" * 32
PHRASE = "abandon amount liar amount expire adjust cage candy arch gather drum buyer"


def _codes(report_items: list) -> list[str]:
    return [item.code for item in report_items]


@pytest.mark.django_db
def test_complete_deposit_scores_100_with_cleaned_values() -> None:
    draft = IntakeDraft(
        category="deposit",
        subject="USDT 充值未到账",
        description="从交易所提到钱包，交易所显示已完成，钱包里看不到这笔 USDT。",
        network="ethereum",
        asset=" usdt ",
        tx_hash="https://etherscan.io/tx/" + EVM_HASH,
        address="  " + EVM_ADDRESS.lower(),
        amount="1,250.50",
    )

    report = intake_check(draft)

    assert report.score == 100
    assert report.problems == []
    assert _codes(report.notices) == ["explorer_url"]
    assert report.values["tx_hash"] == EVM_HASH
    assert report.values["address"] == EVM_ADDRESS
    assert report.values["asset"] == "USDT"
    assert report.values["amount"] == "1250.5"
    assert {m.item for m in report.missing} == {"occurred_at", "screenshot"}
    assert all(m.recommended for m in report.missing)


@pytest.mark.django_db
def test_a_network_added_in_the_table_is_checked_linked_and_offered_its_assets() -> None:
    linea = Network.objects.create(
        slug="linea",
        name_zh="Linea",
        name_en="Linea",
        family="evm",
        native_asset="ETH",
        explorer_tx_url="https://lineascan.build/tx/{}",
        explorer_address_url="https://lineascan.build/address/{}",
        position=95,
    )
    Asset.objects.create(network=linea, symbol="ETH")
    lineascan = "https://lineascan.build/tx/" + EVM_HASH

    report = intake_check(
        {"category": "deposit", "network": "linea", "asset": "eth", "tx_hash": lineascan}
    )
    unusual = intake_check({"category": "deposit", "network": "linea", "asset": "USDT"})
    elsewhere = intake_check({"category": "deposit", "network": "ethereum", "tx_hash": lineascan})

    assert report.problems == []
    assert _codes(report.notices) == ["explorer_url"]
    assert report.values["network"] == "linea"
    assert report.values["tx_hash"] == EVM_HASH
    assert _codes(unusual.notices) == ["unusual_asset"]
    assert _codes(elsewhere.problems) == ["wrong_network"]


@pytest.mark.django_db
def test_missing_items_say_why_and_lower_the_score() -> None:
    report = intake_check({"category": "withdrawal", "network": "tron", "asset": "USDT"})

    missing = {m.item: m for m in report.missing}
    assert set(missing) == {"tx_or_time", "amount", "address", "description", "screenshot"}
    assert missing["tx_or_time"].why
    assert report.score == 25


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "network", "value", "code"),
    [
        ("address", "tron", EVM_ADDRESS, "wrong_network"),
        ("address", "ethereum", EVM_HASH, "hash_in_address_field"),
        ("tx_hash", "tron", TRON_ADDRESS, "address_in_hash_field"),
        ("tx_hash", "ethereum", "not-a-hash", "invalid_tx_hash"),
        ("address", "ethereum", EVM_ADDRESS[:-1] + "e", "bad_checksum"),
        ("address", "ethereum", "https://etherscan.io/tx/" + EVM_HASH, "hash_in_address_field"),
        ("amount", "tron", "abc", "invalid_amount"),
        ("occurred_at", "tron", "yesterday", "invalid_date"),
        ("network", "no-such-chain", "", "unknown_network"),
    ],
)
def test_field_problems_carry_stable_codes(field: str, network: str, value: str, code: str) -> None:
    data = {"category": "transfer", "network": network}
    if value:
        data[field] = value

    report = intake_check(data)

    assert [(p.field, p.code) for p in report.problems] == [(field, code)]
    assert report.problems[0].message
    assert field not in report.values or field == "network"


@pytest.mark.django_db
def test_asset_not_offered_on_the_network_is_a_notice() -> None:
    report = intake_check({"category": "transfer", "network": "bitcoin", "asset": "usdt"})

    assert report.problems == []
    assert _codes(report.notices) == ["unusual_asset"]


@pytest.mark.django_db
def test_secret_in_the_draft_is_listed_with_its_field() -> None:
    report = intake_check({"category": "other", "description": f"助记词 {PHRASE}"})

    assert [(s.field, s.kind, s.code) for s in report.secrets] == [
        ("description", "recovery_phrase", "secret_detected")
    ]
    assert "abandon" not in repr(report.as_dict())


@pytest.mark.django_db
@pytest.mark.parametrize(("category_slug", "memo", "flagged"), [
    ("deposit", "", True),
    ("deposit", "123456", False),
    ("withdrawal", "", False),
])  # fmt: skip
def test_deposit_to_a_memo_network_without_memo_is_flagged(
    category_slug: str, memo: str, flagged: bool
) -> None:
    report = intake_check({"category": category_slug, "network": "xrp", "memo": memo})

    assert ("memo_missing" in report.flag_codes) is flagged


def test_look_alike_addresses() -> None:
    poisoned = EVM_ADDRESS[:6] + "0" * 32 + EVM_ADDRESS[-4:]

    assert looks_poisoned(poisoned, EVM_ADDRESS)
    assert not looks_poisoned(EVM_ADDRESS.lower(), EVM_ADDRESS)
    assert not looks_poisoned(TRON_ADDRESS, EVM_ADDRESS)


@pytest.mark.django_db
def test_poisoned_destination_is_flagged_and_stored_on_the_ticket(alice, bob) -> None:
    TicketFactory(requester=alice, network="ethereum", address=EVM_ADDRESS)
    TicketFactory(requester=bob, network="ethereum", address="0x" + "1" * 40)
    poisoned = "0x5290" + "0" * 32 + "9EE7"
    draft = TicketDraft(
        category=category("withdrawal"),
        subject="提现未到账",
        description="我提现到了常用地址，但是对方说没有收到。",
        network="ethereum",
        asset="USDT",
        address=poisoned,
        amount=100,
    )

    ticket = services.ticket_open(requester=alice, draft=draft)
    as_bob = intake_check(IntakeDraft.from_ticket_draft(draft), user=bob)
    # The web is the default door, kept on the "created" event for the reports.
    assert ticket.events.get(kind=TicketEvent.Kind.CREATED).from_value == "web"

    assert ticket.intake_flags == ["address_poisoning"]
    assert 0 < ticket.intake_score < 100
    assert "address_poisoning" not in as_bob.flag_codes


@pytest.mark.django_db
def test_admin_edited_items_replace_the_defaults() -> None:
    deposit = category("deposit")
    deposit.completeness = [
        {"item": "memo", "weight": 50, "why_en": "Our exchange needs it", "why_zh": "需要"},
        {"item": "network", "weight": 50},
    ]
    deposit.save()

    with translation.override("zh-hans"):
        report = intake_check({"category": "deposit", "network": "ton"})

    assert report.score == 50
    assert [m.item for m in report.missing] == ["memo"]
    assert report.missing[0].why == "需要"

"""The catalogue as the selectors give it: the networks every WalletDesk starts with."""

import pytest
from django.utils import translation

from walletdesk.chain.networks import Family
from walletdesk.networks.selectors import (
    asset_symbols_for,
    network_address_url,
    network_list_active,
    network_name,
    network_tx_url,
)

EXPECTED_SLUGS = {
    "ethereum", "bsc", "polygon", "arbitrum", "optimism", "base", "bitcoin", "tron", "solana",
    "ton", "xrp", "cosmos", "eos", "other",
}  # fmt: skip

pytestmark = pytest.mark.django_db


def _in_family(family: Family) -> set[str]:
    return {network.slug for network in network_list_active() if network.family == family}


def test_every_required_network_is_listed_once() -> None:
    slugs = [network.slug for network in network_list_active()]

    assert set(slugs) == EXPECTED_SLUGS
    assert len(slugs) == len(set(slugs))
    assert slugs[-1] == "other"


def test_memo_networks_say_they_need_a_memo() -> None:
    memo = {network.slug for network in network_list_active() if network.needs_memo}

    assert memo == {"ton", "xrp", "cosmos", "eos"}
    assert _in_family(Family.MEMO) == memo


def test_evm_family() -> None:
    evm = _in_family(Family.EVM)

    assert evm == {"ethereum", "bsc", "polygon", "arbitrum", "optimism", "base"}


def test_explorer_links_are_built_from_templates() -> None:
    tx = "0x" + "ab" * 32

    assert network_tx_url("ethereum", tx) == f"https://etherscan.io/tx/{tx}"
    assert network_address_url("tron", "TXYZ") == "https://tronscan.org/#/address/TXYZ"
    assert network_tx_url("other", tx) == ""
    assert network_tx_url("ethereum", "") == ""
    assert network_tx_url("no-such-chain", tx) == ""


def test_assets_per_network() -> None:
    assert "USDT" in asset_symbols_for("tron")
    assert "USDT" in asset_symbols_for("ethereum")
    assert "USDC" in asset_symbols_for("solana")
    assert asset_symbols_for("bitcoin") == ("BTC",)
    assert asset_symbols_for("unknown")  # falls back to the common list
    for network in network_list_active():
        if network.slug != "other":
            assert network.asset_symbols[0] == network.native_asset


def test_existing_helpers_keep_working() -> None:
    choices = {network.slug: network.name for network in network_list_active()}

    assert "tron" in choices
    with translation.override("en"):
        assert network_name("tron") == "TRON (TRC-20)"
    assert network_name("nope") == "nope"

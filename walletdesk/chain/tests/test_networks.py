from django.utils import translation

from walletdesk.chain.networks import (
    BY_SLUG,
    NETWORKS,
    Family,
    assets_for,
    network_choices,
    network_name,
    networks_in_family,
)

EXPECTED_SLUGS = {
    "ethereum", "bsc", "polygon", "arbitrum", "optimism", "base", "bitcoin", "tron", "solana",
    "ton", "xrp", "cosmos", "eos", "other",
}  # fmt: skip


def test_every_required_network_is_listed_once() -> None:
    slugs = [network.slug for network in NETWORKS]

    assert set(slugs) == EXPECTED_SLUGS
    assert len(slugs) == len(set(slugs))
    assert slugs[-1] == "other"


def test_memo_networks_say_they_need_a_memo() -> None:
    memo = {network.slug for network in NETWORKS if network.needs_memo}

    assert memo == {"ton", "xrp", "cosmos", "eos"}
    assert {n.slug for n in networks_in_family(Family.MEMO)} == memo


def test_evm_family() -> None:
    evm = {network.slug for network in networks_in_family(Family.EVM)}

    assert evm == {"ethereum", "bsc", "polygon", "arbitrum", "optimism", "base"}


def test_explorer_links_are_built_from_templates() -> None:
    tx = "0x" + "ab" * 32

    assert BY_SLUG["ethereum"].tx_url(tx) == f"https://etherscan.io/tx/{tx}"
    assert BY_SLUG["tron"].address_url("TXYZ") == "https://tronscan.org/#/address/TXYZ"
    assert BY_SLUG["other"].tx_url(tx) == ""
    assert BY_SLUG["ethereum"].tx_url("") == ""


def test_assets_per_network() -> None:
    assert "USDT" in assets_for("tron")
    assert "USDT" in assets_for("ethereum")
    assert "USDC" in assets_for("solana")
    assert assets_for("bitcoin") == ("BTC",)
    assert assets_for("unknown")  # falls back to the common list
    for network in NETWORKS:
        if network.slug != "other":
            assert network.assets[0] == network.native_asset


def test_existing_helpers_keep_working() -> None:
    choices = dict(network_choices())

    assert "tron" in choices
    with translation.override("en"):
        assert network_name("tron") == "TRON (TRC-20)"
    assert network_name("nope") == "nope"

from dataclasses import dataclass

import base58
import pytest
from django.urls import reverse
from django.utils import translation
from eth_utils import is_checksum_address

from walletdesk.chain.formats import Code, Format
from walletdesk.chain.networks import Family
from walletdesk.networks.checks import guess_network, validate_address, validate_tx_hash
from walletdesk.networks.models import Asset, Network
from walletdesk.networks.selectors import (
    asset_symbols_for,
    network_get,
    network_list_active,
    network_tx_url,
)

EVM_ADDRESS = "0x52908400098527886E0F7030069857D2E4169EE7"
EVM_HASH = "0x" + "ab" * 32


@dataclass(frozen=True)
class Seeded:
    """What the seed migration must give: the networks every WalletDesk starts with."""

    slug: str
    name: str
    native_asset: str
    family: Family = Family.OTHER
    assets: tuple[str, ...] = ()
    explorer_tx_url: str = ""
    explorer_address_url: str = ""


_STABLES = ("USDT", "USDC")
NETWORKS = (
    Seeded("ethereum", "Ethereum (ERC-20)", "ETH", Family.EVM, ("ETH", *_STABLES, "DAI", "WBTC"),
           "https://etherscan.io/tx/{}", "https://etherscan.io/address/{}"),
    Seeded("tron", "TRON (TRC-20)", "TRX", Family.TRON, ("TRX", *_STABLES),
           "https://tronscan.org/#/transaction/{}", "https://tronscan.org/#/address/{}"),
    Seeded("bsc", "BNB Smart Chain (BEP-20)", "BNB", Family.EVM, ("BNB", *_STABLES),
           "https://bscscan.com/tx/{}", "https://bscscan.com/address/{}"),
    Seeded("bitcoin", "Bitcoin", "BTC", Family.BITCOIN, ("BTC",),
           "https://mempool.space/tx/{}", "https://mempool.space/address/{}"),
    Seeded("solana", "Solana", "SOL", Family.SOLANA, ("SOL", *_STABLES),
           "https://solscan.io/tx/{}", "https://solscan.io/account/{}"),
    Seeded("polygon", "Polygon", "POL", Family.EVM, ("POL", *_STABLES),
           "https://polygonscan.com/tx/{}", "https://polygonscan.com/address/{}"),
    Seeded("arbitrum", "Arbitrum One", "ETH", Family.EVM, ("ETH", *_STABLES, "ARB"),
           "https://arbiscan.io/tx/{}", "https://arbiscan.io/address/{}"),
    Seeded("optimism", "OP Mainnet", "ETH", Family.EVM, ("ETH", *_STABLES, "OP"),
           "https://optimistic.etherscan.io/tx/{}", "https://optimistic.etherscan.io/address/{}"),
    Seeded("base", "Base", "ETH", Family.EVM, ("ETH", "USDC", "USDT"),
           "https://basescan.org/tx/{}", "https://basescan.org/address/{}"),
    Seeded("ton", "TON", "TON", Family.MEMO, ("TON", "USDT"),
           "https://tonviewer.com/transaction/{}", "https://tonviewer.com/{}"),
    Seeded("xrp", "XRP Ledger", "XRP", Family.MEMO, ("XRP",),
           "https://xrpscan.com/tx/{}", "https://xrpscan.com/account/{}"),
    Seeded("cosmos", "Cosmos Hub", "ATOM", Family.MEMO, ("ATOM",),
           "https://www.mintscan.io/cosmos/tx/{}", "https://www.mintscan.io/cosmos/address/{}"),
    Seeded("eos", "EOS", "EOS", Family.MEMO, ("EOS",),
           "https://bloks.io/transaction/{}", "https://bloks.io/account/{}"),
    Seeded("other", "Other network", "", Family.OTHER),
)  # fmt: skip


@pytest.mark.django_db
def test_seed_gives_every_network_in_order() -> None:
    slugs = [n.slug for n in network_list_active()]

    assert slugs == [n.slug for n in NETWORKS]
    assert {n.slug for n in network_list_active() if n.needs_memo} == {
        "ton",
        "xrp",
        "cosmos",
        "eos",
    }


@pytest.mark.django_db
def test_seeded_rows_match_what_every_walletdesk_starts_with() -> None:
    for static in NETWORKS:
        row = network_get(static.slug)

        assert row is not None
        with translation.override("en"):
            assert row.name_en == str(static.name)
        assert row.family == static.family.value
        assert row.native_asset == static.native_asset
        assert row.explorer_tx_url == static.explorer_tx_url
        assert row.explorer_address_url == static.explorer_address_url
        assert set(static.assets) <= set(row.asset_symbols)
        assert not static.assets or row.asset_symbols[0] == static.native_asset


@pytest.mark.django_db
def test_seeded_contracts_pass_their_own_checksums() -> None:
    """A typo in a contract would send agents to the wrong token: the checksums catch it."""
    for asset in Asset.objects.select_related("network").exclude(contract=""):
        if asset.network.family == "evm":
            assert is_checksum_address(asset.contract), asset
        elif asset.network.slug == "tron":
            assert len(base58.b58decode_check(asset.contract)) == 21, asset
        elif asset.network.slug == "solana":
            assert len(base58.b58decode(asset.contract)) == 32, asset
        else:
            assert validate_address(asset.network.slug, asset.contract).ok, asset


@pytest.mark.django_db
def test_asset_symbols_native_first_and_common_list_for_unknown() -> None:
    assert asset_symbols_for("tron") == ("TRX", "USDT", "USDC")
    assert asset_symbols_for("no-such-chain")[0] == "USDT"
    assert network_get(" TRON ") is not None


@pytest.mark.django_db
def test_evm_chain_added_in_the_admin_validates_as_evm(dave, client) -> None:
    client.force_login(dave)
    lineascan = "https://lineascan.build/tx/" + EVM_HASH
    assert validate_tx_hash("ethereum", lineascan).code == Code.INVALID_TX_HASH  # not known yet

    response = client.post(
        reverse("admin:networks_network_add"),
        {
            "slug": "linea",
            "name_zh": "Linea",
            "name_en": "Linea",
            "family": "evm",
            "chain_id": "59144",
            "native_asset": "ETH",
            "explorer_tx_url": "https://lineascan.build/tx/{}",
            "explorer_address_url": "https://lineascan.build/address/{}",
            "rpc_url": "",
            "position": "95",
            "is_active": "on",
            "assets-TOTAL_FORMS": "1",
            "assets-INITIAL_FORMS": "0",
            "assets-MIN_NUM_FORMS": "0",
            "assets-MAX_NUM_FORMS": "1000",
            "assets-0-symbol": "ETH",
            "assets-0-decimals": "18",
            "assets-0-position": "0",
        },
    )

    assert response.status_code == 302
    linea = network_get("linea")
    assert linea is not None
    assert linea.asset_symbols == ("ETH",)
    assert "linea" in [n.slug for n in network_list_active()]
    address = validate_address(linea, EVM_ADDRESS.lower())
    assert address.ok
    assert address.value == EVM_ADDRESS
    assert validate_tx_hash(linea, EVM_HASH).ok
    wrong = validate_address(linea, "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")
    assert wrong.code == Code.WRONG_NETWORK
    assert "Linea" in str(wrong.message)
    # A hash linked from another chain's explorer was not made on Linea.
    linked = validate_tx_hash(linea, "https://etherscan.io/tx/" + EVM_HASH)
    assert linked.code == Code.WRONG_NETWORK
    # Its explorer is recognised from the row alone, on its own page and on another network's.
    pasted = validate_tx_hash("linea", lineascan)
    assert pasted.code == Code.EXPLORER_URL
    assert pasted.value == EVM_HASH
    address_page = validate_address("linea", "lineascan.build/address/" + EVM_ADDRESS.lower())
    assert address_page.code == Code.EXPLORER_URL
    assert address_page.value == EVM_ADDRESS
    elsewhere = validate_tx_hash("ethereum", lineascan)
    assert elsewhere.code == Code.WRONG_NETWORK
    with translation.override("en"):
        assert "from the Linea explorer" in str(elsewhere.message)
    assert "linea" in guess_network(EVM_HASH)[0].networks
    # Its assets and explorer links come from the row too.
    assert asset_symbols_for("linea") == ("ETH",)
    assert network_tx_url("linea", EVM_HASH) == lineascan


@pytest.mark.django_db
def test_explorer_links_follow_an_explorer_url_edited_in_the_table() -> None:
    row = Network.objects.get(slug="polygon")
    row.explorer_tx_url = "https://polygon.blockscout.com/tx/{}"
    row.explorer_address_url = "https://polygon.blockscout.com/address/{}"
    row.save()

    moved = validate_tx_hash("polygon", "https://polygon.blockscout.com/tx/" + EVM_HASH)
    old = validate_tx_hash("polygon", "https://polygonscan.com/tx/" + EVM_HASH)

    assert moved.code == Code.EXPLORER_URL
    assert moved.value == EVM_HASH
    assert old.code == Code.INVALID_TX_HASH
    assert network_tx_url("polygon", EVM_HASH) == "https://polygon.blockscout.com/tx/" + EVM_HASH


@pytest.mark.django_db
def test_a_retired_network_is_not_guessed_but_its_explorer_links_are_still_read() -> None:
    Network.objects.filter(slug="bsc").update(is_active=False)
    Network.objects.get(slug="bsc").save()  # an admin edit: the cached catalogue is dropped

    link = validate_tx_hash("ethereum", "https://bscscan.com/tx/" + EVM_HASH)

    assert link.code == Code.WRONG_NETWORK
    evm = next(m for m in guess_network(EVM_HASH) if m.format is Format.EVM)
    assert "bsc" not in evm.networks


@pytest.mark.django_db
def test_explorer_template_needs_one_placeholder(dave, client) -> None:
    client.force_login(dave)

    response = client.post(
        reverse("admin:networks_network_add"),
        {
            "slug": "broken",
            "name_zh": "x",
            "name_en": "x",
            "family": "evm",
            "explorer_tx_url": "https://example.org/tx/",
            "position": "1",
            "assets-TOTAL_FORMS": "0",
            "assets-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert not Network.objects.filter(slug="broken").exists()


@pytest.mark.django_db
def test_memo_network_added_without_a_recogniser_is_checked_leniently() -> None:
    row = Network.objects.create(slug="stellar", name_zh="恒星", name_en="Stellar", family="memo")

    check = validate_address(row, "GCKFBEIYTKP5RDBQMTVVALONAOPBXICILMAFLHF4ZEMTDNFBDJNXY4HW")

    assert check.ok


@pytest.mark.django_db
def test_saving_a_network_refreshes_the_cached_catalogue() -> None:
    assert network_get("ethereum").name_en == "Ethereum (ERC-20)"

    row = Network.objects.get(slug="ethereum")
    row.is_active = False
    row.save()

    assert "ethereum" not in [n.slug for n in network_list_active()]
    assert network_get("ethereum") is not None  # old tickets still name it

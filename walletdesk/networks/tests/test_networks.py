import base58
import pytest
from django.urls import reverse
from django.utils import translation
from eth_utils import is_checksum_address

from walletdesk.chain.formats import (
    Code,
    validate_address,
    validate_address_for,
    validate_tx_hash_for,
)
from walletdesk.chain.networks import NETWORKS
from walletdesk.networks.models import Asset, Network
from walletdesk.networks.selectors import asset_symbols_for, network_get, network_list_active

EVM_ADDRESS = "0x52908400098527886E0F7030069857D2E4169EE7"
EVM_HASH = "0x" + "ab" * 32


@pytest.mark.django_db
def test_seed_copies_every_static_network_in_order() -> None:
    slugs = [n.slug for n in network_list_active()]

    assert slugs == [n.slug for n in NETWORKS]
    assert {n.slug for n in network_list_active() if n.needs_memo} == {
        "ton",
        "xrp",
        "cosmos",
        "eos",
    }


@pytest.mark.django_db
def test_seeded_rows_match_the_static_registry() -> None:
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
    address = validate_address_for(linea, EVM_ADDRESS.lower())
    assert address.ok
    assert address.value == EVM_ADDRESS
    assert validate_tx_hash_for(linea, EVM_HASH).ok
    wrong = validate_address_for(linea, "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")
    assert wrong.code == Code.WRONG_NETWORK
    assert "Linea" in str(wrong.message)
    # A hash linked from another chain's explorer was not made on Linea.
    linked = validate_tx_hash_for(linea, "https://etherscan.io/tx/" + EVM_HASH)
    assert linked.code == Code.WRONG_NETWORK


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

    check = validate_address_for(row, "GCKFBEIYTKP5RDBQMTVVALONAOPBXICILMAFLHF4ZEMTDNFBDJNXY4HW")

    assert check.ok


@pytest.mark.django_db
def test_saving_a_network_refreshes_the_cached_catalogue() -> None:
    assert network_get("ethereum").name_en == "Ethereum (ERC-20)"

    row = Network.objects.get(slug="ethereum")
    row.is_active = False
    row.save()

    assert "ethereum" not in [n.slug for n in network_list_active()]
    assert network_get("ethereum") is not None  # old tickets still name it

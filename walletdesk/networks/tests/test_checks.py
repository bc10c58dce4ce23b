"""Address and transaction-hash checks against the seeded catalogue: published vectors, then the
mix-ups users make."""

import binascii
import os
from base64 import urlsafe_b64encode

import base58
import pytest
from bech32 import bech32_encode, convertbits
from django.utils import translation

from walletdesk.chain.formats import Code, Format, Kind, normalise
from walletdesk.chain.networks import OTHER_NETWORK, ShapeOnlyNetwork
from walletdesk.chain.tests.vectors import EIP55_VALID, SEGWIT_INVALID, SEGWIT_VALID
from walletdesk.networks import checks as network_checks
from walletdesk.networks.checks import (
    FormatChecks,
    guess_network,
    validate_address,
    validate_tx_hash,
)
from walletdesk.networks.selectors import network_get, network_list

# The checks read the networks as seeded in the database.
pytestmark = pytest.mark.django_db

EVM_TX = "0x" + "5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060"
HEX_TX = EVM_TX[2:]
TRON_ADDRESS = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
BTC_P2PKH = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"
BTC_P2SH = "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"
BTC_BECH32 = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"
SOL_ADDRESS = "7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU"
SOL_SIGNATURE = base58.b58encode(bytes(range(64))).decode()
EVM_ADDRESS = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
XRP_ADDRESS = "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh"


# --- EIP-55 (the test vectors published in the EIP) -------------------------------------------


@pytest.mark.parametrize("address", EIP55_VALID)
def test_eip55_vectors_are_accepted_and_checksummed(address: str) -> None:
    result = validate_address("ethereum", address)

    assert result.ok, address
    assert result.code is None
    assert result.value.lower() == address.lower()


@pytest.mark.parametrize("address", EIP55_VALID[4:])
def test_eip55_normalised_value_is_the_checksummed_form(address: str) -> None:
    assert validate_address("ethereum", address.lower()).value == address


@pytest.mark.parametrize("address", EIP55_VALID[4:])
def test_eip55_one_flipped_letter_is_a_bad_checksum(address: str) -> None:
    position = next(i for i, ch in enumerate(address) if i > 1 and ch.isalpha())
    flipped = address[:position] + address[position].swapcase() + address[position + 1 :]

    result = validate_address("ethereum", flipped)

    assert not result.ok
    assert result.problem == Code.BAD_CHECKSUM


def test_evm_address_is_valid_on_every_evm_network() -> None:
    for slug in ("ethereum", "bsc", "polygon", "arbitrum", "optimism", "base"):
        assert validate_address(slug, EVM_ADDRESS.lower()).value == EVM_ADDRESS


# --- BIP-173 / BIP-350 -----------------------------------------------------------------------


@pytest.mark.parametrize(("address", "testnet"), SEGWIT_VALID)
def test_bip173_bip350_valid_addresses(address: str, testnet: bool) -> None:
    result = validate_address("bitcoin", address)

    assert result.ok, address
    assert result.value == address.lower()
    assert result.testnet is testnet
    assert result.code == (Code.TESTNET if testnet else None)


@pytest.mark.parametrize("address", SEGWIT_INVALID)
def test_bip173_bip350_invalid_addresses(address: str) -> None:
    result = validate_address("bitcoin", address)

    assert not result.ok, address
    assert result.problem in {Code.INVALID_ADDRESS, Code.BAD_CHECKSUM}


def test_one_typo_in_a_bech32_address_is_a_bad_checksum() -> None:
    result = validate_address("bitcoin", BTC_BECH32[:-1] + "5")

    assert result.problem == Code.BAD_CHECKSUM


# --- base58check ------------------------------------------------------------------------------


def test_base58check_known_vector() -> None:
    # The genesis block's coinbase address is base58check(0x00 + its HASH160).
    hash160 = bytes.fromhex("62e907b15cbf27d5425399ebf6f0fb50ebb88f18")

    assert base58.b58encode_check(b"\x00" + hash160).decode() == BTC_P2PKH


@pytest.mark.parametrize("address", [BTC_P2PKH, BTC_P2SH])
def test_bitcoin_base58_addresses(address: str) -> None:
    assert validate_address("bitcoin", address).ok


def test_bitcoin_testnet_base58_is_flagged() -> None:
    testnet = base58.b58encode_check(b"\x6f" + os.urandom(20)).decode()

    result = validate_address("bitcoin", testnet)

    assert result.ok
    assert result.testnet
    assert result.code == Code.TESTNET


@pytest.mark.parametrize(
    ("network", "address"),
    [("bitcoin", BTC_P2PKH[:-1] + "b"), ("bitcoin", BTC_P2SH[:-1] + "z"),
     ("tron", TRON_ADDRESS[:-1] + "u")],
)  # fmt: skip
def test_base58check_typo_is_a_bad_checksum(network: str, address: str) -> None:
    assert validate_address(network, address).problem == Code.BAD_CHECKSUM


def test_tron_address_needs_the_0x41_version() -> None:
    generated = base58.b58encode_check(b"\x41" + bytes(range(20))).decode()
    wrong_version = base58.b58encode_check(b"\x42" + bytes(range(20))).decode()

    assert generated.startswith("T")
    assert validate_address("tron", generated).ok
    assert validate_address("tron", TRON_ADDRESS).ok
    assert validate_address("tron", wrong_version).problem == Code.INVALID_ADDRESS


def test_solana_address_is_a_32_byte_key() -> None:
    assert validate_address("solana", SOL_ADDRESS).ok
    assert validate_address("solana", "11111111111111111111111111111111").ok
    assert validate_address("solana", SOL_ADDRESS[:-3]).problem == Code.INVALID_ADDRESS


def test_memo_network_addresses() -> None:
    cosmos = bech32_encode("cosmos", convertbits(bytes(range(20)), 8, 5))
    body = b"\x11\x00" + bytes(range(32))
    ton = urlsafe_b64encode(body + binascii.crc_hqx(body, 0).to_bytes(2, "big")).decode()

    assert validate_address("xrp", XRP_ADDRESS).ok
    assert validate_address("cosmos", cosmos).ok
    assert validate_address("ton", ton).ok
    assert validate_address("ton", "0:" + "ab" * 32).ok
    assert validate_address("eos", "eosio.token").ok
    assert validate_address("ton", ton[:-2] + "AA").problem == Code.BAD_CHECKSUM
    assert validate_address("eos", EVM_ADDRESS).problem == Code.WRONG_NETWORK


# --- transaction hashes -----------------------------------------------------------------------


def test_evm_tx_hash_is_lowercased_and_prefixed() -> None:
    assert validate_tx_hash("ethereum", EVM_TX.upper().replace("0X", "0x")).value == EVM_TX
    assert validate_tx_hash("bsc", HEX_TX).value == EVM_TX


@pytest.mark.parametrize("network", ["bitcoin", "tron", "eos"])
def test_hex_txid_without_prefix(network: str) -> None:
    result = validate_tx_hash(network, HEX_TX.upper())

    assert result.ok
    assert result.value == HEX_TX


def test_xrp_and_cosmos_hashes_keep_upper_case() -> None:
    assert validate_tx_hash("xrp", HEX_TX).value == HEX_TX.upper()


def test_solana_signature_is_64_bytes() -> None:
    assert validate_tx_hash("solana", SOL_SIGNATURE).ok
    assert validate_tx_hash("solana", SOL_ADDRESS).problem == Code.ADDRESS_IN_HASH_FIELD


@pytest.mark.parametrize("text", ["0x1234", "hello", "0x" + "g" * 64, HEX_TX[:-1]])
def test_garbage_is_an_invalid_tx_hash(text: str) -> None:
    assert validate_tx_hash("ethereum", text).problem == Code.INVALID_TX_HASH


# --- mix-ups ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("network", "text", "looks_like"),
    [
        ("ethereum", TRON_ADDRESS, Format.TRON),
        ("bsc", BTC_BECH32, Format.BITCOIN),
        ("polygon", BTC_P2PKH, Format.BITCOIN),
        ("tron", EVM_ADDRESS, Format.EVM),
        ("bitcoin", TRON_ADDRESS, Format.TRON),
        ("solana", TRON_ADDRESS, Format.TRON),
        ("tron", SOL_ADDRESS, Format.SOLANA),
        ("xrp", EVM_ADDRESS, Format.EVM),
    ],
)
def test_address_from_another_network(network: str, text: str, looks_like: Format) -> None:
    result = validate_address(network, text)

    assert not result.ok
    assert result.problem == Code.WRONG_NETWORK
    assert looks_like in result.looks_like


def test_wrong_network_message_names_both_networks() -> None:
    with translation.override("en"):
        message = str(validate_address("ethereum", TRON_ADDRESS).message)

    assert message == (
        "This address looks like it belongs to TRON, but you chose Ethereum (ERC-20). "
        "Check the network you used."
    )


@pytest.mark.parametrize(
    ("network", "text", "looks_like"),
    [
        ("tron", EVM_TX, Format.EVM),
        ("bitcoin", EVM_TX, Format.EVM),
        ("ethereum", SOL_SIGNATURE, Format.SOLANA),
        ("solana", HEX_TX, Format.TRON),
    ],
)
def test_tx_hash_from_another_network(network: str, text: str, looks_like: Format) -> None:
    result = validate_tx_hash(network, text)

    assert result.problem == Code.WRONG_NETWORK
    assert looks_like in result.looks_like


@pytest.mark.parametrize(
    ("network", "text"),
    [("ethereum", EVM_TX), ("tron", HEX_TX), ("bitcoin", HEX_TX), ("solana", SOL_SIGNATURE)],
)
def test_hash_in_address_field(network: str, text: str) -> None:
    assert validate_address(network, text).problem == Code.HASH_IN_ADDRESS_FIELD


@pytest.mark.parametrize(
    ("network", "text"),
    [("ethereum", EVM_ADDRESS), ("tron", TRON_ADDRESS), ("bitcoin", BTC_BECH32),
     ("ethereum", TRON_ADDRESS), ("other", EVM_ADDRESS)],
)  # fmt: skip
def test_address_in_hash_field(network: str, text: str) -> None:
    assert validate_tx_hash(network, text).problem == Code.ADDRESS_IN_HASH_FIELD


# --- cleaning and explorer links --------------------------------------------------------------


@pytest.mark.parametrize(
    "pasted",
    [
        f"  {EVM_ADDRESS}  ",
        f"{EVM_ADDRESS[:20]} {EVM_ADDRESS[20:]}",
        f"\u200b{EVM_ADDRESS}\ufeff",
        "".join(chr(ord(c) + 0xFEE0) for c in EVM_ADDRESS),  # full-width
        f"“{EVM_ADDRESS}”。",
        f"地址：{EVM_ADDRESS}",
    ],
)
def test_pasted_noise_is_cleaned(pasted: str) -> None:
    result = validate_address("ethereum", pasted)

    assert result.ok
    assert result.value == EVM_ADDRESS


def test_normalise_removes_label_and_full_width() -> None:
    assert normalise("ＴｘＩＤ：" + HEX_TX) == HEX_TX


@pytest.mark.parametrize(
    ("network", "url", "value"),
    [
        ("ethereum", f"https://etherscan.io/tx/{EVM_TX}", EVM_TX),
        ("bsc", f"https://bscscan.com/tx/{EVM_TX}", EVM_TX),
        ("polygon", f"polygonscan.com/tx/{EVM_TX}", EVM_TX),
        ("arbitrum", f"https://arbiscan.io/tx/{EVM_TX}", EVM_TX),
        ("base", f"https://basescan.org/tx/{EVM_TX}", EVM_TX),
        ("optimism", f"https://optimistic.etherscan.io/tx/{EVM_TX}", EVM_TX),
        ("tron", f"https://tronscan.org/#/transaction/{HEX_TX}", HEX_TX),
        ("solana", f"https://solscan.io/tx/{SOL_SIGNATURE}", SOL_SIGNATURE),
        (
            "solana",
            f"https://explorer.solana.com/tx/{SOL_SIGNATURE}?cluster=mainnet",
            SOL_SIGNATURE,
        ),
        ("bitcoin", f"https://mempool.space/tx/{HEX_TX}", HEX_TX),
        ("bitcoin", f"https://blockstream.info/tx/{HEX_TX}", HEX_TX),
    ],
)
def test_tx_hash_is_taken_out_of_an_explorer_link(network: str, url: str, value: str) -> None:
    result = validate_tx_hash(network, f" {url} ")

    assert result.ok
    assert result.code == Code.EXPLORER_URL
    assert result.from_url
    assert result.value == value
    assert result.message


@pytest.mark.parametrize(
    ("network", "url", "value"),
    [
        ("ethereum", f"https://etherscan.io/address/{EVM_ADDRESS.lower()}", EVM_ADDRESS),
        ("tron", f"https://tronscan.org/#/address/{TRON_ADDRESS}", TRON_ADDRESS),
        ("solana", f"https://solscan.io/account/{SOL_ADDRESS}", SOL_ADDRESS),
        ("bitcoin", f"https://mempool.space/address/{BTC_BECH32}", BTC_BECH32),
        # The same EVM address is valid on every EVM chain, whichever explorer showed it.
        ("bsc", f"https://etherscan.io/address/{EVM_ADDRESS}", EVM_ADDRESS),
    ],
)
def test_address_is_taken_out_of_an_explorer_link(network: str, url: str, value: str) -> None:
    result = validate_address(network, url)

    assert result.ok
    assert result.code == Code.EXPLORER_URL
    assert result.value == value


def test_explorer_link_of_another_chain_is_the_wrong_network() -> None:
    result = validate_tx_hash("ethereum", f"https://bscscan.com/tx/{EVM_TX}")

    assert result.problem == Code.WRONG_NETWORK
    assert result.value == EVM_TX
    assert validate_address(
        "ethereum", f"https://tronscan.org/#/address/{TRON_ADDRESS}"
    ).problem == (Code.WRONG_NETWORK)


def test_explorer_link_in_the_wrong_field() -> None:
    tx_link = f"https://etherscan.io/tx/{EVM_TX}"
    address_link = f"https://etherscan.io/address/{EVM_ADDRESS}"

    assert validate_address("ethereum", tx_link).problem == Code.HASH_IN_ADDRESS_FIELD
    assert validate_tx_hash("ethereum", address_link).problem == Code.ADDRESS_IN_HASH_FIELD


def test_testnet_explorer_link_is_flagged() -> None:
    result = validate_tx_hash("bitcoin", f"https://mempool.space/testnet/tx/{HEX_TX}")

    assert result.ok
    assert result.testnet


def test_unknown_link_is_refused_with_a_message() -> None:
    result = validate_tx_hash("ethereum", "https://example.com/some/page")

    assert result.problem == Code.INVALID_TX_HASH
    assert result.message


def test_empty_input() -> None:
    assert validate_address("ethereum", " \u200b ").problem == Code.INVALID_ADDRESS
    assert validate_tx_hash("tron", "").problem == Code.INVALID_TX_HASH


def test_unknown_network_slug_is_treated_as_other() -> None:
    assert validate_address("nonexistent", EVM_ADDRESS).ok
    assert validate_tx_hash("nonexistent", HEX_TX).ok


# --- guess_network ----------------------------------------------------------------------------


def test_guess_network_for_addresses_and_hashes() -> None:
    tron = guess_network(TRON_ADDRESS)
    evm_hash = guess_network(EVM_TX)
    bare_hash = {m.format for m in guess_network(HEX_TX)}

    assert [(m.kind, m.format) for m in tron] == [(Kind.ADDRESS, Format.TRON)]
    assert tron[0].networks == ("tron",)
    assert [(m.kind, m.format) for m in evm_hash] == [(Kind.TX_HASH, Format.EVM)]
    assert "ethereum" in evm_hash[0].networks
    assert "base" in evm_hash[0].networks
    assert {Format.BITCOIN, Format.TRON, Format.EVM} <= bare_hash
    assert guess_network("hello world") == []
    assert guess_network(f"https://solscan.io/tx/{SOL_SIGNATURE}")[0].format == Format.SOLANA


def test_messages_exist_for_every_problem() -> None:
    results = [
        validate_address("ethereum", "nonsense"),
        validate_address("ethereum", TRON_ADDRESS),
        validate_address("ethereum", EVM_TX),
        validate_tx_hash("ethereum", "nonsense"),
        validate_tx_hash("ethereum", EVM_ADDRESS),
    ]

    for language in ("en", "zh-hans"):
        with translation.override(language):
            assert all(str(result.message) for result in results)


# --- checks kept for one submission -------------------------------------------------------------

_KEPT_VALUES = (
    EVM_TX,
    HEX_TX,
    EVM_ADDRESS,
    EVM_ADDRESS.lower(),
    TRON_ADDRESS,
    BTC_BECH32,
    SOL_ADDRESS,
    SOL_SIGNATURE,
    XRP_ADDRESS,
    f"https://etherscan.io/tx/{EVM_TX}",
    f"https://etherscan.io/address/{EVM_ADDRESS}",
    f"https://tronscan.org/#/address/{TRON_ADDRESS}",
    "https://example.com/tx/1",
    " garbage ",
    "",
)


def test_kept_checks_answer_as_the_checks_themselves() -> None:
    networks = [None, "", "no-such-chain", *(n.slug for n in network_list()), *network_list()]
    kept = FormatChecks()

    for _round in range(2):
        for network in networks:
            for text in _KEPT_VALUES:
                assert kept.tx_hash(network, text) == validate_tx_hash(network, text)
                assert kept.address(network, text) == validate_address(network, text)


def test_a_kept_check_is_made_once_per_network_and_text(monkeypatch) -> None:
    made: list[str] = []
    real = network_checks.validate_tx_hash

    def counted(network: object, text: str) -> object:
        made.append(text)
        return real(network, text)  # type: ignore[arg-type]

    monkeypatch.setattr(network_checks, "validate_tx_hash", counted)
    kept = FormatChecks()

    first = kept.tx_hash("ethereum", EVM_TX)
    again = kept.tx_hash(network_get("ethereum"), EVM_TX)
    kept.tx_hash("bsc", EVM_TX)
    kept.tx_hash("ethereum", HEX_TX)

    assert again is first
    assert made == [EVM_TX, EVM_TX, HEX_TX]


def test_a_kept_check_is_not_reused_for_another_network_of_the_same_slug() -> None:
    lookalike = ShapeOnlyNetwork("other", "Other", "evm")
    kept = FormatChecks()

    shape_only = kept.address(None, EVM_ADDRESS.lower())
    as_evm = kept.address(lookalike, EVM_ADDRESS.lower())

    assert shape_only == validate_address(OTHER_NETWORK, EVM_ADDRESS.lower())
    assert as_evm == validate_address(lookalike, EVM_ADDRESS.lower())
    assert as_evm.value == EVM_ADDRESS

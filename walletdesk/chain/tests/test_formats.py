"""The format rules per network family, against a catalogue held in the test (no database).

Every value is either published (well-known mainnet addresses, the genesis accounts) or built
here with the codec libraries from raw bytes, so the expected outcome never comes from the code
under test. Messages are compared in English: they are what the user reads.
"""

import binascii
from base64 import b64encode, urlsafe_b64decode, urlsafe_b64encode

import base58
import pytest
from bech32 import bech32_encode, convertbits
from django.utils import translation

from walletdesk.chain.formats import (
    Code,
    Format,
    FormatCheck,
    Kind,
    format_of,
    guess_network,
    normalise,
    validate_address_for,
    validate_tx_hash_for,
)
from walletdesk.chain.networks import OTHER_NETWORK, Family, ShapeOnlyNetwork
from walletdesk.chain.tests.vectors import EIP55_VALID, SEGWIT_INVALID, SEGWIT_VALID

ETHEREUM = ShapeOnlyNetwork(
    "ethereum", "Ethereum", "evm", "https://etherscan.io/tx/{}", "https://etherscan.io/address/{}"
)
BSC = ShapeOnlyNetwork(
    "bsc", "BNB Chain", "evm", "https://bscscan.com/tx/{}", "https://bscscan.com/address/{}"
)
BITCOIN = ShapeOnlyNetwork(
    "bitcoin",
    "Bitcoin",
    "bitcoin",
    "https://mempool.space/tx/{}",
    "https://mempool.space/address/{}",
)
TRON = ShapeOnlyNetwork(
    "tron",
    "TRON",
    "tron",
    "https://tronscan.org/#/transaction/{}",
    "https://tronscan.org/#/address/{}",
)
SOLANA = ShapeOnlyNetwork(
    "solana", "Solana", "solana", "https://solscan.io/tx/{}", "https://solscan.io/account/{}"
)
TON = ShapeOnlyNetwork(
    "ton", "TON", "memo", "https://tonviewer.com/transaction/{}", "https://tonviewer.com/{}"
)
XRP = ShapeOnlyNetwork(
    "xrp", "XRP Ledger", "memo", "https://xrpscan.com/tx/{}", "https://xrpscan.com/account/{}"
)
COSMOS = ShapeOnlyNetwork(
    "cosmos",
    "Cosmos Hub",
    "memo",
    "https://www.mintscan.io/cosmos/tx/{}",
    "https://www.mintscan.io/cosmos/address/{}",
)
EOS = ShapeOnlyNetwork(
    "eos", "EOS", "memo", "https://bloks.io/transaction/{}", "https://bloks.io/account/{}"
)
# A catalogue row named "other", as the seeded catalogue has: never named as a fitting network.
OTHER_ROW = ShapeOnlyNetwork("other", "Other network", "other")
CATALOGUE = (ETHEREUM, BSC, BITCOIN, TRON, SOLANA, TON, XRP, COSMOS, EOS, OTHER_ROW)


def address(network: ShapeOnlyNetwork, text: str) -> FormatCheck:
    return validate_address_for(network, text, networks=CATALOGUE)


def tx_hash(network: ShapeOnlyNetwork, text: str) -> FormatCheck:
    return validate_tx_hash_for(network, text, networks=CATALOGUE)


def english(result: FormatCheck) -> str:
    with translation.override("en"):
        return str(result.message)


# --- published and generated values ------------------------------------------------------------

EVM_ADDRESS = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"  # EIP-55's own example
EVM_TX = "0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060"
HEX_TX = EVM_TX[2:]
# Bitcoin's genesis coinbase address (P2PKH, version 0x00) and BIP-13's P2SH example (0x05).
BTC_P2PKH = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"
BTC_P2SH = "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"
BTC_BECH32 = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"  # BIP-173
TRON_ADDRESS = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"  # the USDT contract on TRON
SOL_ADDRESS = "7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU"
# The XRP Ledger's genesis account, and its account zero (base58check of 0x00 + 20 zero bytes).
XRP_GENESIS = "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh"
XRP_ACCOUNT_ZERO = "rrrrrrrrrrrrrrrrrrrrrhoLvTp"
# Well-known mainnet TON addresses in the user-friendly form, as wallets and explorers print them
# (bounceable "EQ…" and the same account non-bounceable "UQ…").
TON_BOUNCEABLE = "EQCD39VS5jcptHL8vMjEXrzGaRcCVYto7HUn4bpAOg8xqB2N"
TON_NON_BOUNCEABLE = "UQCD39VS5jcptHL8vMjEXrzGaRcCVYto7HUn4bpAOg8xqEBI"
TON_JETTON = "EQAvlWFDxGF2lXm67y4yzC17wYKD9A0guwPkMs1gOsM__NOT"

ACCOUNT_ID = bytes.fromhex("62e907b15cbf27d5425399ebf6f0fb50ebb88f18")


def xrp_address(payload: bytes) -> str:
    return base58.b58encode_check(payload, alphabet=base58.RIPPLE_ALPHABET).decode()


def cosmos_address(program: bytes, hrp: str = "cosmos") -> str:
    return bech32_encode(hrp, convertbits(program, 8, 5))


def ton_friendly(tag: int, workchain: int, account: bytes, *, urlsafe: bool = True) -> str:
    body = bytes([tag, workchain & 0xFF]) + account
    raw = body + binascii.crc_hqx(body, 0).to_bytes(2, "big")
    return (urlsafe_b64encode if urlsafe else b64encode)(raw).decode()


def typo(text: str, position: int, replacement: str) -> str:
    assert text[position] != replacement
    return text[:position] + replacement + text[position + 1 :]


# --- cleaning ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pasted", "clean"),
    [
        ("TxID: abc", "abc"),
        ("tx hash=abc", "abc"),
        ("Transaction: abc", "abc"),
        ("交易哈希：abc", "abc"),
        ("充值地址: abc", "abc"),
        ("「abc」", "abc"),
        ("(abc);", "abc"),
        ("a\u00adb\u200dc", "abc"),
        ("ａｂｃ", "abc"),
        ("hashes: abc", "hashes:abc"),  # a label only counts as a whole word before ":"
    ],
)
def test_normalise(pasted: str, clean: str) -> None:
    assert normalise(pasted) == clean


# --- EVM -------------------------------------------------------------------------------------


def test_evm_address_cases() -> None:
    upper = "0X" + EVM_ADDRESS[2:].upper()

    assert address(ETHEREUM, EVM_ADDRESS) == FormatCheck(True, EVM_ADDRESS)
    assert address(BSC, EVM_ADDRESS.lower()) == FormatCheck(True, EVM_ADDRESS)
    assert address(ETHEREUM, upper) == FormatCheck(True, EVM_ADDRESS)
    assert address(ETHEREUM, typo(EVM_ADDRESS, 4, "E")).problem == Code.BAD_CHECKSUM
    assert address(ETHEREUM, EVM_ADDRESS[:-1]).problem == Code.INVALID_ADDRESS
    assert address(ETHEREUM, EVM_ADDRESS + "0").problem == Code.INVALID_ADDRESS


# --- Bitcoin ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "testnet"),
    [
        (BTC_P2PKH, False),
        (BTC_P2SH, False),
        ("1111111111111111111114oLvT2", False),  # 0x00 + 20 zero bytes: the shortest P2PKH
        (base58.b58encode_check(b"\x6f" + ACCOUNT_ID).decode(), True),  # testnet P2PKH "m…"
        (base58.b58encode_check(b"\xc4" + bytes(range(20))).decode(), True),  # testnet P2SH, 35
        (bech32_encode("bcrt", [0, *convertbits(ACCOUNT_ID, 8, 5)]), True),  # regtest
        (BTC_BECH32, False),
    ],
)
def test_bitcoin_mainnet_and_test_networks(text: str, testnet: bool) -> None:
    result = address(BITCOIN, text)

    assert result.ok
    assert result.value == text.lower() if text.startswith(("bc", "bcrt")) else text
    assert result.testnet is testnet
    assert result.code == (Code.TESTNET if testnet else None)
    assert bool(result.message) is testnet


def test_bitcoin_testnet_message() -> None:
    result = address(BITCOIN, base58.b58encode_check(b"\x6f" + ACCOUNT_ID).decode())

    assert english(result) == (
        "This is a test-network address: coins sent to it are not real. "
        "Check that you copied the right address."
    )


def test_bitcoin_refuses_other_versions_and_typos() -> None:
    litecoin = base58.b58encode_check(b"\x30" + ACCOUNT_ID).decode()  # "L…", another chain
    checksum_typo = typo(BTC_P2PKH, 10, "X")
    bech32_typo = typo(BTC_BECH32, 10, "p")

    assert address(BITCOIN, litecoin).problem == Code.INVALID_ADDRESS
    assert address(BITCOIN, checksum_typo).problem == Code.BAD_CHECKSUM
    assert address(BITCOIN, bech32_typo).problem == Code.BAD_CHECKSUM
    assert address(BITCOIN, "bc1" + "q" * 88).problem == Code.INVALID_ADDRESS  # 91 characters
    assert english(address(BITCOIN, checksum_typo)) == (
        "This Bitcoin address has a typo: its checksum does not match. "
        "Copy and paste it instead of typing it."
    )


# --- TRON and Solana ------------------------------------------------------------------------


def test_tron_addresses() -> None:
    generated = base58.b58encode_check(b"\x41" + ACCOUNT_ID).decode()

    assert address(TRON, TRON_ADDRESS) == FormatCheck(True, TRON_ADDRESS)
    assert address(TRON, generated) == FormatCheck(True, generated)
    assert address(TRON, typo(TRON_ADDRESS, 5, "z")).problem == Code.BAD_CHECKSUM


def test_solana_addresses_are_32_byte_keys() -> None:
    system_program = "11111111111111111111111111111111"  # 32 zero bytes
    short = base58.b58encode(b"\x01" * 31).decode()
    long = base58.b58encode(b"\xff" * 33).decode()

    assert address(SOLANA, SOL_ADDRESS) == FormatCheck(True, SOL_ADDRESS)
    assert address(SOLANA, system_program).ok
    assert address(SOLANA, short).problem == Code.INVALID_ADDRESS
    assert address(SOLANA, long).problem == Code.INVALID_ADDRESS
    assert address(SOLANA, "1" * 101).problem == Code.INVALID_ADDRESS


@pytest.mark.parametrize(
    "signature",
    [
        base58.b58encode(b"\xff" * 64).decode(),  # 88 characters, the longest
        base58.b58encode(bytes(range(1, 65))).decode(),
        base58.b58encode(bytes(20) + b"\xff" * 44).decode(),  # 81 characters
        base58.b58encode(bytes(21) + b"\xff" * 43).decode(),  # 80 characters, the shortest read
    ],
)
def test_solana_signatures_are_64_bytes(signature: str) -> None:
    assert tx_hash(SOLANA, signature) == FormatCheck(True, signature)
    assert tx_hash(ETHEREUM, signature).looks_like == (Format.SOLANA,)


@pytest.mark.parametrize(
    "text",
    [
        base58.b58encode(b"\xff" * 63).decode(),  # 63 bytes
        base58.b58encode(b"\xff" * 65).decode(),  # 65 bytes, 89 characters
        "0" * 85,  # the right length, but "0" is not base58
        "a" * 85,
    ],
)
def test_other_long_base58_is_not_a_solana_signature(text: str) -> None:
    result = tx_hash(SOLANA, text)

    assert result.problem == Code.INVALID_TX_HASH
    assert english(result) == (
        "This is not a valid Solana transaction hash. Copy it from your wallet's transaction "
        "details or from the explorer."
    )


# --- XRP Ledger -----------------------------------------------------------------------------


def test_xrp_addresses() -> None:
    generated = xrp_address(b"\x00" + ACCOUNT_ID)

    assert xrp_address(b"\x00" + bytes(20)) == XRP_ACCOUNT_ZERO
    assert address(XRP, XRP_GENESIS) == FormatCheck(True, XRP_GENESIS)
    assert address(XRP, XRP_ACCOUNT_ZERO) == FormatCheck(True, XRP_ACCOUNT_ZERO)
    assert address(XRP, generated) == FormatCheck(True, generated)


@pytest.mark.parametrize("position", [5, 12, 30])
def test_a_mistyped_xrp_address_is_a_bad_checksum(position: int) -> None:
    mistyped = typo(XRP_GENESIS, position, "a")

    result = address(XRP, mistyped)

    assert result.problem == Code.BAD_CHECKSUM
    assert "XRP Ledger" in english(result)


def test_xrp_refuses_other_shapes() -> None:
    # The account id in Bitcoin's alphabet starts with "1": not an XRP address.
    bitcoin_alphabet = base58.b58encode_check(b"\x00" + ACCOUNT_ID).decode()
    other_version = xrp_address(b"\x05" + ACCOUNT_ID)  # starts with "s"
    too_long = xrp_address(b"\x00" + ACCOUNT_ID + b"\x00")
    not_in_alphabet = typo(XRP_GENESIS, 8, "0")

    assert address(XRP, bitcoin_alphabet).problem == Code.WRONG_NETWORK
    assert address(XRP, other_version).problem == Code.INVALID_ADDRESS
    assert address(XRP, too_long).problem == Code.INVALID_ADDRESS
    assert address(XRP, not_in_alphabet).problem == Code.INVALID_ADDRESS
    assert address(XRP, "r" * 36).problem == Code.INVALID_ADDRESS


# --- Cosmos ---------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [20, 32])
def test_cosmos_accounts_and_contracts(size: int) -> None:
    generated = cosmos_address(bytes(range(size)))

    assert address(COSMOS, generated) == FormatCheck(True, generated)
    assert address(COSMOS, generated.upper()) == FormatCheck(True, generated)


def test_cosmos_refuses_typos_and_other_prefixes() -> None:
    generated = cosmos_address(ACCOUNT_ID)
    mistyped = typo(generated, 12, "q" if generated[12] != "q" else "p")
    validator = cosmos_address(ACCOUNT_ID, "cosmosvaloper")
    longer_prefix = cosmos_address(ACCOUNT_ID, "cosmos1x")
    osmosis = cosmos_address(ACCOUNT_ID, "osmo")

    assert address(COSMOS, mistyped).problem == Code.BAD_CHECKSUM
    assert address(COSMOS, generated[:-1] + generated[-1].upper()).problem == Code.BAD_CHECKSUM
    assert address(COSMOS, validator).problem == Code.INVALID_ADDRESS
    assert address(COSMOS, longer_prefix).problem == Code.INVALID_ADDRESS
    assert address(COSMOS, osmosis).problem == Code.INVALID_ADDRESS
    assert address(COSMOS, cosmos_address(ACCOUNT_ID + b"\x00")).problem == Code.INVALID_ADDRESS


# --- TON ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [TON_BOUNCEABLE, TON_NON_BOUNCEABLE, TON_JETTON])
def test_well_known_ton_addresses(text: str) -> None:
    assert address(TON, text) == FormatCheck(True, text)


def test_ton_raw_and_generated_addresses() -> None:
    account = bytes(range(32))
    standard = ton_friendly(0x11, 0, b"\xfb" * 32, urlsafe=False)  # "+" and "/" in it
    masterchain = ton_friendly(0x11, -1, account)
    testnet = ton_friendly(0x91, 0, account)

    assert "+" in standard
    assert address(TON, standard) == FormatCheck(True, standard)
    assert address(TON, masterchain) == FormatCheck(True, masterchain)
    assert address(TON, "0:" + "AB" * 32) == FormatCheck(True, "0:" + "ab" * 32)
    assert address(TON, "-1:" + "ab" * 32).ok
    assert address(TON, testnet).code == Code.TESTNET
    assert address(TON, testnet).testnet


def test_ton_checksum_and_shape() -> None:
    mistyped = typo(TON_BOUNCEABLE, 10, "A")
    # The same 36 bytes with the checksum of other content.
    raw = urlsafe_b64decode(TON_BOUNCEABLE)
    other_checksum = urlsafe_b64encode(raw[:34] + (raw[34] ^ 1).to_bytes() + raw[35:]).decode()

    assert address(TON, mistyped).problem == Code.BAD_CHECKSUM
    assert address(TON, other_checksum).problem == Code.BAD_CHECKSUM
    assert address(TON, TON_BOUNCEABLE[:-1]).problem == Code.INVALID_ADDRESS
    assert address(TON, "0:" + "ab" * 31).problem == Code.INVALID_ADDRESS


def test_ton_transaction_hashes() -> None:
    plain = b64encode(bytes(range(32))).decode()  # 44 characters with one "="
    urlsafe = urlsafe_b64encode(b"\xfb\xff" * 16).decode()
    too_long = b64encode(b"\xfb" * 33).decode()  # 44 characters, 33 bytes

    assert len(plain) == len(urlsafe) == len(too_long) == 44
    assert tx_hash(TON, plain) == FormatCheck(True, plain)
    assert tx_hash(TON, urlsafe) == FormatCheck(True, urlsafe)
    assert tx_hash(TON, HEX_TX) == FormatCheck(True, HEX_TX)
    assert tx_hash(TON, too_long).problem == Code.INVALID_TX_HASH
    assert tx_hash(TON, plain[:-1]).problem == Code.INVALID_TX_HASH
    assert tx_hash(ETHEREUM, plain).looks_like == (Format.TON,)


# --- EOS and unknown formats ------------------------------------------------------------------


def test_eos_account_names() -> None:
    assert address(EOS, "eosio.token") == FormatCheck(True, "eosio.token")
    assert address(EOS, "a").ok
    assert address(EOS, "abcde12345abc").problem == Code.INVALID_ADDRESS  # 13 characters
    assert address(EOS, "eosio_token").problem == Code.INVALID_ADDRESS
    assert address(EOS, "Eosio").problem == Code.INVALID_ADDRESS


def test_format_of_follows_family_then_memo_slug() -> None:
    assert format_of(ETHEREUM) is Format.EVM
    assert format_of(TRON) is Format.TRON
    assert format_of(SOLANA) is Format.SOLANA
    assert format_of(BITCOIN) is Format.BITCOIN
    assert format_of(XRP) is Format.XRP
    assert format_of(ShapeOnlyNetwork("stellar", "Stellar", "memo")) is Format.OTHER
    assert format_of(ShapeOnlyNetwork("new", "New", "quantum")) is Format.OTHER
    assert format_of(OTHER_NETWORK) is Format.OTHER


def test_the_other_network_takes_any_known_shape_and_plain_values() -> None:
    assert address(OTHER_NETWORK, EVM_ADDRESS.lower()) == FormatCheck(True, EVM_ADDRESS)
    assert address(OTHER_NETWORK, "GABC:memo-7") == FormatCheck(True, "GABC:memo-7")
    assert address(OTHER_NETWORK, "short").problem == Code.INVALID_ADDRESS
    assert address(OTHER_NETWORK, HEX_TX).problem == Code.HASH_IN_ADDRESS_FIELD
    assert tx_hash(OTHER_NETWORK, HEX_TX.upper()) == FormatCheck(True, HEX_TX)
    assert tx_hash(OTHER_NETWORK, "abcd-1234-efgh") == FormatCheck(True, "abcd-1234-efgh")
    assert tx_hash(OTHER_NETWORK, "abc").problem == Code.INVALID_TX_HASH
    assert tx_hash(OTHER_NETWORK, TRON_ADDRESS).problem == Code.ADDRESS_IN_HASH_FIELD


# --- transaction hashes and mix-ups -----------------------------------------------------------


@pytest.mark.parametrize(
    ("network", "value"),
    [(ETHEREUM, EVM_TX), (BSC, EVM_TX), (BITCOIN, HEX_TX), (TRON, HEX_TX), (EOS, HEX_TX),
     (XRP, HEX_TX.upper()), (COSMOS, HEX_TX.upper())],
)  # fmt: skip
def test_hex_hashes_per_network(network: ShapeOnlyNetwork, value: str) -> None:
    assert tx_hash(network, HEX_TX) == FormatCheck(True, value)
    assert tx_hash(network, "0x" + HEX_TX.upper() if network is ETHEREUM else HEX_TX).ok


def test_wrong_network_hash_names_three_networks_at_most() -> None:
    result = tx_hash(SOLANA, HEX_TX)

    assert result.problem == Code.WRONG_NETWORK
    assert result.value == HEX_TX
    assert not result.from_url
    assert result.looks_like == (
        Format.BITCOIN, Format.TRON, Format.EVM, Format.XRP, Format.COSMOS, Format.TON, Format.EOS
    )  # fmt: skip
    assert english(result) == (
        "This transaction hash looks like it belongs to Bitcoin / TRON / Ethereum or another EVM "
        "network, but you chose Solana. Check the network you used."
    )


def test_wrong_network_address_message() -> None:
    result = address(BITCOIN, XRP_GENESIS)

    assert result == FormatCheck(
        False, XRP_GENESIS, Code.WRONG_NETWORK, result.message, (Format.XRP,)
    )
    assert english(result) == (
        "This address looks like it belongs to XRP Ledger, but you chose Bitcoin. "
        "Check the network you used."
    )


def test_wrong_field_messages() -> None:
    hash_as_address = address(TRON, HEX_TX)
    address_as_hash = tx_hash(TRON, TRON_ADDRESS)

    assert hash_as_address == FormatCheck(
        False, HEX_TX, Code.HASH_IN_ADDRESS_FIELD, hash_as_address.message
    )
    assert english(hash_as_address) == (
        "This looks like a transaction hash, not an address. Put it in the transaction hash "
        "field and enter the wallet address here."
    )
    assert address_as_hash == FormatCheck(
        False, TRON_ADDRESS, Code.ADDRESS_IN_HASH_FIELD, address_as_hash.message
    )
    assert english(address_as_hash) == (
        "This looks like a wallet address, not a transaction hash. Put it in the address "
        "field and copy the transaction hash (TxID) here."
    )


def test_empty_and_invalid_messages() -> None:
    assert english(address(TRON, " ")) == "Enter the wallet address."
    assert tx_hash(TRON, "\u200b") == FormatCheck(
        False, "", Code.INVALID_TX_HASH, tx_hash(TRON, "").message
    )
    assert english(tx_hash(TRON, "")) == "Enter the transaction hash (TxID)."
    assert english(address(TRON, "nonsense")) == (
        "This is not a valid TRON address. Copy it again from your wallet or the exchange, "
        "without extra characters."
    )


# --- explorer links -------------------------------------------------------------------------


def test_a_tx_link_gives_its_hash_with_a_notice() -> None:
    result = tx_hash(TRON, f"https://tronscan.org/#/transaction/{HEX_TX}")

    assert result == FormatCheck(True, HEX_TX, Code.EXPLORER_URL, result.message, from_url=True)
    assert english(result) == (
        "We took the transaction hash out of the explorer link you pasted. Check that it is right."
    )


def test_a_link_holding_a_malformed_hash_is_refused() -> None:
    result = tx_hash(ETHEREUM, f"https://etherscan.io/tx/{EVM_TX[:-2]}")

    assert result == FormatCheck(
        False, EVM_TX[:-2], Code.INVALID_TX_HASH, result.message, from_url=True
    )
    assert "Ethereum" in english(result)


def test_a_link_holding_an_address_where_a_hash_was_asked() -> None:
    result = tx_hash(TRON, f"https://tronscan.org/#/transaction/{TRON_ADDRESS}")

    assert result.problem == Code.ADDRESS_IN_HASH_FIELD
    assert result.from_url


def test_a_link_of_another_chain_is_the_wrong_network() -> None:
    result = tx_hash(ETHEREUM, f"https://bscscan.com/tx/{EVM_TX}")

    assert result == FormatCheck(
        False, EVM_TX, Code.WRONG_NETWORK, result.message, (Format.EVM,), from_url=True
    )
    assert english(result) == (
        "This link is from the BNB Chain explorer, but you chose Ethereum. "
        "Check the network you used."
    )


def test_any_explorer_link_is_read_for_the_other_network() -> None:
    result = tx_hash(OTHER_NETWORK, f"https://bscscan.com/tx/{EVM_TX}")

    assert result.ok
    assert (result.value, result.code, result.from_url) == (EVM_TX, Code.EXPLORER_URL, True)


def test_address_link_in_the_hash_field_and_back() -> None:
    address_link = tx_hash(ETHEREUM, f"https://etherscan.io/address/{EVM_ADDRESS}")
    tx_link = address(ETHEREUM, f"https://etherscan.io/tx/{EVM_TX}")

    assert address_link == FormatCheck(
        False, EVM_ADDRESS, Code.ADDRESS_IN_HASH_FIELD, address_link.message, from_url=True
    )
    assert english(address_link) == (
        "This link points at an address, not a transaction. Open the transaction on the "
        "explorer and copy its hash (TxID) here."
    )
    assert tx_link == FormatCheck(
        False, EVM_TX, Code.HASH_IN_ADDRESS_FIELD, tx_link.message, from_url=True
    )
    assert english(tx_link) == (
        "This link points at a transaction, not an address. Put it in the transaction hash "
        "field and enter the wallet address here."
    )


def test_unknown_links_are_refused() -> None:
    as_hash = tx_hash(ETHEREUM, "https://example.com/tx/" + HEX_TX)
    as_address = address(ETHEREUM, "https://example.com/address/" + EVM_ADDRESS)

    assert as_hash == FormatCheck(
        False, "https://example.com/tx/" + HEX_TX, Code.INVALID_TX_HASH, as_hash.message
    )
    assert english(as_hash) == (
        "This is a web link we do not recognise. Copy the transaction hash (TxID) itself "
        "from your wallet's transaction details."
    )
    assert as_address.problem == Code.INVALID_ADDRESS
    assert english(as_address) == (
        "This is a web link, not an address. Copy the address itself from your wallet."
    )


def test_address_links() -> None:
    same_family = address(BSC, f"https://etherscan.io/address/{EVM_ADDRESS.lower()}")
    testnet = address(TRON, f"https://nile.tronscan.org/#/address/{TRON_ADDRESS}")
    other_chain = address(ETHEREUM, f"https://tronscan.org/#/address/{TRON_ADDRESS}")
    typo_in_link = address(TRON, f"https://tronscan.org/#/address/{typo(TRON_ADDRESS, 5, 'z')}")

    assert same_family == FormatCheck(
        True, EVM_ADDRESS, Code.EXPLORER_URL, same_family.message, from_url=True
    )
    assert english(same_family) == (
        "We took the address out of the explorer link you pasted. Check that it is right."
    )
    assert testnet.ok
    assert testnet.testnet
    assert other_chain.problem == Code.WRONG_NETWORK
    assert other_chain.looks_like == (Format.TRON,)
    assert other_chain.from_url
    assert typo_in_link.problem == Code.BAD_CHECKSUM
    assert typo_in_link.from_url


def test_testnet_links_flag_hashes() -> None:
    result = tx_hash(ETHEREUM, f"https://sepolia.etherscan.io/tx/{EVM_TX}")

    assert result.ok
    assert result.testnet


# --- guessing ---------------------------------------------------------------------------------


def test_guess_names_the_networks_of_each_reading() -> None:
    tron = guess_network(TRON_ADDRESS, networks=CATALOGUE)
    testnet_address = base58.b58encode_check(b"\x6f" + ACCOUNT_ID).decode()
    testnet = guess_network(testnet_address, networks=CATALOGUE)
    linked = guess_network(f"https://tronscan.org/#/transaction/{HEX_TX}", networks=CATALOGUE)
    ton_hash = guess_network(b64encode(bytes(range(32))).decode(), networks=CATALOGUE)

    assert [(m.kind, m.format, m.value, m.networks) for m in tron] == [
        (Kind.ADDRESS, Format.TRON, TRON_ADDRESS, ("tron",))
    ]
    assert [(m.format, m.testnet) for m in testnet] == [(Format.BITCOIN, True)]
    assert [(m.format, m.networks) for m in linked][:3] == [
        (Format.BITCOIN, ("bitcoin",)), (Format.TRON, ("tron",)), (Format.EVM, ("ethereum", "bsc"))
    ]  # fmt: skip
    assert [(m.kind, m.format) for m in ton_hash] == [(Kind.TX_HASH, Format.TON)]
    assert guess_network("eosio.token", networks=CATALOGUE) == []


def test_families_cover_the_formats() -> None:
    # Every family but "memo" and "other" is one format of its own name.
    for family in Family:
        network = ShapeOnlyNetwork("x", "X", family.value)
        expected = Format.OTHER if family in (Family.MEMO, Family.OTHER) else Format(family.value)
        assert format_of(network) is expected


# --- published vectors, checked without the catalogue ----------------------------------------


@pytest.mark.parametrize("text", EIP55_VALID)
def test_eip55_vectors(text: str) -> None:
    assert address(ETHEREUM, text.lower()) == FormatCheck(True, address(ETHEREUM, text).value)
    assert address(ETHEREUM, text).value.lower() == text.lower()


@pytest.mark.parametrize(("text", "testnet"), SEGWIT_VALID)
def test_segwit_valid_vectors(text: str, testnet: bool) -> None:
    result = address(BITCOIN, text)

    assert result.ok
    assert (result.value, result.testnet) == (text.lower(), testnet)
    assert [(m.format, m.value) for m in guess_network(text, networks=CATALOGUE)] == [
        (Format.BITCOIN, text.lower())
    ]


@pytest.mark.parametrize("text", SEGWIT_INVALID)
def test_segwit_invalid_vectors(text: str) -> None:
    result = address(BITCOIN, text)

    assert result.problem in {Code.INVALID_ADDRESS, Code.BAD_CHECKSUM}
    assert result.value == text


# --- every reading, and the failures of links ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        (EVM_ADDRESS, Format.EVM),
        (TRON_ADDRESS, Format.TRON),
        (SOL_ADDRESS, Format.SOLANA),
        (XRP_GENESIS, Format.XRP),
        (cosmos_address(ACCOUNT_ID), Format.COSMOS),
        (TON_BOUNCEABLE, Format.TON),
        ("0:" + "ab" * 32, Format.TON),
    ],
)
def test_each_address_format_is_guessed(text: str, fmt: Format) -> None:
    matches = guess_network(text, networks=CATALOGUE)

    assert [(m.kind, m.format) for m in matches] == [(Kind.ADDRESS, fmt)]
    # On a network of another format it is named as the format it looks like.
    other = BITCOIN if fmt is not Format.BITCOIN else TRON
    assert address(other, text).looks_like == (fmt,)


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        (EVM_TX, Format.EVM),
        (HEX_TX, Format.BITCOIN),
        (base58.b58encode(b"\xff" * 64).decode(), Format.SOLANA),
    ],
)
def test_each_hash_format_is_guessed(text: str, fmt: Format) -> None:
    matches = guess_network(text, networks=CATALOGUE)

    assert (matches[0].kind, matches[0].format) == (Kind.TX_HASH, fmt)


def test_the_catalogue_row_named_other_is_never_named_as_a_fit() -> None:
    edited = ShapeOnlyNetwork("other", "Other network", "evm")  # an admin gave it a family

    matches = guess_network(EVM_ADDRESS, networks=(ETHEREUM, edited))

    assert matches[0].networks == ("ethereum",)


def test_empty_address() -> None:
    result = address(TRON, " ")

    assert result == FormatCheck(False, "", Code.INVALID_ADDRESS, result.message)


def test_bad_checksum_keeps_the_value() -> None:
    mistyped = typo(XRP_GENESIS, 5, "a")

    result = address(XRP, mistyped)

    assert result == FormatCheck(False, mistyped, Code.BAD_CHECKSUM, result.message)


def test_failures_inside_address_links_keep_the_value_and_say_from_url() -> None:
    invalid = address(ETHEREUM, "https://etherscan.io/address/0x1234")
    a_hash = address(ETHEREUM, f"https://etherscan.io/address/{EVM_TX}")

    assert invalid == FormatCheck(
        False, "0x1234", Code.INVALID_ADDRESS, invalid.message, from_url=True
    )
    assert a_hash == FormatCheck(
        False, EVM_TX, Code.HASH_IN_ADDRESS_FIELD, a_hash.message, from_url=True
    )


def test_an_address_link_names_its_chain() -> None:
    # The value fits the chosen network, but the explorer is another chain's.
    on_tron_explorer = f"https://tronscan.org/#/address/{EVM_ADDRESS}"

    result = address(ETHEREUM, on_tron_explorer)

    assert result == FormatCheck(
        False, EVM_ADDRESS, Code.WRONG_NETWORK, result.message, (Format.TRON,), from_url=True
    )
    assert english(result) == (
        "This address looks like it belongs to TRON, but you chose Ethereum. "
        "Check the network you used."
    )
    assert address(OTHER_NETWORK, on_tron_explorer).ok


def test_a_hash_link_on_the_other_network_is_checked_against_the_link_chain() -> None:
    result = tx_hash(OTHER_NETWORK, f"https://tronscan.org/#/transaction/{EVM_TX}")

    assert result == FormatCheck(
        False, EVM_TX, Code.WRONG_NETWORK, result.message, (Format.EVM,), from_url=True
    )
    assert tx_hash(OTHER_NETWORK, EVM_TX) == FormatCheck(True, EVM_TX)

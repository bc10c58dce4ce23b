"""Explorer links are read against the networks passed in: chain holds no list of networks."""

from walletdesk.chain.explorers import LinkKind, explorer_link_parse
from walletdesk.chain.formats import Code, Format, guess_network, validate_tx_hash_for
from walletdesk.chain.networks import OTHER_NETWORK, Family, ShapeOnlyNetwork

HASH = "0x" + "ab" * 32
ETHEREUM = ShapeOnlyNetwork(
    "ethereum",
    "Ethereum",
    Family.EVM.value,
    "https://etherscan.io/tx/{}",
    "https://etherscan.io/address/{}",
)
ZETA = ShapeOnlyNetwork(
    "zeta", "Zeta", Family.EVM.value, "https://scan.zeta.example/hash/{}", "https://zeta.example/{}"
)
TON = ShapeOnlyNetwork(
    "ton",
    "TON",
    Family.MEMO.value,
    "https://tonviewer.com/transaction/{}",
    "https://tonviewer.com/{}",
)
CATALOGUE = (ETHEREUM, ZETA, TON)


def test_a_link_belongs_to_the_network_whose_template_names_its_host() -> None:
    link = explorer_link_parse(f"https://www.etherscan.io/tx/{HASH}", CATALOGUE)

    assert link is not None
    assert link.network is ETHEREUM
    assert link.kind is LinkKind.TX
    assert link.value == HASH
    assert not link.testnet


def test_without_the_network_in_the_catalogue_the_link_is_unknown() -> None:
    assert explorer_link_parse(f"https://etherscan.io/tx/{HASH}", (ZETA, TON)) is None
    assert explorer_link_parse(f"https://etherscan.io/tx/{HASH}", ()) is None


def test_the_template_teaches_its_own_path_word_and_bare_address_pages() -> None:
    tx = explorer_link_parse(f"scan.zeta.example/hash/{HASH}", CATALOGUE)
    address = explorer_link_parse("https://zeta.example/0xabc", CATALOGUE)
    ton = explorer_link_parse("tonscan.org/EQabc", CATALOGUE)

    assert tx is not None
    assert (tx.network, tx.kind, tx.value) == (ZETA, LinkKind.TX, HASH)
    assert address is not None
    assert (address.network, address.kind) == (ZETA, LinkKind.ADDRESS)
    assert ton is not None  # another site of the same chain, with the same bare pages
    assert (ton.network, ton.kind, ton.value) == (TON, LinkKind.ADDRESS, "EQabc")


def test_other_sites_and_test_sites_of_the_same_chain() -> None:
    blockscout = explorer_link_parse(f"https://eth.blockscout.com/tx/{HASH}", CATALOGUE)
    sepolia = explorer_link_parse(f"https://sepolia.etherscan.io/tx/{HASH}", CATALOGUE)

    assert blockscout is not None
    assert blockscout.network is ETHEREUM
    assert sepolia is not None
    assert sepolia.network is ETHEREUM
    assert sepolia.testnet


def test_checks_and_guesses_read_the_catalogue_passed_in() -> None:
    elsewhere = validate_tx_hash_for(ETHEREUM, f"scan.zeta.example/hash/{HASH}", networks=CATALOGUE)
    shape_only = validate_tx_hash_for(OTHER_NETWORK, f"etherscan.io/tx/{HASH}", networks=())
    guesses = guess_network(HASH, networks=CATALOGUE)

    assert elsewhere.code == Code.WRONG_NETWORK
    assert shape_only.code == Code.INVALID_TX_HASH  # a link nobody in the catalogue shows
    assert [(m.format, m.networks) for m in guesses] == [(Format.EVM, ("ethereum", "zeta"))]

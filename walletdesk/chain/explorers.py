"""Read the transaction hash or address out of a pasted block-explorer link.

Users often paste the whole explorer page (``https://tronscan.org/#/transaction/…``) instead of the
hash. We take the value out, say which of the networks passed in the explorer belongs to, and let
``formats.py`` check it against the network the user chose.

Which explorer shows which network is catalogue data: each network names its explorer through
its link templates (``https://etherscan.io/tx/{}``). What is kept here is knowledge of explorer
sites themselves: other sites showing the same chain, the test-network sites of an explorer, and
the path words explorers put before a value.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from urllib.parse import urlsplit

from walletdesk.chain.networks import NetworkLike


class LinkKind(StrEnum):
    TX = "tx"
    ADDRESS = "address"


@dataclass(frozen=True)
class ExplorerLink:
    """What a pasted explorer link points at."""

    network: NetworkLike
    kind: LinkKind
    value: str
    host: str
    testnet: bool = False


# Sites that show the same chain: a link to any of them belongs to the network whose explorer
# template names one of them. Hosts are compared after dropping a leading "www.".
_SAME_CHAIN: tuple[frozenset[str], ...] = (
    frozenset({"etherscan.io", "eth.blockscout.com"}),
    frozenset({"tronscan.org", "tronscan.io"}),
    frozenset({"solscan.io", "explorer.solana.com", "solana.fm"}),
    frozenset({"mempool.space", "blockstream.info", "blockchair.com"}),
    frozenset({"tonviewer.com", "tonscan.org"}),
    frozenset({"xrpscan.com", "livenet.xrpl.org"}),
)

# Test-network sites of an explorer: the value is extracted but flagged as testnet.
_TESTNET_OF: dict[str, str] = {
    "sepolia.etherscan.io": "etherscan.io",
    "holesky.etherscan.io": "etherscan.io",
    "testnet.bscscan.com": "bscscan.com",
    "nile.tronscan.org": "tronscan.org",
    "shasta.tronscan.org": "tronscan.org",
}

# Path words that come right before the value, per kind. Explorers disagree on the words; a
# network's own templates add theirs.
_TX_WORDS = frozenset({"tx", "transaction", "transactions", "txs", "trx"})
_ADDRESS_WORDS = frozenset({"address", "account", "accounts", "addr", "wallet"})
# Path words that only say "test network" (mempool.space/testnet/tx/…).
_TESTNET_WORDS = frozenset({"testnet", "testnet4", "signet"})

# A scheme, or a dotted host followed by a path: "eosio.token" alone is an EOS account, not a link.
_URL_RE = re.compile(r"https?://\S+|(?:[a-z0-9-]+\.)+[a-z]{2,}[/#?]\S*", re.IGNORECASE)

_PLACEHOLDER = "{}"
_MARK = "\x00value\x00"


def _bare_host(host: str) -> str:
    return host.lower().removeprefix("www.")


def _segments(path: str, fragment: str) -> list[str]:
    # Fragment routers (tronscan) keep the route after "#"; treat it like a path.
    return [s for s in f"{path}/{fragment}".split("/") if s]


@lru_cache(maxsize=256)
def _template_parts(template: str) -> tuple[str, str | None]:
    """The host of an explorer link template, and the path word right before "{}": "" when the
    value is the whole path (tonviewer.com/{}), None when there is no usable template."""
    if template.count(_PLACEHOLDER) != 1:
        return "", None
    link = template.replace(_PLACEHOLDER, _MARK)
    parts = urlsplit(link if "://" in link else "https://" + link)
    segments = _segments(parts.path, parts.fragment)
    if _MARK not in segments:
        return _bare_host(parts.hostname or ""), None
    index = segments.index(_MARK)
    return _bare_host(parts.hostname or ""), segments[index - 1].lower() if index else ""


def _network_at(host: str, networks: Iterable[NetworkLike]) -> NetworkLike | None:
    """The network whose explorer is ``host``, else the one whose explorer shows the same chain."""
    same = next((group for group in _SAME_CHAIN if host in group), frozenset({host}))
    alike: NetworkLike | None = None
    for network in networks:
        hosts = {
            _template_parts(network.explorer_tx_url)[0],
            _template_parts(network.explorer_address_url)[0],
        }
        if host in hosts:
            return network
        if alike is None and hosts & same:
            alike = network
    return alike


def looks_like_url(text: str) -> bool:
    """Whether ``text`` is shaped like a web link (scheme or a dotted host followed by a path)."""
    return bool(_URL_RE.fullmatch(text.strip()))


def explorer_link_parse(text: str, networks: Iterable[NetworkLike]) -> ExplorerLink | None:
    """The network, kind and value an explorer link points at, or None for any other text.

    ``networks`` is the catalogue to recognise explorers from. Understands path links
    (``etherscan.io/tx/0x…``), fragment links (``tronscan.org/#/transaction/…``) and address
    pages whose template is the bare value (``tonviewer.com/<address>``).
    """
    text = text.strip()
    if not looks_like_url(text):
        return None
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    host = _bare_host(parts.hostname or "")
    testnet = host in _TESTNET_OF
    network = _network_at(_TESTNET_OF.get(host, host), networks)
    if network is None:
        return None
    segments = _segments(parts.path, parts.fragment)
    if any(s.lower() in _TESTNET_WORDS for s in segments):
        testnet = True
    tx_word = _template_parts(network.explorer_tx_url)[1]
    address_word = _template_parts(network.explorer_address_url)[1]
    for index, segment in enumerate(segments[:-1]):
        word = segment.lower()
        kind = LinkKind.TX if word in _TX_WORDS or word == tx_word else None
        if word in _ADDRESS_WORDS or word == address_word:
            kind = LinkKind.ADDRESS
        if kind is not None:
            value = segments[index + 1].split("?")[0]
            return ExplorerLink(network, kind, value, parts.hostname or "", testnet)
    if address_word == "" and len(segments) == 1:
        return ExplorerLink(network, LinkKind.ADDRESS, segments[0], parts.hostname or "", testnet)
    return None

"""Read the transaction hash or address out of a pasted block-explorer link.

Users often paste the whole explorer page (``https://tronscan.org/#/transaction/…``) instead of the
hash. We take the value out, say which network the explorer belongs to, and let ``formats.py``
check it against the network the user chose.
"""

import re
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit


class LinkKind(StrEnum):
    TX = "tx"
    ADDRESS = "address"


@dataclass(frozen=True)
class ExplorerLink:
    """What a pasted explorer link points at."""

    network: str  # network slug from networks.py
    kind: LinkKind
    value: str
    host: str
    testnet: bool = False


# host -> network slug. Hosts are matched exactly after dropping a leading "www.".
_HOSTS: dict[str, str] = {
    "etherscan.io": "ethereum",
    "eth.blockscout.com": "ethereum",
    "bscscan.com": "bsc",
    "polygonscan.com": "polygon",
    "arbiscan.io": "arbitrum",
    "optimistic.etherscan.io": "optimism",
    "basescan.org": "base",
    "tronscan.org": "tron",
    "tronscan.io": "tron",
    "solscan.io": "solana",
    "explorer.solana.com": "solana",
    "solana.fm": "solana",
    "mempool.space": "bitcoin",
    "blockstream.info": "bitcoin",
    "blockchair.com": "bitcoin",
    "tonviewer.com": "ton",
    "tonscan.org": "ton",
    "xrpscan.com": "xrp",
    "livenet.xrpl.org": "xrp",
    "mintscan.io": "cosmos",
    "bloks.io": "eos",
}

# Test networks of the same explorers: the value is extracted but flagged as testnet.
_TESTNET_HOSTS: dict[str, str] = {
    "sepolia.etherscan.io": "ethereum",
    "holesky.etherscan.io": "ethereum",
    "testnet.bscscan.com": "bsc",
    "nile.tronscan.org": "tron",
    "shasta.tronscan.org": "tron",
}

# Path words that come right before the value, per kind. Explorers disagree on the words.
_TX_WORDS = frozenset({"tx", "transaction", "transactions", "txs", "trx"})
_ADDRESS_WORDS = frozenset({"address", "account", "accounts", "addr", "wallet"})
# Path words that only say "test network" (mempool.space/testnet/tx/…).
_TESTNET_WORDS = frozenset({"testnet", "testnet4", "signet"})

# A scheme, or a dotted host followed by a path: "eosio.token" alone is an EOS account, not a link.
_URL_RE = re.compile(r"https?://\S+|(?:[a-z0-9-]+\.)+[a-z]{2,}[/#?]\S*", re.IGNORECASE)


def _host_network(host: str) -> tuple[str, bool] | None:
    host = host.lower().removeprefix("www.")
    if host in _TESTNET_HOSTS:
        return _TESTNET_HOSTS[host], True
    if host in _HOSTS:
        return _HOSTS[host], False
    return None


def looks_like_url(text: str) -> bool:
    """Whether ``text`` is shaped like a web link (scheme or a dotted host followed by a path)."""
    return bool(_URL_RE.fullmatch(text.strip()))


def explorer_link_parse(text: str) -> ExplorerLink | None:
    """The network, kind and value an explorer link points at, or None for any other text.

    Understands path links (``etherscan.io/tx/0x…``), fragment links
    (``tronscan.org/#/transaction/…``) and TON's bare address pages (``tonviewer.com/<address>``).
    """
    text = text.strip()
    if not looks_like_url(text):
        return None
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    found = _host_network(parts.hostname or "")
    if found is None:
        return None
    network, testnet = found
    # Fragment routers (tronscan) keep the route after "#"; treat it like a path.
    segments = [s for s in f"{parts.path}/{parts.fragment}".split("/") if s]
    if any(s.lower() in _TESTNET_WORDS for s in segments):
        testnet = True
    for index, segment in enumerate(segments[:-1]):
        word = segment.lower()
        kind = LinkKind.TX if word in _TX_WORDS else None
        if word in _ADDRESS_WORDS:
            kind = LinkKind.ADDRESS
        if kind is not None:
            value = segments[index + 1].split("?")[0]
            return ExplorerLink(network, kind, value, parts.hostname or "", testnet)
    if network == "ton" and len(segments) == 1:
        return ExplorerLink(network, LinkKind.ADDRESS, segments[0], parts.hostname or "", testnet)
    return None

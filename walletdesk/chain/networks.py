"""The networks a ticket can name. Slugs are stable identifiers shared with the API.

Each network says which address family it belongs to (that decides how an address or a
transaction hash is checked, see ``formats.py``), which assets users move on it, where its
public explorer shows a transaction or an address, and whether deposits need a memo/tag.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Family(StrEnum):
    """How addresses and transaction hashes are written on a network."""

    EVM = "evm"
    BITCOIN = "bitcoin"
    TRON = "tron"
    SOLANA = "solana"
    # Exchange-style networks where a deposit also needs a memo, tag or comment.
    MEMO = "memo"
    OTHER = "other"


@dataclass(frozen=True)
class Network:
    slug: str
    name: str | Promise
    native_asset: str
    family: Family = Family.OTHER
    # Assets users commonly move on this network, native asset first.
    assets: tuple[str, ...] = ()
    # Explorer links; "{}" is replaced by the transaction hash or the address.
    explorer_tx_url: str = ""
    explorer_address_url: str = ""
    # Deposits to exchanges on this network need a memo/tag besides the address.
    needs_memo: bool = False

    def tx_url(self, tx_hash: str) -> str:
        """The public explorer page of a transaction, or "" when there is none."""
        return self.explorer_tx_url.format(tx_hash) if self.explorer_tx_url and tx_hash else ""

    def address_url(self, address: str) -> str:
        """The public explorer page of an address, or "" when there is none."""
        if not (self.explorer_address_url and address):
            return ""
        return self.explorer_address_url.format(address)


_EVM_STABLES = ("USDT", "USDC")

NETWORKS: tuple[Network, ...] = (
    Network(
        "ethereum",
        _("Ethereum (ERC-20)"),
        "ETH",
        Family.EVM,
        ("ETH", *_EVM_STABLES, "DAI", "WBTC"),
        "https://etherscan.io/tx/{}",
        "https://etherscan.io/address/{}",
    ),
    Network(
        "tron",
        _("TRON (TRC-20)"),
        "TRX",
        Family.TRON,
        ("TRX", *_EVM_STABLES),
        "https://tronscan.org/#/transaction/{}",
        "https://tronscan.org/#/address/{}",
    ),
    Network(
        "bsc",
        _("BNB Smart Chain (BEP-20)"),
        "BNB",
        Family.EVM,
        ("BNB", *_EVM_STABLES),
        "https://bscscan.com/tx/{}",
        "https://bscscan.com/address/{}",
    ),
    Network(
        "bitcoin",
        _("Bitcoin"),
        "BTC",
        Family.BITCOIN,
        ("BTC",),
        "https://mempool.space/tx/{}",
        "https://mempool.space/address/{}",
    ),
    Network(
        "solana",
        _("Solana"),
        "SOL",
        Family.SOLANA,
        ("SOL", *_EVM_STABLES),
        "https://solscan.io/tx/{}",
        "https://solscan.io/account/{}",
    ),
    Network(
        "polygon",
        _("Polygon"),
        "POL",
        Family.EVM,
        ("POL", *_EVM_STABLES),
        "https://polygonscan.com/tx/{}",
        "https://polygonscan.com/address/{}",
    ),
    Network(
        "arbitrum",
        _("Arbitrum One"),
        "ETH",
        Family.EVM,
        ("ETH", *_EVM_STABLES, "ARB"),
        "https://arbiscan.io/tx/{}",
        "https://arbiscan.io/address/{}",
    ),
    Network(
        "optimism",
        _("OP Mainnet"),
        "ETH",
        Family.EVM,
        ("ETH", *_EVM_STABLES, "OP"),
        "https://optimistic.etherscan.io/tx/{}",
        "https://optimistic.etherscan.io/address/{}",
    ),
    Network(
        "base",
        _("Base"),
        "ETH",
        Family.EVM,
        ("ETH", "USDC", "USDT"),
        "https://basescan.org/tx/{}",
        "https://basescan.org/address/{}",
    ),
    Network(
        "ton",
        _("TON"),
        "TON",
        Family.MEMO,
        ("TON", "USDT"),
        "https://tonviewer.com/transaction/{}",
        "https://tonviewer.com/{}",
        needs_memo=True,
    ),
    Network(
        "xrp",
        _("XRP Ledger"),
        "XRP",
        Family.MEMO,
        ("XRP",),
        "https://xrpscan.com/tx/{}",
        "https://xrpscan.com/account/{}",
        needs_memo=True,
    ),
    Network(
        "cosmos",
        _("Cosmos Hub"),
        "ATOM",
        Family.MEMO,
        ("ATOM",),
        "https://www.mintscan.io/cosmos/tx/{}",
        "https://www.mintscan.io/cosmos/address/{}",
        needs_memo=True,
    ),
    Network(
        "eos",
        _("EOS"),
        "EOS",
        Family.MEMO,
        ("EOS",),
        "https://bloks.io/transaction/{}",
        "https://bloks.io/account/{}",
        needs_memo=True,
    ),
    Network("other", _("Other network"), "", Family.OTHER),
)

BY_SLUG = {network.slug: network for network in NETWORKS}

COMMON_ASSETS: tuple[str, ...] = ("USDT", "USDC", "ETH", "BTC", "TRX", "BNB", "SOL", "POL")


def network_choices() -> list[tuple[str, str | Promise]]:
    return [(network.slug, network.name) for network in NETWORKS]


def network_name(slug: str) -> str:
    network = BY_SLUG.get(slug)
    return str(network.name) if network else slug


def networks_in_family(family: Family) -> tuple[Network, ...]:
    """Every network whose addresses are written the way ``family`` writes them."""
    return tuple(network for network in NETWORKS if network.family == family)


def assets_for(slug: str) -> tuple[str, ...]:
    """The assets users commonly move on a network; the common list when it is unknown."""
    network = BY_SLUG.get(slug)
    return network.assets if network and network.assets else COMMON_ASSETS

"""The networks a ticket can name. Slugs are stable identifiers shared with the API."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Network:
    slug: str
    name: str | Promise
    native_asset: str


NETWORKS: tuple[Network, ...] = (
    Network("ethereum", "Ethereum (ERC-20)", "ETH"),
    Network("tron", "TRON (TRC-20)", "TRX"),
    Network("bsc", "BNB Smart Chain (BEP-20)", "BNB"),
    Network("bitcoin", "Bitcoin", "BTC"),
    Network("solana", "Solana", "SOL"),
    Network("polygon", "Polygon", "POL"),
    Network("arbitrum", "Arbitrum One", "ETH"),
    Network("optimism", "OP Mainnet", "ETH"),
    Network("base", "Base", "ETH"),
    Network("other", _("Other network"), ""),
)

BY_SLUG = {network.slug: network for network in NETWORKS}

COMMON_ASSETS: tuple[str, ...] = ("USDT", "USDC", "ETH", "BTC", "TRX", "BNB", "SOL", "POL")


def network_choices() -> list[tuple[str, str | Promise]]:
    return [(network.slug, network.name) for network in NETWORKS]


def network_name(slug: str) -> str:
    network = BY_SLUG.get(slug)
    return str(network.name) if network else slug

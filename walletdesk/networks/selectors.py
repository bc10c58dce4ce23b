"""Reads of the network catalogue: the one list of networks and assets a ticket can name.

Forms, the intake check, the API and explorer-link recognition all read it here, so a network
an admin adds or edits reaches every one of them without a code change. The catalogue is small
and read on every ticket form and intake check, so it is cached (core/catalogues.py) and dropped
whenever an admin saves a network or an asset (signals.py).
"""

from walletdesk.core.catalogues import Catalogue
from walletdesk.networks.models import Network

# Suggested before a network is chosen, or for a network that names no assets: what users
# move most, stablecoins first.
COMMON_ASSETS: tuple[str, ...] = ("USDT", "USDC", "ETH", "BTC", "TRX", "BNB", "SOL", "POL")


def _load() -> dict[str, Network]:
    networks = list(Network.objects.prefetch_related("assets"))
    for network in networks:
        # Plain tuples survive the cache; the prefetch cache is dropped on pickling.
        network.asset_symbols = tuple(a.symbol for a in network.assets.all())
    return {network.slug: network for network in networks}


_catalogue = Catalogue("networks", _load)


def network_catalogue_forget() -> None:
    """Drop the cached catalogue everywhere; the next read goes to the database."""
    _catalogue.forget()


def network_list() -> list[Network]:
    """Every network, retired ones too, in admin order. Cached, see module doc."""
    return list(_catalogue.get().values())


def network_list_active() -> list[Network]:
    """Active networks in admin order, each with ``asset_symbols``. Cached, see module doc."""
    return [n for n in _catalogue.get().values() if n.is_active]


def network_get(slug: str) -> Network | None:
    """The network with this slug (active or not: old tickets name retired ones), or None."""
    return _catalogue.get().get((slug or "").strip().lower())


def network_name(slug: str) -> str:
    """The network's name in the current language; the slug itself when it is unknown."""
    network = network_get(slug)
    return network.name if network else slug


def asset_symbols_for(slug: str) -> tuple[str, ...]:
    """The assets offered for a network, native first; the common list for an unknown one, or
    for one that names no assets."""
    network = network_get(slug)
    symbols: tuple[str, ...] = getattr(network, "asset_symbols", ()) if network else ()
    return symbols or COMMON_ASSETS


def network_tx_url(slug: str, tx_hash: str) -> str:
    """The public explorer page of a transaction on a network, or "" when there is none."""
    network = network_get(slug)
    return network.tx_url(tx_hash) if network else ""


def network_address_url(slug: str, address: str) -> str:
    """The public explorer page of an address on a network, or "" when there is none."""
    network = network_get(slug)
    return network.address_url(address) if network else ""

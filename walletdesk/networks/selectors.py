"""Reads of the network catalogue.

The catalogue is small and read on every ticket form and intake check, so it is cached
(Django cache) and dropped whenever an admin saves a network or an asset (signals.py).
"""

from walletdesk.chain.networks import COMMON_ASSETS
from walletdesk.core.catalogues import Catalogue
from walletdesk.networks.models import Network


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


def network_list_active() -> list[Network]:
    """Active networks in admin order, each with ``asset_symbols``. Cached, see module doc."""
    return [n for n in _catalogue.get().values() if n.is_active]


def network_get(slug: str) -> Network | None:
    """The network with this slug (active or not: old tickets name retired ones), or None."""
    return _catalogue.get().get((slug or "").strip().lower())


def asset_symbols_for(slug: str) -> tuple[str, ...]:
    """The assets offered for a network, native first; the common list for an unknown one."""
    network = network_get(slug)
    symbols: tuple[str, ...] = getattr(network, "asset_symbols", ()) if network else ()
    return symbols or COMMON_ASSETS

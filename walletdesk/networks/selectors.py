"""Reads of the network catalogue.

The catalogue is small and read on every ticket form and intake check, so it is cached
(Django cache) and dropped whenever an admin saves a network or an asset (signals.py).
"""

from django.core.cache import cache

from walletdesk.chain.networks import COMMON_ASSETS
from walletdesk.networks.models import Network

_CACHE_KEY = "networks:catalogue:v1"
_CACHE_FOR = 300


def _catalogue() -> dict[str, Network]:
    found = cache.get(_CACHE_KEY)
    if found is None:
        networks = list(Network.objects.prefetch_related("assets"))
        for network in networks:
            # Plain tuples survive the cache; the prefetch cache is dropped on pickling.
            network.asset_symbols = tuple(a.symbol for a in network.assets.all())
        found = {network.slug: network for network in networks}
        cache.set(_CACHE_KEY, found, _CACHE_FOR)
    return found


def network_catalogue_forget() -> None:
    """Drop the cached catalogue; the next read goes to the database."""
    cache.delete(_CACHE_KEY)


def network_list_active() -> list[Network]:
    """Active networks in admin order, each with ``asset_symbols``. Cached, see module doc."""
    return [n for n in _catalogue().values() if n.is_active]


def network_get(slug: str) -> Network | None:
    """The network with this slug (active or not: old tickets name retired ones), or None."""
    return _catalogue().get((slug or "").strip().lower())


def asset_symbols_for(slug: str) -> tuple[str, ...]:
    """The assets offered for a network, native first; the common list for an unknown one."""
    network = network_get(slug)
    symbols: tuple[str, ...] = getattr(network, "asset_symbols", ()) if network else ()
    return symbols or COMMON_ASSETS

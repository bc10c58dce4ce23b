"""Reads of the network catalogue.

The catalogue is small and read on every ticket form and intake check, so it is cached
(Django cache) and dropped whenever an admin saves a network or an asset (signals.py).
"""

import time
import uuid
from typing import Any

from django.core.cache import cache

from walletdesk.chain.networks import COMMON_ASSETS
from walletdesk.networks.models import Network

_CACHE_KEY = "networks:catalogue:v1"
_VERSION_KEY = "networks:catalogue:version"
_CACHE_FOR = 300

# This process's unpickled copy, valid while the shared version key is unchanged. A request
# reads the catalogue several times (form, validators, intake); unpickling model rows from
# Redis each time cost more than the rest of a ticket submission.
# The shared version is asked at most once a second per process: an admin's change reaches
# every worker within that second.
_LOCAL_FOR = 1.0
_local: dict[str, Any] = {"version": None, "catalogue": None, "checked_at": 0.0}


def _catalogue() -> dict[str, Network]:
    now = time.monotonic()
    if _local["catalogue"] is not None and now - _local["checked_at"] < _LOCAL_FOR:
        return _local["catalogue"]  # type: ignore[no-any-return]
    version = cache.get(_VERSION_KEY)
    if version is not None and version == _local["version"]:
        _local["checked_at"] = now
        return _local["catalogue"]  # type: ignore[no-any-return]
    found = cache.get(_CACHE_KEY) if version is not None else None
    if found is None:
        networks = list(Network.objects.prefetch_related("assets"))
        for network in networks:
            # Plain tuples survive the cache; the prefetch cache is dropped on pickling.
            network.asset_symbols = tuple(a.symbol for a in network.assets.all())
        found = {network.slug: network for network in networks}
        version = uuid.uuid4().hex
        cache.set_many({_CACHE_KEY: found, _VERSION_KEY: version}, _CACHE_FOR)
    _local.update(version=version, catalogue=found, checked_at=now)
    return found


def network_catalogue_forget() -> None:
    """Drop the cached catalogue everywhere; the next read goes to the database."""
    cache.delete_many([_CACHE_KEY, _VERSION_KEY])
    _local.update(version=None, catalogue=None, checked_at=0.0)


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

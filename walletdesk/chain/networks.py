"""What a format check needs to know about a network, without knowing which networks exist.

The networks a ticket can name are data: the networks app keeps them in the database and
passes them in. Here are only the address families (they decide how an address or a
transaction hash is checked, see ``formats.py``), the shape of a network as the checks read
it, and the fallback used when no network is chosen.
"""

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

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


class NetworkLike(Protocol):
    """What the checks read of a network. A row of the networks app fits, so a chain added in
    the admin is checked by its family and its explorer links are recognised without a code
    change. Explorer links are templates where "{}" stands for the hash or the address."""

    @property
    def slug(self) -> str: ...

    @property
    def name(self) -> str | Promise: ...

    @property
    def family(self) -> str: ...

    @property
    def explorer_tx_url(self) -> str: ...

    @property
    def explorer_address_url(self) -> str: ...


@dataclass(frozen=True)
class ShapeOnlyNetwork:
    """A network held in code rather than in the catalogue: the shape-only fallback below."""

    slug: str
    name: str | Promise
    family: str
    explorer_tx_url: str = ""
    explorer_address_url: str = ""


# What a value is checked against when the user chose no network, or one we do not know: its
# shape only. It is a way of checking, not a chain, so it does not depend on the catalogue (an
# admin may rename or retire the catalogue's own "other" row without changing the checks).
OTHER_NETWORK = ShapeOnlyNetwork("other", _("Other network"), Family.OTHER.value)

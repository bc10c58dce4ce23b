"""Address and transaction-hash checks against the network catalogue.

``chain.formats`` knows how values are written; this module gives it the networks: the one the
user chose (by slug or row) and the catalogue a pasted explorer link is recognised from. Links
are read against every network, retired ones too (their explorers still show real transfers,
and "this link is from another network's explorer" helps more than "unknown link"); guesses
name only the networks a user can choose.
Without a chosen network, or with one the catalogue does not know, values are checked for their
shape only (``chain.networks.OTHER_NETWORK``).
"""

from walletdesk.chain.formats import FormatCheck, Match, validate_address_for, validate_tx_hash_for
from walletdesk.chain.formats import guess_network as _guess_network
from walletdesk.chain.networks import OTHER_NETWORK, NetworkLike
from walletdesk.networks.selectors import network_get, network_list, network_list_active


def _chosen(network: NetworkLike | str | None) -> NetworkLike:
    if isinstance(network, str):
        return network_get(network) or OTHER_NETWORK
    return network or OTHER_NETWORK


def validate_address(network: NetworkLike | str | None, text: str) -> FormatCheck:
    """Check that ``text`` is an address on ``network`` (a catalogue row or a slug).

    Returns a FormatCheck; never raises for bad input. No network, or an unknown slug, is
    checked as "other" (shape only). Reads the cached catalogue.
    """
    return validate_address_for(_chosen(network), text, networks=network_list())


def validate_tx_hash(network: NetworkLike | str | None, text: str) -> FormatCheck:
    """Check that ``text`` is a transaction hash (TxID) on ``network`` (a row or a slug).

    Returns a FormatCheck; never raises for bad input. No network, or an unknown slug, is
    checked as "other" (shape only). Reads the cached catalogue.
    """
    return validate_tx_hash_for(_chosen(network), text, networks=network_list())


def guess_network(text: str) -> list[Match]:
    """Every reading of ``text`` as an address or a transaction hash, with the slugs of the
    active networks it fits. Reads the cached catalogue."""
    return _guess_network(text, networks=network_list_active())

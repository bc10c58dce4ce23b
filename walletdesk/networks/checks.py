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


class FormatChecks:
    """Address and transaction-hash checks of one submission, each made once.

    The form reads a value against its network, and the intake check of the same submission
    reads the value the form kept: usually the very text it was given, on the very network, so
    the answer is already known. A check is a function of the network the value is checked
    against (as ``validate_address`` and ``validate_tx_hash`` choose it), the text and the
    catalogue; this keeps each answer by the first two, for one submission only (the catalogue
    does not change under it). A miss is a check made as before.
    """

    def __init__(self) -> None:
        # (kind, slug, text) -> the network checked against and the answer: a hit needs the
        # same network object, not only its slug (a catalogue row may share "other" with the
        # shape-only network).
        self._made: dict[tuple[str, str, str], tuple[NetworkLike, FormatCheck]] = {}

    def address(self, network: NetworkLike | str | None, text: str) -> FormatCheck:
        return self._check("address", network, text)

    def tx_hash(self, network: NetworkLike | str | None, text: str) -> FormatCheck:
        return self._check("tx_hash", network, text)

    def _check(self, kind: str, network: NetworkLike | str | None, text: str) -> FormatCheck:
        chosen = _chosen(network)
        key = (kind, chosen.slug, text)
        made = self._made.get(key)
        if made is not None and made[0] is chosen:
            return made[1]
        validate = validate_address if kind == "address" else validate_tx_hash
        check = validate(chosen, text)
        self._made[key] = (chosen, check)
        return check


def guess_network(text: str) -> list[Match]:
    """Every reading of ``text`` as an address or a transaction hash, with the slugs of the
    active networks it fits. Reads the cached catalogue."""
    return _guess_network(text, networks=network_list_active())

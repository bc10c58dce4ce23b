"""Look a ticket's transaction up on its chain, for the agent.

``transaction_lookup`` asks the network's JSON-RPC endpoint (EVM networks) for the
transaction, its receipt and the chain head in one batched request, and answers with a
``LookupResult``: found or not, pending / succeeded / failed, confirmations, parties, value,
fee and ERC-20 transfers, with explorer links.

It never raises. An endpoint that is missing, refuses, answers slowly or answers nonsense
gives a result in state ``unavailable`` within ``ONCHAIN_LOOKUP_TIMEOUT_FOR`` seconds; the
console loads the block after the page (static/js/onchain.js), so nothing waits on a chain.

Results are cached (Django cache): final ones for longer, pending / not found / unavailable
briefly, so a transaction that is about to land shows up soon and a dead endpoint is not
asked again by every page view.
"""

import hashlib
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Protocol

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from walletdesk.chain.clients import Call, JsonRpcClient, RpcError
from walletdesk.chain.evm import (
    EvmDecodeError,
    EvmTransaction,
    TxState,
    quantity,
    units_to_decimal,
)
from walletdesk.chain.evm import transaction_decode as evm_transaction_decode
from walletdesk.chain.networks import Family

logger = logging.getLogger(__name__)

# Seconds. Overridable in settings; the default keeps an agent's wait for the block short.
DEFAULT_TIMEOUT_FOR = 3.0
# How long results stay cached, by how likely they are to change soon.
FINAL_CACHE_FOR = 600
PENDING_CACHE_FOR = 15
UNAVAILABLE_CACHE_FOR = 10

_CACHE_VERSION = "v1"
_EVM_HASH = re.compile(r"^(?:0x)?([0-9a-f]{64})$")


class NetworkLike(Protocol):
    """What the lookup needs of a network (walletdesk.networks.models.Network has it)."""

    slug: str
    family: str
    native_asset: str
    rpc_url: str
    explorer_tx_url: str
    explorer_address_url: str


class LookupState(StrEnum):
    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    NOT_FOUND = "not_found"
    # The endpoint is down, slow, or answered something we cannot read.
    UNAVAILABLE = "unavailable"
    # Not an EVM network, no endpoint configured, or no hash to look up.
    UNSUPPORTED = "unsupported"


_FROM_TX_STATE = {
    TxState.PENDING: LookupState.PENDING,
    TxState.SUCCEEDED: LookupState.SUCCEEDED,
    TxState.FAILED: LookupState.FAILED,
}


@dataclass(frozen=True)
class Party:
    """An address with its explorer link ("" when the network has no explorer)."""

    address: str
    url: str


@dataclass(frozen=True)
class TokenTransferRow:
    token: Party
    from_party: Party
    to_party: Party
    # In the token's base units; ``amount`` is scaled when the network lists the token.
    raw_amount: int
    symbol: str = ""
    amount: Decimal | None = None


@dataclass(frozen=True)
class LookupResult:
    state: LookupState
    network_slug: str
    tx_hash: str
    checked_at: datetime
    native_asset: str = ""
    tx_url: str = ""
    transaction: EvmTransaction | None = None
    from_party: Party | None = None
    to_party: Party | None = None
    contract_party: Party | None = None
    token_transfers: tuple[TokenTransferRow, ...] = field(default=())

    @property
    def found(self) -> bool:
        return self.transaction is not None

    @property
    def is_final(self) -> bool:
        return self.state in (LookupState.SUCCEEDED, LookupState.FAILED)


def transaction_hash_normalise(tx_hash: str) -> str:
    """``0x`` + 64 lower-case hex digits, or "" when it is not an EVM transaction hash."""
    match = _EVM_HASH.match((tx_hash or "").strip().lower())
    return "0x" + match.group(1) if match else ""


def transaction_lookup(network: NetworkLike | None, tx_hash: str) -> LookupResult:
    """The state of ``tx_hash`` on ``network``, from the cache or the network's endpoint.

    Never raises: an unusable endpoint gives state ``unavailable``; a network we cannot ask
    (unknown, not EVM, no endpoint) or a value that is not an EVM hash gives ``unsupported``.

    Side effects: at most one HTTP request (a JSON-RPC batch), bounded by
    ``settings.ONCHAIN_LOOKUP_TIMEOUT_FOR``; writes the result to the cache.
    """
    normalised = transaction_hash_normalise(tx_hash)
    if network is None:
        return LookupResult(LookupState.UNSUPPORTED, "", (tx_hash or "").strip(), timezone.now())
    if not _supported(network) or not normalised:
        return _result(network, normalised or (tx_hash or "").strip(), LookupState.UNSUPPORTED)
    cached = transaction_lookup_cached(network, normalised)
    if cached is not None:
        return cached
    try:
        result = _ask(network, normalised)
    except (RpcError, EvmDecodeError) as error:
        # Neither the URL (it may hold an API key) nor the hash goes to the log.
        logger.warning("on-chain lookup on %s unavailable: %s", network.slug, type(error).__name__)
        result = _result(network, normalised, LookupState.UNAVAILABLE)
    except Exception:
        # A bug here must not take the ticket page down with it; the log keeps the trace.
        logger.exception("on-chain lookup on %s failed", network.slug)
        result = _result(network, normalised, LookupState.UNAVAILABLE)
    _cache_set(network, normalised, result)
    return result


def transaction_lookup_cached(network: NetworkLike | None, tx_hash: str) -> LookupResult | None:
    """The cached result for ``tx_hash`` on ``network``, or None. Never asks the chain."""
    normalised = transaction_hash_normalise(tx_hash)
    if network is None or not _supported(network) or not normalised:
        return None
    try:
        found = cache.get(_cache_key(network, normalised))
    except Exception:
        # A cache outage (Redis down) costs a lookup, not the page.
        logger.warning("on-chain lookup cache unreadable", exc_info=True)
        return None
    return found if isinstance(found, LookupResult) else None


def lookup_supported(network: NetworkLike | None, tx_hash: str) -> bool:
    """Whether a lookup can be tried: an EVM network with an endpoint and an EVM hash."""
    return network is not None and _supported(network) and bool(transaction_hash_normalise(tx_hash))


# --- internals --------------------------------------------------------------------------------


def _supported(network: NetworkLike) -> bool:
    return network.family == Family.EVM and bool(network.rpc_url)


def _timeout_for() -> float:
    return float(getattr(settings, "ONCHAIN_LOOKUP_TIMEOUT_FOR", DEFAULT_TIMEOUT_FOR))


def _ask(network: NetworkLike, tx_hash: str) -> LookupResult:
    timeout = _timeout_for()
    client = JsonRpcClient(
        network.rpc_url,
        connect_timeout=min(1.5, timeout),
        read_timeout=timeout,
        deadline_for=timeout,
    )
    # One round trip: a batch of the three calls. The head is read in the same batch so the
    # confirmations match the receipt as closely as the endpoint allows.
    transaction, receipt, head = client.batch(
        [
            Call("eth_getTransactionByHash", [tx_hash]),
            Call("eth_getTransactionReceipt", [tx_hash]),
            Call("eth_blockNumber"),
        ]
    )
    if transaction is None:
        return _result(network, tx_hash, LookupState.NOT_FOUND)
    decoded = evm_transaction_decode(transaction, receipt, quantity(head))
    tokens = _known_tokens(network)
    return LookupResult(
        state=_FROM_TX_STATE[decoded.state],
        network_slug=network.slug,
        tx_hash=tx_hash,
        checked_at=timezone.now(),
        native_asset=network.native_asset,
        tx_url=_link(network.explorer_tx_url, tx_hash),
        transaction=decoded,
        from_party=_party(network, decoded.from_address),
        to_party=_party(network, decoded.to_address) if decoded.to_address else None,
        contract_party=(
            _party(network, decoded.contract_address) if decoded.contract_address else None
        ),
        token_transfers=tuple(
            _token_row(network, t.token, t.from_address, t.to_address, t.amount, tokens)
            for t in decoded.token_transfers
        ),
    )


def _known_tokens(network: NetworkLike) -> dict[str, tuple[str, int]]:
    """Token contract (lower case) -> (symbol, decimals) from the network's asset list."""
    assets = getattr(network, "assets", None)
    if assets is None or not getattr(network, "pk", None):
        return {}
    return {
        asset.contract.lower(): (asset.symbol, asset.decimals)
        for asset in assets.all()
        if asset.contract
    }


def _token_row(
    network: NetworkLike,
    token: str,
    from_address: str,
    to_address: str,
    raw_amount: int,
    tokens: dict[str, tuple[str, int]],
) -> TokenTransferRow:
    symbol, decimals = tokens.get(token.lower(), ("", -1))
    return TokenTransferRow(
        token=_party(network, token),
        from_party=_party(network, from_address),
        to_party=_party(network, to_address),
        raw_amount=raw_amount,
        symbol=symbol,
        amount=units_to_decimal(raw_amount, decimals) if decimals >= 0 else None,
    )


def _party(network: NetworkLike, address: str) -> Party:
    return Party(address=address, url=_link(network.explorer_address_url, address))


def _link(template: str, value: str) -> str:
    # Only web links: the template is admin data and ends up in an href.
    if not (value and "{}" in template and template.startswith(("https://", "http://"))):
        return ""
    return template.replace("{}", value)


def _result(network: NetworkLike, tx_hash: str, state: LookupState) -> LookupResult:
    return LookupResult(
        state=state,
        network_slug=network.slug,
        tx_hash=tx_hash,
        checked_at=timezone.now(),
        native_asset=network.native_asset,
        tx_url=_link(network.explorer_tx_url, tx_hash) if tx_hash else "",
    )


def _cache_key(network: NetworkLike, tx_hash: str) -> str:
    # The endpoint is part of the key so pointing a network at another node (say, after a
    # fork or an outage) is not answered from the old node's results. Hashed: it may hold a key.
    endpoint = hashlib.sha256(network.rpc_url.encode()).hexdigest()[:16]
    return f"onchain:{_CACHE_VERSION}:{network.slug}:{endpoint}:{tx_hash}"


def _cache_set(network: NetworkLike, tx_hash: str, result: LookupResult) -> None:
    if result.is_final:
        timeout = FINAL_CACHE_FOR
    elif result.state == LookupState.UNAVAILABLE:
        timeout = UNAVAILABLE_CACHE_FOR
    else:
        timeout = PENDING_CACHE_FOR
    try:
        cache.set(_cache_key(network, tx_hash), result, timeout)
    except Exception:
        logger.warning("on-chain lookup cache unwritable", exc_info=True)

"""Turn raw EVM JSON-RPC answers into what an agent reads. Pure: no network, no Django.

Input is what ``eth_getTransactionByHash``, ``eth_getTransactionReceipt`` and ``eth_blockNumber``
return (hex quantities, hex data, lower-case or checksummed addresses). Output is a frozen
``EvmTransaction``: state (pending / succeeded / failed), confirmations, from, to, value in the
network's native asset, fee and decoded ERC-20 ``Transfer`` logs.

Nodes are not trusted to be well-formed: anything that does not parse raises ``EvmDecodeError``
so the caller can show "unavailable" instead of a wrong answer.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from enum import StrEnum
from typing import Any

from eth_utils.address import to_checksum_address

# keccak256("Transfer(address,address,uint256)"): ERC-20 and ERC-721 share it; ERC-721 indexes
# the token id as a fourth topic, which is how the two are told apart.
TRANSFER_TOPIC = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"


class EvmDecodeError(ValueError):
    """A node's answer does not have the shape the JSON-RPC specification gives it."""


class TxState(StrEnum):
    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


@dataclass(frozen=True)
class TokenTransfer:
    """One ERC-20 ``Transfer`` log. ``amount`` is in the token's base units (no decimals)."""

    token: str
    from_address: str
    to_address: str
    amount: int
    log_index: int


@dataclass(frozen=True)
class EvmTransaction:
    tx_hash: str
    state: TxState
    block_number: int | None
    confirmations: int
    from_address: str
    # None when the transaction created a contract; ``contract_address`` then says which.
    to_address: str | None
    contract_address: str | None
    value_wei: int
    # None while pending: the fee is only known once a receipt exists.
    fee_wei: int | None
    token_transfers: tuple[TokenTransfer, ...]

    @property
    def value(self) -> Decimal:
        """The value in the network's native asset (ETH, BNB, POL ...)."""
        return wei_to_ether(self.value_wei)

    @property
    def fee(self) -> Decimal | None:
        return None if self.fee_wei is None else wei_to_ether(self.fee_wei)


def quantity(value: Any) -> int:
    """A JSON-RPC QUANTITY ("0x1a") as an int."""
    if not isinstance(value, str) or not value.startswith(("0x", "0X")) or len(value) > 66:
        raise EvmDecodeError("not a hex quantity")
    try:
        return int(value, 16)
    except ValueError as error:
        raise EvmDecodeError("not a hex quantity") from error


def data_bytes(value: Any) -> bytes:
    """JSON-RPC DATA ("0x…", even length) as bytes."""
    if not isinstance(value, str) or not value.startswith(("0x", "0X")):
        raise EvmDecodeError("not hex data")
    try:
        return bytes.fromhex(value[2:])
    except ValueError as error:
        raise EvmDecodeError("not hex data") from error


def address(value: Any) -> str:
    """A 20-byte address, EIP-55 checksummed so it matches what explorers print."""
    raw = data_bytes(value)
    if len(raw) != 20:
        raise EvmDecodeError("not a 20-byte address")
    return to_checksum_address(raw)


def _topic_address(topic: Any) -> str:
    # Indexed addresses are left-padded to 32 bytes; the address is the low 20.
    raw = data_bytes(topic)
    if len(raw) != 32:
        raise EvmDecodeError("a topic is 32 bytes")
    return to_checksum_address(raw[12:])


def units_to_decimal(raw: int, decimals: int) -> Decimal:
    """``raw`` base units of an asset with ``decimals`` places, exactly.

    Token supplies reach 30+ digits; the default 28-digit context would round them.
    """
    if not raw:
        return Decimal(0)
    with localcontext() as context:
        context.prec = 100
        # normalize() drops trailing zeros but writes 10 as 1E+1; going through "f" keeps the
        # plain digits people read.
        return Decimal(format(Decimal(raw).scaleb(-decimals).normalize(), "f"))


def wei_to_ether(wei: int) -> Decimal:
    return units_to_decimal(wei, 18)


def receipt_state(receipt: Mapping[str, Any] | None) -> TxState:
    """Pending without a receipt; otherwise the receipt's ``status`` (EIP-658): 1 ok, 0 failed."""
    if receipt is None:
        return TxState.PENDING
    status = receipt.get("status")
    if status is None:
        # Receipts from before Byzantium (2017) carry a state root instead of a status; the
        # chains we support have no such transactions a user could still ask about.
        raise EvmDecodeError("receipt without status")
    return TxState.SUCCEEDED if quantity(status) == 1 else TxState.FAILED


def confirmations(block_number: int | None, head: int) -> int:
    """Blocks on top of the transaction's block, counting that block itself as the first."""
    if block_number is None or head < block_number:
        # A load-balanced endpoint can answer the receipt from a node one block ahead of the
        # node that answered eth_blockNumber; the transaction is in a block all the same.
        return 0 if block_number is None else 1
    return head - block_number + 1


def fee_wei(transaction: Mapping[str, Any], receipt: Mapping[str, Any]) -> int:
    """gasUsed × effectiveGasPrice. Nodes from before London (EIP-1559) have no
    ``effectiveGasPrice`` in receipts; then the transaction's ``gasPrice`` is what was paid."""
    gas_used = quantity(receipt.get("gasUsed"))
    price = receipt.get("effectiveGasPrice")
    if price is None:
        price = transaction.get("gasPrice")
    return gas_used * quantity(price)


def transfer_log_decode(log: Mapping[str, Any]) -> TokenTransfer | None:
    """An ERC-20 ``Transfer(from, to, value)`` log, or None for any other log.

    Only logs with exactly three topics (the signature and two indexed addresses) and a
    32-byte ``data`` (the amount) count: ERC-721 transfers have four topics and no data.
    """
    topics = log.get("topics") or []
    if not isinstance(topics, Sequence) or len(topics) != 3:
        return None
    if not isinstance(topics[0], str) or topics[0].lower() != TRANSFER_TOPIC:
        return None
    data = data_bytes(log.get("data", "0x"))
    if len(data) != 32:
        return None
    return TokenTransfer(
        token=address(log.get("address")),
        from_address=_topic_address(topics[1]),
        to_address=_topic_address(topics[2]),
        amount=int.from_bytes(data, "big"),
        log_index=quantity(log.get("logIndex", "0x0")),
    )


def transaction_decode(
    transaction: Mapping[str, Any],
    receipt: Mapping[str, Any] | None,
    head: int,
) -> EvmTransaction:
    """Combine a transaction, its receipt (None while pending) and the chain head.

    Raises EvmDecodeError when a field is missing or malformed.
    """
    if not isinstance(transaction, Mapping) or (
        receipt is not None and not isinstance(receipt, Mapping)
    ):
        raise EvmDecodeError("not a JSON object")
    state = receipt_state(receipt)
    block_number = None
    fee = None
    transfers: tuple[TokenTransfer, ...] = ()
    contract_address = None
    if receipt is not None:
        block_number = quantity(receipt.get("blockNumber"))
        fee = fee_wei(transaction, receipt)
        logs = receipt.get("logs") or []
        if not isinstance(logs, Sequence):
            raise EvmDecodeError("logs is not a list")
        transfers = tuple(
            t for t in (transfer_log_decode(log) for log in logs if isinstance(log, Mapping)) if t
        )
        if receipt.get("contractAddress"):
            contract_address = address(receipt["contractAddress"])
    to = transaction.get("to")
    return EvmTransaction(
        tx_hash=str(transaction.get("hash", "")).lower(),
        state=state,
        block_number=block_number,
        confirmations=confirmations(block_number, head),
        from_address=address(transaction.get("from")),
        to_address=address(to) if to else None,
        contract_address=contract_address,
        value_wei=quantity(transaction.get("value")),
        fee_wei=fee,
        token_transfers=transfers,
    )

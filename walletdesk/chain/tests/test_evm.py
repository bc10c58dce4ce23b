"""EVM decoding and the JSON-RPC client, against a real in-process chain served on loopback."""

import time
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from walletdesk.chain.clients import Call, JsonRpcClient, RpcCallError, RpcUnavailable
from walletdesk.chain.evm import (
    TRANSFER_TOPIC,
    EvmDecodeError,
    EvmTransaction,
    TxState,
    confirmations,
    fee_wei,
    quantity,
    transaction_decode,
    transfer_log_decode,
    units_to_decimal,
    wei_to_ether,
)
from walletdesk.chain.tests.evm_node import (
    REVERTER_INIT,
    TRANSFER_EMITTER_INIT,
    EvmNode,
    SlowServer,
    closed_port_url,
    transfer_calldata,
)

ETHER = 10**18


@pytest.fixture
def node() -> Iterator[EvmNode]:
    chain = EvmNode()
    yield chain
    chain.close()


def _fetch(node: EvmNode, tx_hash: str) -> EvmTransaction | None:
    client = JsonRpcClient(node.url)
    transaction, receipt, head = client.batch(
        [
            Call("eth_getTransactionByHash", [tx_hash]),
            Call("eth_getTransactionReceipt", [tx_hash]),
            Call("eth_blockNumber"),
        ]
    )
    if transaction is None:
        return None
    return transaction_decode(transaction, receipt, quantity(head))


# --- against the chain ------------------------------------------------------------------------


def test_plain_transfer_succeeds_with_value_parties_and_fee(node: EvmNode) -> None:
    sender, recipient = node.accounts[0], node.accounts[1]
    tx_hash = node.send(to=recipient, value=ETHER * 3 // 2, gas=21_000)

    result = _fetch(node, tx_hash)

    assert result is not None
    assert result.state == TxState.SUCCEEDED
    assert result.tx_hash == tx_hash.lower()
    assert result.from_address == sender
    assert result.to_address == recipient
    assert result.value == Decimal("1.5")
    receipt = node.tester.get_transaction_receipt(tx_hash)
    assert result.fee_wei == 21_000 * receipt["effective_gas_price"]
    assert result.fee == Decimal(result.fee_wei) / ETHER
    assert result.block_number == receipt["block_number"]
    assert result.confirmations == 1
    assert result.token_transfers == ()


def test_confirmations_grow_as_blocks_are_mined(node: EvmNode) -> None:
    tx_hash = node.send(to=node.accounts[1], value=1, gas=21_000)
    before = _fetch(node, tx_hash)

    node.mine(5)
    after = _fetch(node, tx_hash)

    assert before is not None
    assert after is not None
    assert after.confirmations == before.confirmations + 5


def test_call_to_a_reverting_contract_fails_and_still_costs_a_fee(node: EvmNode) -> None:
    contract = node.deploy(REVERTER_INIT)
    tx_hash = node.send(to=contract, gas=100_000)

    result = _fetch(node, tx_hash)

    assert result is not None
    assert result.state == TxState.FAILED
    assert result.to_address == contract
    assert result.value == 0
    receipt = node.tester.get_transaction_receipt(tx_hash)
    assert receipt["status"] == 0
    assert result.fee_wei == receipt["gas_used"] * receipt["effective_gas_price"] > 0


def test_erc20_transfer_log_is_decoded(node: EvmNode) -> None:
    token = node.deploy(TRANSFER_EMITTER_INIT)
    sender, recipient = node.accounts[0], node.accounts[2]
    tx_hash = node.send(to=token, gas=100_000, data=transfer_calldata(recipient, 12_345_678))

    result = _fetch(node, tx_hash)

    assert result is not None
    assert result.state == TxState.SUCCEEDED
    assert len(result.token_transfers) == 1
    transfer = result.token_transfers[0]
    assert transfer.token == token
    assert transfer.from_address == sender
    assert transfer.to_address == recipient
    assert transfer.amount == 12_345_678
    assert transfer.log_index == 0


def test_contract_creation_has_no_recipient_but_a_contract_address(node: EvmNode) -> None:
    tx_hash = node.send(gas=200_000, data=REVERTER_INIT)

    result = _fetch(node, tx_hash)

    assert result is not None
    assert result.to_address is None
    assert (
        result.contract_address == node.tester.get_transaction_receipt(tx_hash)["contract_address"]
    )


def test_unknown_hash_is_not_found(node: EvmNode) -> None:
    assert _fetch(node, "0x" + "ab" * 32) is None


def test_transaction_in_the_pool_is_pending(node: EvmNode) -> None:
    with node.paused_mining():
        tx_hash = node.send(to=node.accounts[1], value=ETHER, gas=21_000)

        pending = _fetch(node, tx_hash)
        node.mine(1)
        mined = _fetch(node, tx_hash)

    assert pending is not None
    assert pending.state == TxState.PENDING
    assert pending.confirmations == 0
    assert pending.block_number is None
    assert pending.fee_wei is None
    assert pending.value == 1
    assert mined is not None
    assert mined.state == TxState.SUCCEEDED


# --- the client ---------------------------------------------------------------------------------


def test_single_call_returns_its_result(node: EvmNode) -> None:
    head = JsonRpcClient(node.url).call("eth_blockNumber")

    assert quantity(head) == node.tester.get_block_by_number("latest")["number"]
    assert node.requests == 1


def test_endpoint_without_batches_is_asked_call_by_call(node: EvmNode) -> None:
    node.batches = False
    tx_hash = node.send(to=node.accounts[1], value=1, gas=21_000)

    result = _fetch(node, tx_hash)

    assert result is not None
    assert result.state == TxState.SUCCEEDED
    assert node.requests == 4  # the refused batch, then one request per call


def test_json_rpc_error_is_raised_with_its_code(node: EvmNode) -> None:
    with pytest.raises(RpcCallError) as caught:
        JsonRpcClient(node.url).call("eth_noSuchMethod")

    assert caught.value.code == -32601


def test_refused_connection_is_unavailable_at_once() -> None:
    client = JsonRpcClient(closed_port_url(), connect_timeout=1, read_timeout=1, deadline_for=2)
    started = time.monotonic()

    with pytest.raises(RpcUnavailable):
        client.call("eth_blockNumber")

    assert time.monotonic() - started < 1


def test_slow_endpoint_is_unavailable_within_the_read_timeout() -> None:
    server = SlowServer(delay=10)
    client = JsonRpcClient(server.url, connect_timeout=1, read_timeout=0.5, deadline_for=2)
    started = time.monotonic()

    try:
        with pytest.raises(RpcUnavailable):
            client.call("eth_blockNumber")
        elapsed = time.monotonic() - started
    finally:
        server.close()

    assert 0.4 < elapsed < 1.5
    assert server.requests == 1


@pytest.mark.parametrize("url", ["", "ftp://127.0.0.1/", "http://127.0.0.1:notaport/", "nohost"])
def test_url_that_is_not_http_is_unavailable(url: str) -> None:
    with pytest.raises(RpcUnavailable):
        JsonRpcClient(url).call("eth_blockNumber")


def test_error_messages_never_contain_the_endpoint_url() -> None:
    # Endpoint URLs carry API keys; exceptions end up in logs.
    url = closed_port_url() + "v3/secret-api-key"

    with pytest.raises(RpcUnavailable) as caught:
        JsonRpcClient(url).call("eth_blockNumber")

    assert "secret-api-key" not in str(caught.value)


# --- pure decoding ------------------------------------------------------------------------------


def _log(**overrides: Any) -> dict[str, Any]:
    log = {
        "address": "0x" + "11" * 20,
        "topics": [TRANSFER_TOPIC, "0x" + "00" * 12 + "22" * 20, "0x" + "00" * 12 + "33" * 20],
        "data": "0x" + (5).to_bytes(32, "big").hex(),
        "logIndex": "0x2",
    }
    log.update(overrides)
    return log


def test_transfer_log_with_three_topics_is_an_erc20_transfer() -> None:
    transfer = transfer_log_decode(_log())

    assert transfer is not None
    assert transfer.amount == 5
    assert transfer.to_address.lower() == "0x" + "33" * 20
    assert transfer.log_index == 2


def test_erc721_transfer_with_four_topics_is_not_a_token_amount() -> None:
    log = _log(topics=[*_log()["topics"], "0x" + "00" * 31 + "07"], data="0x")

    assert transfer_log_decode(log) is None


def test_other_events_are_ignored() -> None:
    log = _log(topics=["0x" + "ab" * 32, *_log()["topics"][1:]])

    assert transfer_log_decode(log) is None


def test_fee_falls_back_to_gas_price_on_receipts_without_effective_price() -> None:
    assert fee_wei({"gasPrice": "0x3"}, {"gasUsed": "0x5208"}) == 21_000 * 3


def test_confirmations_never_go_negative_when_the_head_lags() -> None:
    assert confirmations(10, 9) == 1
    assert confirmations(None, 9) == 0
    assert confirmations(10, 12) == 3


@pytest.mark.parametrize("value", [None, 7, "12", "0xzz", "0x" + "f" * 80])
def test_malformed_quantity_is_refused(value: Any) -> None:
    with pytest.raises(EvmDecodeError):
        quantity(value)


def test_receipt_without_status_is_refused() -> None:
    transaction = {"hash": "0x01", "from": "0x" + "11" * 20, "to": None, "value": "0x0"}
    receipt = {"blockNumber": "0x1", "gasUsed": "0x1", "effectiveGasPrice": "0x1"}

    with pytest.raises(EvmDecodeError):
        transaction_decode(transaction, receipt, 1)


def test_wei_to_ether_is_exact() -> None:
    assert wei_to_ether(1) == Decimal("0.000000000000000001")
    assert wei_to_ether(123 * ETHER) == Decimal(123)
    assert wei_to_ether(0) == 0


def test_large_token_amounts_are_not_rounded() -> None:
    raw = 123_456_789_012_345_678_901_234_567_890_123

    assert units_to_decimal(raw, 18) == Decimal("123456789012345.678901234567890123")
    assert units_to_decimal(1_500_000, 6) == Decimal("1.5")
    assert str(units_to_decimal(10 * 10**18, 18)) == "10"
    assert str(units_to_decimal(1_500_000, 6)) == "1.5"

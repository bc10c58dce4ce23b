"""A real EVM chain for tests, served over JSON-RPC on 127.0.0.1.

``EvmNode`` runs eth-tester's py-evm backend in-process and answers the handful of JSON-RPC
methods our client uses, in the wire format real nodes use (hex quantities, camelCase keys),
so ``chain.clients`` talks HTTP to it exactly as it talks to a production endpoint. Tests send
real, signed transactions and mine real blocks through ``node.tester``.

``SlowServer`` accepts connections and never answers in time; ``closed_port_url`` names a port
nothing listens on. Both stand in for endpoints that are slow or down.

The contracts below are assembled by hand, one opcode per line, so the tests need no compiler.
"""

import json
import socket
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from eth_tester import EthereumTester, PyEVMBackend
from eth_tester.exceptions import BlockNotFound, TransactionNotFound

from walletdesk.chain.evm import TRANSFER_TOPIC

# --- hand-assembled contracts ---------------------------------------------------------------


def _deployer(runtime: str) -> str:
    """Init code that copies ``runtime`` (hex) into memory and returns it as the contract code.

    The constructor is 12 bytes long, so the runtime starts at code offset 0x0c.
    """
    size = len(runtime) // 2
    assert size < 256  # one PUSH1 byte holds the length
    constructor = (
        f"60{size:02x}"  # PUSH1 size       length of the runtime
        "600c"  # PUSH1 0x0c       where the runtime starts in this code
        "6000"  # PUSH1 0x00       memory destination
        "39"  # CODECOPY         memory[0:size] = code[0x0c:0x0c+size]
        f"60{size:02x}"  # PUSH1 size       return length
        "6000"  # PUSH1 0x00       return offset
        "f3"  # RETURN           the returned bytes become the contract's code
    )
    assert len(constructor) // 2 == 0x0C
    return "0x" + constructor + runtime


# Runtime that always reverts: every call to it fails with receipt status 0.
REVERT_RUNTIME = (
    "6000"  # PUSH1 0x00       revert data length
    "6000"  # PUSH1 0x00       revert data offset
    "fd"  # REVERT
)
REVERTER_INIT = _deployer(REVERT_RUNTIME)

# Runtime that emits an ERC-20 Transfer log: calldata is (address to, uint256 amount);
# the log says Transfer(from=caller, to, amount) with the contract as the token.
TRANSFER_RUNTIME = (
    "6020"  # PUSH1 0x20       calldata offset of the amount
    "35"  # CALLDATALOAD     [amount]
    "6000"  # PUSH1 0x00
    "52"  # MSTORE           memory[0:32] = amount (the log's data)
    "6000"  # PUSH1 0x00       calldata offset of the recipient
    "35"  # CALLDATALOAD     [to]                     -> topic 2
    "33"  # CALLER           [to, caller]             -> topic 1
    "7f"
    + TRANSFER_TOPIC[2:]  # PUSH32 topic0 [to, caller, topic0]
    + "6020"  # PUSH1 0x20       data length
    "6000"  # PUSH1 0x00       data offset
    "a3"  # LOG3             log(mem[0:32], topic0, caller, to)
    "00"  # STOP
)
TRANSFER_EMITTER_INIT = _deployer(TRANSFER_RUNTIME)


def transfer_calldata(to: str, amount: int) -> str:
    """Calldata for the Transfer emitter: the recipient and the amount, one word each."""
    return "0x" + bytes.fromhex(to[2:]).rjust(32, b"\0").hex() + amount.to_bytes(32, "big").hex()


# --- wire format ------------------------------------------------------------------------------

# eth-tester's key -> the JSON-RPC key, where snake_case -> camelCase is not enough.
_RENAMES = {"data": "input"}
# Keys that are not part of the JSON-RPC objects (eth-tester internals).
_DROP = {"state_root", "y_parity"}


def _camel(key: str) -> str:
    head, *rest = key.split("_")
    return head + "".join(word.title() for word in rest)


def _wire(value: Any, *, transaction: bool = False) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return hex(value)
    if isinstance(value, bytes):
        return "0x" + value.hex()
    if isinstance(value, list | tuple):
        return [_wire(v) for v in value]
    if isinstance(value, Mapping):
        out = {}
        for key, item in value.items():
            if key in _DROP:
                continue
            name = _RENAMES.get(key, key) if transaction else key
            out[_camel(name)] = _wire(item)
        return out
    return value


class EvmNode:
    """An eth-tester chain behind a JSON-RPC HTTP server on a free loopback port."""

    def __init__(self) -> None:
        self.tester = EthereumTester(PyEVMBackend())
        self.accounts: list[str] = list(self.tester.get_accounts())
        # Every HTTP request the server answered, so tests can prove a cache hit made none.
        self.requests = 0
        # Some hosted endpoints refuse JSON-RPC batches with one error object; False plays one.
        self.batches = True
        # eth-tester is not thread-safe; the HTTP server is.
        self._lock = threading.Lock()
        # JSON-RPC method -> handler; tests may replace one to play a broken node.
        self.handlers: dict[str, Callable[[list[Any]], Any]] = {
            "eth_blockNumber": lambda p: hex(self.tester.get_block_by_number("latest")["number"]),
            "eth_chainId": lambda p: hex(self.tester.backend.chain.chain_id),
            "eth_getTransactionByHash": self._transaction,
            "eth_getTransactionReceipt": self._receipt,
        }
        self._server = _serve(self._answer_factory())
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/"

    # -- chain helpers for tests --

    def send(self, **transaction: Any) -> str:
        """Sign and send a transaction from the first funded account unless told otherwise."""
        with self._lock:
            return str(self.tester.send_transaction({"from": self.accounts[0], **transaction}))

    def deploy(self, init_code: str) -> str:
        with self._lock:
            tx_hash = self.tester.send_transaction(
                {"from": self.accounts[0], "gas": 200_000, "data": init_code}
            )
            address = self.tester.get_transaction_receipt(tx_hash)["contract_address"]
        assert address
        return str(address)

    def mine(self, blocks: int = 1) -> None:
        with self._lock:
            self.tester.mine_blocks(blocks)

    @contextmanager
    def paused_mining(self) -> Iterator[None]:
        """Transactions sent inside stay in the pool (pending) until mined explicitly."""
        self.tester.disable_auto_mine_transactions()
        try:
            yield
        finally:
            self.tester.enable_auto_mine_transactions()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # -- JSON-RPC --

    def _transaction(self, params: list[Any]) -> Any:
        try:
            return _wire(self.tester.get_transaction_by_hash(params[0]), transaction=True)
        except TransactionNotFound:
            return None

    def _receipt(self, params: list[Any]) -> Any:
        try:
            receipt = self.tester.get_transaction_receipt(params[0])
        except (TransactionNotFound, BlockNotFound):
            return None
        # Pending transactions have a receipt-shaped stub in eth-tester; nodes answer null.
        if receipt is None or receipt.get("block_number") is None:
            return None
        return _wire(receipt)

    def _answer_factory(self) -> Callable[[bytes], bytes]:
        def one(request: Any) -> dict[str, Any]:
            method = request.get("method") if isinstance(request, dict) else None
            handler = self.handlers.get(str(method))
            rid = request.get("id") if isinstance(request, dict) else None
            if handler is None:
                error = {"code": -32601, "message": "method not found"}
                return {"jsonrpc": "2.0", "id": rid, "error": error}
            with self._lock:
                result = handler(list(request.get("params") or []))
            return {"jsonrpc": "2.0", "id": rid, "result": result}

        def answer(body: bytes) -> bytes:
            self.requests += 1
            payload = json.loads(body)
            if isinstance(payload, list) and not self.batches:
                error = {"code": -32600, "message": "batch requests are not supported"}
                return json.dumps({"jsonrpc": "2.0", "id": None, "error": error}).encode()
            reply = [one(r) for r in payload] if isinstance(payload, list) else one(payload)
            return json.dumps(reply).encode()

        return answer


# --- endpoints that misbehave -----------------------------------------------------------------


class SlowServer:
    """Accepts the request, then waits ``delay`` seconds before answering (or until closed)."""

    def __init__(self, delay: float) -> None:
        self.requests = 0
        self._stop = threading.Event()

        def answer(body: bytes) -> bytes:
            self.requests += 1
            self._stop.wait(delay)
            return b'{"jsonrpc": "2.0", "id": 1, "result": null}'

        self._server = _serve(answer)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/"

    def close(self) -> None:
        self._stop.set()
        self._server.shutdown()
        self._server.server_close()


def closed_port_url() -> str:
    """A loopback URL on a port that was free a moment ago: connecting is refused."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def _serve(answer: Callable[[bytes], bytes]) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = answer(self.rfile.read(length))
            try:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except OSError:
                pass  # the client gave up waiting (the slow-endpoint tests do exactly that)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # keep test output clean

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server

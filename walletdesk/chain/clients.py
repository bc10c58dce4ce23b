"""A small JSON-RPC 2.0 client over HTTP(S). The only module in chain/ that does network I/O.

Standard library only (``http.client``): we need one POST with a connect timeout, a read
timeout, an overall deadline and a size cap, and nothing a larger client would add.

Endpoint URLs often carry an API key in the path (``https://…/v3/<key>``): no error message,
log line or exception raised here contains the URL.
"""

import http.client
import itertools
import json
import ssl
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

# An answer for three calls about one transaction is a few kilobytes; a transaction with
# thousands of logs is larger but still far below this. Anything bigger is not what we asked.
MAX_RESPONSE_BYTES = 4 * 1024 * 1024


class RpcError(Exception):
    """The endpoint could not give an answer we can use."""


class RpcUnavailable(RpcError):
    """Connection refused, timed out, an HTTP error, or a body that is not JSON-RPC."""


class RpcCallError(RpcError):
    """The endpoint answered with a JSON-RPC error object."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(f"JSON-RPC error {code}: {message[:200]}")
        self.code = code


@dataclass(frozen=True)
class Call:
    method: str
    params: Sequence[Any] = ()


@dataclass
class JsonRpcClient:
    """POSTs JSON-RPC requests to ``url``.

    ``connect_timeout`` bounds the TCP (and TLS) handshake, ``read_timeout`` each wait for
    bytes, and ``deadline_for`` the whole exchange, so a server that trickles one byte at a
    time cannot hold a worker for longer than that either.
    """

    url: str
    connect_timeout: float = 2.0
    read_timeout: float = 3.0
    deadline_for: float = 5.0
    _ids: "itertools.count[int]" = field(default_factory=lambda: itertools.count(1), repr=False)

    def call(self, method: str, params: Sequence[Any] = ()) -> Any:
        """One call; its ``result`` (None is a valid result: "no such transaction")."""
        return self.batch([Call(method, params)])[0]

    def batch(self, calls: Sequence[Call]) -> list[Any]:
        """Several calls in one HTTP request (a JSON-RPC batch), results in the same order.

        Raises RpcUnavailable, or RpcCallError for the first call that failed.
        """
        if not calls:
            return []
        started = time.monotonic()
        ids = [next(self._ids) for _ in calls]
        payload = [
            {"jsonrpc": "2.0", "id": i, "method": c.method, "params": list(c.params)}
            for i, c in zip(ids, calls, strict=True)
        ]
        # A single call goes as a plain object: some endpoints reject batches outright.
        answer = self._post(payload if len(payload) > 1 else payload[0], started)
        if len(calls) > 1 and not isinstance(answer, list):
            # The endpoint does not do batches (it answered with one error object): ask one
            # by one, all within the same deadline.
            return [self._single(c, started) for c in calls]
        replies = answer if isinstance(answer, list) else [answer]
        return self._results(ids, replies)

    @staticmethod
    def _results(ids: Sequence[int], replies: Sequence[Any]) -> list[Any]:
        by_id: dict[Any, Any] = {r.get("id"): r for r in replies if isinstance(r, dict)}
        results = []
        for i in ids:
            reply = by_id.get(i)
            if reply is None:
                raise RpcUnavailable("reply missing for a call")
            if reply.get("error") is not None:
                error = reply["error"] if isinstance(reply["error"], dict) else {}
                raise RpcCallError(_int(error.get("code")), str(error.get("message", "")))
            if "result" not in reply:
                raise RpcUnavailable("reply without result")
            results.append(reply["result"])
        return results

    def _single(self, call: Call, started: float) -> Any:
        request_id = next(self._ids)
        payload = {
            "jsonrpc": "2.0",
            "id": request_id,
            "method": call.method,
            "params": list(call.params),
        }
        reply = self._post(payload, started)
        return self._results([request_id], [reply] if isinstance(reply, dict) else [])[0]

    def _post(self, payload: Any, started: float) -> Any:
        parts = urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise RpcUnavailable("endpoint is not an http(s) URL")
        self._left(started)
        connection: http.client.HTTPConnection
        try:
            if parts.scheme == "https":
                connection = http.client.HTTPSConnection(
                    parts.hostname,
                    parts.port,
                    timeout=min(self.connect_timeout, self._left(started)),
                    context=ssl.create_default_context(),
                )
            else:
                connection = http.client.HTTPConnection(
                    parts.hostname,
                    parts.port,
                    timeout=min(self.connect_timeout, self._left(started)),
                )
        except ValueError as error:  # a malformed port
            raise RpcUnavailable("endpoint URL is malformed") from error
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        body = json.dumps(payload).encode()
        try:
            connection.connect()
            self._arm(connection, started)
            connection.request(
                "POST",
                path,
                body=body,
                headers={"Content-Type": "application/json", "Accept": "application/json"},
            )
            self._arm(connection, started)
            response = connection.getresponse()
            if response.status != 200:
                raise RpcUnavailable(f"HTTP {response.status}")
            raw = self._read(connection, response, started)
        except (OSError, http.client.HTTPException) as error:
            # socket.timeout, ConnectionRefusedError, ssl.SSLError, DNS failures, a reset:
            # all the same to the caller.
            raise RpcUnavailable(type(error).__name__) from error
        finally:
            connection.close()
        try:
            return json.loads(raw)
        except ValueError as error:
            raise RpcUnavailable("body is not JSON") from error

    def _left(self, started: float) -> float:
        left = self.deadline_for - (time.monotonic() - started)
        if left <= 0:
            raise RpcUnavailable("deadline passed")
        return left

    def _arm(self, connection: http.client.HTTPConnection, started: float) -> None:
        # Each wait gets the read timeout, but never more than what is left of the deadline.
        left = self._left(started)
        if connection.sock is not None:
            connection.sock.settimeout(min(self.read_timeout, left))

    def _read(
        self,
        connection: http.client.HTTPConnection,
        response: http.client.HTTPResponse,
        started: float,
    ) -> bytes:
        chunks: list[bytes] = []
        size = 0
        while True:
            self._arm(connection, started)
            chunk = response.read1(65536)
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > MAX_RESPONSE_BYTES:
                raise RpcUnavailable("response too large")
            chunks.append(chunk)


def _int(value: Any) -> int:
    return value if isinstance(value, int) else 0

"""Malware scan through a ClamAV daemon, speaking clamd's INSTREAM protocol.

Behind ``CLAMAV_ENABLED``. The daemon is reached over a Unix socket (``CLAMAV_SOCKET``) or TCP
(``CLAMAV_HOST``/``CLAMAV_PORT``). INSTREAM sends the file in length-prefixed chunks, so the
scanner never needs our file system and we never hold the file in memory.
"""

import socket
import struct
from dataclasses import dataclass
from enum import StrEnum
from typing import IO

from django.conf import settings

from walletdesk.attachments.pipeline import iter_chunks


class Verdict(StrEnum):
    CLEAN = "clean"
    INFECTED = "infected"
    ERROR = "error"  # the daemon was unreachable or answered something we do not understand


@dataclass(frozen=True)
class ScanResult:
    verdict: Verdict
    signature: str = ""


def scanner_enabled() -> bool:
    return bool(getattr(settings, "CLAMAV_ENABLED", False))


def _connect() -> socket.socket:
    timeout = float(getattr(settings, "CLAMAV_TIMEOUT", 30))
    path = getattr(settings, "CLAMAV_SOCKET", "")
    if path:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        sock.connect(path)
        return sock
    host = getattr(settings, "CLAMAV_HOST", "127.0.0.1")
    port = int(getattr(settings, "CLAMAV_PORT", 3310))
    return socket.create_connection((host, port), timeout=timeout)


def scan_file(file: IO[bytes]) -> ScanResult:
    """Stream ``file`` to clamd and read its verdict. Never raises: errors are a verdict."""
    try:
        with _connect() as sock:
            sock.sendall(b"zINSTREAM\0")
            for chunk in iter_chunks(file):
                sock.sendall(struct.pack("!L", len(chunk)) + chunk)
            sock.sendall(struct.pack("!L", 0))
            reply = _read_reply(sock)
    except OSError:
        return ScanResult(Verdict.ERROR)
    return parse_reply(reply)


def _read_reply(sock: socket.socket) -> bytes:
    data = b""
    while not data.endswith(b"\0") and len(data) < 4096:
        part = sock.recv(1024)
        if not part:
            break
        data += part
    return data


def parse_reply(reply: bytes) -> ScanResult:
    """clamd answers 'stream: OK', 'stream: <signature> FOUND' or '<text> ERROR'."""
    text = reply.rstrip(b"\0\n").decode("utf-8", "replace").strip()
    if text.endswith(" FOUND"):
        signature = text.removeprefix("stream:").removesuffix(" FOUND").strip()
        return ScanResult(Verdict.INFECTED, signature=signature[:120])
    if text == "stream: OK":
        return ScanResult(Verdict.CLEAN)
    return ScanResult(Verdict.ERROR)

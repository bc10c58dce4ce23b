"""Fixtures of the attachment tests: a private storage folder per test, a clamd-speaking
socket server, and a local S3-compatible server (moto) on 127.0.0.1."""

import contextlib
import socket
import socketserver
import struct
import threading
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from walletdesk.attachments.tests import corpus

BUCKET = "walletdesk-attachments-test"


@pytest.fixture(autouse=True)
def _attachment_storage(attachment_folder: Path) -> Path:
    """Every test writes its files into its own folder, never into var/."""
    return attachment_folder


def upload(name: str, data: bytes, content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture
def alice_client(alice) -> Client:
    client = Client()
    client.force_login(alice)
    return client


@pytest.fixture
def bob_client(bob) -> Client:
    client = Client()
    client.force_login(bob)
    return client


@pytest.fixture
def carol_client(carol) -> Client:
    client = Client()
    client.force_login(carol)
    return client


# --- a clamd that answers like clamd ---------------------------------------------------------


class _ClamdHandler(socketserver.BaseRequestHandler):
    """Reads one zINSTREAM command and its length-prefixed chunks; FOUND for EICAR."""

    def handle(self) -> None:
        sock: socket.socket = self.request
        command = b""
        while not command.endswith(b"\0"):
            command += sock.recv(1)
        assert command == b"zINSTREAM\0"
        data = b""
        while True:
            (length,) = struct.unpack("!L", _recv_exact(sock, 4))
            if length == 0:
                break
            data += _recv_exact(sock, length)
        self.server.received.append(data)  # type: ignore[attr-defined]
        if corpus.EICAR in data:
            sock.sendall(b"stream: Eicar-Test-Signature FOUND\0")
        else:
            sock.sendall(b"stream: OK\0")


def _recv_exact(sock: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        part = sock.recv(size - len(data))
        if not part:
            raise ConnectionError("client went away")
        data += part
    return data


@pytest.fixture
def clamd(settings) -> Iterator[socketserver.ThreadingTCPServer]:
    """A loopback server speaking clamd's INSTREAM protocol; our real client talks to it."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _ClamdHandler)
    server.received = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.CLAMAV_ENABLED = True
    settings.CLAMAV_SOCKET = ""
    settings.CLAMAV_HOST = "127.0.0.1"
    settings.CLAMAV_PORT = server.server_address[1]
    settings.CLAMAV_TIMEOUT = 5
    yield server
    server.shutdown()
    server.server_close()


# --- a local S3-compatible server -----------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """moto's S3 server on a free loopback port for the whole session."""
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3_storage(settings, s3_endpoint):
    """Attachments of this test go to a private bucket of the local S3-compatible server;
    returns a boto3 client to look into it."""
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
    )
    with contextlib.suppress(client.exceptions.BucketAlreadyOwnedByYou):
        client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "access_key": "testing",
                "secret_key": "testing",
                "default_acl": "private",
                "querystring_auth": True,
                "querystring_expire": 60,
                "signature_version": "s3v4",
                "file_overwrite": False,
            },
        },
    }
    return client

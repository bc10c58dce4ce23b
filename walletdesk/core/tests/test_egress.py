"""Outbound requests to typed URLs reach public addresses only, checked after resolution."""

import ipaddress
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from walletdesk.core import egress
from walletdesk.core.egress import EgressRefusedError, Refusal

REFUSED_URLS = [
    "http://127.0.0.1/",
    "http://127.0.0.1:8000/hook",
    "http://localhost:6379/",
    "http://LOCALHOST./",
    "http://api.localhost/",
    "http://169.254.169.254/latest/meta-data/",
    "http://100.100.100.200/latest/meta-data/",  # a cloud's metadata, in shared space
    "http://10.0.0.5/",
    "http://172.16.3.4/",
    "http://192.168.1.1/",
    "http://0.0.0.0/",
    "http://224.0.0.1/",
    "http://240.0.0.1/",
    "http://255.255.255.255/",
    "http://192.0.2.10/",  # documentation range
    "http://2130706433/",  # 127.0.0.1 in decimal
    "http://0x7f000001/",  # in hexadecimal
    "http://0177.0.0.1/",  # in octal
    "http://127.1/",  # shortened
    "http://0xa9.0xfe.0xa9.0xfe/",  # 169.254.169.254 in hexadecimal parts
    "http://[::1]/",
    "http://[::]/",
    "http://[fe80::1]/",
    "http://[fc00::1]/",
    "http://[fd00:ec2::254]/",  # a cloud's IPv6 metadata
    "http://[ff02::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:169.254.169.254]/",
    "http://[::ffff:a9fe:a9fe]/",
    "http://[2002:7f00:1::]/",  # 6to4 around 127.0.0.1
    "http://[64:ff9b::a9fe:a9fe]/",  # NAT64 around 169.254.169.254
]


@pytest.mark.parametrize("url", REFUSED_URLS)
def test_url_naming_an_internal_address_is_refused(url: str) -> None:
    assert egress.url_refusal(url) == Refusal.ADDRESS


@pytest.mark.parametrize(
    "url",
    ["https://push.example.com/hook", "http://93.184.215.14/", "https://[2606:4700::1111]/x"],
)
def test_public_url_is_accepted(url: str) -> None:
    assert egress.url_refusal(url) is None


@pytest.mark.parametrize("url", ["ftp://push.example.com/", "file:///etc/passwd", "gopher://x/"])
def test_other_schemes_are_refused(url: str) -> None:
    assert egress.url_refusal(url) == Refusal.SCHEME


def test_loopback_is_allowed_only_when_asked() -> None:
    assert egress.url_refusal("http://127.0.0.1:8000/", allow_loopback=True) is None
    assert egress.url_refusal("http://localhost/", allow_loopback=True) is None
    # Loopback only: the rest stays refused.
    assert egress.url_refusal("http://169.254.169.254/", allow_loopback=True) == Refusal.ADDRESS
    assert egress.url_refusal("http://10.0.0.5/", allow_loopback=True) == Refusal.ADDRESS


@pytest.mark.parametrize(
    ("spelling", "address"),
    [
        ("2130706433", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("0177.0.0.01", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("10.1.2", "10.1.0.2"),
        ("0x7f.1", "127.0.0.1"),
        ("8.8.8.8.", "8.8.8.8"),
    ],
)
def test_old_ipv4_spellings_are_read_as_resolvers_read_them(spelling: str, address: str) -> None:
    assert egress.ipv4_spelled(spelling) == ipaddress.IPv4Address(address)


@pytest.mark.parametrize("host", ["example.com", "1.2.3.4.5", "256.1.1.1", "09.1.1.1", "1e3"])
def test_names_are_not_mistaken_for_addresses(host: str) -> None:
    assert egress.ipv4_spelled(host) is None


# --- at send time: resolved once, every address checked, the checked one dialled ---------------


def _resolver(monkeypatch: pytest.MonkeyPatch, answers: dict[str, list[str]]) -> list[str]:
    """Replace DNS with ``answers``; returns the names looked up, in order."""
    asked: list[str] = []
    real = socket.getaddrinfo

    def getaddrinfo(host: str, port: int, *args: object, **kwargs: object) -> list[tuple]:
        if egress.host_address(host) is not None:  # dialling an address: no DNS involved
            return real(host, port, *args, **kwargs)  # type: ignore[arg-type]
        asked.append(host)
        if host not in answers:
            raise socket.gaierror(socket.EAI_NONAME, "unknown")
        return [
            (
                socket.AF_INET6 if ":" in a else socket.AF_INET,
                socket.SOCK_STREAM,
                6,
                "",
                (a, port, 0, 0) if ":" in a else (a, port),
            )
            for a in answers[host]
        ]

    monkeypatch.setattr(egress.socket, "getaddrinfo", getaddrinfo)
    return asked


@pytest.fixture
def server() -> Iterator[tuple[int, list[tuple[str, str]]]]:
    """A local HTTP server recording (path, Host header); /moved answers a redirect."""
    seen: list[tuple[str, str]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            seen.append((self.path, self.headers["Host"]))
            if self.path == "/moved":
                self.send_response(302)
                self.send_header("Location", "http://169.254.169.254/latest/meta-data/")
            else:
                self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            """Quiet."""

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield httpd.server_address[1], seen
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


def _post(url: str, **kwargs: object) -> egress.Answer:
    return egress.post(
        url, body=b"{}", headers={"Content-Type": "application/json"}, timeout=5, **kwargs
    )  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "answers",
    [
        ["127.0.0.1"],
        ["169.254.169.254"],
        ["10.0.0.7"],
        ["::ffff:127.0.0.1"],
        ["fe80::1"],
        ["93.184.215.14", "127.0.0.1"],  # one internal address among public ones is enough
    ],
)
def test_name_resolving_to_an_internal_address_is_not_posted_to(
    monkeypatch: pytest.MonkeyPatch, answers: list[str]
) -> None:
    _resolver(monkeypatch, {"push.example.com": answers})
    dialled: list[object] = []
    monkeypatch.setattr(egress.socket, "create_connection", lambda *a, **k: dialled.append(a))

    with pytest.raises(EgressRefusedError) as caught:
        _post("http://push.example.com/hook")

    assert caught.value.refusal == Refusal.ADDRESS
    assert dialled == []


def test_unknown_name_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    _resolver(monkeypatch, {})

    with pytest.raises(EgressRefusedError) as caught:
        _post("http://nowhere.example.com/hook")

    assert caught.value.refusal == Refusal.UNRESOLVED


def test_decimal_spelling_is_refused_before_any_lookup(monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _resolver(monkeypatch, {})

    with pytest.raises(EgressRefusedError):
        _post("http://2130706433:6379/")

    assert asked == []


def test_the_checked_address_is_dialled_and_the_name_not_resolved_again(
    monkeypatch: pytest.MonkeyPatch, server: tuple[int, list[tuple[str, str]]]
) -> None:
    # The name resolves once to the local server (loopback allowed for this test); a second
    # lookup would answer the metadata address. Only one lookup may happen.
    port, seen = server
    asked: list[str] = []
    answers = iter([["127.0.0.1"], ["169.254.169.254"]])
    real = socket.getaddrinfo

    def getaddrinfo(host: str, port_: int, *args: object, **kwargs: object) -> list[tuple]:
        if egress.host_address(host) is not None:  # dialling an address: no DNS involved
            return real(host, port_, *args, **kwargs)  # type: ignore[arg-type]
        asked.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port_)) for a in next(answers)]

    monkeypatch.setattr(egress.socket, "getaddrinfo", getaddrinfo)

    answer = _post(f"http://push.example.com:{port}/hook", allow_loopback=True)

    assert answer.status == 204
    assert asked == ["push.example.com"]
    assert seen == [("/hook", f"push.example.com:{port}")]


def test_redirect_is_returned_not_followed(
    monkeypatch: pytest.MonkeyPatch, server: tuple[int, list[tuple[str, str]]]
) -> None:
    port, seen = server
    _resolver(monkeypatch, {"push.example.com": ["127.0.0.1"]})

    answer = _post(f"http://push.example.com:{port}/moved", allow_loopback=True)

    assert answer.status == 302
    assert [path for path, _host in seen] == ["/moved"]

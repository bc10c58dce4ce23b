"""Outbound HTTP to a URL someone typed: public internet addresses only.

A URL an administrator enters (a webhook endpoint) must not let the server post to itself or
its neighbours: loopback (Redis on localhost:6379), private networks, link-local (the cloud
metadata service at 169.254.169.254), shared, multicast, reserved and unspecified addresses
are refused, in IPv4 and IPv6, with IPv4 inside IPv6 (::ffff:127.0.0.1, 6to4, Teredo, NAT64)
unwrapped, and with the old spellings of IPv4 (2130706433, 0x7f000001, 0177.0.0.1, 127.1).

Two checks: ``url_refusal`` when the URL is saved (the literal host), and ``post`` when it is
used: the name is resolved once, every address checked, and the connection made to a checked
address, never resolved again (a DNS answer that changes in between cannot slip through).
Redirects are not followed.
"""

import http.client
import ipaddress
import re
import socket
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Names that mean this machine whatever the resolver says (RFC 6761; Debian's /etc/hosts).
_LOCAL_NAMES = frozenset({"localhost", "ip6-localhost", "ip6-loopback"})
# NAT64 (RFC 6052): the low 32 bits are the IPv4 address the gateway talks to.
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_IPV4_PART = re.compile(r"(0[xX][0-9a-fA-F]*|[0-9]+)")


class Refusal(StrEnum):
    """Why a URL may not be used; the value is what a delivery log records."""

    SCHEME = "scheme_not_allowed"
    HOST = "host_missing"
    ADDRESS = "address_not_public"
    UNRESOLVED = "host_unresolved"


class EgressRefusedError(Exception):
    def __init__(self, refusal: Refusal) -> None:
        self.refusal = refusal
        super().__init__(refusal.value)


def ipv4_spelled(host: str) -> ipaddress.IPv4Address | None:
    """``host`` read the way inet_aton reads it (what resolvers accept), or None.

    One to four parts, each decimal, octal (leading 0) or hexadecimal (0x); the last part
    fills the bytes left: "127.1" is 127.0.0.1 and "2130706433" is 127.0.0.1 too.
    """
    parts = host.removesuffix(".").split(".")
    if not 1 <= len(parts) <= 4 or not all(_IPV4_PART.fullmatch(part) for part in parts):
        return None
    numbers = []
    for part in parts:
        if part[:2].lower() == "0x":
            numbers.append(int(part[2:] or "0", 16))
        elif len(part) > 1 and part.startswith("0"):
            if not set(part) <= set("01234567"):
                return None
            numbers.append(int(part, 8))
        else:
            numbers.append(int(part))
    *head, last = numbers
    if any(number > 255 for number in head) or last >= 256 ** (4 - len(head)):
        return None
    value = 0
    for number in head:
        value = value * 256 + number
    return ipaddress.IPv4Address(value * 256 ** (4 - len(head)) + last)


def host_address(host: str) -> IPAddress | None:
    """The address a URL's host names literally (any IPv4 spelling, IPv6), or None."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return ipv4_spelled(host)


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]  # the client behind the relay
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def address_allowed(address: IPAddress, *, allow_loopback: bool = False) -> bool:
    """Whether a request may go to ``address``: a public unicast one (or loopback if allowed)."""
    if isinstance(address, ipaddress.IPv6Address):
        address = ipaddress.IPv6Address(address.exploded)  # drop a zone id (fe80::1%eth0)
        inner = _embedded_ipv4(address)
        if inner is not None:
            return address_allowed(inner, allow_loopback=allow_loopback)
    if address.is_loopback:
        return allow_loopback
    # is_global leaves out private, shared (100.64/10: also a cloud metadata address),
    # link-local, reserved, unspecified and documentation ranges; multicast it counts in.
    return address.is_global and not address.is_multicast


def url_refusal(url: str, *, allow_loopback: bool = False) -> Refusal | None:
    """What is wrong with ``url`` as a target, judged without resolving it; None if nothing."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https"):
        return Refusal.SCHEME
    host = (parts.hostname or "").rstrip(".")
    try:
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        return Refusal.HOST
    if not host:
        return Refusal.HOST
    address = host_address(host)
    if address is not None:
        return None if address_allowed(address, allow_loopback=allow_loopback) else Refusal.ADDRESS
    if host in _LOCAL_NAMES or host.endswith(".localhost"):
        return None if allow_loopback else Refusal.ADDRESS
    return None


def resolve(host: str, port: int, *, allow_loopback: bool = False) -> list[IPAddress]:
    """Every address ``host`` resolves to, once; raises EgressRefusedError unless all are
    allowed (one private address among public ones is enough to refuse)."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise EgressRefusedError(Refusal.UNRESOLVED) from None
    addresses: list[IPAddress] = []
    for _family, _type, _proto, _name, sockaddr in found:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise EgressRefusedError(Refusal.UNRESOLVED)
    if not all(address_allowed(a, allow_loopback=allow_loopback) for a in addresses):
        raise EgressRefusedError(Refusal.ADDRESS)
    return addresses


def _connect_to(addresses: list[IPAddress]) -> Any:
    """A replacement for socket.create_connection that dials checked addresses only; the
    name in the URL still goes in the Host header and the TLS check (SNI, certificate)."""

    def create_connection(
        target: tuple[str, int], timeout: Any = None, source_address: Any = None
    ) -> socket.socket:
        error: OSError | None = None
        for address in addresses:
            try:
                return socket.create_connection((str(address), target[1]), timeout, source_address)
            except OSError as exc:
                error = exc
        raise error or OSError("no address")

    return create_connection


@dataclass(frozen=True)
class Answer:
    status: int


def post(
    url: str,
    *,
    body: bytes,
    headers: Mapping[str, str],
    timeout: float,
    allow_loopback: bool = False,
) -> Answer:
    """POST ``body`` to ``url`` if every address its host resolves to is allowed.

    Raises EgressRefusedError before anything is sent, or OSError (including
    http.client.HTTPException's network relatives and ssl errors) when the exchange fails.
    A redirect is an answer like any other: it is returned, not followed.
    """
    refusal = url_refusal(url, allow_loopback=allow_loopback)
    if refusal is not None:
        raise EgressRefusedError(refusal)
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").rstrip(".")
    https = parts.scheme.lower() == "https"
    port = parts.port or (443 if https else 80)
    literal = host_address(host)
    # A literal in an old spelling is dialled as the address it means, not handed to a resolver.
    lookup = str(literal) if literal is not None else host
    addresses = resolve(lookup, port, allow_loopback=allow_loopback)
    connection: http.client.HTTPConnection
    if https:
        connection = http.client.HTTPSConnection(
            host, port, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        connection = http.client.HTTPConnection(host, port, timeout=timeout)
    connection._create_connection = _connect_to(addresses)  # type: ignore[attr-defined]
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    try:
        connection.request("POST", path, body=body, headers=dict(headers))
        response = connection.getresponse()
        response.read()
        return Answer(status=response.status)
    except http.client.HTTPException as exc:
        raise OSError(type(exc).__name__) from exc
    finally:
        connection.close()

"""Load the .eml fixtures, filling in what depends on the test's data (reply addresses)."""

import re
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
# settings_test.INBOUND_AUTHSERV_ID: the receiving server the tests' mails passed through.
OUR_AUTHSERV_ID = "mx.walletdesk.test"
_FROM_DOMAIN = re.compile(rb"^From:[^\r\n]*@([A-Za-z0-9.-]+)", re.M | re.I)


def authenticated(
    raw: bytes, results: str = "dmarc=pass", authserv_id: str = OUR_AUTHSERV_ID
) -> bytes:
    """``raw`` as our receiving server hands it on after checking its From: domain: an
    Authentication-Results header on top (``{domain}`` in ``results`` is the From: domain)."""
    match = _FROM_DOMAIN.search(raw)
    domain = match.group(1).decode() if match else "invalid"
    if results == "dmarc=pass":
        results = "dmarc=pass header.from={domain}"
    header = f"Authentication-Results: {authserv_id}; {results.format(domain=domain)}\r\n"
    return header.encode() + raw


def eml(name: str, *, signed: bool = True, **values: str) -> bytes:
    """The raw fixture ``name`` with each ``{{KEY}}`` replaced by ``values[KEY]``.

    ``signed``: as it reaches the desk when its sender's domain passed DMARC at our server
    (the usual case); False: the fixture as written, with nothing vouching for its From:.
    """
    raw = (FIXTURES / name).read_bytes()
    for key, value in values.items():
        raw = raw.replace(f"{{{{{key}}}}}".encode(), value.encode("ascii"))
    return authenticated(raw) if signed else raw


def all_fixtures() -> list[str]:
    return sorted(p.name for p in FIXTURES.glob("*.eml"))

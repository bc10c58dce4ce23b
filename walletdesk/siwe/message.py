"""EIP-4361 messages: parse the text the wallet signed into its fields.

Plain Python, no Django: the checks against our settings and the nonce table live in
services.py. A message that does not follow the grammar raises SiweError(MESSAGE_INVALID).
"""

import re
from dataclasses import dataclass
from datetime import datetime

from eth_utils.address import is_checksum_address, is_hex_address

from walletdesk.siwe.errors import SiweError

_HEADER = re.compile(
    r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*://)?(?P<domain>\S+) "
    r"wants you to sign in with your Ethereum account:$"
)
_NONCE = re.compile(r"^[A-Za-z0-9]{8,}$")
# ASCII digits only: str.isdigit() also takes "²" (which int() refuses) and "١" (which it reads).
_CHAIN_ID = re.compile(r"[0-9]{1,18}")
_FIELDS = (
    ("URI", "uri", True),
    ("Version", "version", True),
    ("Chain ID", "chain_id", True),
    ("Nonce", "nonce", True),
    ("Issued At", "issued_at", True),
    ("Expiration Time", "expiration_time", False),
    ("Not Before", "not_before", False),
    ("Request ID", "request_id", False),
)


@dataclass(frozen=True)
class SiweMessage:
    domain: str
    address: str
    statement: str
    uri: str
    version: str
    chain_id: int
    nonce: str
    issued_at: datetime
    expiration_time: datetime | None = None
    not_before: datetime | None = None
    request_id: str = ""


def _time(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise SiweError(SiweError.Code.MESSAGE_INVALID) from None
    if moment.tzinfo is None:  # RFC 3339 demands an offset
        raise SiweError(SiweError.Code.MESSAGE_INVALID)
    return moment


def siwe_message_parse(text: str) -> SiweMessage:
    """Read the fields of an EIP-4361 message.

    Raises SiweError(MESSAGE_INVALID) or SiweError(INVALID_ADDRESS).
    """
    lines = text.replace("\r\n", "\n").split("\n")
    if len(lines) < 7:
        raise SiweError(SiweError.Code.MESSAGE_INVALID)
    header = _HEADER.match(lines[0])
    if header is None:
        raise SiweError(SiweError.Code.MESSAGE_INVALID)
    address = lines[1].strip()
    if not is_hex_address(address) or not is_checksum_address(address):
        # EIP-4361 requires the EIP-55 mixed-case form.
        raise SiweError(SiweError.Code.INVALID_ADDRESS)
    try:
        uri_at = next(i for i, line in enumerate(lines) if line.startswith("URI: "))
    except StopIteration:
        raise SiweError(SiweError.Code.MESSAGE_INVALID) from None
    statement = "\n".join(lines[2:uri_at]).strip()
    if "\n" in statement:
        raise SiweError(SiweError.Code.MESSAGE_INVALID)

    values: dict[str, str] = {}
    rest = lines[uri_at:]
    position = 0
    for label, name, required in _FIELDS:
        if position < len(rest) and rest[position].startswith(f"{label}: "):
            values[name] = rest[position][len(label) + 2 :].strip()
            position += 1
        elif required:
            raise SiweError(SiweError.Code.MESSAGE_INVALID)
    trailing = [line for line in rest[position:] if line.strip()]
    # Only a "Resources:" list may follow; we do not use it.
    if trailing and (
        trailing[0] != "Resources:" or not all(t.startswith("- ") for t in trailing[1:])
    ):
        raise SiweError(SiweError.Code.MESSAGE_INVALID)

    if values["version"] != "1" or not _NONCE.match(values["nonce"]):
        raise SiweError(SiweError.Code.MESSAGE_INVALID)
    if not _CHAIN_ID.fullmatch(values["chain_id"]):
        raise SiweError(SiweError.Code.MESSAGE_INVALID)
    return SiweMessage(
        domain=header.group("domain"),
        address=address,
        statement=statement,
        uri=values["uri"],
        version=values["version"],
        chain_id=int(values["chain_id"]),
        nonce=values["nonce"],
        issued_at=_time(values["issued_at"]),
        expiration_time=_time(values["expiration_time"]) if "expiration_time" in values else None,
        not_before=_time(values["not_before"]) if "not_before" in values else None,
        request_id=values.get("request_id", ""),
    )

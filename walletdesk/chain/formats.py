"""Check the address and transaction hash a user typed against the network they chose.

Every check first cleans what was pasted (full-width characters, zero-width characters, stray
spaces, a leading "TxID:" label, a whole explorer link), then says one of:

* ``ok`` with the normalised value (EIP-55 checksummed EVM address, lower-case hex hash, ...);
* ``ok`` with a notice code (``explorer_url``: we took the value out of a link; ``testnet``);
* not ``ok`` with a problem code and a message the user can act on.

Codes are stable strings (the API returns them); messages are lazily translated.
The chosen network and the catalogue of networks (to recognise explorer links and to name the
networks a value fits) are passed in: ``walletdesk.networks.checks`` reads them from the
database, so a network an admin adds is checked and recognised like the others.
Codecs come from libraries: EIP-55 from eth-utils, base58check from base58, bech32 from bech32.
The bech32 package predates BIP-350, so only the bech32m constant is added here.
"""

import binascii
import re
import unicodedata
from base64 import urlsafe_b64decode
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import TypeAlias

import base58
from bech32 import CHARSET, bech32_decode, bech32_hrp_expand, bech32_polymod, convertbits
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from eth_utils.address import to_checksum_address

from walletdesk.chain.explorers import LinkKind, explorer_link_parse, looks_like_url
from walletdesk.chain.networks import Family, NetworkLike


class Code(StrEnum):
    """Stable outcome codes. The first two are notices (``ok`` stays True), the rest problems."""

    EXPLORER_URL = "explorer_url"
    TESTNET = "testnet"
    INVALID_ADDRESS = "invalid_address"
    INVALID_TX_HASH = "invalid_tx_hash"
    BAD_CHECKSUM = "bad_checksum"
    WRONG_NETWORK = "wrong_network"
    ADDRESS_IN_HASH_FIELD = "address_in_hash_field"
    HASH_IN_ADDRESS_FIELD = "hash_in_address_field"


class Format(StrEnum):
    """How a value is written. Networks of the EVM family share one format."""

    EVM = "evm"
    BITCOIN = "bitcoin"
    TRON = "tron"
    SOLANA = "solana"
    TON = "ton"
    XRP = "xrp"
    COSMOS = "cosmos"
    EOS = "eos"
    OTHER = "other"


class Kind(StrEnum):
    ADDRESS = "address"
    TX_HASH = "tx_hash"


FORMAT_NAMES: dict[Format, Promise] = {
    Format.EVM: _("Ethereum or another EVM network"),
    Format.BITCOIN: _("Bitcoin"),
    Format.TRON: _("TRON"),
    Format.SOLANA: _("Solana"),
    Format.TON: _("TON"),
    Format.XRP: _("XRP Ledger"),
    Format.COSMOS: _("Cosmos"),
    Format.EOS: _("EOS"),
    Format.OTHER: _("another network"),
}


@dataclass(frozen=True)
class FormatCheck:
    """The outcome of one check. ``message`` is "" when there is nothing to tell the user."""

    ok: bool
    value: str
    code: Code | None = None
    message: str | Promise = ""
    # The formats the text looks like, when that differs from the chosen network.
    looks_like: tuple[Format, ...] = ()
    testnet: bool = False
    from_url: bool = False

    @property
    def problem(self) -> Code | None:
        """The problem code, or None when the value is usable (notices are not problems)."""
        return None if self.ok else self.code


@dataclass(frozen=True)
class Match:
    """One reading of a text: an address or a hash in some format."""

    kind: Kind
    format: Format
    value: str
    testnet: bool = False
    networks: tuple[str, ...] = field(default=())


# --- cleaning -------------------------------------------------------------------------------

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u2060\u2066\u2069\ufeff\u00ad"))
_EDGE_PUNCTUATION = "\"'`“”‘’「」『』<>()[]{}（）【】《》,，.。;；:：、!！?？"
_LABEL_RE = re.compile(
    r"^(?:tx\s*id|txid|tx\s*hash|txn\s*hash|hash|transaction\s*(?:id|hash)?|address|addr|"
    r"交易哈希|交易id|交易号|哈希值|哈希|地址|收款地址|充值地址|提现地址)\s*[:=]",
    re.IGNORECASE,
)


def normalise(text: str) -> str:
    """Clean a pasted value: NFKC (full-width to ASCII), no invisible characters or spaces,
    no wrapping quotes or trailing punctuation, no leading "TxID:"-style label."""
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    text = "".join(text.split())
    text = _LABEL_RE.sub("", text)
    return text.strip(_EDGE_PUNCTUATION)


# --- recognisers: each returns a Match, None, or BAD_CHECKSUM when the shape fits but a check fails

_HEX40 = re.compile(r"0[xX][0-9a-fA-F]{40}")
_HEX64_0X = re.compile(r"0[xX][0-9a-fA-F]{64}")
_HEX64 = re.compile(r"[0-9a-fA-F]{64}")
_BASE58 = re.compile(r"[1-9A-HJ-NP-Za-km-z]+")
_BECH32M_CONST = 0x2BC830A3  # BIP-350
_BITCOIN_HRPS = {"bc": False, "tb": True, "bcrt": True}
_BITCOIN_VERSIONS = {0x00: False, 0x05: False, 0x6F: True, 0xC4: True}
_TON_RAW = re.compile(r"-?[0-9]{1,3}:[0-9a-fA-F]{64}")
_TON_FRIENDLY = re.compile(r"[A-Za-z0-9_\-+/]{48}")
_EOS_ACCOUNT = re.compile(r"[a-z1-5.]{1,11}[a-z1-5]|[a-z1-5]")
_OTHER_VALUE = re.compile(r"[0-9A-Za-z:_\-./]{8,128}")

_BadChecksum = object()
_Recognised: TypeAlias = Match | object | None


def _evm_address(text: str) -> _Recognised:
    if not _HEX40.fullmatch(text):
        return None
    body = text[2:]
    mixed = body != body.lower() and body != body.upper()
    checksummed = _eip55(body.lower())
    if mixed and body != checksummed[2:]:
        return _BadChecksum
    return Match(Kind.ADDRESS, Format.EVM, checksummed)


@lru_cache(maxsize=1024)
def _eip55(body: str) -> str:
    """The EIP-55 spelling of a lower-case address body. A form and the intake check read
    the same address in one submission; the Keccak hash is the costly part, done once."""
    return to_checksum_address("0x" + body)


def _segwit(text: str) -> _Recognised:
    """BIP-173 (witness v0, bech32) and BIP-350 (v1+, bech32m) addresses."""
    if len(text) > 90 or (text.lower() != text and text.upper() != text):
        return None
    lowered = text.lower()
    pos = lowered.rfind("1")
    hrp = lowered[:pos]
    if pos < 1 or pos + 7 > len(lowered) or hrp not in _BITCOIN_HRPS:
        return None
    if any(ch not in CHARSET for ch in lowered[pos + 1 :]):
        return None
    data = [CHARSET.find(ch) for ch in lowered[pos + 1 :]]
    constant = bech32_polymod(bech32_hrp_expand(hrp) + data)
    if constant not in (1, _BECH32M_CONST):
        return _BadChecksum
    if not data[:-6]:
        return None
    version = data[0]
    program = convertbits(data[1:-6], 5, 8, False)
    if program is None or not 2 <= len(program) <= 40 or version > 16:
        return None
    if version == 0 and len(program) not in (20, 32):
        return None
    # v0 must use bech32 and v1+ bech32m; the other constant is a checksum for the wrong spec.
    if (version == 0) != (constant == 1):
        return None
    return Match(Kind.ADDRESS, Format.BITCOIN, lowered, testnet=_BITCOIN_HRPS[hrp])


def _base58check(text: str, versions: dict[int, bool], fmt: Format) -> _Recognised:
    """A 25-byte base58check address whose first byte is one of ``versions``."""
    if not 25 <= len(text) <= 35 or not _BASE58.fullmatch(text):
        return None
    raw = base58.b58decode(text)
    if len(raw) != 25 or raw[0] not in versions:
        return None
    try:
        base58.b58decode_check(text)
    except ValueError:
        return _BadChecksum
    return Match(Kind.ADDRESS, fmt, text, testnet=versions[raw[0]])


def _bitcoin_address(text: str) -> _Recognised:
    found = _segwit(text)
    if found is not None:
        return found
    return _base58check(text, _BITCOIN_VERSIONS, Format.BITCOIN)


def _tron_address(text: str) -> _Recognised:
    return _base58check(text, {0x41: False}, Format.TRON)


def _base58_length(text: str) -> int:
    if not _BASE58.fullmatch(text) or len(text) > 100:
        return -1
    return len(base58.b58decode(text))


def _solana_address(text: str) -> _Recognised:
    if 32 <= len(text) <= 44 and _base58_length(text) == 32:
        return Match(Kind.ADDRESS, Format.SOLANA, text)
    return None


def _xrp_address(text: str) -> _Recognised:
    if not (text.startswith("r") and 25 <= len(text) <= 35):
        return None
    alphabet = base58.RIPPLE_ALPHABET
    if any(ch.encode() not in alphabet for ch in text):
        return None
    # "r" is the zero digit of the ripple alphabet: the leading "r" is the version byte 0x00.
    if len(base58.b58decode(text, alphabet=alphabet)) != 25:
        return None
    try:
        base58.b58decode_check(text, alphabet=alphabet)
    except ValueError:
        return _BadChecksum
    return Match(Kind.ADDRESS, Format.XRP, text)


def _cosmos_address(text: str) -> _Recognised:
    if not text.lower().startswith("cosmos1"):
        return None
    hrp, data = bech32_decode(text)
    if hrp is None or data is None:
        return _BadChecksum
    program = convertbits(data, 5, 8, False)
    if hrp != "cosmos" or program is None or len(program) not in (20, 32):
        return None
    return Match(Kind.ADDRESS, Format.COSMOS, text.lower())


def _ton_address(text: str) -> _Recognised:
    if _TON_RAW.fullmatch(text):
        return Match(Kind.ADDRESS, Format.TON, text.lower())
    if not _TON_FRIENDLY.fullmatch(text):
        return None
    # Either base64 alphabet: urlsafe_b64decode reads "+/" as well as "-_". 48 characters from
    # the pattern always decode, to 36 bytes.
    raw = urlsafe_b64decode(text)
    # The user-friendly form ends with CRC16-XModem of the first 34 bytes.
    if binascii.crc_hqx(raw[:34], 0) != int.from_bytes(raw[34:], "big"):
        return _BadChecksum
    return Match(Kind.ADDRESS, Format.TON, text, testnet=bool(raw[0] & 0x80))


def _eos_account(text: str) -> _Recognised:
    return Match(Kind.ADDRESS, Format.EOS, text) if _EOS_ACCOUNT.fullmatch(text) else None


_ADDRESS_RECOGNISERS = {
    Format.EVM: _evm_address,
    Format.BITCOIN: _bitcoin_address,
    Format.TRON: _tron_address,
    Format.SOLANA: _solana_address,
    Format.XRP: _xrp_address,
    Format.COSMOS: _cosmos_address,
    Format.TON: _ton_address,
    Format.EOS: _eos_account,
}
# EOS account names are ordinary words; they are never offered as a guess.
_GUESSABLE_ADDRESS_FORMATS = tuple(f for f in _ADDRESS_RECOGNISERS if f is not Format.EOS)


def _hex_hash_formats(text: str) -> tuple[str, tuple[Format, ...]] | None:
    """A 64-hex hash: with 0x it is EVM; without it any hex-hash network."""
    if _HEX64_0X.fullmatch(text):
        return "0x" + text[2:].lower(), (Format.EVM,)
    if _HEX64.fullmatch(text):
        hex_formats = (Format.BITCOIN, Format.TRON, Format.EVM, Format.XRP, Format.COSMOS)
        return text.lower(), (*hex_formats, Format.TON, Format.EOS)
    return None


def _tx_matches(text: str) -> list[Match]:
    found = _hex_hash_formats(text)
    if found is not None:
        value, formats = found
        return [Match(Kind.TX_HASH, fmt, value) for fmt in formats]
    # 88 characters is the longest base58 of 64 bytes; 80 keeps short base58 words out.
    if 80 <= len(text) <= 88 and _base58_length(text) == 64:
        return [Match(Kind.TX_HASH, Format.SOLANA, text)]
    if len(text) == 44 and _ton_hash_bytes(text) == 32:
        return [Match(Kind.TX_HASH, Format.TON, text)]
    return []


def _ton_hash_bytes(text: str) -> int:
    try:
        return len(urlsafe_b64decode(text))
    except (ValueError, binascii.Error):
        return -1


def _address_matches(text: str, formats: tuple[Format, ...]) -> list[Match]:
    matches = []
    for fmt in formats:
        found = _ADDRESS_RECOGNISERS[fmt](text)
        if isinstance(found, Match):
            matches.append(found)
    return matches


def _networks_of(fmt: Format, networks: Sequence[NetworkLike]) -> tuple[str, ...]:
    return tuple(n.slug for n in networks if n.slug != "other" and format_of(n) is fmt)


_FAMILIES = frozenset(f.value for f in Family)
_FORMATS = frozenset(f.value for f in Format)


def format_of(network: NetworkLike) -> Format:
    """How addresses and hashes are written on ``network``.

    Memo networks each write addresses their own way, known by slug; a memo network added in
    the admin that we have no recogniser for is checked leniently, like "other".
    """
    family = Family(network.family) if network.family in _FAMILIES else Family.OTHER
    if family is Family.MEMO:
        return Format(network.slug) if network.slug in _FORMATS else Format.OTHER
    return {
        Family.EVM: Format.EVM,
        Family.BITCOIN: Format.BITCOIN,
        Family.TRON: Format.TRON,
        Family.SOLANA: Format.SOLANA,
    }.get(family, Format.OTHER)


def guess_network(text: str, *, networks: Sequence[NetworkLike]) -> list[Match]:
    """Every reading of ``text`` as an address or a transaction hash, with the slugs of the
    ``networks`` it fits.

    An explorer link is read as the value it points at. A bare 64-hex hash fits several networks;
    EOS account names are never guessed (any short word is one).
    """
    value = normalise(text)
    link = explorer_link_parse(value, networks)
    if link is not None:
        value = link.value
    matches = _address_matches(value, _GUESSABLE_ADDRESS_FORMATS) + _tx_matches(value)
    return [
        Match(m.kind, m.format, m.value, m.testnet, _networks_of(m.format, networks))
        for m in matches
    ]


# --- messages -------------------------------------------------------------------------------


def _names(formats: tuple[Format, ...]) -> str | Promise:
    """'TRON' or 'Bitcoin / TRON', translated when rendered. Three names at most: a bare hex
    hash fits many networks and a long list helps nobody."""
    parts: list[object] = []
    for fmt in formats[:3]:
        if parts:
            parts.append(" / ")
        parts.append(FORMAT_NAMES[fmt])
    return format_lazy("{}" * len(parts), *parts)


def _fail(
    code: Code,
    value: str,
    message: str | Promise,
    looks_like: tuple[Format, ...] = (),
    from_url: bool = False,
) -> FormatCheck:
    return FormatCheck(False, value, code, message, looks_like, from_url=from_url)


def _wrong_network(
    kind: Kind, value: str, looks: tuple[Format, ...], network: NetworkLike, from_url: bool
) -> FormatCheck:
    if kind is Kind.ADDRESS:
        template = _(
            "This address looks like it belongs to {looks}, but you chose {network}. "
            "Check the network you used."
        )
    else:
        template = _(
            "This transaction hash looks like it belongs to {looks}, but you chose {network}. "
            "Check the network you used."
        )
    message = format_lazy(template, looks=_names(looks), network=network.name)
    return _fail(Code.WRONG_NETWORK, value, message, looks, from_url)


# --- public checks ----------------------------------------------------------------------------


def validate_address_for(
    network: NetworkLike, text: str, *, networks: Sequence[NetworkLike]
) -> FormatCheck:
    """Check that ``text`` is an address on ``network`` (any object with slug, name, family).

    ``networks`` is the catalogue a pasted explorer link is recognised from. Returns a
    FormatCheck; never raises for bad input.
    """
    value = normalise(text)
    if not value:
        return _fail(Code.INVALID_ADDRESS, "", _("Enter the wallet address."))
    link = explorer_link_parse(value, networks)
    if link is None and looks_like_url(value):
        message = _("This is a web link, not an address. Copy the address itself from your wallet.")
        return _fail(Code.INVALID_ADDRESS, value, message)
    if link is None:
        return _address_check(network, value)
    if link.kind is LinkKind.TX:
        message = _(
            "This link points at a transaction, not an address. Put it in the transaction hash "
            "field and enter the wallet address here."
        )
        return _fail(Code.HASH_IN_ADDRESS_FIELD, link.value, message, from_url=True)
    result = _address_check(network, link.value, from_url=True)
    if not result.ok:
        return result
    link_format = format_of(link.network)
    if network.slug != "other" and link_format is not format_of(network):
        return _wrong_network(Kind.ADDRESS, result.value, (link_format,), network, True)
    return FormatCheck(
        True,
        result.value,
        Code.EXPLORER_URL,
        _("We took the address out of the explorer link you pasted. Check that it is right."),
        testnet=result.testnet or link.testnet,
        from_url=True,
    )


def _address_check(network: NetworkLike, value: str, from_url: bool = False) -> FormatCheck:
    fmt = format_of(network)
    if fmt is Format.OTHER:
        guesses = _address_matches(value, _GUESSABLE_ADDRESS_FORMATS)
        if guesses:
            return FormatCheck(True, guesses[0].value, from_url=from_url)
        if _OTHER_VALUE.fullmatch(value) and not _tx_matches(value):
            return FormatCheck(True, value, from_url=from_url)
    else:
        found = _ADDRESS_RECOGNISERS[fmt](value)
        if isinstance(found, Match):
            if found.testnet:
                message: str | Promise = _(
                    "This is a test-network address: coins sent to it are not real. "
                    "Check that you copied the right address."
                )
                return FormatCheck(
                    True, found.value, Code.TESTNET, message, testnet=True, from_url=from_url
                )
            return FormatCheck(True, found.value, from_url=from_url)
        if found is _BadChecksum:
            message = format_lazy(
                _(
                    "This {network} address has a typo: its checksum does not match. "
                    "Copy and paste it instead of typing it."
                ),
                network=network.name,
            )
            return _fail(Code.BAD_CHECKSUM, value, message, from_url=from_url)
        others = tuple(f for f in _GUESSABLE_ADDRESS_FORMATS if f is not fmt)
        elsewhere = tuple(dict.fromkeys(m.format for m in _address_matches(value, others)))
        if elsewhere:
            return _wrong_network(Kind.ADDRESS, value, elsewhere, network, from_url)
    if _tx_matches(value):
        message = _(
            "This looks like a transaction hash, not an address. Put it in the transaction hash "
            "field and enter the wallet address here."
        )
        return _fail(Code.HASH_IN_ADDRESS_FIELD, value, message, from_url=from_url)
    message = format_lazy(
        _(
            "This is not a valid {network} address. Copy it again from your wallet or the "
            "exchange, without extra characters."
        ),
        network=network.name,
    )
    return _fail(Code.INVALID_ADDRESS, value, message, from_url=from_url)


def validate_tx_hash_for(
    network: NetworkLike, text: str, *, networks: Sequence[NetworkLike]
) -> FormatCheck:
    """Check that ``text`` is a transaction hash (TxID) on ``network`` (slug, name, family).

    ``networks`` is the catalogue a pasted explorer link is recognised from. Returns a
    FormatCheck; never raises for bad input.
    """
    value = normalise(text)
    if not value:
        return _fail(Code.INVALID_TX_HASH, "", _("Enter the transaction hash (TxID)."))
    link = explorer_link_parse(value, networks)
    if link is None and looks_like_url(value):
        message: str | Promise = _(
            "This is a web link we do not recognise. Copy the transaction hash (TxID) itself "
            "from your wallet's transaction details."
        )
        return _fail(Code.INVALID_TX_HASH, value, message)
    if link is None:
        return _tx_check(network, value)
    if link.kind is LinkKind.ADDRESS:
        message = _(
            "This link points at an address, not a transaction. Open the transaction on the "
            "explorer and copy its hash (TxID) here."
        )
        return _fail(Code.ADDRESS_IN_HASH_FIELD, link.value, message, from_url=True)
    link_network = link.network
    # A transaction lives on exactly one chain, so even two EVM networks disagree here.
    if network.slug not in ("other", link_network.slug):
        message = format_lazy(
            _(
                "This link is from the {looks} explorer, but you chose {network}. "
                "Check the network you used."
            ),
            looks=link_network.name,
            network=network.name,
        )
        looks = (format_of(link_network),)
        return _fail(Code.WRONG_NETWORK, link.value, message, looks, from_url=True)
    result = _tx_check(link_network, link.value, from_url=True)
    if not result.ok:
        return result
    return FormatCheck(
        True,
        result.value,
        Code.EXPLORER_URL,
        _(
            "We took the transaction hash out of the explorer link you pasted. "
            "Check that it is right."
        ),
        testnet=link.testnet,
        from_url=True,
    )


def _tx_check(network: NetworkLike, value: str, from_url: bool = False) -> FormatCheck:
    fmt = format_of(network)
    matches = _tx_matches(value)
    is_address = bool(_address_matches(value, _GUESSABLE_ADDRESS_FORMATS))
    if fmt is Format.OTHER and (matches or (_OTHER_VALUE.fullmatch(value) and not is_address)):
        return FormatCheck(True, matches[0].value if matches else value, from_url=from_url)
    for match in matches:
        if match.format is fmt:
            # XRP and Cosmos explorers print hashes in upper case; keep theirs.
            upper = fmt in (Format.XRP, Format.COSMOS)
            hash_value = match.value.upper() if upper else match.value
            if fmt is Format.EVM and not hash_value.startswith("0x"):
                hash_value = "0x" + hash_value
            return FormatCheck(True, hash_value, from_url=from_url)
    if matches:
        looks = tuple(dict.fromkeys(m.format for m in matches))
        return _wrong_network(Kind.TX_HASH, value, looks, network, from_url)
    if is_address:
        message: str | Promise = _(
            "This looks like a wallet address, not a transaction hash. Put it in the address "
            "field and copy the transaction hash (TxID) here."
        )
        return _fail(Code.ADDRESS_IN_HASH_FIELD, value, message, from_url=from_url)
    message = format_lazy(
        _(
            "This is not a valid {network} transaction hash. Copy it from your wallet's "
            "transaction details or from the explorer."
        ),
        network=network.name,
    )
    return _fail(Code.INVALID_TX_HASH, value, message, from_url=from_url)

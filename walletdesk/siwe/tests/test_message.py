"""siwe_message_parse: the EIP-4361 grammar, the EIP-55 address, and nothing but SiweError."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest
from eth_utils import to_checksum_address
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from walletdesk.siwe.errors import SiweError
from walletdesk.siwe.message import SiweMessage, siwe_message_parse
from walletdesk.siwe.tests.factories import siwe_message, siwe_text, wallet

Code = SiweError.Code
# No example database in the working tree: the properties are cheap to search afresh. No
# deadline: on a busy machine a slow example says nothing about the parser.
quick = settings(database=None, max_examples=150, deadline=None)

ADDRESS = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"  # the first example of EIP-55
ISSUED_AT = datetime(2025, 6, 6, 2, 0, tzinfo=UTC)


def valid_lines() -> list[str]:
    return siwe_text(siwe_message(ADDRESS, issued_at=ISSUED_AT)).split("\n")


def outcome(text: str) -> str:
    """The code a refusal gives, or "parsed"."""
    try:
        siwe_message_parse(text)
    except SiweError as error:
        return error.code
    return "parsed"


def refused_with(text: str) -> str:
    with pytest.raises(SiweError) as caught:
        siwe_message_parse(text)
    return caught.value.code


# --- what a wallet sends ----------------------------------------------------------------------


def test_parses_every_field_of_a_full_message() -> None:
    text = "\n".join(
        [
            "https://help.example.com wants you to sign in with your Ethereum account:",
            ADDRESS,
            "",
            "Sign in to IM Wallet support.",
            "",
            "URI: https://help.example.com/login",
            "Version: 1",
            "Chain ID: 56",
            "Nonce: 32891756abcdEFGH",
            "Issued At: 2025-06-06T10:00:00+08:00",
            "Expiration Time: 2025-06-06T02:10:00Z",
            "Not Before: 2025-06-06T01:59:00.250Z",
            "Request ID: 7f3c-11",
            "Resources:",
            "- ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/",
            "- https://help.example.com/terms",
        ]
    )

    message = siwe_message_parse(text)

    assert message == SiweMessage(
        domain="help.example.com",  # the optional scheme is not part of the domain
        address=ADDRESS,
        statement="Sign in to IM Wallet support.",
        uri="https://help.example.com/login",
        version="1",
        chain_id=56,
        nonce="32891756abcdEFGH",
        issued_at=ISSUED_AT,
        expiration_time=datetime(2025, 6, 6, 2, 10, tzinfo=UTC),
        not_before=datetime(2025, 6, 6, 1, 59, 0, 250000, tzinfo=UTC),
        request_id="7f3c-11",
    )
    assert message.issued_at.utcoffset() == timedelta(hours=8)  # the offset as written


def test_parses_a_message_without_statement() -> None:
    message = siwe_message(ADDRESS, statement="", issued_at=ISSUED_AT)

    assert siwe_message_parse(siwe_text(message)).statement == ""


def test_accepts_windows_line_endings() -> None:
    message = siwe_message(ADDRESS, issued_at=ISSUED_AT)

    assert siwe_message_parse(siwe_text(message).replace("\n", "\r\n")) == message


# --- round trip -------------------------------------------------------------------------------

_ascii_letters = "abcdefghijklmnopqrstuvwxyz"
addresses = st.binary(min_size=20, max_size=20).map(lambda raw: to_checksum_address(raw))
domains = st.from_regex(
    r"\A[a-z0-9]([a-z0-9-]{0,15}[a-z0-9])?(\.[a-z]{2,6}){1,2}(:[1-9][0-9]{0,4})?\Z"
)
statements = st.text(
    alphabet=st.one_of(
        st.characters(categories=["L", "N"]), st.sampled_from(list(" .,!?'-()@#$%&*+/="))
    ),
    max_size=80,
).filter(lambda s: s == s.strip())
moments = st.datetimes(
    timezones=st.integers(min_value=-12 * 60, max_value=14 * 60).map(
        lambda minutes: timezone(timedelta(minutes=minutes))
    )
)
messages = st.builds(
    SiweMessage,
    domain=domains,
    address=addresses,
    statement=statements,
    uri=st.builds(
        lambda domain, path: f"https://{domain}/{path}", domains, st.from_regex(r"\A[a-z0-9/]*\Z")
    ),
    version=st.just("1"),
    chain_id=st.integers(min_value=0, max_value=10**18 - 1),
    nonce=st.from_regex(r"\A[A-Za-z0-9]{8,40}\Z"),
    issued_at=moments,
    expiration_time=st.none() | moments,
    not_before=st.none() | moments,
    request_id=st.just("") | st.from_regex(r"\A[A-Za-z0-9-]{1,36}\Z"),
)
resources = st.lists(st.from_regex(r"\Ahttps://[a-z0-9./]{1,30}\Z"), max_size=3).map(tuple)


@quick
@given(message=messages, listed=resources)
def test_written_message_parses_back_to_its_fields(
    message: SiweMessage, listed: tuple[str, ...]
) -> None:
    assert siwe_message_parse(siwe_text(message, resources=listed)) == message


@quick
@given(text=st.text(max_size=400))
def test_any_text_is_refused_with_a_siwe_error_or_parsed(text: str) -> None:
    assert outcome(text) in {"parsed", Code.MESSAGE_INVALID, Code.INVALID_ADDRESS}


@quick
@given(message=messages, at=st.integers(min_value=0), junk=st.text(min_size=1, max_size=12))
def test_a_damaged_message_is_refused_with_a_siwe_error_or_parsed(
    message: SiweMessage, at: int, junk: str
) -> None:
    text = siwe_text(message)
    at %= len(text)
    damaged = text[:at] + junk + text[at:]

    assert outcome(damaged) in {"parsed", Code.MESSAGE_INVALID, Code.INVALID_ADDRESS}


# --- EIP-55 -----------------------------------------------------------------------------------


@quick
@given(address=addresses, data=st.data())
def test_an_address_with_one_letter_in_the_wrong_case_is_refused(
    address: str, data: st.DataObject
) -> None:
    letters = [i for i, c in enumerate(address) if i > 1 and c.lower() in _ascii_letters]
    assume(letters)
    at = data.draw(st.sampled_from(letters))
    miscased = address[:at] + address[at].swapcase() + address[at + 1 :]
    message = siwe_message(ADDRESS, issued_at=ISSUED_AT)

    assert refused_with(siwe_text(replace(message, address=miscased))) == Code.INVALID_ADDRESS


def test_a_lower_case_address_is_refused() -> None:
    lines = valid_lines()
    lines[1] = ADDRESS.lower()

    assert refused_with("\n".join(lines)) == Code.INVALID_ADDRESS


@pytest.mark.parametrize(
    "address",
    [
        "",
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeA",  # 19 bytes
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAedAA",  # 21 bytes
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg",
        "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",  # no 0x
        "TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE",  # a Tron address
    ],
)
def test_something_else_than_an_ethereum_address_is_refused(address: str) -> None:
    lines = valid_lines()
    lines[1] = address

    assert refused_with("\n".join(lines)) == Code.INVALID_ADDRESS


def test_a_fresh_wallets_address_is_accepted() -> None:
    address = wallet().address

    assert siwe_message_parse(siwe_text(siwe_message(address))).address == address


# --- malformed messages -----------------------------------------------------------------------


def _without(label: str) -> str:
    return "\n".join(line for line in valid_lines() if not line.startswith(f"{label}: "))


def _replaced(label: str, value: str) -> str:
    return "\n".join(
        f"{label}: {value}" if line.startswith(f"{label}: ") else line for line in valid_lines()
    )


def _header(header: str) -> str:
    return "\n".join([header, *valid_lines()[1:]])


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("\n".join(valid_lines()[:6]), id="too-short"),
        pytest.param(_header("help.example.com wants you to sign in"), id="header-cut"),
        pytest.param(
            _header("help.example.com wants you to sign in with your Ethereum account"),
            id="header-without-colon",
        ),
        pytest.param(
            _header(" wants you to sign in with your Ethereum account:"), id="header-no-domain"
        ),
        pytest.param(
            _header("help.example.com wants you to sign in with your Solana account:"),
            id="another-chain-family",
        ),
        pytest.param(_without("URI"), id="no-uri"),
        pytest.param(_without("Version"), id="no-version"),
        pytest.param(_without("Chain ID"), id="no-chain-id"),
        pytest.param(_without("Nonce"), id="no-nonce"),
        pytest.param(_without("Issued At"), id="no-issued-at"),
        pytest.param(_replaced("Version", "2"), id="version-2"),
        pytest.param(_replaced("Nonce", "abc1234"), id="nonce-7-chars"),
        pytest.param(_replaced("Nonce", "abcd-1234"), id="nonce-not-alphanumeric"),
        pytest.param(_replaced("Chain ID", "0x1"), id="chain-id-hex"),
        pytest.param(_replaced("Chain ID", "-1"), id="chain-id-negative"),
        pytest.param(_replaced("Chain ID", "1" * 19), id="chain-id-19-digits"),
        pytest.param(_replaced("Chain ID", "²"), id="chain-id-superscript"),
        pytest.param(_replaced("Chain ID", "١"), id="chain-id-arabic-indic-digit"),
        pytest.param(_replaced("Issued At", "yesterday"), id="issued-at-not-a-time"),
        pytest.param(_replaced("Issued At", "2025-06-06T02:00:00"), id="issued-at-no-offset"),
        pytest.param(_replaced("Issued At", "2025-02-30T02:00:00Z"), id="issued-at-no-such-day"),
        pytest.param(
            "\n".join([*valid_lines(), "Expiration Time: soon"]), id="expiration-not-a-time"
        ),
        pytest.param(
            "\n".join([*valid_lines()[:6], valid_lines()[7], valid_lines()[6], *valid_lines()[8:]]),
            id="fields-out-of-order",
        ),
        pytest.param("\n".join([*valid_lines(), "Favourite colour: blue"]), id="unknown-field"),
        pytest.param("\n".join([*valid_lines(), "Resources:", "ipfs://x"]), id="resource-no-dash"),
        pytest.param(
            "\n".join([*valid_lines()[:3], "Line one", "line two", "", *valid_lines()[5:]]),
            id="statement-on-two-lines",
        ),
    ],
)
def test_malformed_message_is_refused(text: str) -> None:
    assert refused_with(text) == Code.MESSAGE_INVALID

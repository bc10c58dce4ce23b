"""The arithmetic of the second factor: codes work once within their window, recovery codes are
hashed per user and typed loosely, the QR code is inline SVG."""

import hashlib

import pyotp

from walletdesk.accounts import totp

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
AT = 1_800_000_000.0  # a fixed moment, 0 seconds into its step
NOW = int(AT // 30)


def test_the_code_is_the_one_an_authenticator_app_shows() -> None:
    app = pyotp.TOTP(SECRET)

    assert totp.code_for(SECRET, NOW) == app.at(AT)
    assert totp.totp_match(secret=SECRET, code=app.at(AT), last_counter=0, at=AT) == NOW


def test_one_step_of_drift_either_way_is_accepted_two_are_not() -> None:
    def match(step: int) -> int | None:
        code = totp.code_for(SECRET, NOW + step)
        return totp.totp_match(secret=SECRET, code=code, last_counter=0, at=AT)

    assert [match(step) for step in (-2, -1, 0, 1, 2)] == [None, NOW - 1, NOW, NOW + 1, None]


def test_a_code_is_refused_again_within_its_window() -> None:
    code = totp.code_for(SECRET, NOW)
    first = totp.totp_match(secret=SECRET, code=code, last_counter=0, at=AT)
    assert first == NOW

    # Same code, same window (and still inside the drift of the next step): refused.
    assert totp.totp_match(secret=SECRET, code=code, last_counter=first, at=AT) is None
    assert totp.totp_match(secret=SECRET, code=code, last_counter=first, at=AT + 31) is None
    # An older code than the last accepted one is refused too; the next step's passes.
    older = totp.code_for(SECRET, NOW - 1)
    assert totp.totp_match(secret=SECRET, code=older, last_counter=first, at=AT) is None
    following = totp.code_for(SECRET, NOW + 1)
    assert totp.totp_match(secret=SECRET, code=following, last_counter=first, at=AT) == NOW + 1


def test_spaces_in_a_typed_code_are_ignored_letters_are_not_a_code() -> None:
    code = totp.code_for(SECRET, NOW)

    spaced = f" {code[:3]} {code[3:]} "
    assert totp.totp_match(secret=SECRET, code=spaced, last_counter=0, at=AT) == NOW
    assert totp.totp_match(secret=SECRET, code="abcdef", last_counter=0, at=AT) is None
    assert totp.totp_match(secret=SECRET, code=code[:5], last_counter=0, at=AT) is None


def test_recovery_codes_are_ten_distinct_random_codes() -> None:
    codes = totp.recovery_codes_new()

    assert len(codes) == 10
    assert len(set(codes)) == 10
    assert all(len(c) == 14 and c.count("-") == 2 for c in codes)
    assert all(totp.looks_like_recovery_code(c) for c in codes)
    assert totp.recovery_codes_new() != codes


def test_a_recovery_code_is_stored_as_a_salted_sha256_never_in_clear() -> None:
    code = "ABCD-EFGH-JKMN"

    stored = totp.recovery_code_hash(user_id="u1", code=code)

    assert stored == hashlib.sha256(b"u1:ABCDEFGHJKMN").hexdigest()
    assert "ABCD" not in stored
    # Salted by the user: the same code of another account hashes apart.
    assert totp.recovery_code_hash(user_id="u2", code=code) != stored
    # Typed without dashes, in lower case, with spaces: the same code.
    assert totp.recovery_code_hash(user_id="u1", code=" abcd efgh-jkmn ") == stored


def test_the_qr_code_is_inline_svg_of_the_otpauth_link() -> None:
    uri = totp.provisioning_uri(secret=SECRET, account="agent@walletdesk.example")

    svg = totp.qr_svg(uri)

    assert uri.startswith("otpauth://totp/WalletDesk:agent%40walletdesk.example?secret=")
    assert "issuer=WalletDesk" in uri
    assert svg.startswith("<svg")
    assert "<?xml" not in svg
    assert "http" not in svg  # nothing linked or loaded


def test_the_secret_is_grouped_for_typing_by_hand() -> None:
    assert totp.secret_grouped("ABCDEFGH") == "ABCD EFGH"
    assert len(totp.secret_new()) == 32

"""Reading Authentication-Results: only our server's word counts, and only for the From: domain."""

import pytest

from walletdesk.inbound.authentication import MailAuthentication, aligned, authentication_read

OURS = "mx.walletdesk.test"


def _read(*headers: str, from_domain: str = "example.com", authserv_id: str = OURS):
    return authentication_read(headers, from_domain=from_domain, authserv_id=authserv_id)


def test_dmarc_pass_from_our_server_is_signed():
    auth = _read(f"{OURS}; dmarc=pass (p=reject) header.from=example.com")

    assert auth == MailAuthentication(dmarc=True)
    assert auth.signed
    assert auth.passed


def test_nothing_vouches_without_a_header():
    assert _read() == MailAuthentication()
    assert not _read().passed


def test_a_foreign_authserv_id_is_ignored():
    # Anyone can write this header before sending the mail.
    auth = _read(
        "mx.attacker.example; dmarc=pass header.from=example.com; dkim=pass header.d=example.com",
        "mx.walletdesk.test.attacker.example; dmarc=pass header.from=example.com",
        f"x{OURS}; spf=pass smtp.mailfrom=a@example.com",
    )

    assert auth == MailAuthentication()


def test_no_authserv_id_configured_believes_nothing():
    auth = _read(f"{OURS}; dmarc=pass header.from=example.com", authserv_id="")

    assert not auth.passed


@pytest.mark.parametrize(
    "header",
    [
        "MX.WalletDesk.TEST; DMARC=Pass header.from=Example.COM",
        "mx.walletdesk.test;\r\n\tdmarc=PASS\r\n\t(p=none dis=none) header.from=example.com",
        "mx.walletdesk.test 1; dmarc=pass header.from=example.com",
        "mx.walletdesk.test; dmarc=pass",  # a server that does not name the domain
    ],
)
def test_case_folding_and_versions_are_read(header):
    assert _read(header).dmarc


def test_dmarc_fail_is_not_a_pass():
    auth = _read(f"{OURS}; dmarc=fail (p=reject) header.from=example.com; spf=fail")

    assert auth == MailAuthentication()


def test_dmarc_pass_for_another_domain_does_not_count():
    assert not _read(f"{OURS}; dmarc=pass header.from=attacker.example").dmarc


def test_a_failure_from_our_server_outweighs_a_planted_pass():
    # A pass planted under our id that the server did not strip, and the server's own fail.
    auth = _read(
        f"{OURS}; dmarc=pass header.from=example.com",
        f"{OURS}; dmarc=fail header.from=example.com",
    )

    assert not auth.dmarc


@pytest.mark.parametrize(
    ("dkim", "expected"),
    [
        ("dkim=pass header.d=example.com", True),
        ("dkim=pass header.d=EXAMPLE.com header.s=s1", True),
        ("dkim=pass header.i=@example.com", True),
        ("dkim=pass header.d=mail.example.com", False),  # a child signs for no parent
        ("dkim=pass header.d=attacker.example", False),
        ("dkim=pass header.d=com", False),
        ("dkim=fail header.d=example.com", False),
        ("dkim=neutral header.d=example.com", False),
        ("dkim=pass", False),
    ],
)
def test_dkim_counts_only_when_aligned_with_the_from_domain(dkim, expected):
    assert _read(f"{OURS}; {dkim}").dkim_aligned is expected


def test_dkim_of_a_parent_domain_aligns_with_a_subdomain_sender():
    auth = _read(f"{OURS}; dkim=pass header.d=example.com", from_domain="mail.example.com")

    assert auth.signed


def test_a_failing_list_signature_does_not_veto_the_senders_own():
    auth = _read(f"{OURS}; dkim=pass header.d=example.com; dkim=fail header.d=lists.example.org")

    assert auth.dkim_aligned


def test_a_failing_signature_of_the_from_domain_vetoes_a_pass():
    auth = _read(
        f"{OURS}; dkim=pass header.d=example.com", f"{OURS}; dkim=fail header.d=example.com"
    )

    assert not auth.dkim_aligned


def test_spf_alone_passes_but_does_not_sign():
    auth = _read(f"{OURS}; spf=pass smtp.mailfrom=bounce@example.com")

    assert auth.spf_aligned
    assert auth.passed
    assert not auth.signed  # staff replies need DMARC or aligned DKIM


def test_spf_for_another_envelope_domain_does_not_count():
    assert not _read(f"{OURS}; spf=pass smtp.mailfrom=a@attacker.example").passed


@pytest.mark.parametrize(
    "header",
    ["", ";", "; dmarc=pass", "mx.walletdesk.test", "mx.walletdesk.test; dmarc", "\x00\xff;;=="],
)
def test_malformed_headers_are_skipped_not_raised(header):
    assert _read(header, f"{OURS}; spf=pass smtp.mailfrom=a@example.com").spf_aligned
    assert not _read(header).passed


def test_none_result_vouches_for_nothing():
    assert _read(f"{OURS}; none") == MailAuthentication()


@pytest.mark.parametrize(
    ("domain", "from_domain", "expected"),
    [
        ("example.com", "example.com", True),
        ("example.com", "a.example.com", True),
        ("com", "example.com", False),
        ("ample.com", "example.com", False),
        ("", "example.com", False),
    ],
)
def test_alignment(domain, from_domain, expected):
    assert aligned(domain, from_domain) is expected

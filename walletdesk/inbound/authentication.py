"""Whether an inbound mail's From: domain was authenticated by our own receiving server.

The From: header is typed by whoever sends the mail. What a receiving server checked (SPF,
DKIM, DMARC) it writes into an Authentication-Results header (RFC 8601) that starts with its
own name, the authserv-id. Anyone can put such headers into a mail before sending it, so only
the ones under our server's authserv-id (settings.INBOUND_AUTHSERV_ID) are read; every other
one is ignored, however it is spelled. Our server must also remove incoming headers that
claim its authserv-id (RFC 8601 §5; docs/inbound-mail.md says how); as a second line, a
method that both passes and fails under our id counts as failed.

The headers are parsed by ``authres`` (RFC 8601 syntax: comments, quoting, properties).
Nothing here touches the database.
"""

from collections.abc import Iterable
from dataclasses import dataclass

import authres
from authres.core import AuthResError

_METHODS = ("dmarc", "dkim", "spf")


@dataclass(frozen=True)
class MailAuthentication:
    """What our server vouched for about the From: domain of one mail."""

    dmarc: bool = False  # dmarc=pass for the From: domain
    dkim_aligned: bool = False  # dkim=pass with d= the From: domain or a parent of it
    spf_aligned: bool = False  # spf=pass with the envelope sender in the From: domain

    @property
    def signed(self) -> bool:
        """The From: domain signed this mail: enough for staff (DMARC or aligned DKIM)."""
        return self.dmarc or self.dkim_aligned

    @property
    def passed(self) -> bool:
        """Any aligned pass, SPF included: enough to open a ticket without confirming it."""
        return self.signed or self.spf_aligned


def _domain(value: str) -> str:
    """The domain of an address, ``@domain`` or a bare domain, lower case, no trailing dot."""
    return value.strip().strip("<>").rpartition("@")[2].strip().rstrip(".").lower()


def aligned(domain: str, from_domain: str) -> bool:
    """``domain`` is the From: domain or a parent of it (relaxed alignment, RFC 7489 §3.1).

    A parent needs at least two labels: no one can sign or publish SPF for "com" itself.
    """
    if not domain or not from_domain:
        return False
    if domain == from_domain:
        return True
    return "." in domain and from_domain.endswith(f".{domain}")


def _properties(result: object) -> dict[str, str]:
    found: dict[str, str] = {}
    for prop in getattr(result, "properties", []):
        key = f"{getattr(prop, 'type', '')}.{getattr(prop, 'name', '')}".lower()
        found.setdefault(key, str(getattr(prop, "value", "")))
    return found


def _passes(method: str, props: dict[str, str], from_domain: str) -> bool:
    """One ``pass`` result counts only if it speaks of the From: domain."""
    if method == "dmarc":
        # DMARC is about the From: domain by definition; if the server names it, it must match.
        named = props.get("header.from", "")
        return not named or _domain(named) == from_domain
    if method == "dkim":
        signer = props.get("header.d") or props.get("header.i", "")
        return aligned(_domain(signer), from_domain)
    # spf: the envelope sender (or, for a null sender, the HELO name) must be aligned.
    checked = props.get("smtp.mailfrom") or props.get("smtp.helo", "")
    return aligned(_domain(checked), from_domain)


def authentication_read(
    headers: Iterable[str], *, from_domain: str, authserv_id: str
) -> MailAuthentication:
    """Read the Authentication-Results ``headers`` (raw values, any order) of one mail.

    Only headers whose authserv-id equals ``authserv_id`` (case-insensitive) are read; with an
    empty ``authserv_id`` nothing is. A malformed header is skipped. A method passes when a
    result under our id passes for ``from_domain`` and no result under our id for the same
    method says anything else but pass (fail, softfail, temperror, a pass for another domain).
    """
    wanted = authserv_id.strip().lower()
    from_domain = _domain(from_domain)
    if not wanted or not from_domain:
        return MailAuthentication()
    passed: dict[str, bool] = {}
    for value in headers:
        try:
            header = authres.AuthenticationResultsHeader.parse_value(" ".join(value.split()))
        except (AuthResError, ValueError, IndexError, TypeError, AttributeError):
            continue
        if str(header.authserv_id or "").strip().lower() != wanted:
            continue
        for result in header.results:
            method = str(result.method or "").lower()
            if method not in _METHODS:
                continue
            props = _properties(result)
            ok = str(result.result or "").lower() == "pass" and _passes(method, props, from_domain)
            if method == "dkim" and not ok and not _passes(method, props, from_domain):
                # Several signatures are normal: a failing signature of another domain (a
                # mailing list's) is no veto; a failing one of the From: domain is.
                continue
            passed[method] = passed.get(method, True) and ok
    return MailAuthentication(
        dmarc=passed.get("dmarc", False),
        dkim_aligned=passed.get("dkim", False),
        spf_aligned=passed.get("spf", False),
    )

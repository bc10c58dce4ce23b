"""The one secret guard every service that stores user text calls (tickets, replies, profile
fields, attachment names), and the record that it caught something.

``secret_guard`` reads the named fields with chain/secret_guard.py before anything is saved or
logged. When it finds a wallet secret it writes a SecretCatch (where, which fields, which
kinds, never the text) and returns the scan; the caller then refuses (web, API) or stores the
masked text (channels that cannot ask back). Call it outside the caller's own transaction:
the refusal rolls that transaction back, and the record must survive it.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from walletdesk.accounts.models import User
from walletdesk.chain.secret_guard import (
    SecretFinding,
    SecretRequest,
    find_secret_requests,
    find_secrets,
    mask_secrets,
)
from walletdesk.tickets.models import SecretCatch, Ticket


@dataclass(frozen=True)
class SecretScan:
    """What the guard found, per field. Holds spans and previews, never the secret itself."""

    findings: Mapping[str, tuple[SecretFinding, ...]] = field(default_factory=dict)
    requests: tuple[SecretRequest, ...] = ()

    @property
    def found(self) -> bool:
        return any(self.findings.values())

    @property
    def fields(self) -> list[str]:
        return [name for name, found in self.findings.items() if found]

    @property
    def kinds(self) -> list[str]:
        kinds = [f.kind.value for found in self.findings.values() for f in found]
        return list(dict.fromkeys(kinds))

    @property
    def request_kinds(self) -> list[str]:
        return list(dict.fromkeys(r.kind.value for r in self.requests))

    def masked(self, values: Mapping[str, str]) -> dict[str, str]:
        """``values`` with every secret this scan found replaced by its placeholder."""
        return {
            name: mask_secrets(value, list(self.findings[name]))
            if self.findings.get(name)
            else value
            for name, value in values.items()
        }


def secret_scan(fields: Mapping[str, str]) -> SecretScan:
    """Find wallet secrets in each named text. Pure: nothing is stored or logged."""
    return SecretScan(
        findings={name: tuple(find_secrets(value or "")) for name, value in fields.items()}
    )


def secret_catch_record(
    *,
    user: User | None,
    channel: str,
    fields: Iterable[str],
    kinds: Iterable[str],
    ticket: Ticket | None = None,
    was_masked: bool = False,
) -> SecretCatch:
    """Append one SecretCatch. Never pass text: only field names and kinds."""
    return SecretCatch.objects.create(
        user=user if user is not None and user.pk else None,
        ticket=ticket,
        channel=channel,
        fields=list(fields),
        kinds=list(kinds),
        was_masked=was_masked,
    )


def secret_guard(
    *,
    fields: Mapping[str, str],
    user: User | None,
    channel: str = SecretCatch.Channel.WEB,
    ticket: Ticket | None = None,
    masked: bool = False,
) -> SecretScan:
    """Scan ``fields`` (name -> text) for wallet secrets; record a SecretCatch if any is found.

    Returns the scan: the caller refuses when ``scan.found`` (or, with ``masked=True``, stores
    ``scan.masked(values)``). Attachments call this with ``{"filename": name}``. Writes one
    row when something is found; call it outside the transaction that would be rolled back.
    """
    scan = secret_scan(fields)
    if scan.found:
        secret_catch_record(
            user=user,
            channel=channel,
            fields=scan.fields,
            kinds=scan.kinds,
            ticket=ticket,
            was_masked=masked,
        )
    return scan


def secret_request_guard(
    *, body: str, agent: User, ticket: Ticket | None, channel: str = SecretCatch.Channel.WEB
) -> SecretScan:
    """Read an agent's outgoing public text for requests of a secret, a code or remote access.

    Records a SecretCatch with kinds ``asks_for_<kind>`` when one is found and returns the scan
    (``scan.requests``); the caller holds the reply back.
    """
    requests = tuple(find_secret_requests(body))
    scan = SecretScan(requests=requests)
    if requests:
        secret_catch_record(
            user=agent,
            channel=channel,
            fields=["body"],
            kinds=[f"asks_for_{kind}" for kind in scan.request_kinds],
            ticket=ticket,
        )
    return scan

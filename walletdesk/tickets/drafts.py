"""The shape of a ticket as a user sends it, written once.

``TicketDraft`` holds the typed values; the portal form, the API serializer, inbound mail and
the demo data all build one, and ``tickets.services`` stores it. ``wallet_values_check`` is the
one place where a draft's transaction hash and address are read against its network, for the
form and the API alike.
"""

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from walletdesk.chain.formats import FormatCheck
from walletdesk.networks.checks import FormatChecks

if TYPE_CHECKING:
    from walletdesk.tickets.models import Category, Ticket

# The structured details a category may ask for, in the order forms show them.
WALLET_FIELDS = (
    "network",
    "asset",
    "tx_hash",
    "address",
    "memo",
    "amount",
    "occurred_at",
    "phishing_contact",
)
# Every field a ticket submission accepts, in the order the form shows them: the order a person
# reads a submission in, and so the order the secret guard reads it in (as one text).
READING_ORDER = ("subject", "description", *WALLET_FIELDS)
# What a person typed freely and is stored as typed (masked where a channel cannot ask back).
TEXT_FIELDS = (
    "subject",
    "description",
    "asset",
    "tx_hash",
    "address",
    "memo",
    "phishing_contact",
)
# Checked against the chosen network's formats.
FORMAT_FIELDS = ("tx_hash", "address")


@dataclass(frozen=True)
class TicketDraft:
    """What a user submits for a new ticket, typed; every door builds one."""

    category: "Category"
    subject: str
    description: str
    network: str = ""
    asset: str = ""
    tx_hash: str = ""
    address: str = ""
    memo: str = ""
    amount: Decimal | None = None
    occurred_at: datetime | None = None
    phishing_contact: str = ""

    @classmethod
    def from_values(cls, *, category: "Category", values: Mapping[str, Any]) -> "TicketDraft":
        """From cleaned input (a form's cleaned_data, a serializer's validated_data): missing
        and None values read as empty; keys that are not draft fields, and wallet fields the
        category does not ask for, are left out; the asset symbol is upper-cased."""
        known: dict[str, Any] = {}
        for item in fields(cls):
            if item.name == "category" or item.name not in values:
                continue
            if item.name in WALLET_FIELDS and not category.asks(item.name):
                continue
            value = values[item.name]
            if item.name in ("amount", "occurred_at"):
                known[item.name] = value
            else:
                known[item.name] = "" if value is None else str(value)
        known.setdefault("subject", "")
        known.setdefault("description", "")
        if "asset" in known:
            known["asset"] = known["asset"].strip().upper()
        return cls(category=category, **known)

    @classmethod
    def from_ticket(cls, ticket: "Ticket") -> "TicketDraft":
        """The stored ticket as a draft: a resubmission starts from it."""
        return cls(
            category=ticket.category,
            **{item.name: getattr(ticket, item.name) for item in fields(cls)[1:]},
        )

    def as_initial(self) -> dict[str, Any]:
        """Field name -> value, to pre-fill a form."""
        return {item.name: getattr(self, item.name) for item in fields(self)[1:]}

    def value_of(self, field: str) -> object:
        return getattr(self, field)

    def texts(self) -> dict[str, str]:
        """The free-text fields a person typed, in reading order."""
        return {name: getattr(self, name) or "" for name in TEXT_FIELDS}

    def reading(self) -> dict[str, str]:
        """Every field as text, in reading order: what the secret guard reads."""
        return draft_reading(self.as_initial())

    def with_texts(self, texts: Mapping[str, str]) -> "TicketDraft":
        """The same draft with some free-text fields replaced (masked secrets)."""

        def text(name: str) -> str:
            return texts.get(name, getattr(self, name))

        return replace(
            self,
            subject=text("subject"),
            description=text("description"),
            tx_hash=text("tx_hash"),
            address=text("address"),
            memo=text("memo"),
            asset=text("asset"),
            phishing_contact=text("phishing_contact"),
        )


# No field a submission accepts is longer; input beyond it is refused anyway, and is not read.
READ_LIMIT = 10000


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)[:READ_LIMIT]


def draft_reading(values: Mapping[str, object]) -> dict[str, str]:
    """A submission's values as text, in reading order (READING_ORDER): what the secret guard
    reads together, whether typed (a form's raw data, an API body, the live check) or stored in
    a draft. Fields not given read as empty; other keys are left out."""
    return {name: _as_text(values.get(name)) for name in READING_ORDER}


def wallet_values_check(
    *, network: str, values: Mapping[str, str], checks: FormatChecks | None = None
) -> dict[str, FormatCheck]:
    """Read the transaction hash and the address against the network's formats.

    Returns field -> FormatCheck for each of those fields that is filled in: ``ok`` False with a
    stable code and a localised message for a wrong value, else the cleaned value (an explorer
    link reduced to the hash it holds) and perhaps a notice. Without a known network the values
    are checked for shape only. ``checks``: where the submission's checks are kept, so the
    intake check of the same submission does not make them again.
    """
    if checks is None:
        checks = FormatChecks()
    results: dict[str, FormatCheck] = {}
    for name in FORMAT_FIELDS:
        text = values.get(name) or ""
        if not text.strip():
            continue
        check = checks.tx_hash if name == "tx_hash" else checks.address
        results[name] = check(network, text)
    return results

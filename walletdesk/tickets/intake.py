"""Wallet-native intake: how complete and how plausible a ticket draft is, before it is sent.

``intake_check(draft, user=...)`` is pure reading (no writes): it validates the wallet fields
against the chosen network, says which details are missing and why they help, scores the
draft 0-100 by the category's completeness items, lists wallet secrets found in the text, and
flags the two mistakes that cost users most: a deposit to a memo network without a memo, and a
destination that imitates an address the user used before (address poisoning).

The portal form, the live meter (POST /api/v1/intake/check) and ``ticket_open`` all use it, so
the user, the agent and reports see the same score. Every problem carries a stable code.
"""

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from walletdesk.accounts.models import User
from walletdesk.chain.formats import FormatCheck, normalise
from walletdesk.chain.secret_guard import SecretKind, Strength
from walletdesk.core.i18n import pick
from walletdesk.guard.services import secret_scan
from walletdesk.networks.checks import FormatChecks
from walletdesk.networks.models import Network
from walletdesk.networks.selectors import asset_symbols_for, network_get
from walletdesk.tickets.drafts import WALLET_FIELDS, TicketDraft, draft_reading
from walletdesk.tickets.models import Category, Ticket
from walletdesk.tickets.selectors import category_get_active, ticket_address_lookalike_recent

# --- completeness items ---------------------------------------------------------------------

ITEM_LABELS: dict[str, Promise] = {
    "network": _("Network"),
    "asset": _("Asset"),
    "tx_hash": _("Transaction hash (TxID)"),
    "address": _("Address"),
    "amount": _("Amount"),
    "occurred_at": _("When it happened"),
    "memo": _("Memo / tag"),
    "description": _("What happened"),
    "screenshot": _("Screenshot"),
    "tx_or_time": _("Transaction hash or the time of the withdrawal"),
    "phishing_contact": _("Phishing site or contact"),
}
ITEM_WHY: dict[str, Promise] = {
    "network": _("Each network is a separate blockchain: we look the transfer up on yours."),
    "asset": _("USDT and other tokens exist on many networks; we trace the one you moved."),
    "tx_hash": _("With the hash we find the transfer on the blockchain in seconds."),
    "address": _("We check the address on the explorer and match it with the transfer."),
    "amount": _("The amount tells your transfer apart from others to the same address."),
    "occurred_at": _("Without a hash, the time lets us find the transfer in the records."),
    "memo": _("Exchanges on this network credit deposits by memo or tag."),
    "description": _("A few sentences on what you did and what you expected to happen."),
    "screenshot": _("A screenshot of the record shows us what you see in one step."),
    "tx_or_time": _("The hash finds the withdrawal at once; without it, the time narrows it down."),
    "phishing_contact": _(
        "The site or account that took the funds: we report it and warn other users."
    ),
}
# Fields a completeness item is satisfied by (an item is met when any one is filled in well).
ITEM_FIELDS: dict[str, tuple[str, ...]] = {"tx_or_time": ("tx_hash", "occurred_at")}
MIN_DESCRIPTION = 20


def _item(name: str, weight: int, recommended: bool = False) -> dict[str, Any]:
    return {"item": name, "weight": weight, "recommended": recommended}


# Used when a category's ``completeness`` is empty; admins override per category.
DEFAULT_ITEMS: dict[str, list[dict[str, Any]]] = {
    "deposit": [
        _item("network", 20),
        _item("asset", 10),
        _item("tx_hash", 30),
        _item("address", 20),
        _item("amount", 10),
        _item("description", 10),
        _item("occurred_at", 0, recommended=True),
        _item("screenshot", 0, recommended=True),
    ],
    "withdrawal": [
        _item("network", 15),
        _item("asset", 10),
        _item("tx_or_time", 25),
        _item("amount", 15),
        _item("address", 25),
        _item("description", 10),
        _item("screenshot", 0, recommended=True),
    ],
    "transfer": [
        _item("network", 20),
        _item("asset", 10),
        _item("tx_hash", 30),
        _item("address", 20),
        _item("amount", 10),
        _item("description", 10),
        _item("screenshot", 0, recommended=True),
    ],
    "assets": [
        _item("network", 30),
        _item("asset", 25),
        _item("address", 30),
        _item("description", 15),
        _item("screenshot", 0, recommended=True),
    ],
}
_FALLBACK_ITEMS = [_item("description", 100)]


def completeness_items(category: Category | None) -> list[dict[str, Any]]:
    """The category's items (admin-edited), or the built-in defaults for its slug."""
    if category is None:
        return _FALLBACK_ITEMS
    configured = [
        row for row in (category.completeness or []) if isinstance(row, dict) and row.get("item")
    ]
    return configured or DEFAULT_ITEMS.get(category.slug, _FALLBACK_ITEMS)


# --- report ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """Something to fix in one field (``ok`` False) or to double-check (a notice)."""

    field: str
    code: str
    message: str
    blocking: bool = True


@dataclass(frozen=True)
class MissingItem:
    item: str
    label: str
    why: str
    weight: int
    recommended: bool = False


@dataclass(frozen=True)
class SecretWarning:
    field: str
    kind: str
    preview: str
    code: str = "secret_detected"
    message: str = ""


@dataclass(frozen=True)
class Flag:
    """A likely cause an agent should look at first (memo missing, address poisoning)."""

    code: str
    message: str


@dataclass(frozen=True)
class IntakeReport:
    score: int
    problems: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)
    missing: list[MissingItem] = field(default_factory=list)
    secrets: list[SecretWarning] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    # Cleaned values: an explorer link replaced by the hash it holds, stray spaces removed.
    values: dict[str, str] = field(default_factory=dict)

    @property
    def flag_codes(self) -> list[str]:
        return [flag.code for flag in self.flags]

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of POST /api/v1/intake/check."""
        return {
            "score": self.score,
            "problems": [asdict(p) for p in self.problems],
            "notices": [asdict(n) for n in self.notices],
            "missing": [asdict(m) for m in self.missing],
            "secrets": [asdict(s) for s in self.secrets],
            "flags": [asdict(f) for f in self.flags],
            "values": self.values,
        }


@dataclass(frozen=True)
class IntakeDraft:
    """A ticket as typed so far; every value is the raw text of its field."""

    category: str = ""
    subject: str = ""
    description: str = ""
    network: str = ""
    asset: str = ""
    tx_hash: str = ""
    address: str = ""
    memo: str = ""
    amount: str = ""
    occurred_at: str = ""
    phishing_contact: str = ""
    attachments: int = 0

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> "IntakeDraft":
        """Build from form or JSON data; unknown keys are ignored, None reads as empty."""
        values = {
            name: "" if data.get(name) is None else str(data.get(name))
            for name in ("category", "subject", "description", *WALLET_FIELDS)
        }
        try:
            attachments = max(0, int(data.get("attachments") or 0))
        except (TypeError, ValueError):
            attachments = 0
        return cls(**values, attachments=attachments)

    @classmethod
    def from_ticket_draft(cls, draft: TicketDraft) -> "IntakeDraft":
        """From a typed TicketDraft at submission time."""

        def text(value: object) -> str:
            if value is None:
                return ""
            return value.isoformat() if isinstance(value, datetime) else str(value)

        values = {name: text(value) for name, value in draft.as_initial().items()}
        return cls.from_mapping({"category": draft.category.slug, **values})


SECRET_MESSAGES: dict[str, Promise] = {
    SecretKind.RECOVERY_PHRASE: _(
        "This looks like a recovery phrase. Support never asks for it: delete it. If you have "
        "shared it anywhere, move your funds to a new wallet now."
    ),
    SecretKind.PRIVATE_KEY: _(
        "This looks like a private key. Support never asks for it: delete it. If you have "
        "shared it anywhere, move your funds to a new wallet now."
    ),
    SecretKind.EXTENDED_PRIVATE_KEY: _(
        "This looks like an extended private key (xprv). Support never asks for it: delete it. "
        "If you have shared it anywhere, move your funds to a new wallet now."
    ),
    SecretKind.WIF_KEY: _(
        "This looks like a private key (WIF). Support never asks for it: delete it. If you "
        "have shared it anywhere, move your funds to a new wallet now."
    ),
}

_MEMO_CATEGORIES = frozenset({"deposit"})
# Poisoners generate addresses whose first and last characters match; wallets show only these.
_POISON_HEAD = 4
_POISON_TAIL = 4
_PREVIOUS_ADDRESSES = 50


def _format_problem(name: str, check: FormatCheck, values: dict[str, str]) -> list[Problem]:
    if check.ok:
        values[name] = check.value
        if check.code is not None and check.message:
            return [Problem(name, check.code.value, str(check.message), blocking=False)]
        return []
    code = check.code.value if check.code else "invalid"
    return [Problem(name, code, str(check.message))]


_POISON_MIN_LENGTH = _POISON_HEAD + _POISON_TAIL + 4


def significant_address(address: str) -> str:
    """An address as the look-alike check compares it: "0x" says nothing, and EVM addresses
    differ only in checksum case. (selectors.ticket_address_lookalike_recent reads stored
    addresses the same way in SQL.)"""
    if address[:2].lower() == "0x":
        return address[2:].lower()
    return address


def looks_poisoned(address: str, previous: str) -> bool:
    """Same first and last characters as ``previous`` but a different middle."""
    new, old = significant_address(address), significant_address(previous)
    if new == old or min(len(new), len(old)) < _POISON_MIN_LENGTH:
        return False
    return new[:_POISON_HEAD] == old[:_POISON_HEAD] and new[-_POISON_TAIL:] == old[-_POISON_TAIL:]


def _poisoned_for(user: User, address: str, before: Ticket | None) -> bool:
    """Whether ``address`` looks poisoned against one of the user's latest addresses (the
    rule of looks_poisoned, asked of the database)."""
    significant = significant_address(address)
    if len(significant) < _POISON_MIN_LENGTH:
        return False  # too short to look like anything: no need to ask
    return ticket_address_lookalike_recent(
        user=user,
        significant=significant,
        head=_POISON_HEAD,
        tail=_POISON_TAIL,
        min_length=_POISON_MIN_LENGTH,
        limit=_PREVIOUS_ADDRESSES,
        before=before,
    )


def _parse_amount(text: str) -> Decimal | None:
    cleaned = normalise(text).replace(",", "")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        return None
    return amount if amount.is_finite() else None


def _parse_when(text: str) -> datetime | None:
    value = text.strip()
    try:
        parsed = parse_datetime(value)
        if parsed is None:
            day = parse_date(value)
            parsed = datetime(day.year, day.month, day.day) if day else None  # noqa: DTZ001
    except ValueError:
        return None
    if parsed is not None and timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def _check_fields(
    draft: IntakeDraft, network: Network | None, values: dict[str, str], checks: FormatChecks
) -> list[Problem]:
    problems: list[Problem] = []
    if draft.network.strip() and network is None:
        message = _("Choose a network from the list.")
        problems.append(Problem("network", "unknown_network", str(message)))
    # Without a chosen network the values are checked as "other": shape only.
    if draft.tx_hash.strip():
        problems += _format_problem("tx_hash", checks.tx_hash(network, draft.tx_hash), values)
    if draft.address.strip():
        problems += _format_problem("address", checks.address(network, draft.address), values)
    asset = normalise(draft.asset).upper()
    if asset:
        values["asset"] = asset
        if network is not None and asset not in asset_symbols_for(network.slug):
            unusual = _(
                "%(asset)s is not usually sent on %(network)s. Check the asset and the network."
            ) % {"asset": asset, "network": network.name}
            problems.append(Problem("asset", "unusual_asset", unusual, blocking=False))
    if draft.amount.strip():
        amount = _parse_amount(draft.amount)
        if amount is None or amount < 0:
            message = _("Enter the amount as a number, for example 250 or 0.5.")
            problems.append(Problem("amount", "invalid_amount", str(message)))
        else:
            values["amount"] = format(amount.normalize(), "f")
    if draft.occurred_at.strip():
        when = _parse_when(draft.occurred_at)
        if when is None:
            message = _("Enter a date and time, for example 2025-11-20 14:05.")
            problems.append(Problem("occurred_at", "invalid_date", str(message)))
        elif when > timezone.now() + timedelta(days=1):
            message = _("This date is in the future. When did it happen?")
            problems.append(Problem("occurred_at", "date_in_future", str(message)))
    return problems


def _filled(name: str, draft: IntakeDraft, bad: set[str]) -> bool:
    if name == "screenshot":
        return draft.attachments > 0
    if name == "description":
        return len(draft.description.strip()) >= MIN_DESCRIPTION
    for field_name in ITEM_FIELDS.get(name, (name,)):
        value = getattr(draft, field_name, "")
        if isinstance(value, str) and value.strip() and field_name not in bad:
            return True
    return False


def _score(
    items: list[dict[str, Any]], draft: IntakeDraft, bad: set[str]
) -> tuple[int, list[MissingItem]]:
    total = gained = 0
    missing: list[MissingItem] = []
    for row in items:
        name = str(row["item"])
        try:
            weight = max(0, int(row.get("weight", 0)))
        except (TypeError, ValueError):
            weight = 0
        recommended = bool(row.get("recommended", False))
        if not recommended:
            total += weight
        if _filled(name, draft, bad):
            gained += 0 if recommended else weight
            continue
        why = pick(str(row.get("why_zh", "")), str(row.get("why_en", ""))) or str(
            ITEM_WHY.get(name, "")
        )
        label = str(ITEM_LABELS.get(name, name))
        missing.append(MissingItem(name, label, why, weight, recommended))
    score = round(100 * gained / total) if total else 100
    return score, missing


def secret_warnings(
    draft: IntakeDraft | Mapping[str, Any], *, strength: Strength = Strength.STANDARD
) -> list[SecretWarning]:
    """The guard a submission gets (every field, read together in the form's order), as
    warnings: one per field a secret touches, so a phrase split across two fields marks both.
    Takes a draft or the raw values (a request the check refuses for its shape still warns).
    ``strength``: the category's (STRICT in the security lane)."""
    values = asdict(draft) if isinstance(draft, IntakeDraft) else draft
    scan = secret_scan(draft_reading(values), strength=strength)
    warnings: list[SecretWarning] = []
    for name, findings in scan.findings.items():
        for finding in findings:
            message = str(SECRET_MESSAGES[finding.kind])
            warnings.append(
                SecretWarning(name, finding.kind.value, finding.preview, message=message)
            )
    return warnings


def _flags(
    draft: IntakeDraft,
    network: Network | None,
    values: dict[str, str],
    user: User | None,
    before: Ticket | None,
) -> list[Flag]:
    flags: list[Flag] = []
    if (
        network is not None
        and network.needs_memo
        and draft.category in _MEMO_CATEGORIES
        and not draft.memo.strip()
    ):
        message = _(
            "Deposits to %(network)s usually need a memo or tag. A missing memo is the most "
            "common reason such a deposit does not arrive: add it if the receiver gave you one."
        ) % {"network": network.name}
        flags.append(Flag("memo_missing", message))
    address = values.get("address", "")
    if user is not None and user.pk and address and _poisoned_for(user, address, before):
        warning = _(
            "This address starts and ends like one you used before, but the middle is "
            "different. Scammers create look-alike addresses: compare every character."
        )
        flags.append(Flag("address_poisoning", str(warning)))
    return flags


def intake_check(
    draft: IntakeDraft | Mapping[str, Any],
    *,
    user: User | None = None,
    category: Category | None = None,
    before: Ticket | None = None,
    scan_secrets: bool = True,
    format_checks: FormatChecks | None = None,
) -> IntakeReport:
    """Check a ticket draft: field problems, missing items, score, secret warnings, flags.

    ``user`` enables the address-poisoning check against their earlier tickets (those created
    before ``before`` when re-checking a stored ticket). ``category`` saves a query when the
    caller has it. ``scan_secrets=False`` skips the secret scan for a caller whose text the
    secret guard has already passed (ticket_open). ``format_checks``: hash and address checks
    the door already made of this submission, reused where network and text are the same.
    Reads only; never raises for bad input; never logs the text.
    """
    if not isinstance(draft, IntakeDraft):
        draft = IntakeDraft.from_mapping(draft)
    if category is None and draft.category:
        category = category_get_active(draft.category)
    network = network_get(draft.network) if draft.network.strip() else None
    values: dict[str, str] = {}
    if network is not None:
        values["network"] = network.slug
    checked = _check_fields(draft, network, values, format_checks or FormatChecks())
    problems = [p for p in checked if p.blocking]
    notices = [p for p in checked if not p.blocking]
    score, missing = _score(completeness_items(category), draft, {p.field for p in problems})
    return IntakeReport(
        score=score,
        problems=problems,
        notices=notices,
        missing=missing,
        secrets=secret_warnings(
            draft,
            strength=Strength.STRICT
            if category is not None and category.guard_strict
            else Strength.STANDARD,
        )
        if scan_secrets
        else [],
        flags=_flags(draft, network, values, user, before),
        values=values,
    )


# --- the evidence checklist (the security lane) ---------------------------------------------


@dataclass(frozen=True)
class ChecklistItem:
    """One piece of evidence the category asks for, and whether the ticket has it."""

    item: str
    label: str
    given: bool


def evidence_checklist(ticket: Ticket, *, attachments: int) -> list[ChecklistItem]:
    """What the ticket's category asks for (its completeness items, recommended ones too), in
    the category's order, each marked given or missing, for the agent. ``attachments``: how
    many files the ticket has (the page has them already). Reads nothing from the database."""
    values = {
        name: "" if getattr(ticket, name) is None else str(getattr(ticket, name))
        for name in ("description", *WALLET_FIELDS)
    }
    draft = IntakeDraft.from_mapping({**values, "attachments": attachments})
    return [
        ChecklistItem(
            item=str(row["item"]),
            label=str(ITEM_LABELS.get(str(row["item"]), row["item"])),
            given=_filled(str(row["item"]), draft, set()),
        )
        for row in completeness_items(ticket.category)
    ]


def evidence_request_text(missing: list[ChecklistItem], *, language: str) -> str:
    """A request for the ``missing`` items, in the requester's ``language``, for the agent to
    send as it is or edit. Empty when nothing is missing."""
    if not missing:
        return ""
    with translation.override(language):
        lines = [
            str(_("To help us trace the funds, please add:")),
            *[f"- {ITEM_LABELS.get(item.item, item.item)}" for item in missing],
            str(_("Never send your recovery phrase or private key: we will never ask for it.")),
        ]
    return "\n".join(lines)

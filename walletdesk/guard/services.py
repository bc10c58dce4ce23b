"""The one secret guard every service that stores user text calls (tickets, replies, profile
fields, attachment names), and the record that it caught something.

The detection rules live in chain/secret_guard.py (plain Python); this module is the policy
around them: which fields are read, what is recorded, on which channel. It sits below every
domain app, so accounts, tickets, attachments and the submission path all call this one place.

What is read together is decided here, once, for every channel: a submission's fields are one
text, in the order a person reads them (the form's order), joined by new lines, so a phrase split
across fields is seen like a phrase typed in one; a reply is read after the earlier text of the
same writer on the same ticket (``context``), so a phrase sent in two halves is seen when the
second half comes. Each finding is mapped back to the field(s) it touches: the refusal names
those fields, and masking replaces the part of each field the secret covers.

``secret_guard`` reads the named fields with chain/secret_guard.py before anything is saved or
logged. When it finds a wallet secret it writes a SecretCatch (where, which fields, which
kinds, never the text) and returns the scan; the caller then refuses (web, API) or stores the
masked text (channels that cannot ask back). Call it outside the caller's own transaction:
the refusal rolls that transaction back, and the record must survive it.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Model

from walletdesk.chain.secret_guard import (
    SecretFinding,
    SecretKind,
    SecretRequest,
    Strength,
    find_secret_requests,
    find_secrets,
    mask_secrets,
)
from walletdesk.core.metrics import GUARD_CATCHES
from walletdesk.guard.models import Channel, SecretCatch

if TYPE_CHECKING:
    from walletdesk.guard.pictures import Reading


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

    def refusal(self, values: Mapping[str, str]) -> dict[str, object]:
        """What a refusal carries back to the door: the fields involved (to mark them) and
        their text with the secret masked (to show back; the rest of what was typed stays)."""
        masked = self.masked({name: values.get(name, "") for name in self.fields})
        return {"fields": self.fields, "masked": masked}


# Fields of one submission, and messages of one thread, are read as lines of one text.
JOINER = "\n"


def _reading(
    fields: Mapping[str, str], context: Sequence[str]
) -> tuple[str, list[tuple[str, int, int]]]:
    """The text a person reads (context first, then the fields in order, empty ones left out)
    and where each field sits in it: (name, start, end)."""
    parts: list[str] = [text for text in context if text]
    offset = sum(len(text) + len(JOINER) for text in parts)
    places: list[tuple[str, int, int]] = []
    for name, value in fields.items():
        if not value:
            continue
        places.append((name, offset, offset + len(value)))
        parts.append(value)
        offset += len(value) + len(JOINER)
    return JOINER.join(parts), places


# At full strength a 64-hex value in this field is what the field says it is, not a key.
HASH_FIELDS = frozenset({"tx_hash"})


def secret_scan(
    fields: Mapping[str, str],
    *,
    context: Sequence[str] = (),
    strength: Strength = Strength.STANDARD,
) -> SecretScan:
    """Find wallet secrets in the named texts read together. Pure: nothing is stored or logged.

    ``fields`` (name -> text, in reading order) are joined by new lines and read as one text,
    after ``context``: earlier text of the same writer that is already stored (a thread's
    recent customer messages), read along but never reported or masked. A finding is kept when
    it touches a field; each field gets the part of it that falls inside the field, with its
    span in that field's own text. ``strength`` STRICT reads at full strength (see
    chain/secret_guard.py ``Strength``); a value alone in a HASH_FIELDS field is a hash.
    """
    text, places = _reading(fields, context)
    per_field: dict[str, list[SecretFinding]] = {name: [] for name in fields}
    hash_spans = tuple((start, end) for name, start, end in places if name in HASH_FIELDS)
    if places:
        for finding in find_secrets(text, strength=strength, hash_spans=hash_spans):
            for name, start, end in places:
                if finding.start < end and start < finding.end:
                    per_field[name].append(
                        replace(
                            finding,
                            start=max(finding.start, start) - start,
                            end=min(finding.end, end) - start,
                        )
                    )
    return SecretScan(findings={name: tuple(found) for name, found in per_field.items()})


def secret_catch_record(
    *,
    user: AbstractBaseUser | None,
    channel: str,
    fields: Iterable[str],
    kinds: Iterable[str],
    ticket: Model | None = None,
    was_masked: bool = False,
) -> SecretCatch:
    """Append one SecretCatch. Never pass text: only field names and kinds."""
    GUARD_CATCHES.labels(channel=channel).inc()
    return SecretCatch.objects.create(
        user_id=user.pk if user is not None and user.pk else None,
        ticket_id=ticket.pk if ticket is not None else None,
        channel=channel,
        fields=list(fields),
        kinds=list(kinds),
        was_masked=was_masked,
    )


def secret_guard(
    *,
    fields: Mapping[str, str],
    user: AbstractBaseUser | None,
    channel: str = Channel.WEB,
    ticket: Model | None = None,
    masked: bool = False,
    context: Sequence[str] = (),
    strength: Strength = Strength.STANDARD,
) -> SecretScan:
    """Scan ``fields`` (name -> text, in reading order) read together, after ``context``, for
    wallet secrets (see ``secret_scan``); record a SecretCatch naming the fields involved if
    any is found.

    Returns the scan: the caller refuses when ``scan.found`` (or, with ``masked=True``, stores
    ``scan.masked(values)``). Writes one row when something is found; call it outside the
    transaction that would be rolled back.
    """
    scan = secret_scan(fields, context=context, strength=strength)
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
    *, body: str, agent: AbstractBaseUser, ticket: Model | None, channel: str = Channel.WEB
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


def _spaced(name: str) -> str:
    # File names join words with _ - . + where prose would use spaces.
    for separator in "_-.+":
        name = name.replace(separator, " ")
    return name


def filename_secrets(name: str) -> list[SecretFinding]:
    """The wallet secrets in an attachment's file name, read as written and with its
    separators as spaces. Spans index ``name`` either way (each separator becomes one space),
    so ``mask_secrets(name, filename_secrets(name))`` masks the name itself."""
    return find_secrets(name) or find_secrets(_spaced(name))


def secret_guard_filename(
    *,
    name: str,
    user: AbstractBaseUser | None,
    channel: str = Channel.WEB,
    ticket: Model | None = None,
    masked: bool = False,
) -> bool:
    """Whether an attachment's file name holds a wallet secret; records a SecretCatch (field
    ``filename``) when it does. The caller refuses the file and never echoes the name."""
    findings = filename_secrets(name)
    if findings:
        secret_catch_record(
            user=user,
            channel=channel,
            fields=["filename"],
            kinds=list(dict.fromkeys(f.kind.value for f in findings)),
            ticket=ticket,
            was_masked=masked,
        )
    return bool(findings)


def secret_kinds_read(readings: Iterable["Reading"]) -> list[str]:
    """The kinds of wallet secret in what was read off a file (its pictures and pages), in the
    order found; stops at the first reading that holds one. Pure: nothing is recorded."""
    for reading in readings:
        kinds = [finding.kind.value for text in reading.texts for finding in find_secrets(text)]
        if reading.numbered_phrase:
            kinds.append(SecretKind.RECOVERY_PHRASE.value)
        if kinds:
            return list(dict.fromkeys(kinds))
    return []


def secret_guard_file(
    *,
    name: str,
    readings: Iterable["Reading"],
    user: AbstractBaseUser | None,
    channel: str = Channel.WEB,
    ticket: Model | None = None,
) -> list[str]:
    """Whether an uploaded file shows a wallet secret: the kinds found, empty when none.

    ``readings`` are what was read off the file: each picture through the OCR engine
    (guard/pictures.py), each PDF page's text layer and pictures. They are consumed lazily and
    reading stops at the first secret. Records a SecretCatch whose field is the file
    (``file:<name>``) and the kinds, never the text; the caller refuses (or, on e-mail, leaves
    out) the file. Call it outside the transaction that would be rolled back.
    """
    kinds = secret_kinds_read(readings)
    if kinds:
        secret_catch_record(
            user=user, channel=channel, fields=[f"file:{name}"], kinds=kinds, ticket=ticket
        )
    return kinds

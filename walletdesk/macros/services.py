"""Saved replies: checked when saved, filled in for a ticket, counted when used.

A macro's text is an agent's public text sent many times: it passes the outgoing guard when it
is saved (no wallet secret in it, no request for one), in both languages, so a bad macro never
reaches a user. Placeholders are ``{{ name }}`` words from a fixed list, filled by plain
substitution (never a template language a macro author could run code through).
"""

import re
from datetime import datetime

from django.db.models import F
from django.utils import timezone, translation

from walletdesk.accounts.models import User
from walletdesk.chain.secret_guard import find_secret_requests
from walletdesk.guard.services import secret_request_guard, secret_scan
from walletdesk.macros.errors import MacroError
from walletdesk.macros.models import Macro
from walletdesk.networks.selectors import network_name, network_tx_url
from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.models import Ticket
from walletdesk.tickets.services import (
    ticket_priority_change,
    ticket_resolve,
    ticket_tag_add,
)

PLACEHOLDER_RE = re.compile(r"\{\{\s*([A-Za-z_]+)\s*\}\}")
PLACEHOLDERS = ("name", "reference", "network", "explorer_link", "expected_date")
_NAME_FALLBACK = {"zh-hans": "用户", "en": "there"}


def macro_check(*, macro: Macro, author: User | None) -> None:
    """Refuse a macro that cannot be sent as it is. Raises MacroError."""
    if not (macro.title_zh.strip() or macro.title_en.strip()):
        raise MacroError(MacroError.Code.TITLE_MISSING)
    bodies = {"body_zh": macro.body_zh, "body_en": macro.body_en}
    if not any(body.strip() for body in bodies.values()):
        raise MacroError(MacroError.Code.REPLY_MISSING)
    unknown = sorted(
        {
            name
            for body in bodies.values()
            for name in PLACEHOLDER_RE.findall(body)
            if name not in PLACEHOLDERS
        }
    )
    if unknown:
        raise MacroError(
            MacroError.Code.UNKNOWN_PLACEHOLDER,
            names=", ".join(f"{{{{ {n} }}}}" for n in unknown),
            known=", ".join(f"{{{{ {n} }}}}" for n in PLACEHOLDERS),
        )
    # Each language's text is read alone: the two are never sent together.
    for body in bodies.values():
        if secret_scan({"body": body}).found:
            raise MacroError(MacroError.Code.CONTAINS_SECRET)
        if not find_secret_requests(body):
            continue
        if author is not None:
            # Recorded like a held-back reply, so security sees who tried.
            secret_request_guard(body=body, agent=author, ticket=None)
        raise MacroError(MacroError.Code.ASKS_FOR_SECRET)


def macro_save(*, macro: Macro, author: User) -> Macro:
    """Check and store ``macro``; an agent saves their own, administrators shared ones."""
    if macro.owner_id is not None and macro.owner_id != author.pk and not author.is_admin:
        raise MacroError(MacroError.Code.NOT_YOURS)
    if macro.owner_id is None and not author.is_admin:
        raise MacroError(MacroError.Code.NOT_YOURS)
    macro_check(macro=macro, author=author)
    macro.save()
    return macro


def _date_for(moment: datetime, zone: str) -> str:
    with timezone.override(zone):
        return timezone.localtime(moment).strftime("%Y-%m-%d")


def macro_render(*, macro: Macro, ticket: Ticket) -> str:
    """The macro's text in the requester's language (the other one if that is empty), with
    every placeholder filled for ``ticket``. A value the ticket lacks becomes empty."""
    requester = ticket.requester
    language = requester.language
    body = (
        (macro.body_zh or macro.body_en)
        if language == "zh-hans"
        else (macro.body_en or macro.body_zh)
    )
    with translation.override(language):
        values = {
            "name": requester.display_name or _NAME_FALLBACK.get(language, ""),
            "reference": ticket.reference,
            "network": network_name(ticket.network) if ticket.network else "",
            "explorer_link": (
                network_tx_url(ticket.network, ticket.tx_hash) if ticket.tx_hash else ""
            ),
            "expected_date": (
                _date_for(ticket.first_response_due_at, requester.time_zone)
                if ticket.first_response_due_at
                else ""
            ),
        }
    return PLACEHOLDER_RE.sub(lambda m: values.get(m.group(1), m.group(0)), body)


def macro_used(*, macro: Macro) -> None:
    """Count one use (one statement; two agents at once both count)."""
    Macro.objects.filter(pk=macro.pk).update(uses=F("uses") + 1, last_used_at=timezone.now())


def macro_after_reply(*, macro: Macro, ticket: Ticket, agent: User) -> list[str]:
    """Count the use and make the macro's changes after its reply was sent, each through the
    status machine. Returns why a change was refused (the reply stays sent)."""
    macro_used(macro=macro)
    refused: list[str] = []
    if macro.set_priority is not None:
        try:
            ticket_priority_change(ticket=ticket, priority=macro.set_priority, agent=agent)
        except TicketError as exc:
            refused.append(exc.message)
    if macro.add_tag_id is not None and macro.add_tag is not None:
        try:
            ticket_tag_add(ticket=ticket, tag=macro.add_tag, agent=agent)
        except TicketError as exc:
            refused.append(exc.message)
    if macro.resolve:
        try:
            ticket_resolve(ticket=ticket, actor=agent)
        except TicketError as exc:
            refused.append(exc.message)
    return refused

"""Agent console: the queue and the ticket page with its actions.

Every view answers 404 to anyone who is not an agent (accounts.decorators.agent_required).
Each action view parses one small form, calls one service and redirects back to the
ticket page; when the form or the service refuses, the ticket page is rendered again with
the error next to that form and the agent's typed text still in it.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from functools import cached_property, wraps
from typing import Any, cast
from uuid import UUID

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpResponse, JsonResponse, QueryDict
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template import Context
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from walletdesk.accounts.decorators import AgentRequest, agent_required
from walletdesk.accounts.models import User
from walletdesk.attachments import selectors as attachment_selectors
from walletdesk.attachments.errors import AttachmentError
from walletdesk.attachments.models import Attachment
from walletdesk.attachments.services import attachment_remove
from walletdesk.attachments.templatetags.attachment_tags import ATTACHMENT_LIST, attachments_of
from walletdesk.attachments.upload_handlers import refusals_of
from walletdesk.console import bulk
from walletdesk.console.forms import (
    AssignForm,
    CategoryForm,
    CloseForm,
    IncidentLinkForm,
    MergeForm,
    PriorityForm,
    QueueFilterForm,
    RedactForm,
    RejectForm,
    ReopenForm,
    ReplyForm,
    RequestInfoForm,
    ResolveForm,
    SeenForm,
    TakeForm,
)
from walletdesk.console.templatetags.console_fields import redact_form
from walletdesk.core.compiled import CompiledRead
from walletdesk.core.markup import html_format
from walletdesk.core.masking import mask
from walletdesk.core.replica import replica_reads
from walletdesk.core.templatetags.kept_url import reverse_kept
from walletdesk.core.templatetags.usertext import usertext
from walletdesk.core.zones import moment_text
from walletdesk.guard.models import Channel
from walletdesk.incidents.errors import IncidentError
from walletdesk.incidents.models import Incident, IncidentLink, IncidentStatus
from walletdesk.incidents.selectors import incident_choices_for_ticket, incident_get_for_agent
from walletdesk.incidents.services import incident_link, incident_unlink
from walletdesk.kb.answers import answers_for_ticket
from walletdesk.macros.errors import MacroError
from walletdesk.macros.selectors import macro_get_for_agent, macro_list_for_agent
from walletdesk.macros.services import macro_after_reply, macro_render
from walletdesk.networks import onchain
from walletdesk.networks.selectors import network_get
from walletdesk.notifications.services import notifications_read_for_ticket
from walletdesk.siwe.models import WalletAddress
from walletdesk.siwe.selectors import wallet_address_list_for_requester
from walletdesk.sla import selectors as sla_selectors
from walletdesk.sla.models import TicketDeadline
from walletdesk.sla.selectors import deadline_list_for_ticket
from walletdesk.submissions.drafts import ReplySubmission
from walletdesk.submissions.services import ticket_reply_submit
from walletdesk.tickets import selectors, services, workflow
from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.intake import evidence_checklist, evidence_request_text
from walletdesk.tickets.models import (
    Category,
    Message,
    Priority,
    Redaction,
    RejectionReason,
    Status,
    Tag,
    Ticket,
    TicketEvent,
    TicketTag,
)
from walletdesk.tickets.presence import presence_leave, presence_mark, presence_others
from walletdesk.tickets.redaction import message_redact, redaction_detail, ticket_redact
from walletdesk.tickets.references import reference_normalise
from walletdesk.tickets.reveals import Revealed, record_reveal
from walletdesk.tickets.routing import REASON_WORDS, agent_away_set
from walletdesk.tickets.selectors import QueueLine
from walletdesk.tickets.templatetags.ticket_tags import priority_badge, status_badge
from walletdesk.tickets.workflow import Action, Actor

# --- availability ---------------------------------------------------------------------------


@agent_required
@require_POST
def availability(request: AgentRequest) -> HttpResponse:
    """An agent marks themselves away (automatic assignment passes them by) or available."""
    away = request.POST.get("away") == "1"
    handed_back = agent_away_set(agent=request.user, away=away)
    if away:
        text = _("You are away: no tickets are assigned to you automatically.")
        if handed_back:
            text += " " + _("%(count)d of your tickets went back to your team.") % {
                "count": handed_back
            }
        messages.success(request, text)
    else:
        messages.success(request, _("You are available: tickets are assigned to you again."))
    return redirect("console:queue")


# --- due next -------------------------------------------------------------------------------


def _duration_words(left: timedelta) -> str:
    """Business time as an agent reads it: "1 h 20 min", "missed by 35 min"."""
    minutes = int(abs(left).total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    amount = (
        _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": minutes}
        if hours
        else _("%(minutes)d min") % {"minutes": minutes}
    )
    if left < timedelta(0):
        return _("missed by %(amount)s") % {"amount": amount}
    return amount


def _missed_words(left: timedelta) -> str:
    # Missed outside working hours is missed by no business time yet: still missed.
    return _duration_words(left) if left < timedelta(0) else _("missed")


def _due_position(raw: str) -> sla_selectors.Position | None:
    due, _sep, pk = raw.partition("|")
    try:
        moment = datetime.fromisoformat(due)
        return (moment, UUID(pk)) if moment.tzinfo is not None else None
    except ValueError:
        return None


@agent_required
@require_GET
def due_next(request: AgentRequest) -> HttpResponse:
    """The agent's work by service target: missed ones first, then what is due soonest, with
    the business time left on each ticket's team calendar. Two indexed reads."""
    now = timezone.now()
    within_key = request.GET.get("within", "")
    within = sla_selectors.WITHIN_CHOICES.get(within_key)
    after = _due_position(request.GET.get("after", ""))
    due, position = sla_selectors.deadlines_due_for_agent(
        user=request.user, now=now, within=within, after=after
    )
    missed = [] if after else sla_selectors.deadlines_missed_for_agent(user=request.user, now=now)
    params = QueryDict(mutable=True)
    if within is not None:
        params["within"] = within_key
    next_url = ""
    if position is not None:
        params["after"] = f"{position[0].isoformat()}|{position[1]}"
        next_url = "?" + params.urlencode()
    context = {
        "missed": [(row, _missed_words(row.left)) for row in missed],
        "due": [(row, _duration_words(row.left)) for row in due],
        "within": within_key if within is not None else "",
        "within_choices": [
            ("", _("Any time")),
            ("1h", _("Within an hour")),
            ("4h", _("Within 4 hours")),
            ("24h", _("Within a day")),
        ],
        "next_url": next_url,
        "is_first_page": after is None,
    }
    return render(request, "console/due.html", context)


# --- the queue ------------------------------------------------------------------------------


@replica_reads
@agent_required
@require_GET
def queue(request: AgentRequest) -> HttpResponse:
    """The ticket queue: filters in the query string, keyset paging, no COUNT."""
    categories = selectors.category_list_active()
    agents = selectors.agent_list_active(user=request.user)
    form = QueueFilterForm(
        request.GET,
        user=request.user,
        categories=categories,
        agents=agents,
        tags=selectors.tag_list_active(),
    )
    page = selectors.ticket_queue(
        user=request.user,
        filters=form.to_filters(),
        cursor=form.position,
        # Read at call time (not as the selector's default) so tests can shrink the page.
        page_size=selectors.QUEUE_PAGE_SIZE,
    )
    params = form.query_params()
    next_url = ""
    if page.next_cursor:
        next_params = params.copy()
        next_params["cursor"] = page.next_cursor
        next_url = "?" + next_params.urlencode()
    context = {
        "form": form,
        "ignored": form.ignored,
        "page": page,
        "table_body": _queue_table_body(page.tickets),
        "next_url": next_url,
        "first_url": "?" + params.urlencode(),
        "is_first_page": not form.position,
        "query": params.urlencode(),
        "agents": agents,
        "priorities": Priority.choices,
        "tags": selectors.tag_list_active(),
        **bulk.queue_context(request, form),
    }
    return render(request, "console/queue.html", context)


# One queue line, its cells drawn in Python: fifty rows of template lookups, filters, URL
# reversals and badge tags were most of the queue page's cost. Each distinct badge, label and
# URL prefix is made once per page, each line is one html_format, and the table's body reaches
# the template as one value.
_QUEUE_CELLS = (
    # Ticked for a bulk action: the box belongs to the bulk form above the table.
    '<td class="pick"><input type="checkbox" name="ticket" value="{reference}" form="bulk" '
    'aria-label="{pick_label}"></td>'
    '<td class="mono"><a href="{url}">{reference}</a></td>'
    '<td><a href="{url}">{subject}</a></td>'
    "<td>{category}</td>"
    "<td>{status}</td>"
    "<td>{priority}</td>"
    '<td class="masked">{requester}</td>'
    "<td>{assignee}</td>"
    '<td><time datetime="{created_iso}" data-relative>{created_text}</time></td>'
    "<td>{due}</td>"
)
_QUEUE_ROW = "\n    <tr>{}</tr>"


def _queue_table_body(tickets: Sequence[QueueLine]) -> SafeString:
    marker = "WD-000000"
    url_head, _marker, url_tail = reverse("console:detail", args=[marker]).partition(marker)
    now = timezone.now()
    badges: dict[tuple[str, object], str] = {}
    names: dict[object, str] = {}
    unassigned = html_format('<span class="muted">{}</span>', _("Unassigned"))
    answered = html_format('<span class="muted">{}</span>', _("Answered"))
    overdue_label = _("overdue")
    pick_label = _("Choose %(reference)s")
    zone = timezone.get_current_timezone()

    def badge(kind: str, value: object) -> str:
        key = (kind, value)
        if key not in badges:
            tag = status_badge if kind == "status" else priority_badge
            badges[key] = tag(value)  # type: ignore[arg-type]
        return badges[key]

    def due(ticket: QueueLine) -> SafeString:
        if ticket.first_responded_at:
            return answered
        moment = ticket.first_response_due_at
        shown = moment.astimezone(zone)
        if moment < now:
            return html_format(
                '<time datetime="{iso}" class="overdue">{text}</time> '
                '<span class="overdue">{label}</span>',
                iso=shown.isoformat(),
                text=moment_text(shown),
                label=overdue_label,
            )
        return html_format(
            '<time datetime="{iso}">{text}</time>', iso=shown.isoformat(), text=moment_text(shown)
        )

    rows = []
    for ticket in tickets:
        if ticket.category_id not in names:
            names[ticket.category_id] = ticket.category.name
        url = f"{url_head}{ticket.reference}{url_tail}"
        created = ticket.created_at.astimezone(zone)
        cells = html_format(
            _QUEUE_CELLS,
            url=url,
            reference=ticket.reference,
            pick_label=pick_label % {"reference": ticket.reference},
            subject=ticket.subject,
            category=names[ticket.category_id],
            status=badge("status", ticket.status),
            priority=badge("priority", ticket.priority),
            # The queue never reveals: the requester's e-mail is always masked here.
            requester=mask(ticket.requester_email, "email"),
            assignee=ticket.assignee_short_name if ticket.assignee_id else unassigned,
            created_iso=created.isoformat(),
            created_text=moment_text(created),
            due=due(ticket),
        )
        rows.append(_QUEUE_ROW.format(cells))
    return mark_safe("".join(rows))  # noqa: S308 -- each row drawn by html_format


# --- the ticket page ------------------------------------------------------------------------


_OTHER_LINE = (
    '<li><a class="mono" href="{url}">{reference}</a>\n'
    "          {status} {subject}\n"
    '          <span class="muted small">· {category} · {created}</span>\n'
    "          {merge}</li>\n"
)
_MERGE_INTO = (
    '<form method="post" action="{action}" class="inline-form" data-confirm="{question}">\n'
    '            {csrf}<input type="hidden" name="into" value="{reference}">\n'
    '            <button type="submit" class="link-button">{label}</button>\n'
    "          </form>\n"
)


def _other_lines(
    ticket: Ticket, others: Sequence[selectors.OtherTicket], *, merge: bool, csrf_token: str
) -> list[SafeString]:
    """The requester's other tickets, each line drawn in Python as a queue line is: drawn by
    the template, ten lines of badge tags, reversed addresses, date filters and merge forms
    were a seventh of the page's cost. ``merge`` offers to merge this ticket into each active
    one."""
    badges: dict[str, SafeString] = {}
    merge_action = reverse_kept("console:merge", [ticket.reference], {}, None)
    question = _("Merge this ticket into the other one and close it?")
    merge_label = _("Merge this ticket into %(reference)s")
    # One reversal for every line's address: only the reference differs.
    marker = "WD-000000"
    url_head, _marker, url_tail = reverse_kept("console:detail", [marker], {}, None).partition(
        marker
    )
    csrf = html_format(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">',  # as {% csrf_token %}
        csrf_token,
    )
    lines = []
    for other in others:
        if other.status not in badges:
            badges[other.status] = status_badge(other.status)
        into = (
            html_format(
                _MERGE_INTO,
                action=merge_action,
                question=question,
                csrf=csrf,
                reference=other.reference,
                label=merge_label % {"reference": other.reference},
            )
            if merge and other.is_active
            else ""
        )
        lines.append(
            html_format(
                _OTHER_LINE,
                url=f"{url_head}{other.reference}{url_tail}",
                reference=other.reference,
                status=badges[other.status],
                subject=other.subject,
                category=other.category_name,
                created=timezone.localtime(other.created_at).date().isoformat(),
                merge=into,
            )
        )
    return lines


@dataclass(frozen=True)
class EventRow:
    """One history line with its raw values turned into words an agent reads."""

    event: TicketEvent
    from_label: str
    to_label: str
    # A REDACTED event's mode and the kinds of secret found, in words (never the text).
    detail: str = ""

    @property
    def reason(self) -> str:
        """The event's reason: typed by an agent, or an automatic one's code in words."""
        words = REASON_WORDS.get(self.event.reason)
        return str(words) if words is not None else self.event.reason

    @property
    def change(self) -> str:
        """The change in words: "old → new" when there was an old value, else a sentence
        about the new one (an arrow from nothing reads as a glitch), else nothing."""
        if self.event.kind == TicketEvent.Kind.UNTAGGED:
            return _("Removed: %(value)s") % {"value": self.from_label}
        if self.event.kind == TicketEvent.Kind.MERGED:
            if self.to_label:
                return _("Merged into %(value)s") % {"value": self.to_label}
            return _("%(value)s was merged into this ticket") % {"value": self.from_label}
        if self.from_label and self.to_label:
            return f"{self.from_label} → {self.to_label}"
        if self.to_label:
            sentence = _SET_SENTENCES.get(str(self.event.kind))
            words = str(sentence) if sentence else _("New value: %(value)s")
            return words % {"value": self.to_label}
        if self.from_label:
            return _("Cleared (was %(value)s)") % {"value": self.from_label}
        return ""


# A value set where there was none, per event kind, as a sentence.
_SET_SENTENCES: dict[str, Any] = {
    TicketEvent.Kind.TAGGED: _lazy("Added: %(value)s"),
    TicketEvent.Kind.ATTACHMENT_ADDED: _lazy("Attachment added: %(value)s"),
    TicketEvent.Kind.ASSIGNED: _lazy("Assigned to %(value)s"),
    TicketEvent.Kind.CREATED: _lazy("Submitted as %(value)s"),
    TicketEvent.Kind.STATUS_CHANGED: _lazy("Status set to %(value)s"),
    TicketEvent.Kind.RATED: _lazy("Rating: %(value)s"),
    TicketEvent.Kind.REJECTED: _lazy("Reason: %(value)s"),
    TicketEvent.Kind.RESUBMITTED: _lazy("New ticket: %(value)s"),
    TicketEvent.Kind.ATTACHMENTS_DELETED: _lazy("Files deleted: %(value)s"),
}


def _refused_label(value: str) -> str:
    # from_value: whose file it was; to_value: why (an AttachmentError code, or the malware
    # scanner's signature name, shown as it is).
    if value == "customer":
        return _("the customer's file")
    if value == "agent":
        return _("an agent's file")
    if value == AttachmentError.Code.SECRET_DETECTED:
        return _("shows a recovery phrase or private key")
    if value in {code.value for code in AttachmentError.Code}:
        return _("failed the checks (%(code)s)") % {"code": value}
    return value


def _value_label(kind: str, value: str, choices: "Choices") -> str:
    # Events store codes (statuses, priority numbers, slugs); the page shows their names.
    if not value:
        return ""
    if kind in (TicketEvent.Kind.STATUS_CHANGED, TicketEvent.Kind.CREATED):
        return str(Status(value).label) if value in Status.values else value
    if kind == TicketEvent.Kind.PRIORITY_CHANGED:
        return (
            str(Priority(int(value)).label)
            if value.isdigit() and int(value) in Priority.values
            else value
        )
    if kind == TicketEvent.Kind.ATTACHMENT_REFUSED:
        return _refused_label(value)
    if kind == TicketEvent.Kind.CATEGORY_CHANGED and value in choices.category_by_slug:
        return choices.category_by_slug[value].name
    if kind == TicketEvent.Kind.REJECTED and value in choices.reason_by_code:
        return choices.reason_by_code[value].title
    if kind == TicketEvent.Kind.REDACTED:
        return str(_REDACTION_TARGETS.get(value, value))
    if kind in (TicketEvent.Kind.TAGGED, TicketEvent.Kind.UNTAGGED):
        tag = next((t for t in selectors.tag_list() if t.slug == value), None)
        return tag.name if tag is not None else value
    if kind == TicketEvent.Kind.REVEALED and value in Revealed.values:
        return str(Revealed(value).label)
    if kind in (TicketEvent.Kind.INCIDENT_LINKED, TicketEvent.Kind.INCIDENT_UNLINKED):
        return ""  # the incident's id: its title is the event's reason
    return value


# What a REDACTED event names (tickets.redaction.Target), in words; the id stays as it is.
_REDACTION_TARGETS = {
    "message": _lazy("Message"),
    "internal_note": _lazy("Internal note"),
    "ticket": _lazy("Ticket details"),
    "attachment": _lazy("File"),
    "internal_attachment": _lazy("File of an internal note"),
}


def _event_rows(events: Sequence[TicketEvent], choices: "Choices") -> list[EventRow]:
    return [
        EventRow(
            event=e,
            # A "created" event's from_value is the channel, not an earlier state.
            from_label=(
                ""
                if e.kind == TicketEvent.Kind.CREATED
                else _value_label(e.kind, e.from_value, choices)
            ),
            to_label=_value_label(e.kind, e.to_value, choices),
            detail=_redaction_words(e),
        )
        for e in events
    ]


_KIND_LABELS: dict[str, Any] = dict(TicketEvent.Kind.choices)
_HISTORY_LINE = (
    "<li>\n          <strong>{kind}</strong>\n          · {actor}\n          {what}\n"
    '          <div class="muted small"><time datetime="{iso}">{text}</time></div>\n'
    "        </li>\n"
)


def _history_lines(rows: Sequence[EventRow]) -> list[SafeString]:
    """The history drawn in Python, one html_format a line as the queue's lines are: its
    conditions, filters and lookups per event were a sixth of the ticket page's template."""
    system = _("System")
    lines = []
    for row in rows:
        event = row.event
        if row.detail:
            what = html_format("· {} · {}", row.from_label, row.detail)
        else:
            change, reason = row.change, row.reason
            what = html_format(
                "{}{}",
                html_format("· {}", change) if change else "",
                html_format('<div class="body small">{}</div>', usertext(reason)) if reason else "",
            )
        lines.append(
            html_format(
                _HISTORY_LINE,
                # As get_kind_display() gives it, without hashing the choices on every call.
                kind=str(_KIND_LABELS.get(event.kind, event.kind)),
                actor=event.actor.short_name if event.actor else system,
                what=what,
                iso=timezone.localtime(event.created_at).isoformat(),
                text=moment_text(event.created_at),
            )
        )
    return lines


_THREAD_LINE = (
    '\n        <li class="{css}">\n          <div class="meta">\n            {internal}\n'
    "            {author}\n            ({role}) ·\n"
    '            <time datetime="{iso}">{text}</time>\n          </div>\n'
    '          <div class="body">{body}</div>\n          {redacted}\n          {redact}\n'
    "          {files}\n        </li>\n      "
)
_ROLE_LABELS: dict[str, Any] = dict(Message.AuthorRole.choices)
_REDACTION_LABELS: dict[str, Any] = dict(Redaction.choices)
_REDACT_SLOT = "\n            \n            \n            {}\n          "


def _thread_lines(
    ticket: Ticket,
    thread: Sequence[Message],
    attachments: Sequence[Attachment],
    *,
    csrf_token: str,
) -> list[SafeString]:
    """The thread drawn in Python, one html_format a message as the history's lines are, with
    the very markup of the template's loop (whitespace included): its conditions, filters,
    addresses and redaction forms were the largest part of the page's template left."""
    internal = html_format('<strong class="internal-label">{}</strong> · ', _("Internal note"))
    redact_label = _("Redact this message")
    # One reversal for every message's redaction address: only the message's id differs.
    marker = UUID(int=0)
    url_head, _marker, url_tail = reverse_kept(
        "console:message-redact", [ticket.reference, marker], {}, None
    ).partition(str(marker))
    lines = []
    for message in thread:
        # As get_author_role_display() gives it, without hashing the choices on every call.
        role = str(_ROLE_LABELS.get(message.author_role, message.author_role))
        if message.is_internal:
            css = "internal"
        elif message.author_role == "customer":
            css = "from-customer"
        else:
            css = "from-agent"
        redacted: SafeString | str = ""
        if message.redaction:
            # As {% blocktranslate %} does: the value escaped, the translated sentence not.
            redacted = html_format(
                '<p class="redaction-note small">{}</p>',
                mark_safe(  # noqa: S308 -- a translation with only the escaped value put in
                    _("Redacted: %(how)s")
                    % {
                        "how": conditional_escape(
                            _REDACTION_LABELS.get(message.redaction, message.redaction)
                        )
                    }
                ),
            )
        redact: SafeString | str = ""
        if message.redaction != "removed":
            redact = html_format(
                _REDACT_SLOT,
                redact_form(
                    f"{url_head}{message.pk}{url_tail}", redact_label, message.pk, csrf_token
                ),
            )
        files: SafeString | str = ""
        if attachments:
            files = _message_files(ticket, message, attachments, csrf_token)
        lines.append(
            html_format(
                _THREAD_LINE,
                css=css,
                internal=internal if message.is_internal else "",
                author=message.author.short_name if message.author else role,
                role=role,
                iso=timezone.localtime(message.created_at).isoformat(),
                text=moment_text(message.created_at),
                body=usertext(message.body),
                redacted=redacted,
                redact=redact,
                files=files,
            )
        )
    return lines


def _message_files(
    ticket: Ticket, message: Message, attachments: Sequence[Attachment], csrf_token: str
) -> SafeString:
    """A message's files, as the page's ``{% attachments_of %}`` draws them (drawn where the
    ticket has files, as the template did: most tickets have none)."""
    values = attachments_of(
        Context({"csrf_token": csrf_token}),
        attachments,
        message,
        remove_url="console:attachment-remove",
        reference=ticket.reference,
    )
    return mark_safe(render_to_string(ATTACHMENT_LIST, values))  # noqa: S308 -- autoescaped


def _redaction_words(event: TicketEvent) -> str:
    detail = redaction_detail(event)
    if not detail:
        return ""
    mode = str(detail.get("mode", ""))
    words = [str(Redaction(mode).label) if mode in Redaction.values else mode]
    kinds = detail.get("kinds") or []
    if kinds:
        words.append(", ".join(str(_SECRET_KINDS.get(k, k)) for k in kinds))
    return " · ".join(words)


_SECRET_KINDS = {
    "recovery_phrase": _lazy("recovery phrase"),
    "private_key": _lazy("private key"),
    "extended_private_key": _lazy("extended private key"),
    "wif_key": _lazy("private key (WIF)"),
}


def _amount_text(amount: Decimal | None) -> str:
    # Amounts are stored with 18 decimal places; show what the user typed, not the padding.
    if amount is None:
        return ""
    return format(amount.normalize(), "f")


def _auto_id(name: str) -> str:
    # Several action forms on one page have a "body" field: their ids must not collide.
    return f"id_{name}_%s"


class Choices:
    """The database-backed choices the action forms and the history need, each read at most
    once per page and only when something there uses it: most pages draw no category or
    rejection picker and name no rejection reason."""

    def __init__(self, ticket: Ticket) -> None:
        self.ticket = ticket

    @cached_property
    def agents(self) -> list[User]:
        # Only who may work the ticket can be given it (tickets.selectors, the team rule).
        return selectors.agent_list_for_ticket(ticket=self.ticket)

    @cached_property
    def categories(self) -> list[Category]:
        return selectors.category_list_active()

    @cached_property
    def reasons(self) -> list[RejectionReason]:
        return selectors.rejection_reason_list_active()

    @cached_property
    def category_by_slug(self) -> dict[str, Category]:
        return {c.slug: c for c in self.categories}

    @cached_property
    def reason_by_code(self) -> dict[str, RejectionReason]:
        return {r.code: r for r in self.reasons}


def _choices(ticket: Ticket) -> Choices:
    return Choices(ticket)


# The action forms drawn with every ticket page (where its status offers them) beside the
# reply: the ones an agent uses on most tickets, and the assignee picker.
_EVERY_PAGE = ("take", "assign", "request_info", "resolve")


@dataclass(frozen=True)
class OnDemand:
    """An action form drawn only when the agent opens it (``static/js/action_forms.js`` fetches
    it from its action's address with ``?part=form``; without JavaScript the panel links to
    that address, the ticket page with the form open). Drawing these six on every view cost
    a sixth of the page's template, for forms used on few tickets."""

    name: str
    url_name: str
    label: Any


ON_DEMAND = {
    action.name: action
    for action in (
        OnDemand("reject", "console:reject", _lazy("Reject")),
        OnDemand("close", "console:close", _lazy("Close")),
        OnDemand("merge", "console:merge", _lazy("Merge")),
        OnDemand("reopen", "console:reopen", _lazy("Reopen")),
        OnDemand("priority", "console:priority", _lazy("Change priority")),
        OnDemand("category", "console:category", _lazy("Change category")),
    )
}


def _blank_form(name: str, ticket: Ticket, choices: Choices) -> forms.Form:
    """The action form ``name`` as the page first shows it."""
    if name == "take":
        return TakeForm(initial={"status": ticket.status}, auto_id=_auto_id("take"))
    if name == "assign":
        return AssignForm(
            agents=choices.agents,
            initial={"assignee": str(ticket.assignee_id or "")},
            auto_id=_auto_id("assign"),
        )
    if name == "reply":
        # Where the public thread is shut, the box starts ticked: only a note can go in.
        may_reply = workflow.may_reply(status=ticket.status, actor=Actor.AGENT)
        return ReplyForm(initial={"internal": not may_reply}, auto_id=_auto_id("reply"))
    if name == "reject":
        return RejectForm(reasons=choices.reasons, auto_id=_auto_id("reject"))
    if name == "priority":
        return PriorityForm(initial={"priority": ticket.priority}, auto_id=_auto_id("priority"))
    if name == "category":
        return CategoryForm(
            categories=choices.categories,
            initial={"category": ticket.category.slug},
            auto_id=_auto_id("category"),
        )
    plain: dict[str, type[forms.Form]] = {
        "request_info": RequestInfoForm,
        "resolve": ResolveForm,
        "close": CloseForm,
        "merge": MergeForm,
        "reopen": ReopenForm,
    }
    return plain[name](auto_id=_auto_id(name))


def _shown(request: AgentRequest, ticket: Ticket) -> dict[str, bool]:
    """Which actions the page offers for the ticket as it is now."""
    allowed = set(workflow.allowed_actions(status=ticket.status, actor=Actor.AGENT))
    return {
        "take": ticket.is_active
        and (Action.START in allowed or ticket.assignee_id != request.user.pk),
        "assign": True,
        "request_info": Action.REQUEST_INFO in allowed,
        "resolve": Action.RESOLVE in allowed,
        "close": Action.CLOSE in allowed,
        "merge": Action.CLOSE in allowed and ticket.merged_into_id is None,
        "reject": Action.REJECT in allowed,
        "reopen": Action.REOPEN in allowed,
        "priority": True,
        "category": True,
    }


@dataclass(frozen=True)
class OnDemandPanel:
    """One on-demand action on the page: its panel, and its form when drawn with the page."""

    name: str
    label: Any
    url: str
    form: forms.Form | None


def _render_ticket(
    request: AgentRequest,
    ticket: Ticket,
    *,
    choices: Choices | None = None,
    failed: tuple[str, forms.Form] | None = None,
    opened: str = "",
    refusal: str = "",
    status: int = 200,
    notifications_unread: int | None = None,
) -> HttpResponse:
    """The ticket page; ``failed`` is the action form to show again with its error,
    ``opened`` an on-demand action form to draw open (its link followed without JavaScript),
    ``refusal`` a refused action without a form of its own (redaction), shown at the top."""
    choices = choices or _choices(ticket)
    show = _shown(request, ticket)
    drawn = ["reply", *(name for name in _EVERY_PAGE if show[name])]
    if opened:
        drawn.append(opened)
    action_forms = {name: _blank_form(name, ticket, choices) for name in drawn}
    if failed is not None:
        action_forms[failed[0]] = failed[1]
        # The refused form stays on the page even if the ticket moved on meanwhile, so the
        # agent sees why and keeps what they typed.
        show[failed[0]] = True
    if opened:
        show[opened] = True
    applied, refusal = _macro_insert(request, ticket, action_forms, refusal, replying=failed)
    attachments, earlier_attachments = attachment_selectors.attachments_split_by_ticket(
        attachment_selectors.attachment_list_for_agent(ticket=ticket, with_checking=True)
        if _may_have(ticket, _HAS_ATTACHMENTS)
        else [],
        ticket=ticket,
    )
    thread = selectors.message_list_for_agent(ticket=ticket)
    _seen_until_set(action_forms, thread, ticket)
    csrf_token = get_token(request)
    context: dict[str, Any] = {
        "ticket": ticket,
        "amount": _amount_text(ticket.amount),
        # The lines joined here, not looped over in the template: one value to put in
        # instead of a loop's context and a rendered value per line.
        "thread": _joined(_thread_lines(ticket, thread, attachments, csrf_token=csrf_token)),
        "earlier_thread": selectors.earlier_thread_for_agent(ticket=ticket),
        "attachments": attachments,
        "earlier_attachments": earlier_attachments,
        "others": _joined(
            _other_lines(
                ticket,
                selectors.ticket_list_other_for_requester(ticket=ticket, user=request.user),
                merge=show["merge"],
                csrf_token=csrf_token,
            )
        ),
        # One masked token for the page's forms, those the template draws and those above.
        "csrf_token": csrf_token,
        "history": _joined(
            _history_lines(_event_rows(selectors.event_list_for_ticket(ticket=ticket), choices))
        ),
        "forms": action_forms,
        "on_demand": [
            OnDemandPanel(
                name=action.name,
                label=action.label,
                url=reverse_kept(action.url_name, [ticket.reference], {}, None),
                form=action_forms.get(action.name),
            )
            for action in ON_DEMAND.values()
            if show[action.name]
        ],
        "show": show,
        "may_reply": workflow.may_reply(status=ticket.status, actor=Actor.AGENT),
        "failed": failed[0] if failed else "",
        "refusal": refusal,
        "revealed": _revealed(request, ticket),
        "macro_applied": applied,
        **_tag_context(ticket),
        **_incident_context(ticket),
        "now": timezone.now(),
        "presence_every_ms": settings.CONSOLE_PRESENCE_EVERY_MS,
        "targets": (
            deadline_list_for_ticket(ticket=ticket) if _may_have(ticket, _HAS_TARGETS) else []
        ),
        "verified_addresses": (
            wallet_address_list_for_requester(viewer=request.user, requester_id=ticket.requester_id)
            if _may_have(ticket, _HAS_WALLETS)
            else []
        ),
        **_onchain_context(request, ticket),
        # Filled by static/js/answers.js when the panel is opened; without JavaScript the agent
        # follows "?answers=1" and the page comes back with it filled in.
        "answers": (
            answers_for_ticket(ticket=ticket, user=request.user)
            if request.GET.get("answers") == "1"
            else None
        ),
    }
    if ticket.category.guard_strict:
        # The security lane: what evidence was given and what is missing, and the request
        # for the missing items ready in the requester's language.
        checklist = evidence_checklist(
            ticket, attachments=len(attachments) + len(earlier_attachments)
        )
        context["checklist"] = checklist
        if failed is None or failed[0] != "request_info":
            missing = [item for item in checklist if not item.given]
            text = evidence_request_text(missing, language=ticket.requester.language)
            action_forms["request_info"] = RequestInfoForm(
                initial={"body": text}, auto_id=_auto_id("request_info")
            )
    if notifications_unread is not None:
        # The bell counted after this page marked its notifications read, not before.
        context["notifications_unread"] = notifications_unread
    return render(request, "console/detail.html", context, status=status)


def _joined(lines: Sequence[SafeString]) -> SafeString:
    """Lines each escaped when drawn (html_format), as one piece of markup."""
    return mark_safe("".join(lines))  # noqa: S308 -- every line is already safe markup


def _seen_until_set(
    action_forms: dict[str, forms.Form], thread: Sequence[Message], ticket: Ticket
) -> None:
    """The newest message this page shows, carried by each form that sends one."""
    newest = max((m.created_at for m in thread), default=ticket.created_at)
    for form in action_forms.values():
        if isinstance(form, SeenForm) and not form.is_bound:
            form.initial["seen_until"] = newest.isoformat()


def _tag_context(ticket: Ticket) -> dict[str, Any]:
    on = selectors.tags_of_ticket(ticket=ticket) if _may_have(ticket, _HAS_TAGS) else []
    return {"tags": on, "tags_to_add": [t for t in selectors.tag_list_active() if t not in on]}


def _incident_context(ticket: Ticket) -> dict[str, Any]:
    """The incident the ticket is linked to, or the open one it matches (a suggestion), and
    the open incidents to choose from when it is not linked."""
    if not _may_have(ticket, _HAS_INCIDENTS):
        return {"ticket_incident": None, "incidents_open": []}
    choices = incident_choices_for_ticket(ticket=ticket)
    return {"ticket_incident": choices.found, "incidents_open": choices.open}


def _macro_insert(
    request: AgentRequest,
    ticket: Ticket,
    action_forms: dict[str, forms.Form],
    refusal: str,
    *,
    replying: tuple[str, forms.Form] | None,
) -> tuple[Any, str]:
    """``?macro=<id>``: the reply box starts with that saved reply filled in for this ticket
    (never over a reply the agent was typing). Returns the macro and the page's refusal."""
    chosen = request.GET.get("macro", "")
    if not chosen or replying is not None:
        return None, refusal
    try:
        macro = macro_get_for_agent(user=request.user, macro_id=chosen)
    except MacroError as exc:
        return None, exc.message
    action_forms["reply"] = ReplyForm(
        initial={"body": macro_render(macro=macro, ticket=ticket), "macro": macro.pk},
        auto_id=_auto_id("reply"),
    )
    return macro, refusal


def _ticket_page_query(every_team: bool, *, user_id: Any, reference: str) -> QuerySet[Ticket]:
    """The ticket, and whether each of the page's small side lists has anything: most tickets
    have no tags, targets, incident, attachments or proven wallets, and a probe in this
    statement costs far less than a statement of its own that finds nothing."""
    ticket = OuterRef("pk")
    return selectors.ticket_for_agent_query(
        every_team, user_id=user_id, reference=reference
    ).annotate(
        **{
            _HAS_TAGS: Exists(TicketTag.objects.filter(ticket_id=ticket)),
            _HAS_TARGETS: Exists(TicketDeadline.objects.filter(ticket_id=ticket)),
            # A resubmission's files include its original's (attachment_list_for_agent).
            _HAS_ATTACHMENTS: Exists(
                Attachment.objects.filter(
                    Q(ticket_id=ticket) | Q(ticket_id=OuterRef("resubmission_of_id"))
                )
            ),
            _HAS_WALLETS: Exists(WalletAddress.objects.filter(user_id=OuterRef("requester_id"))),
            # The incident list shows the ticket's own incident, else the open ones.
            _HAS_INCIDENTS: Exists(
                Incident.objects.filter(Q(status=IncidentStatus.OPEN) | Q(links__ticket_id=ticket))
            ),
        }
    )


_HAS_TAGS = "page_has_tags"
_HAS_TARGETS = "page_has_targets"
_HAS_ATTACHMENTS = "page_has_attachments"
_HAS_WALLETS = "page_has_wallets"
_HAS_INCIDENTS = "page_has_incidents"
# Read by every view of a ticket page: its SQL is compiled once.
_TICKET_PAGE = CompiledRead(Ticket, _ticket_page_query)


def _may_have(ticket: Ticket, side: str) -> bool:
    """Whether the side list may have rows: False only when the page's read found none. A
    ticket read another way (after an action) has no answer, and each list is read."""
    return bool(getattr(ticket, side, True))


def _ticket_for_page(request: AgentRequest, reference: str) -> Ticket:
    return selectors.ticket_get_for_agent(user=request.user, reference=reference, read=_TICKET_PAGE)


@agent_required
@require_GET
def ticket_detail(request: AgentRequest, reference: str) -> HttpResponse:
    ticket = _ticket_for_page(request, reference)
    unread = notifications_read_for_ticket(user=request.user, ticket=ticket)
    return _render_ticket(request, ticket, notifications_unread=unread)


def _onchain_context(request: AgentRequest, ticket: Ticket) -> dict[str, Any]:
    # The page never waits on a chain: it shows a cached result if there is one, otherwise a
    # placeholder that static/js/onchain.js fills from ticket_onchain. Without JavaScript the
    # agent follows "?onchain=1" and chooses to wait (bounded by the lookup's timeout).
    if not ticket.tx_hash:
        return {"onchain_enabled": False, "onchain": None}
    network = network_get(ticket.network)
    result: onchain.LookupResult | None
    if request.GET.get("onchain") == "1":
        result = onchain.transaction_lookup(network, ticket.tx_hash)
    else:
        result = onchain.transaction_lookup_cached(network, ticket.tx_hash)
    return {
        "onchain_enabled": onchain.lookup_supported(network, ticket.tx_hash),
        "onchain": result,
    }


@agent_required
@require_GET
def ticket_onchain(request: AgentRequest, reference: str) -> HttpResponse:
    """The on-chain block of the ticket page alone, fetched after the page has loaded."""
    ticket = selectors.ticket_get_for_agent(user=request.user, reference=reference)
    network = network_get(ticket.network)
    context = {
        "ticket": ticket,
        "onchain_enabled": onchain.lookup_supported(network, ticket.tx_hash),
        "onchain": onchain.transaction_lookup(network, ticket.tx_hash) if ticket.tx_hash else None,
    }
    return render(request, "console/_onchain.html", context)


@agent_required
@require_GET
def ticket_answers(request: AgentRequest, reference: str) -> HttpResponse:
    """The "answers at hand" panel alone: matching Help Center articles and similar finished
    tickets, fetched when the agent opens it so the ticket page never waits for the search."""
    ticket = selectors.ticket_get_for_agent(user=request.user, reference=reference)
    answers = answers_for_ticket(ticket=ticket, user=request.user)
    return render(request, "console/_answers.html", {"ticket": ticket, "answers": answers})


# --- actions --------------------------------------------------------------------------------

ActionView = Callable[[AgentRequest, str], HttpResponse]


def _on_demand(name: str) -> Callable[[ActionView], ActionView]:
    """An action whose form is drawn only when the agent opens it: a GET of its address shows
    the form, the POST acts as every action does. ``?part=form`` answers the form alone (what
    static/js/action_forms.js puts into the opened panel); otherwise the ticket page with the
    form open, the plain link's page without JavaScript."""

    def decorate(view: ActionView) -> ActionView:
        @wraps(view)
        def dispatch(request: AgentRequest, reference: str) -> HttpResponse:
            if request.method != "GET":
                return view(request, reference)
            if request.GET.get("part") != "form":
                ticket = _ticket_for_page(request, reference)
                return _render_ticket(request, ticket, opened=name)
            ticket = selectors.ticket_get_for_agent(user=request.user, reference=reference)
            context = {
                "ticket": ticket,
                "name": name,
                "form": _blank_form(name, ticket, _choices(ticket)),
            }
            return render(request, "console/_action_form.html", context)

        return dispatch

    return decorate


FormFactory = Callable[[QueryDict, Choices], forms.Form]
Perform = Callable[[Ticket, dict[str, Any]], str]


def _act(
    request: AgentRequest,
    reference: str,
    *,
    name: str,
    make_form: FormFactory,
    perform: Perform,
) -> HttpResponse:
    """Parse ``name``'s form, run ``perform`` (one service call), redirect with a flash.

    A form error answers 400; a refused change answers 409 (the ticket moved on, or the
    status machine has no such edge) and shows the ticket as it is now.
    """
    ticket = selectors.ticket_get_for_agent(user=request.user, reference=reference)
    choices = _choices(ticket)
    form = make_form(request.POST, choices)
    if not form.is_valid():
        return _render_ticket(request, ticket, choices=choices, failed=(name, form), status=400)
    if isinstance(form, SeenForm) and _written_meanwhile(request, ticket, form):
        # Someone wrote while this agent typed: nothing is sent; the page shows the new
        # message and keeps the draft, and sending it again goes through.
        data = request.POST.copy()
        data["seen_until"] = timezone.now().isoformat()
        form = make_form(data, choices)
        form.is_valid()
        form.add_error(None, COLLISION_WARNING)
        return _render_ticket(request, ticket, choices=choices, failed=(name, form), status=409)
    try:
        flash = perform(ticket, form.cleaned_data)
    except (TicketError, AttachmentError) as error:
        conflict = error.code == TicketError.Code.TRANSITION_NOT_ALLOWED
        unavailable = error.code == AttachmentError.Code.STORAGE_UNAVAILABLE
        # Show the ticket as it is now: another agent may have changed it meanwhile.
        current = selectors.ticket_get_for_agent(user=request.user, reference=reference)
        if name == "take":
            # The hidden status must be the current one, or the next click fails again.
            form = TakeForm({"status": current.status}, auto_id=_auto_id("take"))
            form.is_valid()
        masked = error.params.get("masked") if isinstance(error, TicketError) else None
        if masked:
            # Nothing was stored: the text comes back with the secret taken out, as the
            # refusal says, and the rest of what was typed kept.
            data = request.POST.copy()
            for field, text in masked.items():
                data[field] = text
            form = make_form(data, choices)
            form.is_valid()
        form.add_error(None, error.message)
        return _render_ticket(
            request,
            current,
            choices=choices,
            failed=(name, form),
            status=409 if conflict else 503 if unavailable else 400,
        )
    messages.success(request, flash)
    return redirect("console:detail", reference=ticket.reference)


COLLISION_WARNING = _lazy(
    "Not sent yet: a new message arrived while you were writing. Read it in the thread, then "
    "send again; your text is still here."
)


def _written_meanwhile(request: AgentRequest, ticket: Ticket, form: SeenForm) -> bool:
    seen_until = form.cleaned_data.get("seen_until")
    if seen_until is None:
        return False
    return (
        selectors.messages_written_since(ticket=ticket, since=seen_until, reader=request.user) > 0
    )


@agent_required
@require_POST
def ticket_start(request: AgentRequest, reference: str) -> HttpResponse:
    """Take the ticket: open it if it is new, otherwise make it mine."""

    def perform(ticket: Ticket, data: dict[str, Any]) -> str:
        if data["status"] == Status.NEW:
            services.ticket_start(ticket=ticket, agent=request.user)
            return _("You took the ticket; it is now open.")
        services.ticket_assign(ticket=ticket, assignee=request.user, actor=request.user)
        return _("The ticket is assigned to you.")

    return _act(
        request,
        reference,
        name="take",
        make_form=lambda data, c: TakeForm(data, auto_id=_auto_id("take")),
        perform=perform,
    )


@agent_required
@require_POST
def ticket_assign(request: AgentRequest, reference: str) -> HttpResponse:
    def perform(ticket: Ticket, data: dict[str, Any]) -> str:
        assignee = cast(User | None, data["assignee"])
        services.ticket_assign(ticket=ticket, assignee=assignee, actor=request.user)
        if assignee is None:
            return _("The ticket is now unassigned.")
        return _("The ticket is assigned to %(agent)s.") % {"agent": assignee.short_name}

    return _act(
        request,
        reference,
        name="assign",
        make_form=lambda data, c: AssignForm(data, agents=c.agents, auto_id=_auto_id("assign")),
        perform=perform,
    )


@agent_required
@require_POST
def ticket_reply(request: AgentRequest, reference: str) -> HttpResponse:
    def perform(ticket: Ticket, data: dict[str, Any]) -> str:
        internal = bool(data["internal"])
        # A refused file leaves the reply unsent and the typed text in the form.
        ticket_reply_submit(
            ReplySubmission(
                channel=Channel.WEB,
                ticket=ticket,
                author=request.user,
                body=data["body"],
                internal=internal,
                files=request.FILES.getlist("attachments"),
                refused_in_transit=refusals_of(request),
            )
        )
        if data.get("macro") and not internal:
            _macro_follow_up(request, ticket, data["macro"])
        return _("Internal note added.") if internal else _("Reply sent to the user.")

    return _act(
        request,
        reference,
        name="reply",
        make_form=lambda data, c: ReplyForm(data, auto_id=_auto_id("reply")),
        perform=perform,
    )


@agent_required
@require_GET
def ticket_macros(request: AgentRequest, reference: str) -> HttpResponse:
    """Choose a saved reply for a ticket: each is shown filled in for it, as it would go."""
    ticket = selectors.ticket_get_for_agent(user=request.user, reference=reference)
    macros = macro_list_for_agent(user=request.user)
    context = {
        "ticket": ticket,
        "choices": [(macro, macro_render(macro=macro, ticket=ticket)) for macro in macros],
    }
    return render(request, "console/macros.html", context)


def _macro_follow_up(request: AgentRequest, ticket: Ticket, macro_id: UUID) -> None:
    # The reply is sent; the saved reply's own changes follow, each may be refused alone.
    try:
        macro = macro_get_for_agent(user=request.user, macro_id=macro_id)
    except MacroError:
        return  # withdrawn since it was inserted: the reply went out, nothing more to do
    for refused in macro_after_reply(macro=macro, ticket=ticket, agent=request.user):
        messages.warning(request, refused)


@agent_required
@require_POST
def ticket_request_info(request: AgentRequest, reference: str) -> HttpResponse:
    def perform(ticket: Ticket, data: dict[str, Any]) -> str:
        services.ticket_request_info(ticket=ticket, agent=request.user, body=data["body"])
        return _("Request sent; the ticket now waits on the user.")

    return _act(
        request,
        reference,
        name="request_info",
        make_form=lambda data, c: RequestInfoForm(data, auto_id=_auto_id("request_info")),
        perform=perform,
    )


@agent_required
@require_POST
def ticket_resolve(request: AgentRequest, reference: str) -> HttpResponse:
    def perform(ticket: Ticket, data: dict[str, Any]) -> str:
        services.ticket_resolve(ticket=ticket, actor=request.user, body=data["body"])
        return _("Ticket resolved.")

    return _act(
        request,
        reference,
        name="resolve",
        make_form=lambda data, c: ResolveForm(data, auto_id=_auto_id("resolve")),
        perform=perform,
    )


@agent_required
@require_http_methods(["GET", "POST"])
@_on_demand("close")
def ticket_close(request: AgentRequest, reference: str) -> HttpResponse:
    def perform(ticket: Ticket, data: dict[str, Any]) -> str:
        services.ticket_close(ticket=ticket, actor=request.user, reason=data["reason"])
        return _("Ticket closed.")

    return _act(
        request,
        reference,
        name="close",
        make_form=lambda data, c: CloseForm(data, auto_id=_auto_id("close")),
        perform=perform,
    )


@agent_required
@require_http_methods(["GET", "POST"])
@_on_demand("merge")
def ticket_merge(request: AgentRequest, reference: str) -> HttpResponse:
    def perform(ticket: Ticket, data: dict[str, Any]) -> str:
        wanted = reference_normalise(data["into"])
        try:
            into = selectors.ticket_get_for_agent(user=request.user, reference=wanted)
        except Http404:
            raise TicketError(TicketError.Code.MERGE_TARGET_UNKNOWN, reference=wanted) from None
        services.ticket_merge(duplicate=ticket, into=into, agent=request.user)
        return _("Merged into %(reference)s: the user now sees one conversation there.") % {
            "reference": into.reference
        }

    return _act(
        request,
        reference,
        name="merge",
        make_form=lambda data, c: MergeForm(data, auto_id=_auto_id("merge")),
        perform=perform,
    )


def _tag_from(request: AgentRequest) -> Tag:
    wanted = request.POST.get("tag", "")
    tag = next((t for t in selectors.tag_list() if t.slug == wanted), None)
    if tag is None:
        raise TicketError(TicketError.Code.TAG_INACTIVE, tag=wanted)
    return tag


@agent_required
@require_POST
def ticket_tag(request: AgentRequest, reference: str) -> HttpResponse:
    """Add (``remove`` absent) or remove a tag; answers like every other action."""
    ticket = selectors.ticket_get_for_agent(user=request.user, reference=reference)
    try:
        tag = _tag_from(request)
        if request.POST.get("remove") == "1":
            services.ticket_tag_remove(ticket=ticket, tag=tag, agent=request.user)
            messages.success(request, _("Tag removed: %(tag)s") % {"tag": tag.name})
        else:
            services.ticket_tag_add(ticket=ticket, tag=tag, agent=request.user)
            messages.success(request, _("Tag added: %(tag)s") % {"tag": tag.name})
    except TicketError as exc:
        return _render_ticket(request, ticket, refusal=exc.message, status=409)
    return redirect(f"{reverse('console:detail', args=[ticket.reference])}#tags")


@agent_required
@require_POST
def ticket_incident(request: AgentRequest, reference: str) -> HttpResponse:
    """Link the ticket to an open incident (``incident``; ``suggested`` when the agent took the
    page's suggestion), or unlink it (``unlink``); answers like every other action."""
    ticket = selectors.ticket_get_for_agent(user=request.user, reference=reference)
    try:
        if request.POST.get("unlink") == "1":
            incident = incident_unlink(ticket=ticket, agent=request.user)
            flash = _("Unlinked from the incident: %(title)s")
        else:
            form = IncidentLinkForm(request.POST)
            if not form.is_valid():
                return _render_ticket(
                    request, ticket, refusal=_("Choose an open incident to link."), status=400
                )
            incident = incident_get_for_agent(
                user=request.user, incident_id=form.cleaned_data["incident"]
            )
            how = (
                IncidentLink.How.SUGGESTED
                if form.cleaned_data["suggested"]
                else IncidentLink.How.MANUAL
            )
            incident_link(incident=incident, ticket=ticket, agent=request.user, how=how)
            flash = _("Linked to the incident: %(title)s")
    except (IncidentError, TicketError) as exc:
        return _render_ticket(request, ticket, refusal=exc.message, status=409)
    messages.success(request, flash % {"title": incident.title})
    return redirect(f"{reverse('console:detail', args=[ticket.reference])}#incident")


@agent_required
@require_http_methods(["GET", "POST"])
@_on_demand("reject")
def ticket_reject(request: AgentRequest, reference: str) -> HttpResponse:
    def perform(ticket: Ticket, data: dict[str, Any]) -> str:
        services.ticket_reject(
            ticket=ticket, agent=request.user, reason=data["reason"], message=data["message"]
        )
        return _("Ticket rejected; the user sees the reason and your message.")

    return _act(
        request,
        reference,
        name="reject",
        make_form=lambda data, c: RejectForm(data, reasons=c.reasons, auto_id=_auto_id("reject")),
        perform=perform,
    )


@agent_required
@require_http_methods(["GET", "POST"])
@_on_demand("reopen")
def ticket_reopen(request: AgentRequest, reference: str) -> HttpResponse:
    def perform(ticket: Ticket, data: dict[str, Any]) -> str:
        services.ticket_reopen(ticket=ticket, agent=request.user, reason=data["reason"])
        return _("Ticket reopened.")

    return _act(
        request,
        reference,
        name="reopen",
        make_form=lambda data, c: ReopenForm(data, auto_id=_auto_id("reopen")),
        perform=perform,
    )


@agent_required
@require_http_methods(["GET", "POST"])
@_on_demand("priority")
def ticket_priority(request: AgentRequest, reference: str) -> HttpResponse:
    def perform(ticket: Ticket, data: dict[str, Any]) -> str:
        services.ticket_priority_change(
            ticket=ticket, priority=data["priority"], agent=request.user
        )
        return _("Priority changed to %(priority)s.") % {
            "priority": Priority(data["priority"]).label
        }

    return _act(
        request,
        reference,
        name="priority",
        make_form=lambda data, c: PriorityForm(data, auto_id=_auto_id("priority")),
        perform=perform,
    )


@agent_required
@require_http_methods(["GET", "POST"])
@_on_demand("category")
def ticket_category(request: AgentRequest, reference: str) -> HttpResponse:
    def perform(ticket: Ticket, data: dict[str, Any]) -> str:
        category = cast(Category, data["category"])
        services.ticket_category_change(ticket=ticket, category=category, agent=request.user)
        return _("Category changed to %(category)s.") % {"category": category.name}

    response = _act(
        request,
        reference,
        name="category",
        make_form=lambda data, c: CategoryForm(
            data, categories=c.categories, auto_id=_auto_id("category")
        ),
        perform=perform,
    )
    if (
        response.status_code == 302
        and not selectors.tickets_visible_to(request.user)
        .filter(reference=reference_normalise(reference))
        .exists()
    ):
        # The ticket went to another team's category: it is no longer this agent's to see.
        messages.info(request, _("The ticket moved to another team's queue."))
        return redirect("console:queue")
    return response


# --- redaction ------------------------------------------------------------------------------


def _redaction_act(
    request: AgentRequest, reference: str, perform: Callable[[Ticket], str]
) -> HttpResponse:
    """Run one redaction service and redirect with a flash; a refusal (already redacted,
    nothing found, storage down) shows the ticket again with the reason at the top."""
    ticket = selectors.ticket_get_for_agent(user=request.user, reference=reference)
    try:
        flash = perform(ticket)
    except (TicketError, AttachmentError) as error:
        current = selectors.ticket_get_for_agent(user=request.user, reference=reference)
        conflict = error.code in (
            TicketError.Code.ALREADY_REDACTED,
            AttachmentError.Code.ALREADY_REMOVED,
        )
        unavailable = error.code == AttachmentError.Code.STORAGE_UNAVAILABLE
        return _render_ticket(
            request,
            current,
            refusal=error.message,
            status=409 if conflict else 503 if unavailable else 400,
        )
    messages.success(request, flash)
    return redirect("console:detail", reference=ticket.reference)


def _redaction_mode(request: AgentRequest) -> str:
    form = RedactForm(request.POST)
    # A tampered or missing choice falls back to the mode that changes least.
    return str(form.cleaned_data["mode"]) if form.is_valid() else Redaction.MASKED


@agent_required
@require_POST
def message_redact_view(request: AgentRequest, reference: str, message_id: UUID) -> HttpResponse:
    """Take a wallet secret out of one message of the thread (after the page's confirmation)."""

    def perform(ticket: Ticket) -> str:
        message = selectors.message_get_for_agent(ticket=ticket, message_id=message_id)
        message_redact(message=message, actor=request.user, mode=_redaction_mode(request))
        return _("The message was redacted; the user is told why.")

    return _redaction_act(request, reference, perform)


@agent_required
@require_POST
def ticket_redact_view(request: AgentRequest, reference: str) -> HttpResponse:
    """Take a wallet secret out of the ticket's own texts (its description first of all)."""

    def perform(ticket: Ticket) -> str:
        ticket_redact(ticket=ticket, actor=request.user, mode=_redaction_mode(request))
        return _("The ticket's details were redacted; the user is told why.")

    return _redaction_act(request, reference, perform)


@agent_required
@require_POST
def attachment_remove_view(
    request: AgentRequest, reference: str, attachment_id: UUID
) -> HttpResponse:
    """Delete a file that holds a wallet secret; its row stays as a tombstone."""

    def perform(ticket: Ticket) -> str:
        attachment = attachment_selectors.attachment_get_for_ticket(
            ticket=ticket, attachment_id=attachment_id
        )
        attachment_remove(attachment=attachment, actor=request.user)
        return _("The file was deleted; the user is told why.")

    return _redaction_act(request, reference, perform)


# --- revealing the requester's details ------------------------------------------------------

# A reveal shows the value on this ticket's page, in this browser session, for a short while;
# after that the page masks it again and seeing it means revealing (and recording) anew.
REVEAL_FOR = 15 * 60
_REVEALED_KEY = "console_revealed"


def _revealed(request: AgentRequest, ticket: Ticket) -> dict[str, bool]:
    """What of the requester's details this agent revealed on this ticket and may still see.
    Read from the session, which the request loaded already: no query."""
    marks = request.session.get(_REVEALED_KEY, {}).get(str(ticket.pk), {})
    now = timezone.now().timestamp()
    return {what: marks.get(what, 0) > now for what in Revealed.values}


@agent_required
@require_POST
def ticket_reveal(request: AgentRequest, reference: str) -> HttpResponse:
    """Show the requester's e-mail or verified wallet addresses unmasked, on purpose: the
    reveal is recorded (tickets.reveals.record_reveal) before anything is shown."""
    ticket = selectors.ticket_get_for_agent(user=request.user, reference=reference)
    what = request.POST.get("what", "")
    if what not in Revealed.values:
        messages.error(request, _("Choose what to reveal: the e-mail or the wallet addresses."))
        return redirect("console:detail", reference=ticket.reference)
    record_reveal(request.user, ticket, what)
    revealed = dict(request.session.get(_REVEALED_KEY, {}))
    now = timezone.now().timestamp()
    # Only unexpired marks are kept, so the session does not grow with every ticket opened.
    revealed = {
        key: kept
        for key, marks in revealed.items()
        if (kept := {w: at for w, at in marks.items() if at > now})
    }
    revealed.setdefault(str(ticket.pk), {})[what] = now + REVEAL_FOR
    request.session[_REVEALED_KEY] = revealed
    messages.info(request, _("Revealed; this is recorded in the ticket's history."))
    return redirect("console:detail", reference=ticket.reference)


# --- who else is on the ticket ---------------------------------------------------------------


@agent_required
@require_POST
def ticket_presence(request: AgentRequest, reference: str) -> HttpResponse:
    """The page's heartbeat: marks this agent on the ticket (typing or not) and answers who
    else is there and how many messages arrived since the page's ``seen_until``."""
    ticket = selectors.ticket_get_for_agent(user=request.user, reference=reference)
    if request.POST.get("leave") == "1":
        presence_leave(ticket=ticket, agent=request.user)
        return JsonResponse({"others": [], "unseen": 0})
    presence_mark(ticket=ticket, agent=request.user, typing=request.POST.get("typing") == "1")
    others = presence_others(
        ticket=ticket,
        agent=request.user,
        candidates=selectors.agent_list_for_ticket(ticket=ticket),
    )
    seen = SeenForm({"seen_until": request.POST.get("seen_until", "")})
    since = seen.cleaned_data.get("seen_until") if seen.is_valid() else None
    unseen = (
        selectors.messages_written_since(ticket=ticket, since=since, reader=request.user)
        if since is not None
        else 0
    )
    return JsonResponse(
        {"others": [{"name": p.name, "typing": p.typing} for p in others], "unseen": unseen}
    )

"""Agent console input: the queue's filter form and one small form per ticket action.

Forms only check the shape of what was posted; every rule about who may do what, and
when, lives in services/workflow. Choices that come from the database (agents,
categories, rejection reasons) are handed in by the view, so one page renders every
picker from a single query each.
"""

import base64
import binascii
import json
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any, cast
from uuid import UUID

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from walletdesk.accounts.models import User
from walletdesk.audit.models import Kind as AuditKind
from walletdesk.audit.selectors import AuditFilters
from walletdesk.core.forms import choice_field
from walletdesk.tickets.models import (
    ACTIVE_STATUSES,
    Category,
    Priority,
    Redaction,
    RejectionReason,
    Status,
    Tag,
)
from walletdesk.tickets.selectors import QueueFilters, QueueSort

# Filter values with a meaning of their own, next to real statuses and agent ids.
STATUS_ALL = "all"
ASSIGNEE_ME = "me"
ASSIGNEE_NONE = "none"

MESSAGE_MAX_LENGTH = 20000
REASON_MAX_LENGTH = 500


def _agent_label(agent: User) -> str:
    # The e-mail tells two agents with the same display name apart.
    return f"{agent.short_name} <{agent.email}>" if agent.display_name else agent.email


# --- the queue ------------------------------------------------------------------------------


def _cursor_well_formed(raw: str) -> bool:
    """Whether a pager token has the shape the queue selector writes.

    A hand-edited token must come back as "first page", never as an error page, so the
    shape is checked here before the selector reads it: base64 of a JSON list holding an
    optional priority, an ISO time and a ticket id.
    """
    try:
        payload = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
        if not isinstance(payload, list) or len(payload) not in (2, 3):
            return False
        *head, created_at, pk = payload
        if head and (type(head[0]) is not int or head[0] not in Priority.values):
            return False
        if not isinstance(created_at, str) or not isinstance(pk, str):
            return False
        datetime.fromisoformat(created_at)
        UUID(pk)
    except (ValueError, TypeError, OverflowError, binascii.Error, UnicodeDecodeError):
        return False
    return True


class QueueFilterForm(forms.Form):
    """The queue's GET filters. Bad values are dropped (and named), never a 500."""

    status = forms.MultipleChoiceField(
        label=_("Status"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    category = forms.ChoiceField(label=_("Category"), required=False)
    assignee = forms.ChoiceField(label=_("Assignee"), required=False)
    tag = forms.ChoiceField(label=_("Tag"), required=False)
    priority = forms.TypedChoiceField(
        label=_("Priority"), required=False, coerce=int, empty_value=None
    )
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        strip=True,
        help_text=_("Reference, subject, transaction hash, address or requester e-mail"),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    sort = forms.ChoiceField(label=_("Sort"), required=False)
    cursor = forms.CharField(
        label=_("Page"), required=False, max_length=400, widget=forms.HiddenInput
    )

    # Fields whose valid values travel on in the pager links.
    FILTER_FIELDS = ("status", "category", "assignee", "tag", "priority", "q", "sort")

    def __init__(
        self,
        data: QueryDict | None,
        *,
        user: User,
        categories: Sequence[Category],
        agents: Sequence[User],
        tags: Sequence[Tag] = (),
        **kwargs: Any,
    ) -> None:
        if data is not None and "status" not in data:
            # No status in the query string means the default view: the active tickets.
            data = data.copy()
            data.setlist("status", [str(s) for s in ACTIVE_STATUSES])
        super().__init__(data, **kwargs)
        self.user = user
        self._categories = {c.slug: c for c in categories}
        self._agents = {str(a.pk): a for a in agents}
        self._tags = {t.slug: t for t in tags}
        choice_field(self, "tag").choices = [
            ("", _("Any tag")),
            *((t.slug, t.name) for t in tags),
        ]
        choice_field(self, "status").choices = [*Status.choices, (STATUS_ALL, _("All statuses"))]
        choice_field(self, "category").choices = [
            ("", _("All categories")),
            *((c.slug, c.name) for c in categories),
        ]
        choice_field(self, "assignee").choices = [
            ("", _("Anyone")),
            (ASSIGNEE_ME, _("Me")),
            (ASSIGNEE_NONE, _("Unassigned")),
            *((str(a.pk), _agent_label(a)) for a in agents),
        ]
        choice_field(self, "priority").choices = [("", _("Any priority")), *Priority.choices]
        choice_field(self, "sort").choices = [
            (QueueSort.OLDEST, _("Oldest first")),
            (QueueSort.NEWEST, _("Newest first")),
            (QueueSort.PRIORITY, _("Highest priority first")),
        ]

    def clean_cursor(self) -> str:
        raw = str(self.cleaned_data.get("cursor") or "")
        if raw and not _cursor_well_formed(raw):
            raise ValidationError(_("This page link is not valid."), code="invalid")
        return raw

    @property
    def ignored(self) -> list[str]:
        """Labels of the filters that were dropped because their value was not valid."""
        if not self.is_bound:
            return []
        self.is_valid()
        return [str(self.fields[name].label) for name in self.errors if name in self.fields]

    def to_filters(self) -> QueueFilters:
        """The selector's filters from the valid fields; an invalid field keeps its default."""
        self.is_valid()
        data = self.cleaned_data
        filters = QueueFilters()
        statuses = data.get("status")
        if statuses:
            filters.statuses = [] if STATUS_ALL in statuses else list(statuses)
        category = self._categories.get(data.get("category") or "")
        if category is not None:
            filters.category_id = category.pk
        assignee = data.get("assignee") or ""
        if assignee == ASSIGNEE_ME:
            filters.assignee_id = self.user.pk
        elif assignee == ASSIGNEE_NONE:
            filters.unassigned = True
        elif assignee in self._agents:
            filters.assignee_id = UUID(assignee)
        tag = self._tags.get(data.get("tag") or "")
        if tag is not None:
            filters.tag_id = tag.pk
        filters.priority = data.get("priority")
        filters.text = data.get("q") or ""
        filters.sort = data.get("sort") or QueueSort.OLDEST
        return filters

    @property
    def position(self) -> str:
        """The keyset cursor of the page asked for; empty for the first page."""
        self.is_valid()
        return str(self.cleaned_data.get("cursor") or "")

    def query_params(self) -> QueryDict:
        """The valid filters as a query string, for the pager links (an invalid one is not
        carried on, so the note about it does not follow the agent from page to page)."""
        self.is_valid()
        params = QueryDict(mutable=True)
        for name in self.FILTER_FIELDS:
            if name in self.errors or self.data is None or name not in self.data:
                continue
            if name == "status":
                params.setlist(name, self.cleaned_data.get(name) or [])
            else:
                value = self.data.get(name, "")
                if value:
                    params[name] = value
        return params


# --- ticket actions -------------------------------------------------------------------------


def _message_field(*, label: str | Any, required: bool = True, rows: int = 5) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=MESSAGE_MAX_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class TakeForm(forms.Form):
    """Take the ticket: start it if it is new, otherwise assign it to me.

    ``status`` is the status the agent saw; a new ticket that someone else started in the
    meantime is then refused by the status machine instead of silently taken over.
    """

    status = forms.ChoiceField(choices=Status.choices, widget=forms.HiddenInput)


class AssignForm(forms.Form):
    assignee = forms.ChoiceField(label=_("Assignee"), required=False)

    def __init__(self, *args: Any, agents: Sequence[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._agents = {str(a.pk): a for a in agents}
        choice_field(self, "assignee").choices = [
            ("", _("Nobody (unassigned)")),
            *((str(a.pk), _agent_label(a)) for a in agents),
        ]

    def clean_assignee(self) -> User | None:
        value = self.cleaned_data.get("assignee") or ""
        return self._agents.get(value)


class SeenForm(forms.Form):
    """A form that sends a message: it carries the time of the newest message on the page it
    was drawn on, so a message that arrived meanwhile holds the send for a look (views._act)."""

    seen_until = forms.CharField(required=False, widget=forms.HiddenInput, max_length=40)

    def clean_seen_until(self) -> datetime | None:
        raw = str(self.cleaned_data.get("seen_until") or "")
        try:
            moment = datetime.fromisoformat(raw) if raw else None
        except ValueError:
            return None  # a page from before the field, or altered: nothing to compare
        return moment if moment is None or moment.tzinfo is not None else None


class ReplyForm(SeenForm):
    body = _message_field(label=_("Message"), rows=6)
    internal = forms.BooleanField(
        label=_("Internal note (only agents see it)"),
        required=False,
    )
    # The saved reply the text came from: its changes are made once the reply is sent.
    macro = forms.UUIDField(required=False, widget=forms.HiddenInput)


class RequestInfoForm(SeenForm):
    body = _message_field(label=_("What do you need from the user?"))


class ResolveForm(forms.Form):
    body = _message_field(label=_("Closing message (optional)"), required=False, rows=3)


class MergeForm(forms.Form):
    into = forms.CharField(
        label=_("Merge into ticket"),
        max_length=32,
        help_text=_("Another ticket of the same user, e.g. WD-7K2M9Q. This one closes."),
    )


class CloseForm(forms.Form):
    reason = forms.CharField(
        label=_("Why close? (optional, agents only)"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        strip=True,
    )


class RejectForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"))
    message = _message_field(label=_("Message to the user"))

    def __init__(self, *args: Any, reasons: Sequence[RejectionReason], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._reasons = {r.code: r for r in reasons}
        choice_field(self, "reason").choices = [
            ("", _("Choose a reason")),
            *((r.code, r.title) for r in reasons),
        ]

    def clean_reason(self) -> RejectionReason:
        return self._reasons[self.cleaned_data["reason"]]


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why reopen? (optional, agents only)"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        strip=True,
    )


class PriorityForm(forms.Form):
    priority = forms.TypedChoiceField(label=_("Priority"), choices=Priority.choices, coerce=int)


class CategoryForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"))

    def __init__(self, *args: Any, categories: Sequence[Category], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._categories = {c.slug: c for c in categories}
        choice_field(self, "category").choices = [(c.slug, c.name) for c in categories]

    def clean_category(self) -> Category:
        return self._categories[self.cleaned_data["category"]]


class RedactForm(forms.Form):
    """How to take a wallet secret out of a message or the ticket's description."""

    mode = forms.ChoiceField(
        label=_("How"),
        choices=[
            (Redaction.MASKED, _("Mask what the guard finds")),
            (Redaction.REMOVED, _("Remove it entirely (part of a phrase the guard cannot see)")),
        ],
        initial=Redaction.MASKED,
        widget=forms.RadioSelect,
    )


# --- the audit trail ------------------------------------------------------------------------


class AuditFilterForm(forms.Form):
    """The audit page's filters (all optional). Dates are whole days in the reader's time zone;
    a field that is not valid is shown with its error and left out of the filter."""

    FILTER_FIELDS = ("kind", "account", "ip", "since", "until")

    kind = forms.ChoiceField(label=_("Event"), required=False)
    account = forms.EmailField(
        label=_("Account"),
        required=False,
        max_length=254,
        help_text=_("An e-mail address: what the account did, or what was tried on it."),
    )
    ip = forms.GenericIPAddressField(label=_("IP address"), required=False)
    since = forms.DateField(
        label=_("Start date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("End date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    cursor = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "kind").choices = [("", _("All events")), *AuditKind.choices]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end date is before the start date."))
        return data

    def to_filters(self) -> AuditFilters:
        self.is_valid()
        data = self.cleaned_data
        zone = timezone.get_current_timezone()

        def day_start(day: date | None) -> datetime | None:
            return datetime.combine(day, time.min, tzinfo=zone) if day else None

        until = data.get("until")
        return AuditFilters(
            kind=data.get("kind") or "",
            account=data.get("account") or "",
            ip=data.get("ip") or "",
            since=day_start(data.get("since")),
            until=day_start(until + timedelta(days=1)) if until else None,
        )

    def query_params(self) -> QueryDict:
        """The valid filters, for the pager links (without the cursor)."""
        self.is_valid()
        params = QueryDict(mutable=True)
        for name in self.FILTER_FIELDS:
            if name in self.errors:
                continue
            value = self.data.get(name, "")
            if value:
                params[name] = value
        return params


class TeamBulkReassignForm(forms.Form):
    """Give the ticked tickets of the team page (or all of one member's) to a member."""

    references = forms.MultipleChoiceField(required=False)
    from_member = forms.ChoiceField(label=_("Or all active tickets of"), required=False)
    assignee = forms.ChoiceField(label=_("Give to"), required=False)

    def __init__(
        self, *args: Any, members: Sequence[User], references: Sequence[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._members = {str(m.pk): m for m in members}
        people = [(str(m.pk), _agent_label(m)) for m in members]
        choice_field(self, "references").choices = [(r, r) for r in references]
        choice_field(self, "from_member").choices = [("", "—"), *people]
        choice_field(self, "assignee").choices = [("", _("Nobody (unassigned)")), *people]

    def clean_assignee(self) -> User | None:
        return self._members.get(self.cleaned_data.get("assignee") or "")

    def clean_from_member(self) -> User | None:
        return self._members.get(self.cleaned_data.get("from_member") or "")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("references") and cleaned.get("from_member") is None:
            raise ValidationError(
                _("Tick the tickets to reassign, or choose whose tickets to move."),
                code="nothing_chosen",
            )
        return cleaned


class TeamReassignForm(forms.Form):
    """Give one of the team's tickets to a member (or to nobody), from the team page."""

    reference = forms.CharField(max_length=16, widget=forms.HiddenInput)
    assignee = forms.ChoiceField(label=_("Give to"), required=False)

    def __init__(self, *args: Any, members: Sequence[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._members = {str(m.pk): m for m in members}
        choice_field(self, "assignee").choices = [
            ("", _("Nobody (unassigned)")),
            *((str(m.pk), _agent_label(m)) for m in members),
        ]

    def clean_assignee(self) -> User | None:
        value = self.cleaned_data.get("assignee") or ""
        return self._members.get(value)


# --- incidents ---------------------------------------------------------------------------------

INCIDENT_TEXT_MAX = 10000


class IncidentForm(forms.Form):
    title_zh = forms.CharField(label=_("Title (Chinese)"), max_length=120)
    title_en = forms.CharField(label=_("Title (English)"), max_length=120)
    description_zh = forms.CharField(
        label=_("Public description (Chinese)"),
        max_length=INCIDENT_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Users whose new ticket matches see it: what is known, what to do meanwhile."),
    )
    description_en = forms.CharField(
        label=_("Public description (English)"),
        max_length=INCIDENT_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    network = forms.ChoiceField(label=_("Network (optional)"), required=False)
    category = forms.ModelChoiceField(
        label=_("Category (optional)"),
        queryset=Category.objects.none(),
        required=False,
        empty_label=_("Any category"),
    )
    window_hours = forms.IntegerField(
        label=_("Match window (hours)"),
        min_value=1,
        max_value=720,
        initial=24,
        help_text=_("New tickets submitted this long after the incident opened are suggested."),
    )

    def __init__(
        self,
        *args: Any,
        networks: Sequence[tuple[str, str]],
        categories: Sequence[Category],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        network = cast(forms.ChoiceField, self.fields["network"])
        network.choices = [("", _("Any network")), *networks]
        category = cast("forms.ModelChoiceField[Category]", self.fields["category"])
        category.queryset = Category.objects.filter(pk__in=[c.pk for c in categories])


class IncidentMessageForm(forms.Form):
    """A reply to all, or the final message of a resolution: one language is used for both."""

    body_zh = forms.CharField(
        label=_("Message (Chinese)"),
        required=False,
        max_length=INCIDENT_TEXT_MAX,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    body_en = forms.CharField(
        label=_("Message (English)"),
        required=False,
        max_length=INCIDENT_TEXT_MAX,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Write one language only and it is sent to everyone."),
    )


class IncidentLinkForm(forms.Form):
    incident = forms.UUIDField(label=_("Incident"))
    # Set when the agent accepted the page's suggestion rather than choosing from the list.
    suggested = forms.BooleanField(required=False)


class ReportFilterForm(forms.Form):
    """The dashboard's filters: a range of days (the last 30 by default), a team among those
    the reader may see, a topic and a network. Errors are shown on their field and nothing is
    read until they are fixed."""

    FILTER_FIELDS = ("start", "end", "team", "category", "network")
    DEFAULT_DAYS = 30

    start = forms.DateField(
        label=_("Start date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("End date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    team = forms.ChoiceField(label=_("Team"), required=False)
    category = forms.ChoiceField(label=_("Topic"), required=False)
    network = forms.ChoiceField(label=_("Network"), required=False)

    def __init__(
        self,
        data: Any,
        *,
        teams: Sequence[tuple[str, str]],
        categories: Sequence[tuple[str, str]],
        networks: Sequence[tuple[str, str]],
        today: date,
        max_days: int,
    ) -> None:
        super().__init__(data, auto_id="report-%s")
        self.today = today
        self.max_days = max_days
        choice_field(self, "team").choices = [("", _("All my teams")), *teams]
        choice_field(self, "category").choices = [("", _("All topics")), *categories]
        choice_field(self, "network").choices = [("", _("All networks")), *networks]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        end = data.get("end") or self.today
        start = data.get("start") or end - timedelta(days=self.DEFAULT_DAYS - 1)
        if "start" in self.errors or "end" in self.errors:
            return data
        if end < start:
            self.add_error("end", _("The end date is before the start date."))
        elif (end - start).days + 1 > self.max_days:
            self.add_error(
                "start",
                _("A report covers at most %(days)d days.") % {"days": self.max_days},
            )
        data["start"], data["end"] = start, end
        return data

    def query_params(self) -> QueryDict:
        """The filters as typed, for the export links."""
        params = QueryDict(mutable=True)
        for name in self.FILTER_FIELDS:
            value = self.data.get(name, "")
            if value:
                params[name] = value
        return params

"""Incidents: one cause behind many users' tickets (a congested network, a scam wave),
answered once.

An Incident is written in both languages; tickets are linked to it (one incident per ticket at
most); an IncidentUpdate is one answer to every linked ticket (a reply to all, or the final
message that resolves them), and an IncidentDelivery is that answer on one ticket: its unique
(update, ticket) pair is what makes a rerun of the delivery task post nothing twice.
"""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from walletdesk.core.i18n import pick
from walletdesk.core.models import BaseModel
from walletdesk.tickets.models import Category, Message, Ticket

# How long after an incident is opened a new ticket may still be suggested for it, at most.
WINDOW_HOURS_MAX = 720


class IncidentStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved")


class Incident(BaseModel):
    title_zh = models.CharField(_("title (Chinese)"), max_length=120)
    title_en = models.CharField(_("title (English)"), max_length=120)
    # Shown to users whose new ticket matches: what is known and what to do meanwhile.
    description_zh = models.TextField(_("public description (Chinese)"))
    description_en = models.TextField(_("public description (English)"))
    # Empty / None: the incident matches tickets of any network / category.
    network = models.CharField(_("network"), max_length=40, blank=True)
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("category"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=IncidentStatus.choices, default=IncidentStatus.OPEN
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    window_hours = models.PositiveSmallIntegerField(
        _("match window (hours)"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(WINDOW_HOURS_MAX)],
        help_text=_("New tickets submitted this long after the incident opened are suggested."),
    )
    # opened_at + window_hours, stored so the submission's match is one indexed range read.
    matches_until = models.DateTimeField(editable=False)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        indexes = [
            # What a new ticket may match: open incidents whose window has not ended. Small
            # whatever the history: resolved incidents leave it.
            models.Index(
                fields=["matches_until"],
                name="incident_matching_idx",
                condition=Q(status="open"),
            ),
            # The list page: open first, newest first.
            models.Index(fields=["status", "-opened_at"], name="incident_list_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(window_hours__gte=1) & Q(window_hours__lte=WINDOW_HOURS_MAX),
                name="incident_window_in_range",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Derived here, not a business rule: the stored end of the window follows its parts.
        self.matches_until = self.opened_at + timedelta(hours=self.window_hours)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "matches_until"}
        super().save(*args, **kwargs)

    @property
    def title(self) -> str:
        return pick(self.title_zh, self.title_en)

    @property
    def description(self) -> str:
        return pick(self.description_zh, self.description_en)

    @property
    def is_open(self) -> bool:
        return self.status == IncidentStatus.OPEN


class IncidentLink(models.Model):
    """One ticket linked to one incident; a ticket has at most one (the unique ticket)."""

    class How(models.TextChoices):
        MANUAL = "manual", _("Linked by an agent")
        SUGGESTED = "suggested", _("Suggestion accepted")

    id = models.BigAutoField(primary_key=True)
    ticket = models.OneToOneField(
        Ticket, on_delete=models.CASCADE, related_name="incident_link", verbose_name=_("ticket")
    )
    # Meta.indexes leads with incident: it answers every lookup by incident alone.
    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="links", db_index=False
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    linked_at = models.DateTimeField(default=timezone.now)
    how = models.CharField(max_length=16, choices=How.choices, default=How.MANUAL)

    class Meta:
        indexes = [models.Index(fields=["incident", "id"], name="incident_link_page_idx")]

    def __str__(self) -> str:
        return f"{self.incident_id} · {self.ticket_id}"


class IncidentUpdate(BaseModel):
    """One answer to every linked ticket, delivered in the background."""

    class Kind(models.TextChoices):
        REPLY = "reply", _("Reply to all")
        RESOLUTION = "resolution", _("Resolution")

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="updates")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    body_zh = models.TextField(_("message (Chinese)"))
    body_en = models.TextField(_("message (English)"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # How many linked tickets it was meant for when it was written.
    targets = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.incident_id}:{self.kind}"

    def body_for(self, language: str) -> str:
        """The text in ``language`` (the other one when it was written in one only)."""
        if language == "zh-hans":
            return self.body_zh or self.body_en
        return self.body_en or self.body_zh


class IncidentDelivery(models.Model):
    """An update on one ticket: posted (with its message) or refused (with why)."""

    id = models.BigAutoField(primary_key=True)
    update = models.ForeignKey(
        IncidentUpdate, on_delete=models.CASCADE, related_name="deliveries", db_index=False
    )
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="+")
    message = models.ForeignKey(
        Message, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    refused = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["update", "ticket"], name="incident_delivery_once")
        ]

    def __str__(self) -> str:
        return f"{self.update_id} · {self.ticket_id}"

"""Service-level policies and the running deadlines of each ticket.

A deadline is a row with its due time, so "what breaches in the next hour" and "what has
breached" are reads of a partial index, never a scan of tickets.
"""

from datetime import datetime, timedelta

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from walletdesk.core.i18n import pick
from walletdesk.core.models import BaseModel
from walletdesk.tickets.models import Category, Priority, Ticket

_POSITIVE = [MinValueValidator(1, message=_("A target must be at least one business minute."))]


class Policy(BaseModel):
    """Targets in business minutes (counted on the ticket's team calendar) for the tickets of
    a category and/or a priority; the most specific policy applies."""

    name_zh = models.CharField(_("name (Chinese)"), max_length=60)
    name_en = models.CharField(_("name (English)"), max_length=60)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("category")
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, null=True, blank=True
    )
    first_reply_for = models.PositiveIntegerField(
        _("first reply (business minutes)"), validators=_POSITIVE
    )
    next_reply_for = models.PositiveIntegerField(
        _("next reply (business minutes)"), validators=_POSITIVE
    )
    resolution_for = models.PositiveIntegerField(
        _("resolution (business minutes)"), validators=_POSITIVE
    )
    warn_before_for = models.PositiveIntegerField(
        _("warn before (business minutes)"), default=60, validators=_POSITIVE
    )

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("SLA policy")
        verbose_name_plural = _("SLA policies")
        constraints = [
            models.CheckConstraint(
                condition=Q(first_reply_for__gt=0, next_reply_for__gt=0, resolution_for__gt=0)
                & Q(warn_before_for__gt=0),
                name="policy_targets_positive",
                violation_error_message=_("A target must be at least one business minute."),
            )
        ]

    def __str__(self) -> str:
        return pick(self.name_zh, self.name_en)

    def target_for(self, kind: str) -> int:
        return {
            TicketDeadline.Kind.FIRST_REPLY: self.first_reply_for,
            TicketDeadline.Kind.NEXT_REPLY: self.next_reply_for,
            TicketDeadline.Kind.RESOLUTION: self.resolution_for,
        }[TicketDeadline.Kind(kind)]


class TicketDeadlineQuerySet(models.QuerySet["TicketDeadline"]):
    def pending(self) -> "TicketDeadlineQuerySet":
        """Running, not met, not yet breached: the rows of the "pending due" index."""
        return self.filter(met_at__isnull=True, paused_at__isnull=True, breached_at__isnull=True)

    def breaching(self, now: datetime, within: timedelta) -> "TicketDeadlineQuerySet":
        """Pending deadlines due by ``now + within`` (the overdue ones included)."""
        return self.pending().filter(due_at__lte=now + within).order_by("due_at")

    def breached(self) -> "TicketDeadlineQuerySet":
        """Breached and still not met."""
        return self.filter(breached_at__isnull=False, met_at__isnull=True).order_by("breached_at")


class TicketDeadline(BaseModel):
    class Kind(models.TextChoices):
        FIRST_REPLY = "first_reply", _("First reply")
        NEXT_REPLY = "next_reply", _("Next reply")
        RESOLUTION = "resolution", _("Resolution")

    class State(models.TextChoices):
        RUNNING = "running", _("Running")
        PAUSED = "paused", _("Paused (waiting on the customer)")
        MET = "met", _("Met")
        BREACHED = "breached", _("Breached")

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="deadlines")
    kind = models.CharField(_("target"), max_length=16, choices=Kind.choices)
    policy = models.ForeignKey(Policy, on_delete=models.SET_NULL, null=True, blank=True)
    started_at = models.DateTimeField(_("started"))
    # Empty while paused: the clock then keeps ``remaining_for`` of business time.
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    paused_at = models.DateTimeField(_("paused"), null=True, blank=True)
    remaining_for = models.DurationField(_("remaining"), null=True, blank=True)
    met_at = models.DateTimeField(_("met"), null=True, blank=True)
    breached_at = models.DateTimeField(_("breached"), null=True, blank=True)
    warned_at = models.DateTimeField(_("warned"), null=True, blank=True)

    objects = TicketDeadlineQuerySet.as_manager()

    class Meta:
        ordering = ["started_at"]
        verbose_name = _("ticket deadline")
        verbose_name_plural = _("ticket deadlines")
        constraints = [
            models.UniqueConstraint(
                fields=["ticket", "kind"],
                condition=Q(met_at__isnull=True),
                name="deadline_one_open_per_kind",
            )
        ]
        indexes = [
            # "What breaches within X", and the sweep's warnings and breaches.
            models.Index(
                fields=["due_at"],
                name="deadline_pending_due_idx",
                condition=Q(met_at__isnull=True, paused_at__isnull=True, breached_at__isnull=True),
            ),
            # "What has breached" (and is still not met).
            models.Index(
                fields=["breached_at"],
                name="deadline_breached_idx",
                condition=Q(breached_at__isnull=False, met_at__isnull=True),
            ),
            models.Index(fields=["ticket", "kind"], name="deadline_ticket_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.state}"

    @property
    def state(self) -> str:
        if self.met_at is not None:
            return self.State.MET
        if self.breached_at is not None:
            return self.State.BREACHED
        if self.paused_at is not None:
            return self.State.PAUSED
        return self.State.RUNNING

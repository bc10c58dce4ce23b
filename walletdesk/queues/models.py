"""Saved views (a queue filter kept under a name) and bulk actions (one change made to many
tickets in the background, each ticket through the ticket services)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from walletdesk.core.models import BaseModel
from walletdesk.tickets.models import Ticket


class SavedView(BaseModel):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_views",
        verbose_name=_("owner"),
    )
    name = models.CharField(_("name"), max_length=80)
    # The queue's query string as the queue's own filter form wrote it back (only valid
    # filters survive): opening the view is opening the queue with it.
    query = models.CharField(_("filters"), max_length=1000, blank=True)
    shared = models.BooleanField(_("shared with every agent"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("saved view")
        verbose_name_plural = _("saved views")
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="saved_view_name_per_owner")
        ]

    def __str__(self) -> str:
        return self.name


class BulkJob(BaseModel):
    class Action(models.TextChoices):
        ASSIGN = "assign", _("Assign")
        PRIORITY = "priority", _("Set priority")
        TAG = "tag", _("Add tag")
        MACRO = "macro", _("Send a saved reply")
        CLOSE = "close", _("Close")

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="bulk_jobs"
    )
    action = models.CharField(max_length=16, choices=Action.choices)
    # What the action needs: {"assignee": id|""}, {"priority": n}, {"tag": id},
    # {"macro": id}, {"reason": text}.
    params = models.JSONField(default=dict)
    # What was chosen, in words for the job page: "12 selected" or a saved view's name.
    described = models.CharField(max_length=200, blank=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    refused = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("bulk action")
        verbose_name_plural = _("bulk actions")


class BulkItem(models.Model):
    """One ticket of a job. Pending until its batch ran; then done, or refused with the
    service's reason (in the agent's language, shown on the job page)."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Pending")
        DONE = "done", _("Done")
        REFUSED = "refused", _("Refused")

    id = models.BigAutoField(primary_key=True)
    job = models.ForeignKey(BulkJob, on_delete=models.CASCADE, related_name="items")
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="+")
    outcome = models.CharField(max_length=8, choices=Outcome.choices, default=Outcome.PENDING)
    # Why the ticket refused, in the words of the service's error, in the agent's language.
    reason = models.TextField(blank=True)
    params = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "ticket"], name="bulk_item_once_per_job")
        ]
        indexes = [
            models.Index(
                fields=["job", "id"],
                name="bulk_item_pending_idx",
                condition=Q(outcome="pending"),
            ),
            models.Index(
                fields=["job", "id"],
                name="bulk_item_refused_idx",
                condition=Q(outcome="refused"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.job_id}:{self.ticket_id}:{self.outcome}"

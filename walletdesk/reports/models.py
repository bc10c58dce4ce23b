"""Daily rollups of the ticket events: what the dashboards read, so a page reads a few
hundred rows whatever the number of tickets (rollups.py writes them, selectors.py reads)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from walletdesk.core.models import BaseModel


class Metric(models.TextChoices):
    CREATED = "created", _("Tickets submitted")
    RESOLVED = "resolved", _("Tickets resolved")
    REOPENED = "reopened", _("Tickets reopened")
    SLA_BREACHED = "sla_breached", _("Service targets missed")
    FIRST_REPLY = "first_reply", _("First replies")
    RESOLUTION = "resolution", _("Resolutions")
    AGENT_REPLIED = "agent_replied", _("Agent replies")
    RATED = "rated", _("Ratings")
    # ``total`` is the net change of the tickets being worked (new, open, waiting): +1 for a
    # new or reopened ticket, -1 for one resolved, closed or rejected.
    BACKLOG = "backlog", _("Tickets being worked")


class Cut(models.TextChoices):
    """Which slices a row keeps. Every event is counted in each cut: once with every slice
    (ALL, what a filtered report reads), and once per slice alone with only the team beside
    it, so the unfiltered report reads a few hundred rows per day whatever the mix of topics,
    networks and agents (selectors.dashboard_read)."""

    ALL = "", _("Every slice")
    TEAM = "team", _("Team")
    CATEGORY = "category", _("Topic")
    NETWORK = "network", _("Network")
    AGENT = "agent", _("Agent")
    CHANNEL = "channel", _("Channel")


class DailyCount(models.Model):
    """How many events of one metric fell on one day for one slice (category, team, network;
    the agent for replies, resolutions and ratings; the channel for new tickets) and one
    bucket. A duration is counted in its
    bucket (rollups.DURATION_BUCKETS), a rating under its score, a plain count in bucket 0;
    ``total`` sums the measure (business seconds, or the score). The medians are read from
    the buckets' counts, summed in SQL like everything else a dashboard shows.

    The slice keys are plain strings, not foreign keys: a report keeps its history when a
    category, team or agent is removed, and "" means none.
    """

    id = models.BigAutoField(primary_key=True)
    cut = models.CharField(max_length=8, choices=Cut.choices, blank=True)
    day = models.DateField(_("day"))
    metric = models.CharField(_("metric"), max_length=24, choices=Metric.choices)
    category_id = models.CharField(max_length=36, blank=True)
    team_id = models.CharField(max_length=36, blank=True)
    network = models.CharField(max_length=40, blank=True)
    agent_id = models.CharField(max_length=36, blank=True)
    # Only on "created": the channel the ticket came through (guard.models.Channel).
    channel = models.CharField(max_length=8, blank=True)
    bucket = models.PositiveSmallIntegerField(default=0)
    count = models.PositiveIntegerField(default=0)
    total = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("daily count")
        verbose_name_plural = _("daily counts")
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "cut",
                    "day",
                    "metric",
                    "category_id",
                    "team_id",
                    "network",
                    "agent_id",
                    "channel",
                    "bucket",
                ],
                name="report_daily_count_once",
            )
        ]
        indexes = [
            # What every dashboard query reads (a cut over a range of days) answered from the
            # index alone: the rows of a day are written as its events come, so a range's rows
            # lie on as many heap pages as it has rows (a year's team cut: 15,000 rows on 9,400
            # pages). SQLite has no INCLUDE and keeps the key alone.
            models.Index(
                fields=["cut", "day"],
                include=[
                    "metric",
                    "category_id",
                    "team_id",
                    "network",
                    "agent_id",
                    "channel",
                    "bucket",
                    "count",
                    "total",
                ],
                name="report_daily_read_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.metric} {self.count}"


class RatedComment(models.Model):
    """A rating that came with a comment, kept by the rollups with its day and slice so the
    dashboard lists the latest comments of a range without reading the tickets table."""

    id = models.BigAutoField(primary_key=True)
    day = models.DateField(_("day"))
    ticket = models.ForeignKey(
        "tickets.Ticket", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    event_id = models.BigIntegerField(unique=True)
    category_id = models.CharField(max_length=36, blank=True)
    team_id = models.CharField(max_length=36, blank=True)
    network = models.CharField(max_length=40, blank=True)
    score = models.PositiveSmallIntegerField(_("rating"))

    class Meta:
        verbose_name = _("rating comment")
        verbose_name_plural = _("rating comments")
        indexes = [models.Index(fields=["day", "id"], name="report_comment_day_idx")]

    def __str__(self) -> str:
        return f"{self.day} {self.score}"


class TicketExport(BaseModel):
    """A ticket list (a queue filter) written to a CSV or XLSX file in the background, for the
    agent who asked and no one else (reports.ticket_exports)."""

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Being written")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    # tickets.selectors.QueueFilters as JSON: what the queue showed when it was asked for.
    filters = models.JSONField(default=dict)
    described = models.CharField(max_length=300, blank=True)
    file_format = models.CharField(max_length=4, choices=Format.choices)
    # Requester e-mail and wallet columns: decided by the owner's role when it was asked for.
    personal = models.BooleanField(default=False)
    state = models.CharField(max_length=8, choices=State.choices, default=State.QUEUED)
    rows = models.PositiveIntegerField(default=0)
    stored_name = models.CharField(max_length=200, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("ticket export")
        verbose_name_plural = _("ticket exports")
        indexes = [models.Index(fields=["owner", "created_at"], name="ticket_export_owner_idx")]

    def __str__(self) -> str:
        return f"{self.pk} {self.state}"

    @property
    def file_name(self) -> str:
        # On the reader's clock, as the page shows times.
        asked = timezone.localtime(self.created_at)
        return f"walletdesk-tickets-{asked:%Y%m%d-%H%M}.{self.file_format}"

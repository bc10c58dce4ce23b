"""Who was told what, through which channel, and whether it went out.

A Notification row is written in the same transaction as the change it announces (see
services.notifications_for_event for tickets, services.notification_forum_create for the
forum); delivery claims it with a conditional UPDATE so each (recipient, event, channel) goes
out at most once, and the sweep re-queues rows a crashed worker left behind so each goes out
at least once.

A forum notification has no ticket and no ticket event: it carries the page it leads to
(``link``) and what it is about (``source``, e.g. ``forum-post:<uuid>``), which stands in for
the event in the once-per-recipient rule (kept by services.notification_forum_create under
the caller's row lock, since the migration linter refuses a new unique constraint on this
live table). This app never imports the forum: the forum tells it the link and the source,
and, for the mail, the topic's title and the thread its mails group under.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from walletdesk.core.models import BaseModel
from walletdesk.notifications.endpoints import webhook_url_validate
from walletdesk.tickets.models import Ticket, TicketEvent


class Kind(models.TextChoices):
    """What a notification announces; preferences are chosen per kind."""

    AGENT_REPLIED = "agent_replied", _("Support replied")
    INFO_REQUESTED = "info_requested", _("Support needs more information")
    STATUS_CHANGED = "status_changed", _("Ticket reopened")
    REJECTED = "rejected", _("Ticket rejected")
    RESOLVED = "resolved", _("Ticket resolved")
    CLOSED = "closed", _("Ticket closed")
    REMINDER = "reminder", _("Reminder: support is waiting for your answer")
    REDACTED = "redacted", _("A wallet secret was removed from your ticket")
    ATTACHMENT_REFUSED = "attachment_refused", _("A file you sent was refused")
    CUSTOMER_REPLIED = "customer_replied", _("Customer replied")
    ASSIGNED = "assigned", _("Ticket assigned to you")
    RECEIVED = "received", _("Ticket received")
    SLA_WARNING = "sla_warning", _("A service target is about to be missed")
    SURVEY_REMINDER = "survey_reminder", _("How did we do? Rate your resolved ticket")
    FORUM_ANSWER = "forum_answer", _("Someone answered your question")
    FORUM_ACCEPTED = "forum_accepted", _("Your answer was accepted")
    FORUM_REPLY = "forum_reply", _("Someone replied to your answer")
    FORUM_TOPIC_REPLY = "forum_topic_reply", _("Someone replied in your question")


# Kinds about the community forum rather than a ticket.
FORUM_KINDS = frozenset(
    {Kind.FORUM_ANSWER, Kind.FORUM_ACCEPTED, Kind.FORUM_REPLY, Kind.FORUM_TOPIC_REPLY}
)


class Channel(models.TextChoices):
    INAPP = "inapp", _("In the app")
    EMAIL = "email", _("E-mail")
    WEBHOOK = "webhook", _("Push (wallet app)")


# The forum's kinds go out in the app and by mail (an asker should not have to come back to
# find an answer). Not by push: the wallet app's push service reads a ticket off every payload.
FORUM_CHANNELS = (Channel.INAPP, Channel.EMAIL)


class State(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class NotificationQuerySet(models.QuerySet["Notification"]):
    def unread_inapp(self) -> "NotificationQuerySet":
        return self.filter(channel=Channel.INAPP, read_at__isnull=True)


class Notification(BaseModel):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    # Empty for a forum notification (``link`` and ``source`` say what it is about).
    ticket = models.ForeignKey(
        Ticket, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    event = models.ForeignKey(
        TicketEvent, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    # The site path a ticket-less notification opens; a ticket's is worked out from the ticket.
    # db_default: the release still running during a deploy writes rows without the column.
    link = models.CharField(_("link"), max_length=200, blank=True, default="", db_default="")
    source = models.CharField(
        _("what it is about"), max_length=80, blank=True, default="", db_default=""
    )
    # What a ticket-less mail names and threads under (a forum topic's title, "topic-<uuid>"),
    # given by the forum since this app never reads it. The title is someone's text: it is kept
    # on the mail's row alone and only until the mail has gone (services.notification_mark_sent).
    title = models.CharField(_("title"), max_length=150, blank=True, default="", db_default="")
    thread = models.CharField(_("thread"), max_length=80, blank=True, default="", db_default="")
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.PENDING
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    # When a failed row may be tried again (the retry backoff). Empty: due since created_at.
    # The sweep honours it, so re-queuing stuck rows never cuts a backoff short.
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "event", "channel"],
                name="notification_once_per_recipient_event_channel",
            )
        ]
        indexes = [
            # The sweep: undelivered rows by age.
            models.Index(
                fields=["created_at"],
                name="notification_undelivered_idx",
                condition=Q(state__in=["pending", "sending"]),
            ),
            # The bell and the list page.
            models.Index(
                fields=["recipient", "channel", "-created_at"], name="notification_inbox_idx"
            ),
            models.Index(
                fields=["recipient"],
                name="notification_unread_idx",
                condition=Q(channel="inapp", read_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.channel}:{self.state}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None

    @property
    def is_forum(self) -> bool:
        return self.kind in FORUM_KINDS

    @property
    def site_path(self) -> str:
        """``link`` if it is a path on this site, else "": our own code writes it, but nothing
        (a redirect, a mail) ever leads off the site through it."""
        link = self.link
        if link.startswith("/") and url_has_allowed_host_and_scheme(link, allowed_hosts=None):
            return link
        return ""


class NotificationPreference(BaseModel):
    """One switch per (user, kind, channel); no row means the channel is on."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    enabled = models.BooleanField(_("enabled"), default=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "channel"], name="notification_preference_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.channel}:{self.enabled}"


def _webhook_secret() -> str:
    return secrets.token_urlsafe(32)


class WebhookEndpoint(BaseModel):
    """Where the wallet app's push service receives customers' notifications."""

    name = models.CharField(_("name"), max_length=80)
    url = models.URLField(_("URL"), max_length=500, validators=[webhook_url_validate])
    secret = models.CharField(_("signing secret"), max_length=128, default=_webhook_secret)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")

    def __str__(self) -> str:
        return self.name


class WebhookDelivery(BaseModel):
    """One attempt to post a notification to an endpoint: the log admins read and replay."""

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="webhook_deliveries"
    )
    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    attempt = models.PositiveSmallIntegerField(default=1)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    succeeded = models.BooleanField(default=False)
    error = models.TextField(blank=True)
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        indexes = [models.Index(fields=["notification", "endpoint"], name="webhook_delivery_idx")]

    def __str__(self) -> str:
        return f"{self.endpoint_id}:{self.status_code}"


class EventCursor(models.Model):
    """How far a reader of the ticket events has got: the last event id it has handled.

    The receipts (receipts.py) read new tickets' "created" events after the fact, so a
    submission writes nothing for them itself.
    """

    name = models.CharField(max_length=40, unique=True)
    last_event_id = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("event cursor")
        verbose_name_plural = _("event cursors")

    def __str__(self) -> str:
        return f"{self.name}: {self.last_event_id}"

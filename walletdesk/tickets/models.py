from datetime import timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from walletdesk.core.i18n import pick
from walletdesk.core.models import AppendOnlyError, BaseModel

if TYPE_CHECKING:
    from walletdesk.accounts.models import User


class WalletField(models.TextChoices):
    """The structured wallet details a category's form may ask for."""

    NETWORK = "network", _("Network")
    ASSET = "asset", _("Asset")
    TX_HASH = "tx_hash", _("Transaction hash")
    ADDRESS = "address", _("Address")
    AMOUNT = "amount", _("Amount")
    OCCURRED_AT = "occurred_at", _("When it happened")
    PHISHING_CONTACT = "phishing_contact", _("Phishing site or contact")


class Priority(models.IntegerChoices):
    LOW = 1, _("Low")
    NORMAL = 2, _("Normal")
    HIGH = 3, _("High")
    URGENT = 4, _("Urgent")


class Team(BaseModel):
    """A group of agents serving some categories: an agent sees and works only the tickets of
    their teams (tickets/selectors.py ``tickets_visible_to``); administrators see all."""

    slug = models.SlugField(_("code"), max_length=32, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=60)
    name_en = models.CharField(_("name (English)"), max_length=60)
    # A restricted team's tickets are seen by its members alone: administrators outside it
    # see how many there are, never what they say (tickets/selectors.py ``ticket_visibility``).
    is_restricted = models.BooleanField(
        _("restricted"),
        default=False,
        help_text=_("Only the team's members see its tickets; administrators too must join it."),
    )
    members: "models.ManyToManyField[User, TeamMembership]" = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="TeamMembership",
        related_name="teams",
        verbose_name=_("members"),
    )
    # Every due time of the team's tickets is counted on it; none = the default calendar.
    calendar = models.ForeignKey(
        "calendars.Calendar",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="teams",
        verbose_name=_("business calendar"),
    )

    class Assignment(models.TextChoices):
        MANUAL = "manual", _("Agents take tickets themselves")
        ROUND_ROBIN = "round_robin", _("Automatic: round robin")
        LEAST_LOAD = "least_load", _("Automatic: least open tickets")

    # How new tickets find an agent (tickets/routing.py): a beat job assigns the team's
    # unassigned active tickets, so a submission pays nothing for it.
    assignment = models.CharField(
        _("assignment"), max_length=16, choices=Assignment.choices, default=Assignment.MANUAL
    )
    unassign_when_away = models.BooleanField(
        _("hand back an agent's tickets when they go away"),
        default=False,
        help_text=_("Their open tickets in this team are unassigned and routed again."),
    )
    # How many automatic assignments the team has made: each membership keeps the turn of its
    # last one, so round robin picks the member whose turn is oldest.
    assignment_turns = models.PositiveBigIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick(self.name_zh, self.name_en)


class TeamMembership(BaseModel):
    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        SUPERVISOR = "supervisor", _("Supervisor")

    # The (user, team) unique constraint leads with user: it answers "which teams is this
    # agent in", the lookup every console request makes.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="team_memberships",
        db_index=False,
        verbose_name=_("agent"),
    )
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("team")
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    cap = models.PositiveSmallIntegerField(
        _("most open tickets"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Automatic assignment skips the agent at this many open tickets of the team."),
    )
    last_turn = models.PositiveBigIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("team membership")
        verbose_name_plural = _("team memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "team"], name="team_membership_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.team}"


class Tag(BaseModel):
    """A label agents put on tickets ("scam wave", "TRON congestion") and filter the queue by.
    Administrators curate the list; agents add and remove the active ones."""

    slug = models.SlugField(_("code"), max_length=40, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=40)
    name_en = models.CharField(_("name (English)"), max_length=40)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick(self.name_zh, self.name_en)


class Category(BaseModel):
    slug = models.SlugField(_("code"), max_length=32, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=60)
    name_en = models.CharField(_("name (English)"), max_length=60)
    guidance_zh = models.TextField(_("what helps (Chinese)"), blank=True)
    guidance_en = models.TextField(_("what helps (English)"), blank=True)
    example_zh = models.TextField(_("example (Chinese)"), blank=True)
    example_en = models.TextField(_("example (English)"), blank=True)
    fields = models.JSONField(_("fields asked"), default=list, blank=True)
    required_fields = models.JSONField(_("fields required"), default=list, blank=True)
    # What makes a ticket of this category actionable, for the completeness meter: a list of
    # {"item": "tx_hash", "weight": 25, "any_of": ["tx_hash", "occurred_at"], "recommended": false}.
    # Empty means the built-in defaults of tickets/intake.py.
    completeness = models.JSONField(_("completeness items"), default=list, blank=True)
    reply_days = models.PositiveSmallIntegerField(_("expected reply (business days)"), default=2)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    # The priority a new ticket of this category starts with (the security lane: urgent).
    priority_on_open = models.PositiveSmallIntegerField(
        _("priority of a new ticket"), choices=Priority.choices, default=Priority.NORMAL
    )
    # The secret guard reads this category's tickets and replies at full strength
    # (chain/secret_guard.py ``Strength.STRICT``): shorter phrase fragments, any bare 64-hex.
    guard_strict = models.BooleanField(_("strict secret guard"), default=False)
    # The team whose agents work this category's tickets; a ticket keeps the team it was
    # routed to (Ticket.team). None: only administrators see the tickets.
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="categories",
        verbose_name=_("team"),
    )

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.CheckConstraint(
                condition=Q(reply_days__gte=1) & Q(reply_days__lte=10),
                name="category_reply_days_in_range",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick(self.name_zh, self.name_en)

    @property
    def guidance(self) -> str:
        return pick(self.guidance_zh, self.guidance_en)

    @property
    def example(self) -> str:
        return pick(self.example_zh, self.example_en)

    def requires(self, field: str) -> bool:
        return field in self.required_fields

    def asks(self, field: str) -> bool:
        """Whether this category's form asks for ``field``; the memo goes with the network."""
        if field == "memo":
            return "network" in self.fields
        return field in self.fields


class RejectionReason(BaseModel):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=80)
    title_en = models.CharField(_("title (English)"), max_length=80)
    next_steps_zh = models.TextField(_("what to do next (Chinese)"))
    next_steps_en = models.TextField(_("what to do next (English)"))
    allows_resubmission = models.BooleanField(_("user may supplement and resubmit"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("rejection reason")
        verbose_name_plural = _("rejection reasons")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return pick(self.title_zh, self.title_en)

    @property
    def next_steps(self) -> str:
        return pick(self.next_steps_zh, self.next_steps_en)


class Status(models.TextChoices):
    NEW = "new", _("New")
    OPEN = "open", _("Open")
    WAITING_ON_CUSTOMER = "waiting_on_customer", _("Waiting on customer")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")
    REJECTED = "rejected", _("Rejected")


class Redaction(models.TextChoices):
    """How stored text that held a wallet secret was redacted after the fact
    (tickets/redaction.py)."""

    MASKED = "masked", _("Secret masked")
    REMOVED = "removed", _("Removed entirely")


ACTIVE_STATUSES = (Status.NEW, Status.OPEN, Status.WAITING_ON_CUSTOMER)


class TicketQuerySet(models.QuerySet["Ticket"]):
    def active(self) -> "TicketQuerySet":
        return self.filter(status__in=ACTIVE_STATUSES)


class Ticket(BaseModel):
    reference = models.CharField(_("reference"), max_length=16, unique=True)
    # The three foreign keys below lead composite indexes (Meta.indexes) that answer every
    # lookup by them alone; an index of their own would only cost each INSERT.
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="tickets",
        db_index=False,
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="tickets", db_index=False
    )
    # Copied from the category when the ticket is opened or moved (no join on every read).
    # No index of its own: a team usually holds most of a queue, and an index on it tempted
    # PostgreSQL to read every ticket of the team (200-330 ms) where the status and age
    # indexes with the team as a filter stop at the page's end (2-5 ms, docs/benchmarks.md).
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tickets",
        db_index=False,
        verbose_name=_("team"),
    )
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("description"))

    network = models.CharField(_("network"), max_length=40, blank=True)
    asset = models.CharField(_("asset"), max_length=40, blank=True)
    tx_hash = models.CharField(_("transaction hash"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    memo = models.CharField(_("memo / tag"), max_length=120, blank=True)
    amount = models.DecimalField(
        _("amount"), max_digits=38, decimal_places=18, null=True, blank=True
    )
    occurred_at = models.DateTimeField(_("when it happened"), null=True, blank=True)
    # The security lane: the site, app, account or person that took the funds or the phrase.
    phishing_contact = models.CharField(_("phishing site or contact"), max_length=300, blank=True)

    status = models.CharField(
        _("status"), max_length=24, choices=Status.choices, default=Status.NEW
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.NORMAL
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_tickets",
        db_index=False,
    )

    first_response_due_at = models.DateTimeField(_("first reply due"))
    first_responded_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    rejection_reason = models.ForeignKey(
        RejectionReason, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rejection_message = models.TextField(_("rejection message"), blank=True)
    resubmission_of = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resubmission",
    )

    # Denormalised activity marks keep list pages to one query without joins on messages.
    last_customer_message_at = models.DateTimeField(null=True, blank=True)
    last_agent_reply_at = models.DateTimeField(null=True, blank=True)
    customer_seen_at = models.DateTimeField(null=True, blank=True)

    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    rating_comment = models.TextField(_("rating comment"), blank=True)
    # Codes from tickets.satisfaction.REASONS the requester ticked with the score.
    rating_reasons = models.JSONField(_("rating reasons"), default=list, blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)

    # Written once when the ticket is opened (tickets/intake.py): how complete it was and what
    # looked wrong (memo missing, address poisoning, ...), for the agent and for reports.
    intake_score = models.PositiveSmallIntegerField(_("completeness"), null=True, blank=True)
    intake_flags = models.JSONField(_("intake flags"), default=list, blank=True)

    # Set once a secret was taken out of the ticket's own text fields after they were stored
    # (tickets/redaction.py); REMOVED means the description was replaced as a whole.
    redaction = models.CharField(
        _("redaction"), max_length=16, choices=Redaction.choices, blank=True
    )
    redacted_at = models.DateTimeField(null=True, blank=True)

    # Set when an agent merged this ticket into another of the same requester: its thread moved
    # there and it is closed. No index: nothing looks tickets up by it, and every submission
    # would pay for one.
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged",
        db_index=False,
        verbose_name=_("merged into"),
    )

    objects: ClassVar[Any] = TicketQuerySet.as_manager()

    class Meta:
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")
        indexes = [
            # The agent queue: active tickets by age, by priority, per category, per assignee.
            models.Index(
                fields=["created_at", "id"],
                name="ticket_active_age_idx",
                condition=Q(status__in=ACTIVE_STATUSES),
            ),
            models.Index(
                fields=["-priority", "created_at", "id"],
                name="ticket_active_priority_idx",
                condition=Q(status__in=ACTIVE_STATUSES),
            ),
            models.Index(fields=["status", "created_at", "id"], name="ticket_status_age_idx"),
            models.Index(fields=["category", "created_at", "id"], name="ticket_category_age_idx"),
            models.Index(fields=["assignee", "created_at", "id"], name="ticket_assignee_age_idx"),
            # What automatic assignment has left to do: small, whatever the table's size.
            models.Index(
                fields=["created_at", "id"],
                name="ticket_unassigned_age_idx",
                condition=Q(status__in=ACTIVE_STATUSES, assignee__isnull=True),
            ),
            models.Index(fields=["requester", "-updated_at"], name="ticket_requester_recent_idx"),
            # The requester's earlier tickets: the "other tickets" panel, and the look-alike
            # address check every submission makes, answered from the index alone (the
            # address rides in it) instead of one heap page per earlier ticket.
            models.Index(
                fields=["requester", "-created_at"],
                name="ticket_requester_addr_idx",
                include=["address", "id"],
            ),
            # Pasted hashes and addresses in the queue search; PostgreSQL also gets a trigram
            # index on subjects (migration 0005, which SQLite skips).
            models.Index(fields=["tx_hash"], name="ticket_tx_hash_idx", condition=~Q(tx_hash="")),
            models.Index(fields=["address"], name="ticket_address_idx", condition=~Q(address="")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | (Q(rating__gte=1) & Q(rating__lte=5)),
                name="ticket_rating_1_to_5",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.REJECTED) | Q(rejection_reason__isnull=False),
                name="ticket_rejected_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def is_unread_for_customer(self) -> bool:
        if self.last_agent_reply_at is None:
            return False
        return self.customer_seen_at is None or self.last_agent_reply_at > self.customer_seen_at

    def is_support_for(self, user: "User") -> bool:
        """Whether ``user`` acts on this ticket as support: an agent who did not submit it (an
        agent's own ticket is theirs as a customer). The one place this rule is written."""
        return user.is_agent and self.requester_id != user.pk

    def may_add_to(self, user: "User") -> bool:
        """Whether ``user`` may add messages or files: its requester, or support."""
        return self.requester_id == user.pk or user.is_agent

    @property
    def in_reopen_grace(self) -> bool:
        """Closed recently enough (settings.REOPEN_GRACE_DAYS) for its requester to reopen it
        by answering."""
        if self.status != Status.CLOSED or self.closed_at is None:
            return False
        grace = timedelta(days=settings.REOPEN_GRACE_DAYS)
        return timezone.now() - self.closed_at <= grace

    @property
    def can_be_rated(self) -> bool:
        return self.status in (Status.RESOLVED, Status.CLOSED) and self.rating is None

    @property
    def can_be_resubmitted(self) -> bool:
        return (
            self.status == Status.REJECTED
            and self.rejection_reason is not None
            and self.rejection_reason.allows_resubmission
        )


class Message(BaseModel):
    class AuthorRole(models.TextChoices):
        CUSTOMER = "customer", _("Customer")
        AGENT = "agent", _("Agent")
        SYSTEM = "system", _("System")

    # Meta.indexes leads with ticket: it answers every lookup by ticket alone.
    ticket = models.ForeignKey(
        Ticket, on_delete=models.CASCADE, related_name="messages", db_index=False
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_role = models.CharField(max_length=16, choices=AuthorRole.choices)
    is_internal = models.BooleanField(_("internal note"), default=False)
    body = models.TextField(_("message"))
    # Set once a secret was taken out of the body after it was stored (tickets/redaction.py).
    redaction = models.CharField(
        _("redaction"), max_length=16, choices=Redaction.choices, blank=True
    )
    redacted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["ticket", "created_at"], name="message_thread_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(author_role="customer") | Q(is_internal=False),
                name="message_customer_never_internal",
            )
        ]

    def __str__(self) -> str:
        return f"{self.ticket_id}:{self.author_role}"


class TicketEventQuerySet(models.QuerySet["TicketEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("Ticket events are append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Ticket events are append-only.")


class TicketTag(models.Model):
    """One tag on one ticket. The unique pair leads with the tag: it answers the queue's
    "tickets with this tag"; the ticket index answers "this ticket's tags"."""

    id = models.BigAutoField(primary_key=True)
    ticket = models.ForeignKey(
        Ticket, on_delete=models.CASCADE, related_name="tag_links", db_index=False
    )
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="+", db_index=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tag", "ticket"], name="ticket_tag_once")]
        indexes = [models.Index(fields=["ticket"], name="ticket_tag_ticket_idx")]

    def __str__(self) -> str:
        return f"{self.ticket_id} · {self.tag_id}"


class TicketEvent(models.Model):
    """One change of a ticket. Rows are written once and never changed."""

    class Kind(models.TextChoices):
        # from_value: the channel it came through (guard.models.Channel: web, api, email).
        CREATED = "created", _("Ticket submitted")
        STATUS_CHANGED = "status_changed", _("Status changed")
        ASSIGNED = "assigned", _("Assignee changed")
        PRIORITY_CHANGED = "priority_changed", _("Priority changed")
        CATEGORY_CHANGED = "category_changed", _("Category changed")
        CUSTOMER_REPLIED = "customer_replied", _("Customer replied")
        AGENT_REPLIED = "agent_replied", _("Agent replied")
        NOTE_ADDED = "note_added", _("Internal note added")
        INFO_REQUESTED = "info_requested", _("More information requested")
        REJECTED = "rejected", _("Rejected")
        RESUBMITTED = "resubmitted", _("Resubmitted")
        RATED = "rated", _("Rated")
        ATTACHMENT_ADDED = "attachment_added", _("File attached")
        ATTACHMENT_REFUSED = "attachment_refused", _("File refused")
        ATTACHMENTS_DELETED = "attachments_deleted", _("Files deleted")
        # from_value holds the id of the event that started the wait it reminds of.
        REMINDED = "reminded", _("Reminder sent")
        # The satisfaction survey's one reminder; from_value: the id of the resolution (its
        # STATUS_CHANGED event) it asks about.
        SURVEY_REMINDED = "survey_reminded", _("Rating reminder sent")
        # A wallet secret taken out of stored text or files (tickets/redaction.py): from_value
        # is what (message, internal_note, ticket, attachment), to_value its id, reason a JSON
        # object with the mode and the kinds found. Never the secret itself.
        REDACTED = "redacted", _("Wallet secret redacted")
        # An agent chose to see the requester's masked contact details (tickets/reveals.py):
        # to_value says what (email, wallet_addresses).
        REVEALED = "revealed", _("Requester details revealed")
        # to_value: the reference of the ticket this one was merged into (on the duplicate),
        # from_value: the reference of the duplicate (on the ticket it was merged into).
        MERGED = "merged", _("Tickets merged")
        # to_value: the tag's code (added); from_value: the tag's code (removed).
        TAGGED = "tagged", _("Tag added")
        UNTAGGED = "untagged", _("Tag removed")
        # A service target (sla/): from_value is which (first_reply, next_reply, resolution),
        # to_value its due time (ISO 8601).
        SLA_WARNED = "sla_warned", _("Service target about to be missed")
        SLA_BREACHED = "sla_breached", _("Service target missed")
        # incidents/: to_value (linked) / from_value (unlinked) is the incident's id; reason
        # holds its title as it was then.
        INCIDENT_LINKED = "incident_linked", _("Linked to an incident")
        INCIDENT_UNLINKED = "incident_unlinked", _("Unlinked from an incident")

    id = models.BigAutoField(primary_key=True)
    # Meta.indexes leads with ticket: it answers every lookup by ticket alone.
    ticket = models.ForeignKey(
        Ticket, on_delete=models.CASCADE, related_name="events", db_index=False
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=32, choices=Kind.choices)
    from_value = models.CharField(max_length=64, blank=True)
    to_value = models.CharField(max_length=64, blank=True)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects: ClassVar[Any] = TicketEventQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["ticket", "created_at"], name="event_ticket_idx")]

    def __str__(self) -> str:
        return f"{self.ticket_id}:{self.kind}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("Ticket events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Ticket events are append-only.")

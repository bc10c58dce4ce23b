"""The community forum: questions (topics), their answers and replies, votes and reports.

A topic is a question in a Help Center category (or in general discussion when it has none).
Answers belong to a topic; a reply belongs to an answer. Every text a non-staff account writes
is read by the impersonation guard: a post that offers private support, claims to be staff,
asks for a secret or a code, or links to a validation site is stored HELD with its reasons and
shown only to its writer and the moderators until one of them decides.

``search_text`` holds the pre-segmented title and question (kb/search.py ``document``); the
database's full-text index is built from it (migration 0002: FTS5 on SQLite, a generated
tsvector on PostgreSQL), like the Help Center's.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from walletdesk.core.models import BaseModel


class Visibility(models.TextChoices):
    VISIBLE = "visible", _("Published")
    HELD = "held", _("Held for moderation")
    HIDDEN = "hidden", _("Hidden by a moderator")


def _author_record_indexes(table: str) -> list[models.Index]:
    """An author's record (community/trust.py) counts their published and their hidden texts:
    each from an index of those alone, so the count reads no row."""
    return [
        models.Index(
            fields=["author"],
            condition=Q(visibility="visible", deleted_at__isnull=True),
            name=f"{table}_author_pub",
        ),
        models.Index(
            fields=["author"], condition=Q(visibility="hidden"), name=f"{table}_author_hidden"
        ),
    ]


class Topic(BaseModel):
    """A question asked in the forum."""

    Visibility = Visibility

    category = models.ForeignKey(
        "tickets.Category",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forum_topics",
        verbose_name=_("category"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="forum_topics"
    )
    title = models.CharField(_("title"), max_length=150)
    body = models.TextField(_("question"))
    visibility = models.CharField(
        _("visibility"), max_length=8, choices=Visibility.choices, default=Visibility.VISIBLE
    )
    # HoldReason values (community/impersonation.py), shown to moderators.
    hold_reasons = models.JSONField(default=list, blank=True)
    is_locked = models.BooleanField(_("locked"), default=False)
    accepted_answer = models.OneToOneField(
        "Post",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted answer"),
    )
    # Kept by the services, read by the list page (no count per row).
    answer_count = models.PositiveIntegerField(default=0)
    last_activity_at = models.DateTimeField()
    search_text = models.TextField(editable=False, blank=True, default="")
    # Set by the author's edit and soft delete (services ``topic_edit``, ``topic_delete``).
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    # Where the question went: a draft FAQ article, a ticket for its asker.
    article = models.ForeignKey(
        "kb.Article", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ticket = models.ForeignKey(
        "tickets.Ticket", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-last_activity_at", "-id"]
        verbose_name = _("forum topic")
        verbose_name_plural = _("forum topics")
        indexes = [
            models.Index(
                fields=["visibility", "-last_activity_at", "-id"], name="community_topic_recent"
            ),
            models.Index(
                fields=["category", "visibility", "-last_activity_at", "-id"],
                name="community_topic_cat_recent",
            ),
            models.Index(
                fields=["created_at"],
                condition=Q(visibility="held"),
                name="community_topic_held",
            ),
            *_author_record_indexes("community_topic"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_visible(self) -> bool:
        return self.visibility == Visibility.VISIBLE

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class Post(BaseModel):
    """An answer to a topic, or a reply to an answer (``parent``)."""

    Visibility = Visibility

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="posts")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="forum_posts"
    )
    body = models.TextField(_("answer"))
    visibility = models.CharField(
        _("visibility"), max_length=8, choices=Visibility.choices, default=Visibility.VISIBLE
    )
    hold_reasons = models.JSONField(default=list, blank=True)
    score = models.IntegerField(default=0)
    # Set by the author's edit and soft delete (services ``post_edit``, ``post_delete``).
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("forum post")
        verbose_name_plural = _("forum posts")
        indexes = [
            models.Index(fields=["topic", "created_at"], name="community_post_topic"),
            models.Index(
                fields=["created_at"], condition=Q(visibility="held"), name="community_post_held"
            ),
            *_author_record_indexes("community_post"),
        ]

    def __str__(self) -> str:
        return f"{self.topic_id}:{self.pk}"

    @property
    def is_visible(self) -> bool:
        return self.visibility == Visibility.VISIBLE

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_reply(self) -> bool:
        return self.parent_id is not None


class Vote(BaseModel):
    """One account's vote on an answer: +1 or -1; voting again changes or removes it."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    value = models.SmallIntegerField()

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["post", "user"], name="community_vote_once"),
            models.CheckConstraint(condition=Q(value__in=[-1, 1]), name="community_vote_value"),
        ]

    def __str__(self) -> str:
        return f"{self.post_id}:{self.value}"


class Report(BaseModel):
    """A reader's report of a topic or post; open until a moderator deals with it."""

    class Reason(models.TextChoices):
        IMPERSONATION = "impersonation", _("Pretends to be support or staff")
        SCAM = "scam", _("Scam or phishing link")
        SPAM = "spam", _("Spam or advertising")
        ABUSE = "abuse", _("Abusive or off-topic")

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="reports")
    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"],
                condition=Q(post__isnull=False),
                name="community_report_post_once",
            ),
            models.UniqueConstraint(
                fields=["topic", "reporter"],
                condition=Q(post__isnull=True),
                name="community_report_topic_once",
            ),
        ]
        indexes = [
            models.Index(
                fields=["created_at"], condition=Q(resolved_at=None), name="community_report_open"
            )
        ]

    def __str__(self) -> str:
        return f"{self.topic_id}:{self.reason}"

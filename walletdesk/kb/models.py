from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from walletdesk.core.i18n import pick
from walletdesk.core.models import BaseModel


class ContactChannel(BaseModel):
    """A way to reach support besides a ticket: shown on the Help Center and in every footer."""

    class Kind(models.TextChoices):
        HOTLINE = "hotline", _("Hotline")
        SOCIAL = "social", _("Social media")
        COMMUNITY = "community", _("Community")
        EMAIL = "email", _("E-mail")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    label_zh = models.CharField(_("label (Chinese)"), max_length=80)
    label_en = models.CharField(_("label (English)"), max_length=80)
    value = models.CharField(_("number, address or link"), max_length=200)
    hours_zh = models.CharField(_("hours (Chinese)"), max_length=120, blank=True)
    hours_en = models.CharField(_("hours (English)"), max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "kind"]
        verbose_name = _("contact channel")
        verbose_name_plural = _("contact channels")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return pick(self.label_zh, self.label_en)

    @property
    def hours(self) -> str:
        return pick(self.hours_zh, self.hours_en)

    @property
    def href(self) -> str:
        """A safe link for the channel: tel:, mailto:, an http(s) URL or a path on this site;
        empty otherwise."""
        value = self.value.strip()
        if self.kind == self.Kind.HOTLINE:
            digits = "".join(ch for ch in value if ch.isdigit() or ch == "+")
            return f"tel:{digits}" if digits else ""
        if self.kind == self.Kind.EMAIL:
            return f"mailto:{value}" if "@" in value and " " not in value else ""
        if value.lower().startswith(("https://", "http://")):
            return value
        # A page of this site (the community forum: /community/), never another host.
        if value.startswith("/") and value[1:2] not in ("/", "\\") and " " not in value:
            return value
        return ""


class Article(BaseModel):
    """A Help Center answer, written once in Simplified Chinese and once in English.

    Bodies are markdown, rendered and sanitised on display (kb/rendering.py). ``search_title``
    and ``search_body`` hold the pre-segmented text of both languages (kb/search.py), written by
    the services on every save; the database's full-text index is built from them (an FTS5
    table on SQLite, a generated tsvector on PostgreSQL: see migration 0003).
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    slug = models.SlugField(_("code"), max_length=80, unique=True)
    category = models.ForeignKey(
        "tickets.Category",
        on_delete=models.PROTECT,
        related_name="articles",
        verbose_name=_("category"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    body_zh = models.TextField(_("body (Chinese, markdown)"))
    body_en = models.TextField(_("body (English, markdown)"))
    related = models.ManyToManyField(
        "self", blank=True, symmetrical=False, verbose_name=_("related articles")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    published_at = models.DateTimeField(_("last updated"), null=True, blank=True)
    search_title = models.TextField(editable=False, blank=True, default="")
    search_body = models.TextField(editable=False, blank=True, default="")
    # Counters shown to admins; bumped with F() so concurrent readers never lose a count.
    view_count = models.PositiveIntegerField(_("views"), default=0, editable=False)
    helpful_count = models.PositiveIntegerField(_("helpful votes"), default=0, editable=False)
    unhelpful_count = models.PositiveIntegerField(_("not helpful votes"), default=0, editable=False)
    deflection_count = models.PositiveIntegerField(_("deflections"), default=0, editable=False)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [models.Index(fields=["status", "category"], name="kb_article_status_cat")]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return pick(self.title_zh, self.title_en)

    @property
    def body(self) -> str:
        return pick(self.body_zh, self.body_en)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class ArticleVote(BaseModel):
    """One answer to "was this helpful?", with an optional reason."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    helpful = models.BooleanField(_("helpful"))
    reason = models.CharField(_("reason"), max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("article vote")
        verbose_name_plural = _("article votes")


class Deflection(BaseModel):
    """A ticket that was not filed because an offered article solved the problem."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="deflections")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    category_slug = models.CharField(_("ticket topic"), max_length=32, blank=True)
    query = models.CharField(_("what the user typed"), max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("deflection")
        verbose_name_plural = _("deflections")


class SearchQuery(BaseModel):
    """One Help Center search, kept so admins can see what users look for and do not find."""

    class Source(models.TextChoices):
        PAGE = "page", _("Help Center page")
        API = "api", _("API")

    query = models.CharField(_("query"), max_length=200)
    result_count = models.PositiveIntegerField(_("results"))
    source = models.CharField(_("source"), max_length=8, choices=Source.choices)
    language = models.CharField(_("language"), max_length=8, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("search")
        verbose_name_plural = _("searches")
        indexes = [models.Index(fields=["result_count", "created_at"], name="kb_search_misses")]

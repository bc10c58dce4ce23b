from typing import TypeVar

from django.contrib import admin, messages
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from walletdesk.kb.errors import ArticleError
from walletdesk.kb.models import Article, ArticleVote, ContactChannel, Deflection, SearchQuery
from walletdesk.kb.rendering import markdown_to_html
from walletdesk.kb.services import article_publish, article_save, article_unpublish

M = TypeVar("M", bound=Model)


@admin.register(ContactChannel)
class ContactChannelAdmin(admin.ModelAdmin[ContactChannel]):
    list_display = ("kind", "label_zh", "label_en", "value", "position", "is_active")
    list_editable = ("position", "is_active")


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin[Article]):
    """Authors write both languages and see the sanitised preview before publishing."""

    list_display = (
        "title_zh",
        "title_en",
        "category",
        "status",
        "published_at",
        "view_count",
        "helpful_count",
        "unhelpful_count",
        "deflection_count",
    )
    list_filter = ("status", "category")
    search_fields = ("slug", "title_zh", "title_en")
    list_select_related = ("category",)
    filter_horizontal = ("related",)
    readonly_fields = (
        "published_at",
        "view_count",
        "helpful_count",
        "unhelpful_count",
        "deflection_count",
        "preview_zh",
        "preview_en",
    )
    actions = ("publish", "unpublish")

    @admin.display(description=_("preview (Chinese)"))
    def preview_zh(self, article: Article) -> SafeString:
        return format_html("<div>{}</div>", markdown_to_html(article.body_zh))

    @admin.display(description=_("preview (English)"))
    def preview_en(self, article: Article) -> SafeString:
        return format_html("<div>{}</div>", markdown_to_html(article.body_en))

    def save_model(self, request: HttpRequest, obj: Article, form: object, change: bool) -> None:
        # Through the service: it refreshes the index text that search reads.
        try:
            article_save(article=obj)
        except ArticleError as error:
            obj.status = Article.Status.DRAFT
            article_save(article=obj)
            self.message_user(request, error.message, level=messages.WARNING)

    @admin.action(description=_("Publish the selected articles"))
    def publish(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        for article in queryset:
            try:
                article_publish(article=article)
            except ArticleError as error:
                self.message_user(request, f"{article.slug}: {error.message}", messages.ERROR)

    @admin.action(description=_("Take the selected articles back to draft"))
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        for article in queryset:
            article_unpublish(article=article)


class _ReadOnlyAdmin(admin.ModelAdmin[M]):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(ArticleVote)
class ArticleVoteAdmin(_ReadOnlyAdmin[ArticleVote]):
    list_display = ("article", "helpful", "reason", "created_at")
    list_filter = ("helpful",)
    list_select_related = ("article",)


@admin.register(Deflection)
class DeflectionAdmin(_ReadOnlyAdmin[Deflection]):
    list_display = ("article", "category_slug", "query", "created_at")
    list_select_related = ("article",)


class FoundNothingFilter(admin.SimpleListFilter):
    title = _("results")
    parameter_name = "found"

    def lookups(
        self, request: HttpRequest, model_admin: admin.ModelAdmin[SearchQuery]
    ) -> list[tuple[str, str]]:
        return [("no", str(_("Found nothing"))), ("yes", str(_("Found answers")))]

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[SearchQuery]
    ) -> QuerySet[SearchQuery]:
        if self.value() == "no":
            return queryset.filter(result_count=0)
        if self.value() == "yes":
            return queryset.filter(result_count__gt=0)
        return queryset


@admin.register(SearchQuery)
class SearchQueryAdmin(_ReadOnlyAdmin[SearchQuery]):
    """What users searched for; filter "Found nothing" for the articles still to write."""

    list_display = ("query", "result_count", "source", "language", "created_at")
    list_filter = (FoundNothingFilter, "source", "language")
    search_fields = ("query",)

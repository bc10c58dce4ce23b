"""Read-only views of the forum for administrators. Decisions on posts are taken in the
moderation queue, through the services, so each one is audited: the admin changes nothing."""

from django.contrib import admin
from django.http import HttpRequest

from walletdesk.community.models import Post, Report, Topic


class _ReadOnly:
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Topic)
class TopicAdmin(_ReadOnly, admin.ModelAdmin[Topic]):
    list_display = ("title", "category", "author", "visibility", "is_locked", "answer_count")
    list_filter = ("visibility", "is_locked", "category")
    search_fields = ("title",)
    raw_id_fields = ("author", "accepted_answer", "article", "ticket")


@admin.register(Post)
class PostAdmin(_ReadOnly, admin.ModelAdmin[Post]):
    list_display = ("topic", "author", "visibility", "score", "created_at")
    list_filter = ("visibility",)
    raw_id_fields = ("topic", "parent", "author")


@admin.register(Report)
class ReportAdmin(_ReadOnly, admin.ModelAdmin[Report]):
    list_display = ("topic", "post", "reporter", "reason", "created_at", "resolved_at")
    list_filter = ("reason",)
    raw_id_fields = ("topic", "post", "reporter")

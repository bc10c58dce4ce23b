from typing import Any, cast

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from walletdesk.accounts.models import User
from walletdesk.tickets.models import (
    Category,
    RejectionReason,
    Tag,
    Team,
    TeamMembership,
    Ticket,
    TicketEvent,
    WalletField,
)
from walletdesk.tickets.selectors import ticket_not_restricted_for


class CategoryAdminForm(forms.ModelForm[Category]):
    # The Category column is called "fields"; the form metaclass moves declared fields into
    # base_fields, so this never shadows BaseForm.fields at runtime.
    fields = forms.MultipleChoiceField(  # type: ignore[assignment]
        choices=WalletField.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    required_fields = forms.MultipleChoiceField(
        choices=WalletField.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Category
        fields = "__all__"  # noqa: DJ007 - admins edit every column of a category

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        asked = set(cleaned.get("fields") or [])
        required = set(cleaned.get("required_fields") or [])
        if not required <= asked:
            self.add_error(
                "required_fields",
                forms.ValidationError(
                    "A required field must also be asked."  # admin-only, English is acceptable
                ),
            )
        return cleaned


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin[Category]):
    form = CategoryAdminForm
    list_display = ("slug", "name_zh", "name_en", "team", "reply_days", "position", "is_active")
    list_editable = ("team", "reply_days", "position", "is_active")
    list_select_related = ("team",)


class TeamMembershipInline(admin.TabularInline[TeamMembership, Team]):
    model = TeamMembership
    extra = 1
    fields = ("user", "role", "cap")
    raw_id_fields = ("user",)


class TeamCategoryInline(admin.TabularInline[Category, Team]):
    """Which categories route here; a category's team is chosen on the category."""

    model = Category
    extra = 0
    can_delete = False
    fields = ("slug", "name_zh", "name_en")
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin[Team]):
    """Teams, their agents (member or supervisor) and the categories routed to them. A
    category moved to another team routes new tickets there; tickets keep the team they were
    routed to until an agent changes their category."""

    list_display = ("slug", "name_zh", "name_en", "is_restricted", "assignment", "calendar")
    fields = (
        "slug",
        "name_zh",
        "name_en",
        "is_restricted",
        "calendar",
        "assignment",
        "unassign_when_away",
    )
    search_fields = ("slug", "name_zh", "name_en")
    inlines = [TeamMembershipInline, TeamCategoryInline]


@admin.register(RejectionReason)
class RejectionReasonAdmin(admin.ModelAdmin[RejectionReason]):
    list_display = ("code", "title_zh", "title_en", "allows_resubmission", "position", "is_active")
    list_editable = ("allows_resubmission", "position", "is_active")


class TicketEventInline(admin.TabularInline[TicketEvent, Ticket]):
    model = TicketEvent
    extra = 0
    can_delete = False
    fields = ("created_at", "kind", "actor", "from_value", "to_value", "reason")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin[Ticket]):
    """Read-mostly: tickets change through the console so every change is an event."""

    list_display = (
        "reference",
        "subject",
        "status",
        "priority",
        "category",
        "team",
        "created_at",
    )
    list_filter = ("status", "priority", "category", "team")
    search_fields = ("reference",)
    show_full_result_count = False
    list_select_related = ("category", "team")
    raw_id_fields = ("requester", "assignee", "resubmission_of")
    readonly_fields = [f.name for f in Ticket._meta.fields]
    inlines = [TicketEventInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Ticket]:
        # A restricted team's tickets are its members' alone, here as in the console.
        user = cast(User, request.user)
        return super().get_queryset(request).filter(ticket_not_restricted_for(user))


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin[Tag]):
    """The tags agents may use. Retiring one (not active) keeps it on the tickets that have it
    until an agent removes it, and takes it out of the choices."""

    list_display = ("slug", "name_zh", "name_en", "is_active")
    list_editable = ("is_active",)
    search_fields = ("slug", "name_zh", "name_en")

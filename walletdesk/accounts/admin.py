"""Administrators create agents here and look after customer accounts."""

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from walletdesk.accounts import services
from walletdesk.accounts.models import User


class UserCreateForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "role")

    def clean_email(self) -> str:
        # Addresses are stored lower-case; compare the same way so no duplicate slips in.
        email: str = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(_("An account with this e-mail address already exists."))
        return email


class UserEditForm(UserChangeForm[User]):
    class Meta:
        model = User
        fields = "__all__"

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip().lower()
        taken = User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if taken.exists():
            raise ValidationError(_("An account with this e-mail address already exists."))
        return email


@admin.register(User)
# django-stubs bounds UserAdmin to AbstractUser; our User (AbstractBaseUser + PermissionsMixin)
# has every field this admin shows.
class UserAdmin(DjangoUserAdmin[User]):  # type: ignore[type-var]
    form = UserEditForm
    add_form = UserCreateForm
    list_display = (
        "email",
        "display_name",
        "role",
        "verified",
        "two_factor",
        "is_active",
        "last_login",
    )
    list_filter = ("role", "is_active", "is_staff")
    search_fields = ("email", "display_name")
    ordering = ("email",)
    readonly_fields = ("last_login", "date_joined", "second_factor_enabled_at", "passkeys_list")
    actions = ("mark_verified", "second_factor_reset")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profile"), {"fields": ("display_name", "language", "time_zone", "email_verified_at")}),
        (
            _("Role and permissions"),
            {
                "fields": (
                    "role",
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                )
            },
        ),
        (
            _("Dates"),
            {"fields": ("last_login", "date_joined", "second_factor_enabled_at", "passkeys_list")},
        ),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "role", "usable_password", "password1", "password2"),
            },
        ),
    )

    @admin.display(boolean=True, description=_("e-mail confirmed"), ordering="email_verified_at")
    def verified(self, obj: User) -> bool:
        return obj.is_verified

    @admin.action(description=_("Mark the e-mail address as confirmed"))
    def mark_verified(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        count = queryset.filter(email_verified_at__isnull=True).update(
            email_verified_at=timezone.now()
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d address marked as confirmed.",
                "%(count)d addresses marked as confirmed.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.display(boolean=True, description=_("two-step verification"))
    def two_factor(self, obj: User) -> bool:
        return obj.has_second_factor

    @admin.display(description=_("passkeys"))
    def passkeys_list(self, obj: User) -> str:
        """The user's passkeys, to look at only: the owner's browser adds them, and removing
        goes through the owner's page or the reset action, which mail and audit it."""
        if obj.pk is None:
            return "-"
        names = [
            _("%(name)s (added %(added)s)")
            % {"name": passkey.name, "added": timezone.localtime(passkey.created_at).date()}
            for passkey in obj.passkeys.all()
        ]
        return "; ".join(str(name) for name in names) or "-"

    @admin.action(description=_("Reset two-step verification (a lost phone)"))
    def second_factor_reset(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        count = 0
        for user in queryset.filter(second_factor_enabled_at__isnull=False):
            services.second_factor_reset(user=user, request=request)
            count += 1
        self.message_user(
            request,
            ngettext(
                "Two-step verification reset for %(count)d account.",
                "Two-step verification reset for %(count)d accounts.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        # An agent or admin created here by an administrator has a known, working address.
        if not change and obj.role != User.Role.CUSTOMER and obj.email_verified_at is None:
            obj.email_verified_at = timezone.now()
        super().save_model(request, obj, form, change)

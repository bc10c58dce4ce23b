from typing import Any, cast

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from walletdesk.macros.errors import MacroError
from walletdesk.macros.models import Macro
from walletdesk.macros.services import PLACEHOLDERS, macro_check


class MacroAdminForm(forms.ModelForm[Macro]):
    # Set by MacroAdmin.get_form: who is saving (a refused request is recorded against them).
    author: Any = None

    class Meta:
        model = Macro
        fields = (
            "title_zh",
            "title_en",
            "body_zh",
            "body_en",
            "set_priority",
            "add_tag",
            "resolve",
            "owner",
            "is_active",
        )
        help_texts = {
            "body_zh": "{{ " + " }}, {{ ".join(PLACEHOLDERS) + " }}",
            "body_en": "{{ " + " }}, {{ ".join(PLACEHOLDERS) + " }}",
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        candidate = Macro(
            title_zh=cleaned.get("title_zh", ""),
            title_en=cleaned.get("title_en", ""),
            body_zh=cleaned.get("body_zh", ""),
            body_en=cleaned.get("body_en", ""),
        )
        try:
            macro_check(macro=candidate, author=self.author)
        except MacroError as exc:
            raise forms.ValidationError(exc.message) from exc
        return cleaned


@admin.register(Macro)
class MacroAdmin(admin.ModelAdmin[Macro]):
    form = MacroAdminForm
    list_display = ("title_zh", "title_en", "owner", "uses", "last_used_at", "is_active")
    list_filter = ("is_active",)
    search_fields = ("title_zh", "title_en", "body_zh", "body_en")
    raw_id_fields = ("owner",)
    readonly_fields = ("uses", "last_used_at")

    def get_form(
        self, request: HttpRequest, obj: Macro | None = None, change: bool = False, **kwargs: Any
    ) -> type[forms.ModelForm[Macro]]:
        base = super().get_form(request, obj, change=change, **kwargs)
        # Who saves: a refused request for a secret is recorded against them.
        return cast(type[MacroAdminForm], type(base.__name__, (base,), {"author": request.user}))

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from walletdesk.community import limits
from walletdesk.community.models import Report
from walletdesk.tickets.models import Category

GENERAL = "general"


def _category_choices() -> list[tuple[str, Any]]:
    choices: list[tuple[str, Any]] = [(GENERAL, _("General discussion"))]
    choices += [(c.slug, c.name) for c in Category.objects.filter(is_active=True)]
    return choices


class CategoryField(forms.ChoiceField):
    """A Help Center category by its code, or general discussion; cleans to a Category or
    None."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=_category_choices, **kwargs)

    def clean(self, value: Any) -> Category | None:
        slug = super().clean(value)
        if slug == GENERAL:
            return None
        return Category.objects.filter(slug=slug, is_active=True).first()


class AskForm(forms.Form):
    category = CategoryField(label=_("Topic"))
    title = forms.CharField(
        label=_("Your question in one line"),
        max_length=limits.TITLE_MAX,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    body = forms.CharField(
        label=_("Details"),
        max_length=limits.BODY_MAX,
        help_text=_(
            "Never post your recovery phrase, private key or codes. Keep addresses and amounts "
            "for a ticket: the forum is public."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class PostForm(forms.Form):
    body = forms.CharField(
        label=_("Your answer"),
        max_length=limits.BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    parent = forms.UUIDField(required=False, widget=forms.HiddenInput)


class TopicEditForm(forms.Form):
    """The asker's question, edited: its title and text (moving it is a moderator's step)."""

    title = AskForm.base_fields["title"]
    body = AskForm.base_fields["body"]


class PostEditForm(forms.Form):
    body = forms.CharField(
        label=_("Your text"),
        max_length=limits.BODY_MAX,
        help_text=AskForm.base_fields["body"].help_text,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the forum"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why?"), choices=Report.Reason.choices)
    post = forms.UUIDField(required=False, widget=forms.HiddenInput)


class NameForm(forms.Form):
    display_name = forms.CharField(label=_("Name shown in the forum"), max_length=80)


class ModerationForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            ("approve", _("Publish")),
            ("hide", _("Hide")),
            ("lock", _("Lock")),
            ("unlock", _("Unlock")),
            ("move", _("Move")),
            ("dismiss", _("Dismiss reports")),
        ]
    )
    post = forms.UUIDField(required=False)
    category = CategoryField(required=False)

"""The Python-drawn widgets give the markup of Django's own widget templates, exactly."""

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.forms.widgets import ChoiceWidget
from django.template import TemplateDoesNotExist
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override
from hypothesis import given, settings
from hypothesis import strategies as st

from walletdesk.core.form_renderer import WidgetRenderer

TEMPLATES = DjangoTemplates()
PYTHON = WidgetRenderer()

# Text that templates escape or keep: quotes, ampersands, tags, Chinese, marks already safe.
texts = st.one_of(
    st.text(alphabet=st.sampled_from(list("ab<>&\"' 中文é\n")), max_size=12),
    # Marked safe by hand, as a view does for markup it built itself.
    st.builds(lambda s: mark_safe(f"<b>{s}</b>"), st.text(alphabet="xyz", max_size=4)),  # noqa: S308
)
values = st.one_of(
    st.none(),
    texts,
    st.integers(-5, 10**6),
    st.decimals(min_value=0, max_value=1000, places=2),
    st.booleans(),
)
attr_values = st.one_of(texts, st.booleans(), st.integers(0, 99))
attrs = st.dictionaries(
    st.sampled_from(["id", "class", "placeholder", "required", "disabled", "data-x", "maxlength"]),
    attr_values,
    max_size=4,
)
choices = st.lists(
    st.tuples(st.one_of(st.text(alphabet="ab1<&", max_size=4), st.integers(0, 9)), texts),
    max_size=6,
)
grouped = st.lists(st.tuples(texts, choices), max_size=3)

INPUTS = [
    forms.TextInput,
    forms.NumberInput,
    forms.EmailInput,
    forms.URLInput,
    forms.PasswordInput,
    forms.HiddenInput,
    forms.DateInput,
    forms.DateTimeInput,
    forms.TimeInput,
    forms.SearchInput,
    forms.ColorInput,
    forms.CheckboxInput,
]


def both(widget: forms.Widget, name: str, value: Any, widget_attrs: dict[str, Any]) -> None:
    expected = widget.render(name, value, attrs=widget_attrs, renderer=TEMPLATES)
    drawn = widget.render(name, value, attrs=widget_attrs, renderer=PYTHON)
    assert drawn == expected


@pytest.mark.parametrize("widget_class", INPUTS, ids=lambda c: c.__name__)
@settings(max_examples=40, deadline=None)
@given(name=texts, value=values, widget_attrs=attrs)
def test_inputs_match_the_templates(
    widget_class: type[forms.Widget], name: str, value: Any, widget_attrs: dict[str, Any]
) -> None:
    both(widget_class(), name, value, widget_attrs)


@pytest.mark.parametrize(
    "widget_class",
    [forms.Select, forms.SelectMultiple, forms.CheckboxSelectMultiple, forms.RadioSelect],
    ids=lambda c: c.__name__,
)
@settings(max_examples=40, deadline=None)
@given(
    name=texts,
    options=st.one_of(choices, grouped),
    picked=st.lists(st.one_of(st.text(alphabet="ab1", max_size=3), st.integers(0, 9))),
    widget_attrs=attrs,
)
def test_choice_widgets_match_the_templates(
    widget_class: type[ChoiceWidget],
    name: str,
    options: list[Any],
    picked: list[Any],
    widget_attrs: dict[str, Any],
) -> None:
    value: Any = picked if widget_class.allow_multiple_selected else (picked or [None])[0]
    both(widget_class(choices=options), name, value, widget_attrs)


@settings(max_examples=60, deadline=None)
@given(name=texts, value=st.one_of(st.none(), texts), widget_attrs=attrs)
def test_textarea_matches_the_template(name: str, value: Any, widget_attrs: dict[str, Any]) -> None:
    both(forms.Textarea(), name, value, widget_attrs)


def test_lazy_labels_dates_and_numbers_are_shown_as_the_templates_show_them() -> None:
    # A translated label, a value that templates localise, a date in an input.
    with override("zh-hans"):
        select = forms.Select(choices=[("", gettext_lazy("Unassigned")), (1, Decimal("1.50"))])
        both(select, "who", "", {"id": "id_who"})
        both(forms.DateInput(), "day", datetime.date(2026, 2, 17), {})
        both(forms.Textarea(), "text", Decimal("3.25"), {"rows": 4})


class _OwnOption(forms.Select):
    option_template_name = "core/tests/option_of_our_own.html"


def test_a_widget_with_a_template_of_its_own_still_uses_it() -> None:
    # Nothing is guessed: a template the renderer does not know is rendered as a template
    # (here one that does not exist, so the engine says which it looked for).
    with pytest.raises(TemplateDoesNotExist, match=r"option_of_our_own\.html"):
        _OwnOption(choices=[("a", "A")]).render("x", "a", renderer=PYTHON)


def test_a_bound_form_renders_the_same(settings: Any) -> None:
    class Filters(forms.Form):
        status = forms.MultipleChoiceField(
            choices=[("new", "新"), ("open", "Open & <b>")], widget=forms.CheckboxSelectMultiple
        )
        q = forms.CharField(required=False)
        note = forms.CharField(widget=forms.Textarea, required=False)

    data = {"status": ["open"], "q": '"quoted" <tag>', "note": "a & b"}
    with_templates = Filters(data, renderer=TEMPLATES)
    in_python = Filters(data, renderer=PYTHON)
    for name in ("status", "q", "note"):
        assert str(in_python[name]) == str(with_templates[name])
    assert [box.tag() for box in in_python["status"]] == [
        box.tag() for box in with_templates["status"]
    ]


def test_the_project_uses_the_python_widgets(settings: Any) -> None:
    assert settings.FORM_RENDERER == "walletdesk.core.form_renderer.WidgetRenderer"


ERROR_LISTS = ["django/forms/errors/list/default.html", "django/forms/errors/list/ul.html"]


@pytest.mark.parametrize("template_name", ERROR_LISTS)
@settings(max_examples=60, deadline=None)
@given(
    messages=st.lists(texts, max_size=3),
    error_class=st.one_of(st.none(), texts),
    field_id=st.one_of(st.none(), st.just(""), texts),
)
def test_error_lists_match_the_templates(
    template_name: str, messages: list[str], error_class: str | None, field_id: str | None
) -> None:
    from django.forms.utils import ErrorList

    errors = ErrorList(messages, error_class=error_class, field_id=field_id)
    context = errors.get_context()

    assert PYTHON.render(template_name, context) == TEMPLATES.render(template_name, context)


def test_a_bound_forms_errors_are_drawn_as_the_templates_draw_them() -> None:
    class Form(forms.Form):
        body = forms.CharField(max_length=3)
        when = forms.DateField()

    form = Form(data={"body": "<b>long</b>", "when": "x"}, renderer=PYTHON)
    stock = Form(data={"body": "<b>long</b>", "when": "x"}, renderer=TEMPLATES)
    with override("zh-hans"):
        assert str(form["body"].errors) == str(stock["body"].errors)
        assert str(form.errors) == str(stock.errors)
        assert str(form.non_field_errors()) == str(stock.non_field_errors()) == ""

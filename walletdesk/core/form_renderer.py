"""Django's form renderer, with its plain widgets written in Python.

Django draws every widget through templates: a select of fifty options includes the option
template fifty times, and each include resolves its variables through the template engine.
On the console's queue and ticket pages (a dozen selects, checkboxes and text boxes) that was
a tenth of the worker's time. The widgets below produce the very markup of Django's own
templates (django/forms/templates/django/forms/widgets/), character for character, which
tests/test_form_renderer.py compares widget by widget; any other template (form and field
layouts, a widget of our own with a template) still goes through the templates.
"""

import html
from collections.abc import Callable, Mapping
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.http import HttpRequest
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData

# Public in Django (the templates call it), missing from its type stubs.
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]

_WIDGETS = "django/forms/widgets/"


def _text(value: object) -> str:
    """As the templates' ``{{ value|stringformat:'s' }}``: str() of anything, escaped unless
    it was marked safe (the filter keeps that mark)."""
    if type(value) is str:  # most values: plain text, escaped as escape() does
        return html.escape(value)
    if isinstance(value, SafeData):
        return str(value)
    return str(escape(str(value)))


def _shown(value: object) -> str:
    """As the templates' plain ``{{ value }}``: localised, then escaped unless safe."""
    if type(value) is str:  # plain text is neither localised nor a moment: only escaped
        return html.escape(value)
    return str(conditional_escape(localize(template_localtime(value))))


def _attrs(attrs: Mapping[str, Any]) -> str:
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {_shown(name)}")
        else:
            parts.append(f' {_shown(name)}="{_text(value)}"')
    return "".join(parts)


def _input(widget: Mapping[str, Any]) -> str:
    value = widget["value"]
    shown = f' value="{_text(value)}"' if value is not None else ""
    return (
        f'<input type="{_shown(widget["type"])}" name="{_shown(widget["name"])}"'
        f"{shown}{_attrs(widget['attrs'])}>\n"
    )


def _including_input(widget: Mapping[str, Any]) -> str:
    # text.html, hidden.html...: an include of input.html and a line end of their own.
    return _input(widget) + "\n"


def _input_option(widget: Mapping[str, Any]) -> str:
    if not widget.get("wrap_label"):
        return _input(widget) + "\n"
    label_id = widget["attrs"].get("id")
    target = f' for="{_shown(label_id)}"' if label_id else ""
    return f"<label{target}>{_input(widget)} {_shown(widget['label'])}</label>\n"


def _including_input_option(widget: Mapping[str, Any]) -> str:
    return _input_option(widget) + "\n"


def _option(widget: Mapping[str, Any]) -> str:
    return (
        f'<option value="{_text(widget["value"])}"{_attrs(widget["attrs"])}>'
        f"{_shown(widget['label'])}</option>\n"
    )


def _select(widget: Mapping[str, Any]) -> str:
    parts = [f'<select name="{_shown(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_shown(group_name)}">')
        for option in options:
            parts.append(f"\n  {_subwidget(option)}")
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>\n")
    return "".join(parts)


def _multiple_input(widget: Mapping[str, Any]) -> str:
    attrs = widget["attrs"]
    box_id = attrs.get("id")
    parts = ["<div"]
    if box_id:
        parts.append(f' id="{_shown(box_id)}"')
    if attrs.get("class"):
        parts.append(f' class="{_shown(attrs["class"])}"')
    parts.append(">")
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f"\n  <div><label>{_shown(group)}</label>")
        for option in options:
            parts.append(f"<div>\n    {_subwidget(option)}</div>")
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>\n")
    return "".join(parts)


def _including_multiple_input(widget: Mapping[str, Any]) -> str:
    return _multiple_input(widget) + "\n"


def _textarea(widget: Mapping[str, Any]) -> str:
    value = widget["value"]
    return (
        f'<textarea name="{_shown(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{_shown(value) if value else ''}</textarea>\n"
    )


# Each builder gives what its template gives, line end included (an include keeps it; only
# the outermost widget is stripped, as Django's renderer strips it).
_BUILDERS: dict[str, Callable[[Mapping[str, Any]], str]] = {
    f"{_WIDGETS}input.html": _input,
    **{
        f"{_WIDGETS}{name}.html": _including_input
        for name in (
            "text",
            "hidden",
            "number",
            "email",
            "url",
            "password",
            "search",
            "tel",
            "date",
            "datetime",
            "time",
            "color",
            "checkbox",
        )
    },
    f"{_WIDGETS}input_option.html": _input_option,
    f"{_WIDGETS}checkbox_option.html": _including_input_option,
    f"{_WIDGETS}radio_option.html": _including_input_option,
    f"{_WIDGETS}select_option.html": _option,
    f"{_WIDGETS}select.html": _select,
    f"{_WIDGETS}multiple_input.html": _multiple_input,
    f"{_WIDGETS}checkbox_select.html": _including_multiple_input,
    f"{_WIDGETS}radio.html": _including_multiple_input,
    f"{_WIDGETS}textarea.html": _textarea,
}


def _subwidget(option: Mapping[str, Any]) -> str:
    builder = _BUILDERS.get(option["template_name"])
    if builder is None:
        raise LookupError(option["template_name"])
    return builder(option)


# An error list as django/forms/errors/list/default.html (which includes ul.html) draws it:
# each field's errors are drawn, most often as nothing, on every form of a page.
_ERROR_LISTS = {
    "django/forms/errors/list/default.html",
    "django/forms/errors/list/ul.html",
}


def _error_list(errors: Any, error_class: object) -> str:
    if not errors:
        return ""
    # The template's {% if errors.field_id %}: the list has no such key, so the attribute.
    field_id = getattr(errors, "field_id", None)
    if callable(field_id):
        field_id = field_id()
    labelled = f' id="{_shown(field_id)}_error"' if field_id else ""
    items = "".join(f"<li>{_shown(error)}</li>" for error in errors)
    return f'<ul class="{_shown(error_class)}"{labelled}>{items}</ul>'


class WidgetRenderer(DjangoTemplates):
    """The default renderer, but Django's stock widgets and error lists are written without
    templates."""

    def render(
        self, template_name: str, context: dict[str, Any], request: HttpRequest | None = None
    ) -> str:
        if template_name in _ERROR_LISTS and context.keys() == {"errors", "error_class"}:
            return _error_list(context["errors"], context["error_class"]).strip()
        builder = _BUILDERS.get(template_name)
        widget = context.get("widget")
        if builder is not None and isinstance(widget, Mapping):
            try:
                return builder(widget).strip()
            except LookupError:
                # An option drawn by a template of our own: the whole widget goes the slow way.
                pass
        return super().render(template_name, context, request)

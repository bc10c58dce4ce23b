"""A console form's field, its form's errors and the redaction confirmation, drawn in Python.

The ticket page draws some fifteen fields of its eleven action forms; as included templates
they cost a tenth of the page. The markup is the one the forms' styles and scripts expect.
"""

from functools import lru_cache

from django import forms, template
from django.utils import translation
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from walletdesk.core.templatetags.fieldmarks import secret_refused

register = template.Library()

_REQUIRED_MARK = mark_safe(' <span class="required-mark" aria-hidden="true">*</span>')
_KEEP_TYPED_NO = mark_safe(' data-keep-typed="no"')


@register.simple_tag
def console_field(field: forms.BoundField) -> SafeString:
    """The field with its label (marked when required), help text and errors. A field whose
    text the secret guard refused tells the page's scripts never to keep it."""
    errors = field.errors
    return format_html(
        '<div class="field{}"{}>\n  <label for="{}">{}{}</label>\n  {}\n  {}\n  {}\n</div>\n',
        " has-error" if errors else "",
        _KEEP_TYPED_NO if secret_refused(field) else "",
        field.id_for_label,
        field.label,
        _REQUIRED_MARK if field.field.required else "",
        field,
        format_html('<p class="help">{}</p>', field.help_text) if field.help_text else "",
        errors,
    )


@register.simple_tag
def console_form_errors(form: forms.Form) -> SafeString:
    """The errors of the form as a whole, announced to screen readers."""
    errors = form.non_field_errors()
    if not errors:
        return mark_safe("")
    return format_html(
        '<div class="form-error" role="alert">{}</div>',
        format_html_join("", "<p>{}</p>", ((error,) for error in errors)),
    )


_REDACT_FORM = (
    '<details class="redact" id="redact-{dom_id}">\n'
    "  <summary>{summary}</summary>\n"
    '  <form method="post" action="{action}" class="stacked redact-form">\n'
    '    <input type="hidden" name="csrfmiddlewaretoken" value="{token}">\n'
    "    <fieldset>\n"
    "      <legend>{label}</legend>\n"
    '      <label class="choice"><input type="radio" name="mode" value="masked" checked> {masked}'
    "</label>\n"
    '      <label class="choice"><input type="radio" name="mode" value="removed"> {removed}'
    "</label>\n"
    "    </fieldset>\n"
    '    <p class="help">{help}</p>\n'
    '    <div class="actions"><button type="submit" class="danger">{confirm}</button></div>\n'
    "  </form>\n"
    "</details>"
)


@register.simple_tag(takes_context=True)
def console_redact_form(
    context: template.Context, action: str, label: str, dom_id: object
) -> SafeString:
    """The confirmation to take a wallet secret out of the ticket or one of its messages,
    folded away. Drawn in Python: the ticket page has one for the ticket and one for each
    message, and as an included template each cost as much as a message."""
    return redact_form(action, label, dom_id, context.get("csrf_token", ""))


def redact_form(action: str, label: str, dom_id: object, csrf_token: object) -> SafeString:
    """The redaction confirmation, for a caller that draws in Python (the thread's lines)."""
    return format_html(
        _redact_form_in(translation.get_language()),
        dom_id=dom_id,
        action=action,
        token=csrf_token,
        label=label,
    )


@lru_cache(maxsize=16)
def _redact_form_in(language: str | None) -> str:
    # The confirmation's fixed phrases, translated and escaped once per language (the page
    # draws one for each message); what is left to fill in is the form's own values.
    fixed = {
        "summary": _("Redact"),
        "masked": _("Mask what the guard finds"),
        "removed": _("Remove it entirely (part of a phrase the guard cannot see)"),
        "help": _(
            "This cannot be undone. The user is told that a wallet secret was removed and why; "
            "the history keeps who did it, never the secret."
        ),
        "confirm": _("Confirm redaction"),
    }
    escaped = {
        name: str(conditional_escape(text)).replace("{", "{{").replace("}", "}}")
        for name, text in fixed.items()
    }
    holes = {name: f"{{{name}}}" for name in ("dom_id", "action", "token", "label")}
    return _REDACT_FORM.format(**holes, **escaped)

"""A console form's field and its form's errors, drawn in Python.

The ticket page draws some fifteen fields of its eleven action forms; as included templates
they cost a tenth of the page. The markup is the one the forms' styles and scripts expect.
"""

from django import forms, template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

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

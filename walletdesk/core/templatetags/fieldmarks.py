"""Marks a form field carries for the page's scripts."""

from django import forms, template

register = template.Library()

# The error code every app's secret guard refusal carries on the field it found a secret in
# (AccountError, TicketError and AttachmentError all name it so).
SECRET_DETECTED = "secret_detected"  # noqa: S105 - an error code, not a password


@register.filter(name="secret_refused")
def secret_refused(field: forms.BoundField) -> bool:
    """Whether the secret guard refused what was in ``field``: the page never keeps its text
    in the browser (not even across a language switch)."""
    errors = getattr(field, "errors", None)
    if not errors:
        return False
    return any(error.code == SECRET_DETECTED for error in errors.as_data())

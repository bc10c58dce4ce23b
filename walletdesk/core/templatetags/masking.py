"""``{{ value|masked:"email" }}`` and ``{{ value|masked:"address" }}`` (core/masking.py)."""

from django import template

from walletdesk.core.masking import MaskKind, mask

register = template.Library()


@register.filter(name="masked")
def masked(value: object, kind: MaskKind) -> str:
    return mask(value, kind)

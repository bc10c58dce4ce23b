"""How ticket states look: badge classes and labels live here, not in models."""

from django import template
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.safestring import SafeString

from walletdesk.networks.selectors import network_name
from walletdesk.tickets.models import Priority, Status, WalletField

register = template.Library()


@register.simple_tag
def status_badge(status: str) -> SafeString:
    label: str | Promise
    try:
        label = Status(status).label
    except ValueError:
        label = status
    return format_html('<span class="badge badge-{}">{}</span>', status, label)


@register.simple_tag
def priority_badge(priority: int) -> SafeString:
    label: str | Promise
    try:
        label = Priority(priority).label
    except ValueError:
        label = str(priority)
    return format_html('<span class="badge badge-priority-{}">{}</span>', priority, label)


@register.filter
def wallet_field_label(field: str) -> str:
    try:
        return str(WalletField(field).label)
    except ValueError:
        return field


@register.filter
def network_label(slug: str) -> str:
    """A network as people know it ("以太坊 (ERC-20)"), in the current language; a slug the
    catalogue does not know (a retired network's) as it is."""
    return network_name(slug)

"""Times with an unambiguous zone in templates (see core/zones.py)."""

from datetime import datetime

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from walletdesk.core.zones import moment_text, zone_label

register = template.Library()


@register.filter(name="moment")
def moment(value: object, arg: str = "") -> str:
    """``{{ at|moment }}`` -> '2026-12-04 21:05 UTC+08:00'; ``{{ at|moment:"seconds" }}``."""
    if not isinstance(value, datetime):
        return ""
    return moment_text(value, seconds=arg == "seconds")


@register.simple_tag(name="time_zone_label")
def time_zone_label() -> SafeString:
    """The active time zone as 'Asia/Shanghai (UTC+08:00)', marked so the page's script can
    put the browser's zone in once the account takes it (static/js/walletdesk.js)."""
    return format_html('<span class="nowrap" data-time-zone-label>{}</span>', zone_label())

"""Show text a person typed: escaped, line breaks kept, only http(s) links clickable."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# Stop at whitespace, quotes and angle brackets; trailing punctuation is not part of a link.
_URL = re.compile(r"https?://[^\s<>\"'\u3000-\u303f\uff00-\uffef]+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}"


def _link(url: str) -> str:
    stripped = url.rstrip(_TRAILING)
    tail = url[len(stripped) :]
    href = escape(stripped)
    return (
        f'<a href="{href}" rel="nofollow noopener noreferrer" target="_blank">{href}</a>'
        f"{escape(tail)}"
    )


@register.filter(name="usertext")
def usertext(value: object) -> SafeString:
    text = "" if value is None else str(value)
    parts: list[str] = []
    position = 0
    for match in _URL.finditer(text):
        parts.append(escape(text[position : match.start()]))
        parts.append(_link(match.group(0)))
        position = match.end()
    parts.append(escape(text[position:]))
    html = "".join(parts).replace("\r\n", "\n").replace("\n", "<br>")
    return mark_safe(html)  # noqa: S308 - every piece above was escaped

"""What the kept tags read of the request's state, read once per template render.

The kept ``{% url %}`` and ``{% translate %}`` key what they keep by the active language, URL
configuration and script prefix. Each of those lives in a context-local (asgiref's Local,
behind a lock): the agent's ticket page has some 150 such tags, and asking for the three
values at every tag was a twentieth of its template's time. They cannot change while one
template renders except inside ``{% language %}``, whose node (kept_i18n) drops what was
read here for its block; an included template starts with nothing read.
"""

from typing import Any, cast

from django import template
from django.urls import get_script_prefix, get_urlconf
from django.utils import translation

_KEY = "walletdesk.kept_state"


def _top(context: template.Context) -> dict[str, Any]:
    # The current template's own scope (an included template gets a fresh one).
    return cast(dict[str, Any], context.render_context.dicts[-1])


def request_state(context: template.Context) -> tuple[str | None, object, str]:
    """(language, URL configuration, script prefix) as this render sees them."""
    state = context.render_context
    found: tuple[str | None, object, str] | None = state.get(_KEY)
    if found is None:
        found = (translation.get_language(), get_urlconf(), get_script_prefix())
        _top(context)[_KEY] = found
    return found


def forget(context: template.Context) -> object:
    """Drop what was read (a block changes the language); returns it for ``restore``."""
    return _top(context).pop(_KEY, None)


def restore(context: template.Context, kept: object) -> None:
    top = _top(context)
    top.pop(_KEY, None)
    if kept is not None:
        top[_KEY] = kept

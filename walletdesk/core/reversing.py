"""Addresses of routes whose one value is new on every call (a new ticket's reference).

``reverse()`` walks the URL patterns and checks the value against its converter on each call:
some 60 µs, paid by every submission for its redirect. The address around the value does not
change while a process runs, so it is reversed once per route, URL configuration, script prefix
and language with a stand-in, and each call puts its value in the stand-in's place. Only values
that reverse() would pass through unchanged are placed (letters, digits, "-" and "_": no quoting,
and every one of them matches the route's converter if the stand-in does); any other value is
reversed as Django does.
"""

import re
from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation

# Matches ``str`` and ``slug`` converters, as every value placed here does; no route's own
# text holds it.
_STAND_IN = "keptvaluestandin"
_PLAIN_VALUE = re.compile(r"[A-Za-z0-9_-]+")


@lru_cache(maxsize=256)
def _around(
    view_name: str,
    name: str,
    # Not read here: they are part of the key because reverse() reads them.
    urlconf: object,
    prefix: str,
    language: str | None,
) -> tuple[str, str] | None:
    address = reverse(view_name, kwargs={name: _STAND_IN})
    if address.count(_STAND_IN) != 1:
        return None
    before, after = address.split(_STAND_IN)
    return before, after


def reverse_with(view_name: str, name: str, value: str) -> str:
    """``reverse(view_name, kwargs={name: value})``, the address around ``value`` kept."""
    if _PLAIN_VALUE.fullmatch(value) is None:
        return reverse(view_name, kwargs={name: value})
    around = _around(
        view_name, name, get_urlconf(), get_script_prefix(), translation.get_language()
    )
    if around is None:
        return reverse(view_name, kwargs={name: value})
    return f"{around[0]}{value}{around[1]}"

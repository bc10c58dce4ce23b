"""``{% url %}`` with the reversed address kept per process.

Reversing a name walks the URL patterns and matches the candidate against its pattern: some
20 µs, and the agent's ticket page names fifty addresses (every action form's target). The
patterns do not change while a process runs, so the same name, values, URL configuration,
script prefix and language always give the same address; those are the key. Only plain
values (text, whole numbers, UUIDs) are kept; any other value is reversed as Django does.
Installed as a built-in (settings.TEMPLATES) so it replaces Django's tag everywhere.

Kept addresses alone do not help a page of a ticket opened for the first time: its reference
is part of every key, so each of its twenty addresses was reversed anew. An address whose
values are all plain text (letters, digits, "-" and "_", which quoting leaves alone) is
therefore put together from its shape: the name reversed once with stand-ins, and each value
put where its stand-in was. A shape is used only when stand-ins of other lengths and letters
give the same address that way, which holds for the str, slug and path converters and fails
for the others (numbers, UUIDs, fixed patterns): those names are reversed as before.
"""

import re
from collections.abc import Callable
from functools import lru_cache
from uuid import UUID

from django import template
from django.template import defaulttags
from django.template.base import Parser, Token
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils import translation
from django.utils.html import conditional_escape

from walletdesk.core.templatetags.kept_state import request_state

register = template.Library()

_PLAIN = (str, int, UUID)


@lru_cache(maxsize=4096)
def _reversed(
    view_name: str,
    args: tuple[object, ...],
    kwargs: tuple[tuple[str, object], ...],
    current_app: str | None,
    # Not read here: they are part of the key because reverse() reads them.
    urlconf: object,
    prefix: str,
    language: str | None,
) -> str:
    return reverse(view_name, args=args, kwargs=dict(kwargs), current_app=current_app)


# Text that quoting leaves as it is and that every permissive converter accepts.
_SHAPED_TEXT = re.compile(r"[A-Za-z0-9_-]+")
# Stand-ins, the i-th value's of each set: lower-case letters only (the set that finds where
# the values go), upper-case letters, digits, and a mix with the signs, of several lengths. A
# shape that puts each set where the first stood gives addresses for any text of _SHAPED_TEXT
# as reverse() would; a pattern that fits some of these kinds and not others gets no shape.
_STAND_INS = (
    lambda i: "wdkeptstandin" + "abcdefghij"[i],
    lambda i: "Q" + "ABCDEFGHIJ"[i],
    lambda i: f"{i}7",
    lambda i: f"x-9_Y{i}",
)
_MOST_VALUES = 10


def _filled(parts: tuple[str, ...], values: tuple[str, ...]) -> str:
    pieces = [parts[0]]
    for value, part in zip(values, parts[1:], strict=True):
        pieces.append(value)
        pieces.append(part)
    return "".join(pieces)


@lru_cache(maxsize=1024)
def _shape(
    view_name: str,
    names: tuple[str, ...] | int,
    current_app: str | None,
    urlconf: object,
    prefix: str,
    language: str | None,
) -> tuple[str, ...] | None:
    """The address of ``view_name`` cut where its values go, or None where it has no shape:
    ``names`` are the keyword arguments' names, or how many positional ones."""
    count = names if isinstance(names, int) else len(names)
    if count > _MOST_VALUES:
        return None

    def reversed_with(stand_in: Callable[[int], str]) -> tuple[str, tuple[str, ...]]:
        values = tuple(stand_in(i) for i in range(count))
        if isinstance(names, int):
            address = reverse(view_name, args=values, current_app=current_app)
        else:
            kwargs = dict(zip(names, values, strict=True))
            address = reverse(view_name, kwargs=kwargs, current_app=current_app)
        return address, values

    try:
        first, locators = reversed_with(_STAND_INS[0])
        parts: list[str] = []
        rest = first
        for locator in locators:
            head, found, rest = rest.partition(locator)
            if not found:
                return None
            parts.append(head)
        parts.append(rest)
        shape = tuple(parts)
        for stand_in in _STAND_INS[1:]:
            address, values = reversed_with(stand_in)
            if address != _filled(shape, values):
                return None
    except NoReverseMatch:
        return None
    return shape


def reverse_kept(
    view_name: str,
    args: list[object],
    kwargs: dict[str, object],
    current_app: str | None,
    state: tuple[str | None, object, str] | None = None,
) -> str:
    """reverse()'s address; ``state`` is (language, URL configuration, script prefix) where
    the caller has read them already (kept_state)."""
    values = (*args, *kwargs.values())
    if not isinstance(view_name, str) or not all(isinstance(v, _PLAIN) for v in values):
        return reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)
    language, urlconf, prefix = state or (
        translation.get_language(),
        get_urlconf(),
        get_script_prefix(),
    )
    if values and all(type(v) is str and _SHAPED_TEXT.fullmatch(v) for v in values):
        if args and kwargs:
            shape = None  # reverse() refuses the mix; let it say so
        else:
            names: tuple[str, ...] | int = tuple(kwargs) if kwargs else len(args)
            shape = _shape(view_name, names, current_app, urlconf, prefix, language)
        if shape is not None:
            return _filled(shape, values)  # type: ignore[arg-type]
    return _reversed(
        view_name,
        tuple(args),
        tuple(sorted(kwargs.items())),
        current_app,
        urlconf,
        prefix,
        language,
    )


class KeptURLNode(defaulttags.URLNode):
    def render(self, context: template.Context) -> str:
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {str(k): v.resolve(context) for k, v in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        try:
            current_app = context.request.current_app  # type: ignore[attr-defined]
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace  # type: ignore[attr-defined]
            except AttributeError:
                current_app = None
        url = ""
        try:
            url = reverse_kept(view_name, args, kwargs, current_app, request_state(context))
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser: Parser, token: Token) -> KeptURLNode:
    node = defaulttags.url(parser, token)
    return KeptURLNode(node.view_name, node.args, node.kwargs, node.asvar)
